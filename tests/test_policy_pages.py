"""The five policy pages publish their sources faithfully, with the anchors citations link to."""

from __future__ import annotations

import re

from datetime import date

import pytest

from checker.dates import long_date
from checker.rulebook import policy_rules

from builtsite import POLICY_SLUGS, SOURCES, normalise, read_page

# Conversion artefacts of the source texts: never published, so never looked for.
_ARTEFACTS = [
    re.compile(r"\[bookmark: [^\]]*\]"),
    re.compile(r"<[^>]+>"),  # stray HTML
]
_TOC_LINE = re.compile(r"(\t\s*\d+\s*$)|(\.{3,}\s*\d*\s*$)")
_PAGE_FURNITURE = {
    "Supervision Guidance - Early Help and Support Service",
    "Somerset Council",
}
_LEADING_NUMBER = re.compile(r"^\s*(?:[-·•]\s*)?(?:\d+(?:\.\d+)*\.?|[A-G]\.)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“'\"(])")


def source_blocks(slug: str) -> list[str]:
    """The source's lines as a reader sees them: artefacts, numbering and Markdown marks removed."""
    blocks = []
    for line in (SOURCES / f"{slug}.txt").read_text(encoding="utf-8").splitlines():
        if _TOC_LINE.search(line) or line.strip() in _PAGE_FURNITURE:
            continue
        for pattern in _ARTEFACTS:
            line = pattern.sub("", line)
        for cell in line.split("\t"):
            cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)  # Markdown links: the text is what shows
            cell = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", cell)  # Markdown escapes in the source
            cell = re.sub(r"^#+\s*", "", cell.strip())
            cell = cell.replace("**", "").replace("*", "").strip()
            cell = _LEADING_NUMBER.sub("", cell)
            cell = cell.lstrip("·•- ").strip()
            if cell:
                blocks.append(normalise(cell))
    return blocks


def source_sentences(slug: str, min_words: int = 6) -> list[str]:
    sentences = []
    for block in source_blocks(slug):
        for sentence in _SENTENCE_END.split(block):
            if len(sentence.split()) >= min_words:
                sentences.append(sentence)
    return sentences


def required_anchors(slug: str) -> set[str]:
    """Every numbered paragraph ("3.12" -> p3-12) and lettered or numbered section of the source."""
    text = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8")
    anchors = {
        "p" + number.rstrip(".").replace(".", "-")
        for number in re.findall(r"^\s*(?:[-·]\s*)?(?:\*\*)?(\d+\.\d+(?:\.\d+)*)\.?[\s*]", text, re.M)
    }
    if slug == "bracknell-forest":
        anchors |= {f"p{letter}" for letter in "abcdefg"}
    if slug == "blackburn-with-darwen":
        anchors |= {f"p{n}" for n in range(1, 9)}
    return anchors


@pytest.mark.parametrize("slug", POLICY_SLUGS)
def test_every_sentence_of_the_source_is_on_the_page(slug):
    page_text, _ = read_page(f"policies/{slug}/")
    missing = [s for s in source_sentences(slug) if s not in page_text]
    assert not missing, f"{len(missing)} sentences of sources/{slug}.txt are not on the page:\n" + "\n".join(
        f"  - {s[:160]}" for s in missing[:40]
    )


@pytest.mark.parametrize("slug", POLICY_SLUGS)
def test_every_numbered_paragraph_has_its_anchor(slug):
    _, ids = read_page(f"policies/{slug}/")
    missing = sorted(required_anchors(slug) - ids)
    assert not missing, f"policies/{slug}/ lacks the anchors {missing}"


@pytest.mark.parametrize("slug", POLICY_SLUGS)
def test_page_has_document_control_and_no_artefacts(slug):
    page_text, _ = read_page(f"policies/{slug}/")
    assert "Document control" in page_text
    assert "[bookmark:" not in page_text
    assert "Review date" in page_text or "Date of Review" in page_text  # the box names its review row
    review = policy_rules(slug).info["review"]
    if review:  # the date the rule data holds is the one the document-control box shows
        day = date.fromisoformat(review)
        assert day.strftime("%d/%m/%Y") in page_text or long_date(day) in page_text
