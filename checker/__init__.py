"""Supervision frequency and due-date rules of five children's services policies.

Pure Python (stdlib + pydantic): no clock, no network, no I/O beyond this package's own data, so the
same code runs under CPython, on the command line and inside Pyodide in the browser.
"""

__version__ = "0.1.0"
