"""Health of the rule data itself: strict models, the compiled rulebook in step with the rule files, every
kind named, and a policy found by its rule file alone."""

from __future__ import annotations

from importlib import resources

import pytest

from checker import api, compile as rule_compiler, rulebook, wording
from checker.engine import applies
from checker.models import KINDS, PolicyRules
from checker.rulebook import policy_ids, policy_rules

POLICY_IDS = policy_ids()

MINIMAL = """
[policy]
id = "x"
name = "x"
short = "X"
order = 9
authority = "x"
service = "x"
scope = "x"
[[roles]]
id = "r"
name = "r"
sections = ["1"]
[[requirements]]
id = "x-1"
section = "1"
summary = "s."
quote = "q"
kind = "supervision"
computable = true
schedule = { type = "repeat", phases = [{ every = "1 month" }] }
"""


def test_a_misplaced_key_fails_loudly():
    with pytest.raises(ValueError, match="frequency"):
        rule_compiler.parse_rules(MINIMAL + 'frequency = "monthly"\n', "x")


def test_a_misspelt_interval_fails_loudly():
    with pytest.raises(ValueError, match="unknown interval"):
        rule_compiler.parse_rules(MINIMAL.replace('"1 month"', '"monthly-ish"'), "x")


def test_a_repeating_interval_of_zero_fails_loudly():
    with pytest.raises(ValueError, match="without moving forward"):
        rule_compiler.parse_rules(MINIMAL.replace('"1 month"', '"0 weeks"'), "x")


def test_a_review_date_must_be_a_real_iso_date():
    with pytest.raises(ValueError, match="review"):
        rule_compiler.parse_rules(MINIMAL.replace('scope = "x"', 'scope = "x"\nreview = "19/06/2024"'), "x")


def test_a_fact_must_be_defined_by_the_policy_that_asks_it():
    text = MINIMAL.replace('sections = ["1"]\n[[req', 'sections = ["1"]\nfacts = ["new-starter"]\n[[req')
    with pytest.raises(ValueError, match="not defined in \\[facts\\]"):
        rule_compiler.parse_rules(text, "x")


def test_the_file_name_is_the_policy_id():
    with pytest.raises(ValueError, match="file name is the id"):
        rule_compiler.parse_rules(MINIMAL, "y")


def test_the_compiled_rulebook_is_what_the_rule_files_say():
    """checker/data/ is generated (the index and one file per policy): a rule file edited without compiling fails
    here."""
    data = resources.files("checker").joinpath("data")
    for name, text in rule_compiler.compile_all().items():
        assert data.joinpath(name).read_text(encoding="utf-8") == text, f"{name}: run `python -m checker.compile`"


def test_an_answer_reads_only_the_policy_it_is_about():
    """With 150 policies an answer must not read 150 files (issue 20): asking about one policy reads that
    policy's file, and listing the policies reads none (the index comes with the package)."""
    read: list[str] = []

    def reading(name: str) -> str:
        read.append(name)
        return resources.files("checker").joinpath("data", name).read_text(encoding="utf-8")

    rulebook.read_policies_with(reading)
    try:
        assert [p["id"] for p in api.call("policies")["ok"]] == list(POLICY_IDS)
        assert read == []
        assert api.call("due", {"policy": "sefton", "role": "social-worker", "start": "2024-01-08",
                                "on": "2024-03-10"})["ok"]["status"]
        assert read == ["policies/sefton.json"]
    finally:
        rulebook.read_policies_with(rulebook._package_data)


def test_more_than_thirty_time_bound_requirements_across_the_five_policies():
    assert sum(len(policy_rules(p).requirements) for p in POLICY_IDS) > 30


@pytest.mark.parametrize("policy", POLICY_IDS)
def test_every_role_has_a_supervision_requirement_encoded_or_explained(policy):
    rules = policy_rules(policy)
    for role in rules.roles:
        for facts in [frozenset(), frozenset(role.facts)]:
            named = [r for r in rules.requirements if applies(r, role, facts)]
            assert any(r.kind in ("supervision", "case-record") for r in named), (role.id, sorted(facts))


@pytest.mark.parametrize("policy", POLICY_IDS)
def test_every_requirement_has_a_quote_a_summary_and_an_id_of_its_policy(policy):
    prefix = {r.id.split("-")[0] for r in policy_rules(policy).requirements}
    assert len(prefix) == 1, f"{policy}: requirement ids should share one prefix, found {sorted(prefix)}"
    for req in policy_rules(policy).requirements:
        assert req.record["quote"].strip() and req.summary.endswith("."), req.id


def test_every_kind_has_a_name_and_every_used_kind_is_known():
    assert set(KINDS) == set(wording.KIND_NAMES)
    used = {r["kind"] for r in api.rules()}
    assert used <= set(wording.KIND_NAMES)
    assert all(wording.KIND_NAMES[k][0].isupper() for k in KINDS)


def test_each_policy_orders_and_names_itself():
    data = api.policies()
    assert [p["id"] for p in data] == list(POLICY_IDS)
    assert [p["order"] for p in data] == sorted(p["order"] for p in data)
    assert all(p["short"] and p["short"] in p["authority"] or p["id"] == "bracknell-forest" for p in data)




def test_a_policy_whose_rules_cannot_be_fetched_is_named_in_a_calm_error():
    """In the browser a policy's rules are fetched the first time it is asked about; with no connection (and
    nothing kept), the answer says which policy and what to do, never a traceback."""
    rulebook.read_policies_with(lambda name: None)
    try:
        error = api.call("due", {"policy": "somerset", "role": "practitioner", "start": "2024-01-08",
                                 "on": "2024-03-10"})["error"]
        assert error["field"] == "policy"
        assert error["message"].startswith("Somerset's rules could not be downloaded: check the connection")
    finally:
        rulebook.read_policies_with(rulebook._package_data)
