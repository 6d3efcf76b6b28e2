"""A requirement quoted in running text from the rulebook, so a page never retypes a deadline.

`<!-- rule:somerset-6.2-write-up -->` anywhere in a line (for example in a checklist item) becomes the
requirement's summary, how the checker reads it, and the link to its paragraph:

    Every supervision discussion written up within three working days ([Somerset 6.2](../policies/somerset.md#p6-2);
    *read as: within 3 working days of each session*)

A sentence that follows the marker needs its own full stop: `<!-- rule:somerset-6.2-write-up -->. Then …`.

The id is the rule's `id` in checker/rules/<policy>.toml; an unknown id stops the build with the page's name.
"""

from __future__ import annotations

from functools import lru_cache

from checker import api, wording

from .errors import BuildError
from .links import Where
from .tables import cite


@lru_cache(maxsize=1)
def rules_by_id() -> dict[str, dict]:
    return {r["id"]: r for r in api.rules()}


def render(where: Where, rule_id: str) -> str:
    req = rules_by_id().get(rule_id)
    if req is None:
        raise BuildError(f"{where.src}: <!-- rule:{rule_id} --> names no rule in checker/rules/")
    cites = cite(where, req["policy"], [req["section"], *req.get("also_cites", [])], with_policy=True)
    when = wording.describe_schedule(req) if req["computable"] else ""
    when = f"; *read as: {when}*" if when and not when.startswith("The frequency agreed") else ""
    return f"{req['summary'].rstrip('.')} ({cites}{when})"
