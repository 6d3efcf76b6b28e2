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
  const unpacker = snapshotUnpacker();
  unpacker.push(packed);
  return unpacker.end();
}

/** The same, as the packed file arrives: `push(bytes)` each piece in order, then `end()` gives {snapshot,
 * fill}. `sized` resolves, as soon as the head has been read, with the snapshot's buffer, of its full size
 * and still being written (so that Pyodide can be sized and set up while the rest arrives); with null for a
 * file without the mark, whose size is known only at its end. */
export function snapshotUnpacker() {
  let head = new Uint8Array(0); // the head and the table, until both are in
  let plain = null; // the pieces of a file without the mark
  let snapshot = null, kept = null, copies = null, memoryAt = 0;
  let k = 0, into = 0; // writing the k-th kept stretch, `into` bytes in
  let sizedNow;
  const sized = new Promise((resolve) => { sizedNow = resolve; });
  const damaged = () => new Error("the snapshot's table of contents is damaged");

  function readHead() {
    if (head.length >= MAGIC.length && MAGIC.some((b, i) => head[i] !== b)) {
      plain = [head];
      sizedNow(null);
      return;
    }
    if (head.length < HEAD) return;
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const [version, size, count, fromMemory, at] = [4, 8, 12, 16, 20].map((o) => view.getUint32(o, true));
    if (version !== VERSION) throw damaged();
    const tableEnd = HEAD + 8 * (count + fromMemory);
    if (head.length < tableEnd) return;
    const stretch = (i) => [view.getUint32(HEAD + 8 * i, true), view.getUint32(HEAD + 4 + 8 * i, true)];
    kept = Array.from({ length: count }, (_, i) => stretch(i));
    copies = Array.from({ length: fromMemory }, (_, i) => stretch(count + i));
    memoryAt = at;
    if (kept.some(([offset, length]) => offset + length > size)) throw new Error("the snapshot is shorter than its table of contents says");
    if (copies.some(([offset, length]) => offset < Math.max(memoryAt, 4) || offset + length > size)) throw damaged();
    snapshot = new Uint8Array(size);
    sizedNow(snapshot);
    const rest = head.subarray(tableEnd);
    head = null;
    write(rest);
  }

  function write(bytes) {
    for (let p = 0; p < bytes.length;) {
      if (k >= kept.length) throw new Error("the snapshot is longer than its table of contents says");
      const [offset, length] = kept[k];
      const n = Math.min(length - into, bytes.length - p);
      snapshot.set(bytes.subarray(p, p + n), offset + into);
      p += n;
      into += n;
      if (into === length) { k++; into = 0; }
    }
  }

  return {
    sized,
    push(bytes) {
      if (plain) plain.push(bytes);
      else if (kept) write(bytes);
      else {
        const joined = new Uint8Array(head.length + bytes.length);
        joined.set(head);
        joined.set(bytes, head.length);
        head = joined;
        readHead();
      }
    },
    end() {
      if (!plain && !kept) { // too short for a head: taken as it is (Pyodide refuses it)
        if (head.length >= HEAD) throw damaged();
        plain = [head];
        sizedNow(null);
      }
      if (plain) {
        const whole = new Uint8Array(plain.reduce((n, piece) => n + piece.length, 0));
        let at = 0;
        for (const piece of plain) { whole.set(piece, at); at += piece.length; }
        return { snapshot: whole, fill: () => {} };
      }
      if (k < kept.length) throw new Error("the snapshot is shorter than its table of contents says");
      if (!copies.length) return { snapshot, fill: () => {} };
      const mark = snapshot.slice(0, 4);
      snapshot.fill(0, 0, 4);
      const fill = (memory) => {
        if (memory.length < snapshot.length - memoryAt) return; // not this snapshot's module: left unmarked, so refused
        for (const [offset, length] of copies) snapshot.set(memory.subarray(offset - memoryAt, offset - memoryAt + length), offset);
        snapshot.set(mark, 0);
      };
      return { snapshot, fill };
    },
  };
}
