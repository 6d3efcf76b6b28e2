"""`python -m sitegen build [--generator mkdocs|zensical]`: the whole site (what `make site` runs); its two
steps alone: `python -m sitegen generate DOCS OUT` before the site generator, `python -m sitegen finish
GENERATOR SITE DOCS` after it. A source the build cannot use stops it with the page named, never a traceback."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BuildError
from .finish import GENERATORS, finish
from .generate import generate
from .run import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen", description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)
    b = steps.add_parser("build", help="generate, run the site generator, finish: site/ from docs/")
    b.add_argument("--generator", choices=GENERATORS, default="mkdocs")
    b.add_argument("--site", type=Path, default=None, help="where the finished site goes (default: site/)")
    g = steps.add_parser("generate", help="docs/ in, finished Markdown out (before the site generator)")
    g.add_argument("docs", type=Path)
    g.add_argument("out", type=Path)
    f = steps.add_parser("finish", help="the built pages finished and the search index rewritten (after it)")
    f.add_argument("generator", choices=GENERATORS)
    f.add_argument("site", type=Path)
    f.add_argument("docs", type=Path, help="the generated sources the generator read")
    args = parser.parse_args(argv)
    try:
        if args.step == "build":
            times = build(Path.cwd(), args.generator, args.site)
            print(f"sitegen: {args.site or 'site'}/ built with {args.generator} in "
                  + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in times.items()))
        elif args.step == "generate":
            pages = generate(args.docs, args.out)
            print(f"sitegen: {len(pages)} pages generated into {args.out}")
        else:
            count = finish(args.site, args.docs, args.generator)
            print(f"sitegen: {count} pages finished in {args.site} ({args.generator})")
    except BuildError as error:
        print(f"sitegen: the build stopped: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
