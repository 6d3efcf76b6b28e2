"""The comparison tables written in words, one row per policy, from the `[topics]` of each rule file.

A comparison page (docs/compare/) asks for a table with `<!-- topic:says PAGE/SECTION -->`; each policy's rule
file (checker/rules/<slug>.toml) says what that policy says there, under the same key, so a new policy's rows
come with its own file. A policy with no entry for a key gets a row saying it is not compared yet, linking to
its page; a key no policy has, or an entry no page asks for, stops the build (a misspelt key, a removed table).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.compile import rule_files

from .errors import BuildError
from .links import Where, policy_page

MARKER = re.compile(r"<!-- topic:says ([a-z0-9-]+/[a-z0-9-]+) -->")
HEAD = "| Policy | What the policy says |\n|---|---|"


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, str, dict[str, str]], ...]:
    """(policy id, short name, topics) for every rule file, in the policies' order (validated by checker.models)."""
    return tuple((r.policy.id, r.policy.short, dict(r.topics)) for r in rule_files())


def keys() -> set[str]:
    """Every topic key some policy has an entry for."""
    return {key for _, _, topics in _entries() for key in topics}


def _cell(text: str) -> str:
    return text.replace("\n", " ")


def says(where: Where, key: str) -> str:
    """The table for `key`: a row per policy, in the policies' order."""
    if key not in keys():
        raise BuildError(f"{where.src}: <!-- topic:says {key} --> names a topic no rule file has "
                         f"(add \"{key}\" under [topics] in checker/rules/<slug>.toml)")
    rows = [HEAD]
    for policy, short, topics in _entries():
        text = topics.get(key) or (f"*Not compared yet: see [{short}'s policy]"
                                   f"({where.md_link(policy_page(policy))}).*")
        rows.append(f"| {short} | {_cell(text)} |")
    return "\n".join(rows) + "\n"


def unused(used: set[str]) -> list[str]:
    """Entries of the rule files that no page asks for, as 'policy: key'."""
    return [f"checker/rules/{policy}.toml: [topics] \"{key}\"" for policy, _, topics in _entries()
            for key in topics if key not in used]
