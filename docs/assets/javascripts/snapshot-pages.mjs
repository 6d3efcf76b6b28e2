// The start-up snapshot's file format: a Pyodide memory snapshot without what the browser has already.
//
// A snapshot is the whole of Python's memory, 31 MB. Two kinds of its 64 KiB pages need not be downloaded
// and unpacked on the way to the first answer:
// - pages of zeros (the heap's unused space, more than half of it): every run of at least MIN_RUN of them
//   is left out, and the worker puts the rest back into a buffer of the full size, which the browser hands
//   over already zeroed;
// - pages that still hold exactly what pyodide.asm.wasm writes into memory as it is instantiated (its data
//   segments: Python's constant tables, 3 of the 13 MB that are not zeros): they are written as zeros, and
//   the worker copies them from the module's memory the moment it is instantiated, before any of its code
//   runs (`fill`). Until then the snapshot's first four bytes (Pyodide's mark) are zero, so Pyodide refuses
//   a snapshot that was never filled rather than restore it half-made.
// Used by the build (scripts/pyodide_startup.mjs, which checks that unpacking gives back the snapshot byte
// for byte), the worker (checker-worker.mjs) and the start-up test (tests/pyodide/startup.mjs).
//
//   "HBSP" | version 2 | full length | n | m | memory at | n x (offset, length) | m x (offset, length)
//   | the n stretches kept, in order
//   (little-endian unsigned 32-bit numbers; the m stretches are those to copy from memory, whose address 0
//   is the snapshot's byte `memory at`; a snapshot without the "HBSP" mark is taken as it is)

const MAGIC = [0x48, 0x42, 0x53, 0x50]; // "HBSP"
const VERSION = 2;
const HEAD = 24;
const PAGE = 65536;
const MIN_RUN = 4;

function isEmpty(bytes, start, end) {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Consecutive pages for which `test(page)` holds, as [offset, length] stretches of a `size`-byte buffer. */
function runs(size, test, minRun = 1) {
  const pages = Math.ceil(size / PAGE);
  const found = [];
  for (let p = 0; p < pages;) {
    let q = p;
    while (q < pages && test(q)) q++;
    if (q - p >= minRun) found.push([p * PAGE, Math.min(size, q * PAGE) - p * PAGE]);
    p = q > p ? q : p + 1;
  }
  return found;
}

/** A reader of the wasm binary `wasm` from byte `at`: `leb()` reads an unsigned LEB128 number, `byte()` one
 * byte, `at` is where it stands. */
function wasmReader(wasm, at = 8) {
  const r = {
    at,
    byte: () => wasm[r.at++],
    leb: () => {
      let value = 0, shift = 0, byte;
      do { byte = wasm[r.at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    },
  };
  return r;
}

const isWasm = (wasm) => wasm.length >= 8 && wasm[0] === 0 && wasm[1] === 0x61 && wasm[2] === 0x73 && wasm[3] === 0x6d;

/** The bytes of memory a wasm module that defines its own memory starts with (the memory section's minimum,
 * in 64 KiB pages): the heap Pyodide restores a snapshot into. null if the module imports its memory or has
 * none. For the build (scripts/pyodide_startup.mjs), which refuses a snapshot whose memory is larger. */
export function initialMemory(wasm) {
  if (!isWasm(wasm)) return null;
  const r = wasmReader(wasm);
  while (r.at < wasm.length) {
    const id = r.byte();
    const length = r.leb();
    if (id !== 5) { r.at += length; continue; }
    if (r.leb() < 1) return null;
    r.leb(); // limits flags
    return r.leb() * PAGE;
  }
  return null;
}

/** Memory as a wasm module leaves it when instantiated, `size` bytes: zeros and its active data segments;
 * null when a segment's address is not a constant. For the build and the tests; the worker reads memory. */
export function memoryImage(wasm, size) {
  if (!isWasm(wasm)) return null;
  const r = wasmReader(wasm);
  const leb = r.leb;
  const image = new Uint8Array(size);
  while (r.at < wasm.length) {
    const id = r.byte();
    const length = leb();
    if (id !== 11) { r.at += length; continue; }
    for (let n = leb(); n > 0; n--) {
      const flags = leb();
      if (flags === 1) { r.at += leb(); continue; } // passive: not written at start
      if ((flags === 2 && leb() !== 0) || (flags !== 0 && flags !== 2)) return null; // another memory, or unknown
      if (r.byte() !== 0x41) return null; // i32.const
      const address = leb();
      if (r.byte() !== 0x0b) return null;
      const bytes = leb();
      if (address + bytes > size) return null;
      image.set(wasm.subarray(r.at, r.at + bytes), address); // in order: a later segment overwrites an earlier one
      r.at += bytes;
    }
  }
  return image;
}

/** The snapshot `bytes` packed. Given `wasm` (the bytes of the module the snapshot was made with) and
 * `memoryAt` (where memory starts in the snapshot), the pages its data segments give back are left out. */
export function packSnapshot(bytes, { wasm = null, memoryAt = 0 } = {}) {
  const image = wasm ? memoryImage(wasm, bytes.length - memoryAt) : null;
  let fromMemory = [];
  let rest = bytes;
  if (image) {
    const firstPage = Math.ceil(memoryAt / PAGE);
    fromMemory = runs(bytes.length, (p) => {
      const start = p * PAGE, end = Math.min(bytes.length, start + PAGE);
      return p >= firstPage && !isEmpty(image, start - memoryAt, end - memoryAt) &&
        sameBytes(bytes.subarray(start, end), image.subarray(start - memoryAt, end - memoryAt));
    });
    rest = bytes.slice();
    for (const [offset, length] of fromMemory) rest.fill(0, offset, offset + length);
  }
  const kept = [];
  let at = 0;
  for (const [offset, length] of runs(rest.length, (p) => isEmpty(rest, p * PAGE, Math.min(rest.length, (p + 1) * PAGE)), MIN_RUN)) {
    if (offset > at) kept.push([at, offset - at]);
    at = offset + length;
  }
  if (at < rest.length) kept.push([at, rest.length - at]);
  const table = [...kept, ...fromMemory];
  const head = new DataView(new ArrayBuffer(HEAD + 8 * table.length));
  MAGIC.forEach((b, i) => head.setUint8(i, b));
  [VERSION, bytes.length, kept.length, fromMemory.length, memoryAt].forEach((v, i) => head.setUint32(4 + 4 * i, v, true));
  table.forEach(([offset, length], i) => {
    head.setUint32(HEAD + 8 * i, offset, true);
    head.setUint32(HEAD + 4 + 8 * i, length, true);
  });
  const out = new Uint8Array(head.byteLength + kept.reduce((n, [, length]) => n + length, 0));
  out.set(new Uint8Array(head.buffer), 0);
  at = head.byteLength;
  for (const [offset, length] of kept) {
    out.set(rest.subarray(offset, offset + length), at);
    at += length;
  }
  const back = unpackSnapshot(out);
  if (image) back.fill(image);
  if (!sameBytes(back.snapshot, bytes)) throw new Error("the packed snapshot does not unpack to the snapshot");
  return out;
}

/** {snapshot, fill}: the snapshot as Pyodide takes it, and `fill(memory)`, which copies in the pages left to
 * the module's memory (a Uint8Array of it, just instantiated) and only then gives the snapshot back its first
 * four bytes. Throws on a packed file that does not add up (a damaged download). */
export function unpackSnapshot(packed) {
  if (packed.length < HEAD || MAGIC.some((b, i) => packed[i] !== b)) return { snapshot: packed, fill: () => {} };
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const [version, size, count, fromMemory, memoryAt] = [4, 8, 12, 16, 20].map((at) => view.getUint32(at, true));
  if (version !== VERSION || HEAD + 8 * (count + fromMemory) > packed.length) throw new Error("the snapshot's table of contents is damaged");
  const stretch = (i) => [view.getUint32(HEAD + 8 * i, true), view.getUint32(HEAD + 4 + 8 * i, true)];
  const snapshot = new Uint8Array(size);
  let at = HEAD + 8 * (count + fromMemory);
  for (let i = 0; i < count; i++) {
    const [offset, length] = stretch(i);
    if (offset + length > size || at + length > packed.length) throw new Error("the snapshot is shorter than its table of contents says");
    snapshot.set(packed.subarray(at, at + length), offset);
    at += length;
  }
  if (at !== packed.length) throw new Error("the snapshot is longer than its table of contents says");
  const copies = Array.from({ length: fromMemory }, (_, i) => stretch(count + i));
  if (copies.some(([offset, length]) => offset < Math.max(memoryAt, 4) || offset + length > size)) {
    throw new Error("the snapshot's table of contents is damaged");
  }
  if (!copies.length) return { snapshot, fill: () => {} };
  const mark = snapshot.slice(0, 4);
  snapshot.fill(0, 0, 4);
  const fill = (memory) => {
    if (memory.length < size - memoryAt) return; // not this snapshot's module: left unmarked, so refused
    for (const [offset, length] of copies) snapshot.set(memory.subarray(offset - memoryAt, offset - memoryAt + length), offset);
    snapshot.set(mark, 0);
  };
  return { snapshot, fill };
}
