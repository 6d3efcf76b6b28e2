"""Where a citation points: a paragraph number as printed becomes a stable anchor on the policy page."""

import re


def anchor_for(section: str) -> str:
    """'3.12' -> 'p3-12', 'C' -> 'pc', 'Appendix 1' -> 'appendix-1' (see CONTRIBUTING.md)."""
    slug = re.sub(r"[^a-z0-9]+", "-", section.strip().lower().rstrip(".")).strip("-")
    return slug if slug.startswith("appendix-") else "p" + slug


def page_path(policy: str) -> str:
    """The site path of a policy page, relative to the site root."""
    return f"policies/{policy}/"


def link(policy: str, section: str) -> str:
    return f"{page_path(policy)}#{anchor_for(section)}"
