"""Byte-compiles pure wheels inside the site's Pyodide (so the magic number is its own), as Pyodide does for
its own packages: each `.py` becomes a sourceless, hash-based `.pyc` (no timestamps, so the same input gives
the same wheel), RECORD and the tag updated. `compile_wheels(jobs)` takes [source, destination, tag] triples.
"""

import base64
import hashlib
import importlib.util
import site
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # py_compile's own writer of hash-based .pyc


def record_line(path, body):
    digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(body)}\n"


def compile_wheel(src, dst, site_packages, tag):
    with zipfile.ZipFile(src) as zin:
        entries = [(i.filename, zin.read(i)) for i in zin.infolist() if not i.is_dir()]
    out, record_name = [], None
    for name, body in entries:
        if name.endswith(".dist-info/RECORD"):
            record_name = name
            continue
        if name.endswith(".dist-info/WHEEL"):
            lines = [line for line in body.decode().splitlines() if not line.startswith("Tag:")]
            body = ("\n".join(lines) + f"\nTag: {tag}\n").encode()
        elif name.endswith(".py"):
            try:
                code = compile(body, f"{site_packages}/{name}", "exec", dont_inherit=True)
            except SyntaxError:
                pass  # shipped as source, as the wheel had it
            else:
                body = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(body), checked=False))
                name += "c"
        out.append((name, body))
    record = "".join(record_line(n, b) for n, b in out) + f"{record_name},,\n"
    out.append((record_name, record.encode()))
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, body in out:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, body)


def compile_wheels(jobs):
    for src, dst, tag in jobs:
        compile_wheel(src, dst, site.getsitepackages()[0], tag)
