"""Health of the rule data itself: strict models, citations on every value, the inventory complete."""

from __future__ import annotations

import pytest

from checker.models import KINDS
from checker.ruledata import POLICY_IDS, load, load_all, parse_rules


def test_a_misplaced_key_fails_loudly():
    text = """
[policy]
id = "x"
name = "x"
authority = "x"
service = "x"
version = "x"
date = "x"
review = "x"
scope = "x"
[[roles]]
id = "r"
name = "r"
sections = ["1"]
[[requirements]]
id = "x-1"
section = "1"
summary = "s"
quote = "q"
kind = "supervision"
computable = true
schedule = { type = "repeat", phases = [{ every = "1 month" }] }
frequency = "monthly"
"""
    with pytest.raises(ValueError, match="frequency"):
        parse_rules(text, "x")


def test_a_misspelt_interval_fails_loudly():
    good = load("somerset").model_dump(by_alias=True)
    good["requirements"][0]["schedule"]["phases"][0]["every"] = "monthly-ish"
    from checker.models import PolicyRules
    with pytest.raises(ValueError, match="unknown interval"):
        PolicyRules.model_validate(good)


def test_more_than_thirty_time_bound_requirements_across_the_five_policies():
    assert sum(len(r.requirements) for r in load_all()) > 30


@pytest.mark.parametrize("policy", POLICY_IDS)
def test_every_role_has_a_supervision_requirement_encoded_or_explained(policy):
    rules = load(policy)
    for role in rules.roles:
        named = [r for r in rules.requirements if role.id in r.roles or ("*" in r.roles and role.subject == "supervisee")]
        assert any(r.kind in ("supervision", "case-record") for r in named), role.id


@pytest.mark.parametrize("policy", POLICY_IDS)
def test_every_requirement_has_a_quote_summary_and_known_kind(policy):
    for req in load(policy).requirements:
        assert req.quote.strip() and req.summary.endswith("."), req.id
        assert req.kind in KINDS
        assert req.id.startswith(policy.split("-")[0][:3]) or req.id.startswith("bwd"), req.id
