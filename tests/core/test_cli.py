"""The command line's contract (DESIGN §4): JSON shapes, readable text, and `error:` lines with exit 2."""

from __future__ import annotations

import json
from datetime import date

import pytest

from checker.cli import main


def run(capsys, *argv, today=date(2024, 3, 10)):
    code = main(list(argv), today=today)
    out, err = capsys.readouterr()
    return code, out, err


def test_policies_json_lists_the_five_policies(capsys):
    code, out, _ = run(capsys, "policies", "--json")
    data = json.loads(out)
    assert code == 0
    assert [p["id"] for p in data] == ["somerset", "sefton", "blackburn-with-darwen", "lancashire", "bracknell-forest"]
    assert all({"id", "name", "version", "date"} <= set(p) for p in data)


def test_roles_json_carries_citations(capsys):
    code, out, _ = run(capsys, "roles", "--policy", "sefton", "--json")
    roles = json.loads(out)
    assert code == 0
    social_worker = next(r for r in roles if r["id"] == "social-worker")
    assert social_worker["citations"][0] == {"policy": "sefton", "section": "3.8", "anchor": "p3-8",
                                             "href": "policies/sefton/#p3-8", "label": "Sefton 3.8"}


def test_rules_json_is_the_whole_inventory_encoded_or_not(capsys):
    code, out, _ = run(capsys, "rules", "--json")
    rules = json.loads(out)
    assert code == 0 and len(rules) > 30
    assert {r["policy"] for r in rules} == {"somerset", "sefton", "blackburn-with-darwen", "lancashire", "bracknell-forest"}
    assert all({"id", "policy", "section", "summary", "quote", "computable"} <= set(r) for r in rules)
    assert all(r["why_not"] for r in rules if not r["computable"])


def test_due_json_for_a_sefton_social_worker(capsys):
    code, out, _ = run(capsys, "due", "--policy", "sefton", "--role", "social-worker", "--start", "2023-04-03",
                       "--session", "2024-01-05", "--session", "2024-01-31", "--on", "2024-02-25", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["next_due"] == "2024-02-29" and data["status"] == "due-soon"
    assert {"policy": "sefton", "section": "3.8", "anchor": "p3-8", "href": "policies/sefton/#p3-8",
            "label": "Sefton 3.8"} in data["citations"]
    write_ups = [o["due"] for o in data["obligations"] if o["kind"] == "write-up"]
    assert write_ups == ["2024-01-12", "2024-02-07"]


def test_due_on_defaults_to_today(capsys):
    code, out, _ = run(capsys, "due", "--policy", "somerset", "--role", "practitioner", "--start", "2024-03-02",
                       "--json", today=date(2024, 3, 5))
    assert json.loads(out)["case"]["on"] == "2024-03-05"


def test_due_text_is_readable(capsys):
    code, out, _ = run(capsys, "due", "--policy", "somerset", "--role", "nqsw", "--start", "2024-01-08",
                       "--session", "2024-01-15,2024-01-22", "--on", "2024-01-25")
    assert code == 0
    assert "Next due: 2024-01-29" in out and "Status on 2024-01-25: DUE-SOON" in out
    assert "somerset 7.4" in out


@pytest.mark.parametrize("argv, field", [
    (["due", "--policy", "kent", "--role", "x", "--start", "2024-01-01"], "policy"),
    (["due", "--policy", "sefton", "--role", "x", "--start", "2024-01-01"], "role"),
    (["due", "--policy", "sefton", "--role", "social-worker", "--start", "2024-13-01"], "start"),
    (["due", "--policy", "sefton", "--role", "social-worker", "--start", "2024-01-01", "--session", "2023-12-01"], "session"),
    (["due", "--policy", "sefton", "--role", "social-worker", "--start", "2024-01-01", "--on", "2100-01-01"], "on"),
    (["due", "--policy", "sefton"], "arguments"),
    (["roles", "--policy", "nowhere"], "policy"),
])
def test_bad_input_exits_2_with_one_error_line(capsys, argv, field):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {field}:")
    assert "Traceback" not in err
