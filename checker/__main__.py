"""python -m checker: the command line of CONTRIBUTING.md, "Interfaces"."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
