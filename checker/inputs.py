"""What a person types (command-line arguments, the checker's URL and form fields), read the same way in
CPython and in the browser: whole numbers, and the way bad input is quoted back in an error message.

Only the ASCII digits 0-9 make a number: Python's int() also takes "1_000", "+5", " 7 " and other
scripts' digits ("١٢"), which a form must not silently accept. An error quotes the input on one line
(newlines and control characters escaped) and at most ECHO_CHARS characters of it, so a 5,000-digit
entry gives a one-line message.
"""

from __future__ import annotations

import re

from .errors import CheckerError

ECHO_CHARS = 40
_WHOLE = re.compile(r"[0-9]+")


def echo(value: object) -> str:
    """The input, quoted for an error message: one line, ASCII-safe, cut to ECHO_CHARS characters."""
    text = str(value)
    if len(text) <= ECHO_CHARS:
        return ascii(text)
    return f"{ascii(text[:ECHO_CHARS])}... ({len(text):,} characters)"


def parse_whole_number(value: object, field: str, maximum: int, unit: str) -> int:
    """A whole number from 0 to `maximum` written with the digits 0-9 (spaces around it allowed)."""
    text = str(value).strip()
    if not _WHOLE.fullmatch(text):
        raise CheckerError(field, f"{echo(value)} is not a whole number of {unit} (use the digits 0-9 only)")
    if len(text) > len(str(maximum)) or int(text) > maximum:
        raise CheckerError(field, f"{echo(text)} is more than {maximum:,} {unit}")
    return int(text)
