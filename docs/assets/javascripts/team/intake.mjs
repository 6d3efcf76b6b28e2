/* Intake: the file chosen (picker, drag and drop, the worked example), its bytes read in the browser. A
 * spreadsheet (a zip file, "PK": .xlsx, .ods; or a Compound File: .xls, a protected workbook) goes to the
 * core's "team-sheet" command, for which the worker first loads python-calamine; everything else to "team".
 * Nothing leaves the browser. */
const STARTS = [[0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]];

export function isSpreadsheet(bytes) {
  return STARTS.some((start) => start.every((b, i) => bytes[i] === b));
}

/* Calls `choose(file, t0)` for a file picked or dropped; the input is emptied so that the same file, saved
 * again, can be chosen again. */
export function watchFiles(fileInput, drop, choose) {
  fileInput.addEventListener("change", () => {
    const t0 = performance.now();
    if (fileInput.files && fileInput.files[0]) choose(fileInput.files[0], t0);
    fileInput.value = "";
  });
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add("hb-drop--over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("hb-drop--over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) choose(f, performance.now());
  });
}

export async function readBytes(file) {
  return new Uint8Array(await file.arrayBuffer());
}
