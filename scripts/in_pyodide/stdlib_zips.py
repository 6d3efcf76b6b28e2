"""The standard library as the site ships it, made inside the site's Pyodide: `compile_stdlib` writes every
`.py` of the npm package's zip as a sourceless `.pyc` (plus the finder, `_handbook_stdlib`); `trim` keeps the
entries of the modules a start needs (and their packages' data files): the core.
"""

import importlib.util
import os
import sys
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # py_compile's own writer of hash-based .pyc

PREFIX = "/lib/python%d%d.zip/" % sys.version_info[:2]


def entry(name):
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def pyc(source, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = compile(source, PREFIX + name, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def compile_stdlib(src, dst, finder_source):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst + ".part", "w") as zout:
        for info in zin.infolist():
            if info.is_dir():
                continue
            name, body = info.filename, zin.read(info)
            if name.endswith(".py"):
                try:
                    body, name = pyc(body, name), name + "c"
                except SyntaxError:
                    pass
            zout.writestr(entry(name), body)
        zout.writestr(entry("_handbook_stdlib.pyc"), pyc(finder_source.encode(), "_handbook_stdlib.py"))
    os.rename(dst + ".part", dst)


def module(name):
    for ext in (".pyc", ".py"):
        if name.endswith(ext):
            parts = name[: -len(ext)].split("/")
            return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return None


def trim(src, dst, keep):
    keep = set(keep)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            name = info.filename
            if info.is_dir():
                continue
            mod = module(name)
            if (mod in keep) if mod is not None else (".".join(name.split("/")[:-1]) in keep):
                zout.writestr(entry(name), zin.read(info))
