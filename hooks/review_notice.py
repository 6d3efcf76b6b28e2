"""MkDocs hook: a notice at the top of a policy's pages when the policy's review date has passed.

Whether a review date has passed is worked out at build time from the review date in
checker/rules/<slug>.toml (`wording.document_control`), so the notice, the policy index and "What changed
and when" always agree. The notice goes
under the title of the policy page and of its induction page.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date

from checker import api, wording

PAGES = re.compile(r"(?:policies|induction)/(?P<slug>[a-z-]+)\.md")


def notice(policy: dict, page_src: str) -> str:
    changes = posixpath.relpath("changes.md", posixpath.dirname(page_src))
    dc = wording.document_control(policy, date.today())
    return (
        f'!!! danger "This policy’s review date has passed"\n\n'
        f"    {policy['authority']} set {dc['review']} as the review date of this version "
        f"({dc['version'].lower()}). "
        f"The text may have been revised or replaced since: check the current version with "
        f"{policy['authority']} before you rely on it. See [What changed and when]({changes}).\n\n"
    )


def on_page_markdown(markdown, page, config, files):
    m = PAGES.fullmatch(page.file.src_uri)
    if not m:
        return markdown
    policy = next((p for p in api.policies() if p["id"] == m["slug"]), None)
    if policy is None or not wording.document_control(policy, date.today())["review_passed"]:
        return markdown
    # After the page's `# Title` line (and its subtitle paragraph, if any, stays below the notice).
    return re.sub(r"^(# .+\n)", lambda t: t.group(1) + "\n" + notice(policy, page.file.src_uri), markdown,
                  count=1, flags=re.M)
