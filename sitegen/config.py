"""The generator's configuration, written from mkdocs.yml with what comes from the rule files.

mkdocs.yml is the one configuration both generators read. The build writes build/mkdocs.yml from it, with:
- the navigation's policy lines, one per rule file in the policies' order, where mkdocs.yml says
  `# sitegen:policies` (and `# sitegen:induction`: a line per policy that has an induction checklist page);
- the count of policies in the site's description (`<!-- policies:count capital -->`);
- its paths seen from build/ (`docs_dir` is then build/docs, the theme's `custom_dir` ../overrides, and the
  site is written to build/site, since Zensical writes only inside the folder of its configuration).
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.rulebook import policy_ids

from .errors import BuildError
from .links import short
from .tables import policy_count

PLACEHOLDER = re.compile(r"^(?P<indent> *)# sitegen:(?P<what>[a-z]+)\s*$", re.M)
COUNT = re.compile(r"<!-- policies:count(?P<capital> capital)? -->")
DOCS_DIR = re.compile(r"^docs_dir: *(?P<path>\S+) *$", re.M)
CUSTOM_DIR = re.compile(r"^(?P<key> +custom_dir: *)(?P<path>\S+) *$", re.M)


def nav_lines(what: str, indent: str, docs_dir: Path) -> list[str]:
    """The navigation lines a placeholder stands for."""
    if what == "policies":
        return [f"{indent}- {short(p)}: policies/{p}.md" for p in policy_ids()]
    if what == "induction":
        return [f"{indent}- {short(p)} checklist: induction/{p}.md" for p in policy_ids()
                if (docs_dir / "induction" / f"{p}.md").exists()]
    raise BuildError(f"mkdocs.yml: unknown placeholder `# sitegen:{what}` (the build knows policies, induction)")


def generated_config(text: str, docs_dir: Path) -> str:
    """mkdocs.yml's text with the placeholders filled and the paths made relative to build/."""
    text = PLACEHOLDER.sub(lambda m: "\n".join(nav_lines(m["what"], m["indent"], docs_dir)), text)
    text = COUNT.sub(lambda m: policy_count(capital=bool(m["capital"])), text)
    if not DOCS_DIR.search(text) or DOCS_DIR.search(text)["path"] != "build/docs":
        raise BuildError("mkdocs.yml: `docs_dir: build/docs` is missing (the generator reads the generated pages)")
    text = DOCS_DIR.sub("docs_dir: docs\nsite_dir: site", text, count=1)
    return CUSTOM_DIR.sub(lambda m: m["key"] + "../" + m["path"], text, count=1)


def write_config(root: Path) -> Path:
    """Write build/mkdocs.yml from the repository's mkdocs.yml; its path."""
    root = Path(root)
    out = root / "build" / "mkdocs.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(generated_config((root / "mkdocs.yml").read_text(encoding="utf-8"), root / "docs"),
                   encoding="utf-8")
    return out
