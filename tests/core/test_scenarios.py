"""Runs every worked example in tests/scenarios/<policy>.toml through the same api the CLI and the page use."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from checker import api
from checker.rulebook import policy_ids

POLICY_IDS = policy_ids()

SCENARIOS = Path(__file__).parent.parent / "scenarios"


def _load():
    for policy in POLICY_IDS:
        data = tomllib.loads((SCENARIOS / f"{policy}.toml").read_text(encoding="utf-8"))
        for scenario in data["scenario"]:
            yield pytest.param(policy, scenario, id=f"{policy}: {scenario['name']}")


EXPECTATIONS = {"next_due", "status", "missed", "late", "recommended", "recommended_status", "notices", "citations",
                "obligations", "obligation_status", "headline", "history"}
"""What a scenario may expect: a misspelt key fails the scenario, never passes having asserted nothing."""


@pytest.mark.parametrize("policy, scenario", list(_load()))
def test_scenario(policy, scenario):
    assert set(scenario["expect"]) <= EXPECTATIONS, set(scenario["expect"]) - EXPECTATIONS
    assert set(scenario) <= {"name", "section", "input", "expect", "cited"}, scenario["name"]
    result = api.call("due", {"policy": policy, **scenario["input"]})
    assert "ok" in result, result.get("error")
    got, expect = result["ok"], scenario["expect"]
    if "history" in expect:
        assert (got["history"]["since"] or "") == expect["history"], got["history"]
    if "headline" in expect:
        assert expect["headline"] in got["headline"], got["headline"]
    if "next_due" in expect:
        assert (got["next_due"] or "") == expect["next_due"]
    if "status" in expect:
        assert got["status"] == expect["status"]
    if "missed" in expect:
        assert [m["due"] for m in got["missed"]] == expect["missed"]
    if "late" in expect:
        assert [x["due"] for x in got["late"]] == expect["late"]
    if "recommended" in expect:
        assert got["recommended"]["next_due"] == expect["recommended"]
    if "recommended_status" in expect:
        assert got["recommended"]["status"] == expect["recommended_status"]
    for words in expect.get("notices", []):
        assert any(words in n["text"] for n in got["notices"]), [n["text"] for n in got["notices"]]
    if "citations" in expect:
        cited = {c["section"] for c in got["citations"]}
        assert set(expect["citations"]) <= cited, cited
    for kind, dues in expect.get("obligations", {}).items():
        assert [o["due"] or "" for o in got["obligations"] if o["kind"] == kind] == dues, kind
    for kind, statuses in expect.get("obligation_status", {}).items():
        assert [o["status"] for o in got["obligations"] if o["kind"] == kind] == statuses, kind
    if not scenario.get("cited", True):  # an example of a rule that does not apply
        return
    # the example names a paragraph the result actually rests on
    sections = {c["section"] for c in got["citations"]} | {
        c["section"] for o in got["obligations"] for c in o["citations"]
    }
    assert scenario["section"] in sections


def test_every_policy_with_computable_rules_has_six_scenarios():
    for policy in POLICY_IDS:
        data = tomllib.loads((SCENARIOS / f"{policy}.toml").read_text(encoding="utf-8"))
        computable = [r for r in api.rules(policy) if r["computable"]]
        if len(computable) > 1:
            assert len(data["scenario"]) >= 6, policy
