"""Run before the snapshot is taken, once every module of the core is imported: Python forgets the core's zip
(its place on sys.path, its cached table of contents and its importers). The worker restores the snapshot
on an empty zip, and any other module comes through the finder from the whole library."""

import sys
import zipimport


def detach_core():
    core = "/lib/python%d%d.zip" % sys.version_info[:2]
    sys.path[:] = [p for p in sys.path if p != core]
    for key in [k for k in sys.path_importer_cache if k == core or k.startswith(core + "/")]:
        del sys.path_importer_cache[key]
    zipimport._zip_directory_cache.pop(core, None)
