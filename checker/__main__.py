"""python -m checker: the command line of DESIGN §4."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
