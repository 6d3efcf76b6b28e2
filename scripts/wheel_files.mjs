// Wheels written into Pyodide's file system the way the browser's worker does it (checker-worker.mjs,
// fsInit), for the two Node scripts that start Pyodide like a browser would: the build's start-up maker
// (scripts/pyodide_startup.mjs) and the start-up test (tests/pyodide/startup.mjs).
import { inflateRawSync } from "node:zlib";

/** The files of a zip (a wheel, or the standard library), as [{path, data}]; folders left out. */
export function unzip(buffer) {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let end = buffer.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let n = 0; n < count; n++) {
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = buffer.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + skip;
    if (path.endsWith("/")) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = buffer.subarray(start, start + size);
    out.push({ path, data: method === 0 ? new Uint8Array(raw) : new Uint8Array(inflateRawSync(raw)) });
  }
  return out;
}

/** Pyodide's `fsInit` writing these wheels' files into site-packages, without their .dist-info folders
 *  (as the worker leaves them out: Pyodide would record them as JavaScript objects, which a memory snapshot
 *  cannot hold). */
export function writeWheels(wheels) {
  return async (FS, { sitePackages }) => {
    for (const files of wheels) {
      for (const f of files) {
        if (/^[^/]+\.dist-info\//.test(f.path)) continue;
        const path = `${sitePackages}/${f.path}`;
        FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
        FS.writeFile(path, f.data);
      }
    }
  };
}
