"""The rules' vocabulary is defined once, in checker/vocabulary.py (issue 19, deliverable 7): the kinds that
set the next session, the status order and the in-timescale statuses are read from there by everything
else, and every kind and status has its words in checker/wording.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import api, vocabulary, wording
from checker.engine import Status as EngineStatus
from checker.models import KINDS

ROOT = Path(__file__).resolve().parents[2]
CODE = [*ROOT.glob("checker/*.py"), *ROOT.glob("sitegen/**/*.py"), *ROOT.glob("docs/assets/javascripts/*.js"),
        *ROOT.glob("docs/assets/javascripts/**/*.mjs"), *ROOT.glob("overrides/**/*.html")]


def _restating(values) -> set[str]:
    """Files other than vocabulary.py where the values are written out as one list, in order, in any quotes."""
    if not any(p.name == "engine.py" for p in CODE):  # under Pyodide only tests/ is mounted
        pytest.skip("the project's sources are not on this file system")
    pattern = re.compile(r"""["']\s*,\s*["']""".join(re.escape(v) for v in values))
    return {str(p.relative_to(ROOT)) for p in CODE
            if p.name != "vocabulary.py" and pattern.search(p.read_text(encoding="utf-8"))}


def test_the_kinds_that_set_the_next_session_are_written_once():
    assert vocabulary.SESSION_KINDS == ("supervision", "supervision-floor", "case-record")
    assert _restating(vocabulary.SESSION_KINDS) == set()


def test_the_status_order_and_the_in_timescale_statuses_are_written_once():
    order = [s.value for s in vocabulary.STATUS_ORDER]
    assert order == ["overdue", "due-soon", "ok", "not-computable"]
    assert _restating(order) == set()
    assert [s.value for s in vocabulary.IN_TIMESCALE] == ["ok", "due-soon"]
    assert _restating(["ok", "due-soon"]) == set()


def test_the_engine_and_the_authoring_schema_use_the_vocabularys_own_values():
    assert EngineStatus is vocabulary.Status
    assert KINDS is vocabulary.KINDS


def test_every_kind_and_status_has_its_words_and_nothing_else_does():
    assert set(wording.KIND_NAMES) == set(vocabulary.KINDS)
    assert set(wording.STATUS_WORDS) == {s.value for s in vocabulary.Status}


def test_only_what_the_persons_answers_show_late_is_an_alarm():
    """Issue 19, deliverable 2: not-recorded is neutral; overdue alone is red."""
    alarms = [s.value for s, tone in vocabulary.TONES.items() if tone == "alarm"]
    assert alarms == ["overdue"] and vocabulary.TONES[vocabulary.Status.NOT_RECORDED] == "neutral"
    assert set(vocabulary.TONES) == set(vocabulary.Status)


def test_the_pages_get_the_vocabulary_from_the_core():
    words = api.call("words")["ok"]
    assert words["vocabulary"]["status_order"] == ["overdue", "due-soon", "ok", "not-computable"]
    assert words["vocabulary"]["defaults"]["months"] == 12
    assert "agreement" in words["vocabulary"]["duty_kinds"] and "supervision" not in words["vocabulary"]["duty_kinds"]


def test_yes_and_no_are_one_list_read_strictly_by_the_team_file_and_leniently_by_links():
    """A team file's yes/no cell (team_mapping.yes_no) and a link's or form's value (forms.yes) read the same
    words; a word in neither list is an error in a team file and yes in a link."""
    from checker import forms, team_mapping
    from checker.errors import CheckerError
    from checker.vocabulary import NO_WORDS, YES_WORDS
    for word in YES_WORDS:
        for written in (word, word.upper(), f" {word.title()} "):
            assert forms.yes(written) is True and team_mapping.yes_no(written, "facts") is True
    for word in NO_WORDS + ("",):
        for written in (word, word.upper(), f" {word.title()} "):
            assert forms.yes(written) is False and team_mapping.yes_no(written, "facts") is False
    assert forms.yes(None) is False
    assert forms.yes("maybe") is True
    with pytest.raises(CheckerError, match="'maybe' is not yes or no"):
        team_mapping.yes_no("maybe", "facts")
