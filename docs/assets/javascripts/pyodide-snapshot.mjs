// Pyodide's memory snapshot: the only place this site calls Pyodide APIs that Pyodide does not publish as
// stable (issue 21 item 3). The worker restores the build's snapshot with `restoring`; the build
// (scripts/pyodide_startup.mjs) makes it with `snapshotting` and `takeSnapshot`. A Pyodide upgrade that
// renames or drops any of them fails tests/test_pyodide_snapshot_api.py (a snapshot made and restored
// through this module under Node must come back with what it held), not the reader's start, silently.
// Why these are used, and what would replace them: docs/decisions/2026-12-04-pyodide-runtime.md.

/** The names this module relies on, for the upgrade test: loadPyodide's options and the API's method. */
export const PRIVATE_API = { restore: "_loadSnapshot", make: "_makeSnapshot", take: "makeMemorySnapshot" };

/** loadPyodide options that restore `image` (a snapshot's bytes, or a promise of them) instead of starting
 *  Python: no interpreter start-up, no imports. */
export function restoring(image) {
  return { [PRIVATE_API.restore]: image };
}

/** loadPyodide options for a start whose memory can be taken as a snapshot later. */
export function snapshotting() {
  return { [PRIVATE_API.make]: true };
}

/** The memory snapshot of `pyodide` (started with `snapshotting()`), as bytes. */
export function takeSnapshot(pyodide) {
  return pyodide[PRIVATE_API.take]();
}
