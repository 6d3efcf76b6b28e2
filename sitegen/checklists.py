"""The induction checklists' tick-boxes can be ticked, and each one is named by its item.

pymdownx.tasklist renders `- [ ] item` as a disabled checkbox inside an empty label, which a screen reader
announces as an unnamed control (axe: "Form elements must have labels"). On the pages under induction/, each
box is enabled (ticks are not saved: the page says so) and gets `aria-label` from the text of its item.
"""

from __future__ import annotations

import html
import re

ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control">)<input type="checkbox"( checked)? disabled/>'
    r"(<span class=\"task-list-indicator\"></span></label>)(?P<rest>.*?)(?=<ul|<ol|</li>)",
    re.S,
)


def _name(fragment: str) -> str:
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()
    return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "…"


def enable_boxes(content: str, src_uri: str) -> str:
    if not src_uri.startswith("induction/"):
        return content

    def enable(m: re.Match) -> str:
        label = html.escape(_name(m["rest"]), quote=True)
        return (f'{m.group(1)}<input type="checkbox"{m.group(2) or ""} aria-label="{label}"/>'
                f"{m.group(3)}{m['rest']}")

    return ITEM.sub(enable, content)
