"""The generator's configuration, written from mkdocs.yml with what comes from the rule files.

mkdocs.yml is the one configuration both generators read. The build writes build/mkdocs.yml from it, with:
- the navigation's policy lines, one per rule file in the policies' order, where mkdocs.yml says
  `# sitegen:policies` (and `# sitegen:induction`: a line per policy that has an induction checklist page);
- the count of policies in the site's description (`<!-- policies:count capital -->`);
- its paths seen from build/ (`docs_dir` is then build/docs, the theme's `custom_dir` ../overrides, and the
  site is written to build/site, since Zensical writes only inside the folder of its configuration).
"""

from __future__ import annotations

import functools
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


# Up to this many policies the menu lists them in the policies' own order. Beyond it a reader cannot scan one
# list (and every page would carry every policy's line: at 150 policies, two thirds of a page's HTML), so the menu
# groups them by initial letter, A to Z, and shows only the open group's policies (`navigation.prune`).
MENU_LIST_UP_TO = 20
MENU_GROUP_SIZE = 15


def menu_groups(policies: list[tuple[str, str]]) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """The menu's policies ([(id, short name)], in their order) as [(group label or None, its policies)]: one
    group without a label, or, beyond MENU_LIST_UP_TO, letter groups ("A to C") of at most MENU_GROUP_SIZE
    where the letters allow (one letter is never split), each listing its policies alphabetically."""
    if len(policies) <= MENU_LIST_UP_TO:
        return [(None, list(policies))]
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for id_, name in sorted(policies, key=lambda p: _in_reading_order(p[1])):
        by_letter.setdefault(name[:1].upper(), []).append((id_, name))
    groups: list[list[str]] = []  # letters
    for letter in by_letter:
        if groups and sum(len(by_letter[x]) for x in groups[-1]) + len(by_letter[letter]) <= MENU_GROUP_SIZE:
            groups[-1].append(letter)
        else:
            groups.append([letter])
    return [(letters[0] if len(letters) == 1 else f"{letters[0]} to {letters[-1]}",
             [p for x in letters for p in by_letter[x]]) for letters in groups]


def policy_menu(policies: list[tuple[str, str]], indent: str) -> list[str]:
    """The menu lines for `policies` ([(id, short name)], in their order)."""
    lines = []
    for label, members in menu_groups(policies):
        inner = indent if label is None else indent + "    "
        if label is not None:
            lines.append(f'{indent}- "{label}":')
        lines += [f"{inner}- {name}: policies/{id_}.md" for id_, name in members]
    return lines


def menu_path(policy: str) -> list[str]:
    """Where the policy's page is in the menu below "Policies": [its letter group, its name] or [its name]."""
    return _menu_paths()[policy]


@functools.cache
def _menu_paths() -> dict[str, list[str]]:
    return {id_: [label, name] if label else [name]
            for label, members in menu_groups([(p, short(p)) for p in policy_ids()]) for id_, name in members}


def _in_reading_order(name: str) -> list:
    """A sort key that reads numbers as numbers: "Sefton 2" before "Sefton 10"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def nav_lines(what: str, indent: str, docs_dir: Path) -> list[str]:
    """The navigation lines a placeholder stands for."""
    if what == "policies":
        return policy_menu([(p, short(p)) for p in policy_ids()], indent)
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
