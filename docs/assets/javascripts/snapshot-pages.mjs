// The start-up snapshot's file format: a Pyodide memory snapshot without its long runs of empty memory.
//
// More than half of the 31 MB a snapshot holds is pages of zeros (the heap's unused space). Unpacking a gzip
// of them still costs the browser time, byte by byte, on the way to the first answer; so the build leaves
// out every run of at least MIN_RUN empty 64 KiB pages, and the worker puts the rest back into a buffer of the
// full size, which the browser hands over already zeroed. Used by the build (scripts/pyodide_startup.mjs),
// the worker (checker-worker.mjs) and the start-up test (tests/pyodide/startup.mjs).
//
//   "HBSP" | version 1 | full length | n | n x (offset, length) | the n stretches kept, in order
//   (little-endian unsigned 32-bit numbers; a snapshot without the "HBSP" mark is taken as it is)

const MAGIC = [0x48, 0x42, 0x53, 0x50]; // "HBSP"
const PAGE = 65536;
const MIN_RUN = 4;

function isEmpty(bytes, start, end) {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The stretches of `bytes` to keep, as [offset, length]: all but the runs of at least MIN_RUN empty pages. */
function stretches(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const empty = Array.from({ length: pages }, (_, p) => isEmpty(bytes, p * PAGE, Math.min(bytes.length, (p + 1) * PAGE)));
  const kept = [];
  let at = 0;
  for (let p = 0; p < pages;) {
    let q = p;
    while (q < pages && empty[q]) q++;
    if (q - p >= MIN_RUN) {
      if (p * PAGE > at) kept.push([at, p * PAGE - at]);
      at = Math.min(bytes.length, q * PAGE);
    }
    p = q > p ? q : p + 1;
  }
  if (at < bytes.length) kept.push([at, bytes.length - at]);
  return kept;
}

export function packSnapshot(bytes) {
  const kept = stretches(bytes);
  const head = new DataView(new ArrayBuffer(16 + 8 * kept.length));
  MAGIC.forEach((b, i) => head.setUint8(i, b));
  head.setUint32(4, 1, true);
  head.setUint32(8, bytes.length, true);
  head.setUint32(12, kept.length, true);
  kept.forEach(([offset, length], i) => {
    head.setUint32(16 + 8 * i, offset, true);
    head.setUint32(20 + 8 * i, length, true);
  });
  const out = new Uint8Array(head.byteLength + kept.reduce((n, [, length]) => n + length, 0));
  out.set(new Uint8Array(head.buffer), 0);
  let at = head.byteLength;
  for (const [offset, length] of kept) {
    out.set(bytes.subarray(offset, offset + length), at);
    at += length;
  }
  return out;
}

/** The snapshot as Pyodide takes it; throws on a packed file that does not add up (a damaged download). */
export function unpackSnapshot(packed) {
  if (packed.length < 16 || MAGIC.some((b, i) => packed[i] !== b)) return packed;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const [version, size, count] = [view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true)];
  if (version !== 1 || 16 + 8 * count > packed.length) throw new Error("the snapshot's table of contents is damaged");
  const out = new Uint8Array(size);
  let at = 16 + 8 * count;
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(16 + 8 * i, true);
    const length = view.getUint32(20 + 8 * i, true);
    if (offset + length > size || at + length > packed.length) throw new Error("the snapshot is shorter than its table of contents says");
    out.set(packed.subarray(at, at + length), offset);
    at += length;
  }
  if (at !== packed.length) throw new Error("the snapshot is longer than its table of contents says");
  return out;
}
