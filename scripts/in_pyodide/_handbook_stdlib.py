"""Loads the rest of the standard library when something outside the checker's core is imported.

Shipped in the core of the standard library: once the worker has enabled it, the first time a module outside
the core is imported, it asks the worker (`handbookLoadFullStdlib`, a synchronous download there) to write
the whole standard library at FULL, puts that on sys.path after the core (and, for a submodule of a package
the core holds part of, on that package's __path__), and finds the module there. Where no such loader exists
(the build under Node) it finds nothing, so the import fails as it would have, and it tries again next time.
"""

import sys

FULL = "/lib/python_stdlib_full.zip"


class FullStdlib:
    load = None  # the worker's loader, set by enable() once Python runs there (never in a snapshot)
    tried = loaded = False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if not cls.loaded:
            if cls.load is None or cls.tried:
                return None
            cls.tried = True
            try:
                if not cls.load(FULL):
                    return None
            except Exception:
                return None
            cls.loaded = True
            sys.path.append(FULL)
        import importlib.machinery

        importlib.invalidate_caches()
        if path is None:
            return importlib.machinery.PathFinder.find_spec(name)
        core = "/lib/python%d%d.zip/" % sys.version_info[:2]
        extra = [FULL + p[len(core) - 1:] for p in path if p.startswith(core)]
        if not extra:
            return None
        for p in extra:
            if isinstance(path, list) and p not in path:
                path.append(p)
        return importlib.machinery.PathFinder.find_spec(name, extra)

    @classmethod
    def invalidate_caches(cls):
        pass


def enable():
    """Called by the worker after start-up: from now on a miss asks its loader for the whole library."""
    import js

    FullStdlib.load = getattr(js, "handbookLoadFullStdlib", None)


def install():
    if FullStdlib not in sys.meta_path:
        sys.meta_path.append(FullStdlib)


def exercise(core_import):
    """One round of questions (one due date for every role of the first policy), asked by the worker in slices
    after the first answer: enough rounds get the browser's wasm compiler to optimise Python's hot code, after
    which Chromium keeps the compiled wasm for the next visit (its code cache). One policy: the code is the same
    for all, and each policy's rules are fetched when first asked about (150 policies would be 150 downloads)."""
    import importlib

    api = importlib.import_module(core_import)
    for policy in (api.call("policies", {}).get("ok") or [])[:1]:
        for role in api.call("roles", {"policy": policy.get("id")}).get("ok") or []:
            api.call("due", {"policy": policy.get("id"), "role": role.get("id"), "start": "2024-01-08",
                             "session": ["2024-02-01"], "on": "2024-03-10"})
