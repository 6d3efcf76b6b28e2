"""MkDocs hook: a requirement quoted in running text from the rule data, so a page never retypes a deadline.

`<!-- rule:somerset-6.2-write-up -->` anywhere in a line (for example in a checklist item) becomes the
requirement's summary, how the checker reads it, and the link to its paragraph:

    Every supervision discussion written up within three working days ([Somerset 6.2](../policies/somerset.md#p6-2);
    *read as: within 3 working days of each session*)

A sentence that follows the marker needs its own full stop: `<!-- rule:somerset-6.2-write-up -->. Then …`.

The id is the rule's `id` in checker/rules/<policy>.toml; an unknown id stops the build with the page's name.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from checker import api
from checker.rulebook import policy_ids

POLICY_IDS = policy_ids()

# The sibling hook's wording and links, so a reading and a citation are written one way everywhere (the
# hooks folder is on sys.path while MkDocs loads a hook).
from rules_tables import _cite, _schedule_text
MARKER = re.compile(r"<!-- rule:(?P<id>[A-Za-z0-9.-]+) -->")

_rules: dict[str, dict] | None = None


def rules_by_id() -> dict[str, dict]:
    global _rules
    if _rules is None:
        _rules = {r["id"]: r for policy in POLICY_IDS for r in api.rules(policy)}
    return _rules


def render(rule_id: str, page_src: str) -> str:
    req = rules_by_id().get(rule_id)
    if req is None:
        raise PluginError(f"{page_src}: <!-- rule:{rule_id} --> names no rule in checker/rules/")
    cites = _cite(page_src, req["policy"], [req["section"], *req.get("also_cites", [])], with_policy=True)
    when = _schedule_text(req) if req["computable"] else ""
    when = f"; *read as: {when}*" if when and not when.startswith("The frequency agreed") else ""
    return f"{req['summary'].rstrip('.')} ({cites}{when})"


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    return MARKER.sub(lambda m: render(m["id"], src), markdown)
