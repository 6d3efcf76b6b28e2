"""Health of rules against the built pages: every quote is on its policy page, verbatim, and every
citation lands on an anchor that exists."""

from __future__ import annotations

import pytest

from builtsite import normalise, read_page
from checker import api
from checker.citations import anchor_for
from checker.rulebook import policy_ids, policy_rules

POLICY_IDS = policy_ids()

RULES = api.rules()


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_quote_appears_verbatim_on_its_policy_page(rule):
    text, _ = read_page(f"policies/{rule['policy']}/")
    assert normalise(rule["quote"]) in text


@pytest.mark.parametrize("policy", POLICY_IDS)
def test_every_citation_resolves_to_an_anchor(policy):
    _, ids = read_page(f"policies/{policy}/")
    rules = policy_rules(policy)
    sections = {c["section"] for r in rules.requirements for c in r.citations}
    sections |= {c["section"] for role in rules.roles for c in role.record["citations"]}
    sections |= {c["section"] for fact in rules.facts.values() for c in fact["citations"]}
    missing = sorted(s for s in sections if anchor_for(s) not in ids)
    assert not missing, f"policies/{policy}/ has no anchor for {missing}"


@pytest.mark.parametrize("policy", POLICY_IDS)
def test_requirements_at_a_glance_counts_match_the_data(policy):
    text, _ = read_page(f"policies/{policy}/")
    count = len(policy_rules(policy).requirements)
    computable = sum(r.computable for r in policy_rules(policy).requirements)
    assert f"Requirements at a glance: {count} time-bound requirements, {computable} of them dated" in text


def test_frequency_comparison_covers_every_frequency_rule():
    text, _ = read_page("compare/frequency/")
    for rule in RULES:
        if rule["kind"] in ("supervision", "supervision-floor", "case-record"):
            assert normalise(rule["summary"]) in text, rule["id"]
