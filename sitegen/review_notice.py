"""A notice at the top of a policy's pages when the policy's review date has passed.

Whether a review date has passed is worked out at build time from the review date in
checker/rules/<slug>.toml (`wording.document_control`), so the notice, the policy index and "What changed
and when" always agree. The notice goes under the title of the policy page and of its induction page.
"""

from __future__ import annotations

import re
from datetime import date

from checker import api, wording

from .links import Where

PAGES = re.compile(r"(?:policies|induction)/(?P<slug>[a-z0-9-]+)\.md")
CHANGES = "changes.md"


def notice(where: Where, policy: dict) -> str:
    dc = wording.document_control(policy, date.today())
    return (
        f'!!! danger "This policy’s review date has passed"\n\n'
        f"    {policy['authority']} set {dc['review']} as the review date of this version "
        f"({dc['version'].lower()}). "
        f"The text may have been revised or replaced since: check the current version with "
        f"{policy['authority']} before you rely on it. See [What changed and when]({where.md_link(CHANGES)}).\n\n"
    )


def add_notice(markdown: str, where: Where) -> str:
    m = PAGES.fullmatch(where.src)
    if not m:
        return markdown
    policy = next((p for p in api.policies() if p["id"] == m["slug"]), None)
    if policy is None or not wording.document_control(policy, date.today())["review_passed"]:
        return markdown
    # After the page's `# Title` line (and its subtitle paragraph, if any, stays below the notice).
    return re.sub(r"^(# .+\n)", lambda t: t.group(1) + "\n" + notice(where, policy), markdown, count=1, flags=re.M)
