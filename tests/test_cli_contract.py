"""The command line's contract (DESIGN §4, issue 11): an answer and status 0, or status 2 and exactly one
stderr line starting `error:`; never a traceback. Checked on the cases the issue found (an ASCII terminal,
stdout closed or full, a date with a newline, a 5,000-digit number, empty options, `1_000` and other
scripts' digits), then fuzzed over the arguments with hypothesis.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import api
from checker.cli import main
from checker.inputs import ECHO_CHARS

ROOT = Path(__file__).resolve().parents[1]
CASE = ["due", "--policy", "sefton", "--role", "social-worker", "--start", "2024-01-08", "--on", "2024-03-01"]


def cli(*args: str, env: dict | None = None, shell_redirect: str = "") -> subprocess.CompletedProcess:
    """python -m checker in a child process (the streams' real encodings and file descriptors)."""
    command = [sys.executable, "-m", "checker", *args]
    environment = {**os.environ, **(env or {})}
    if shell_redirect:
        quoted = " ".join("'" + a.replace("'", "'\\''") + "'" for a in command)
        return subprocess.run(["sh", "-c", f"{quoted} {shell_redirect}"], capture_output=True, cwd=ROOT,
                              env=environment, timeout=60)
    return subprocess.run(command, capture_output=True, cwd=ROOT, env=environment, timeout=60)


def assert_one_error(proc: subprocess.CompletedProcess, field: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith(f"error: {field}:"), err
    assert "Traceback" not in err
    return err


# ---------------------------------------------------------------- the cases the issue found


def test_an_ascii_terminal_gets_the_answer_in_plain_ascii():
    proc = cli(*CASE, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    text = proc.stdout.decode("ascii")  # raises if anything else slipped through
    assert "Sefton" in text and "Status on 2024-03-01:" in text and " - Social worker" in text


def test_an_ascii_terminal_gets_json_with_escapes():
    proc = cli(*CASE, "--json", env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0 and proc.stderr == b""
    assert "\\u2014" in proc.stdout.decode("ascii") or "-" in proc.stdout.decode("ascii")


def test_stdout_closed_is_one_error_line():
    assert_one_error(cli("policies", shell_redirect=">&-"), "output")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_disk_is_one_error_line():
    err = assert_one_error(cli(*CASE, shell_redirect=">/dev/full"), "output")
    assert "No space left" in err


def test_a_reader_that_stops_early_is_not_an_error():
    proc = cli("rules", shell_redirect="| head -c 10 >/dev/null")
    assert proc.returncode == 0 and proc.stderr == b""


def test_a_date_with_a_newline_is_reported_on_one_line():
    err = assert_one_error(cli("due", "--policy", "sefton", "--role", "social-worker", "--start", "2024-02-30\n"), "start")
    assert "2024-02-30” is not a real date" in err


def test_a_5000_digit_number_is_not_echoed_in_full():
    err = assert_one_error(cli(*CASE, "--shifts", "9" * 5000), "shifts")
    assert len(err) < 200 and "5,000 characters" in err


@pytest.mark.parametrize("argv, field", [
    (["due", "--policy", "sefton", "--role", "social-worker", "--start", "2024-01-08", "--on", ""], "on"),
    (["rules", "--policy", ""], "policy"),
    (["rules", "--policy", "  "], "policy"),
    (["roles", "--policy", ""], "policy"),
    ([*CASE, "--shifts", ""], "shifts"),
    ([*CASE, "--session", ""], "session"),
])
def test_an_empty_option_is_an_error_not_a_default(capsys, argv, field):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"error: {field}: is empty")


@pytest.mark.parametrize("shifts", ["1_000", "١٢", "１２", "+5", "-1", "1e3", "12.0", "0x10"])
def test_shifts_take_the_digits_0_to_9_only(capsys, shifts):
    assert main(["due", "--policy", "sefton", "--role", "agency-residential", "--start", "2024-01-08",
                 "--on", "2024-03-01", "--shifts", shifts]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: shifts:") and err.count("\n") == 1


def test_shifts_in_plain_digits_are_read(capsys):
    assert main(["due", "--policy", "sefton", "--role", "agency-residential", "--start", "2024-01-08",
                 "--on", "2024-03-01", "--shifts", " 12 ", "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["shifts"]["worked"] == 12


@pytest.mark.parametrize("start", ["٢٠٢٤-٠١-٠٨", "2024-01-08x", "٠٨/01/2024", "08/01/2024\n1"])
def test_dates_take_the_digits_0_to_9_only(capsys, start):
    assert main(["due", "--policy", "sefton", "--role", "social-worker", "--start", start]) == 2
    assert capsys.readouterr().err.startswith("error: start:")


def test_other_scripts_digits_in_an_agreed_frequency_are_refused(capsys):
    assert main([*CASE, "--agreed-every", "٦ weeks"]) == 2
    assert capsys.readouterr().err.startswith("error: agreed-every:")


@pytest.mark.parametrize("sessions", [",,,", " ; ", ",\n,"])
def test_a_session_list_with_no_date_in_it_is_an_error_not_no_sessions(capsys, sessions):
    """The audit: `--session ",,,"` was read as no sessions at all."""
    assert main([*CASE, "--session", sessions]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: session:") and "no date" in err


SCHEDULE = ["schedule", "--policy", "somerset", "--role", "practitioner", "--start", "2024-01-15", "--ics"]


@pytest.mark.parametrize("base_url", ["https://intranet.example.org/kb/\nX-EVIL:1", "https://a b.org/", "intranet/kb",
                                      "https://"])
def test_a_bad_base_url_is_the_base_urls_error_never_internal(capsys, base_url):
    """The audit: a line break in --base-url ended in `error: internal:`; now it is named like any input."""
    assert main([*SCHEDULE, "--base-url", base_url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: base-url:"), err


def test_a_good_base_url_gives_full_paragraph_links(capsys):
    assert main([*SCHEDULE, "--base-url", "https://intranet.example.org/kb/"]) == 0
    assert "https://intranet.example.org/kb/policies/somerset/" in capsys.readouterr().out.replace("\r\n ", "")


# ---------------------------------------------------------------- fuzz over the arguments

POLICIES = [p["id"] for p in api.policies()]
ROLES = sorted({r["id"] for p in POLICIES for r in api.roles(p)})
OPTIONS = ["--policy", "--role", "--start", "--session", "--on", "--supervisor-changed", "--shifts",
           "--agreed-every", "--json", "--new-starter", "--newly-qualified", "--part-time-residential",
           "--full-time", "--help", "-h", "--", "-", "--nope"]
odd_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
date_like = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))
values = st.one_of(
    st.sampled_from(POLICIES + ROLES), date_like, st.dates(date(2014, 1, 1), date(2031, 12, 31)).map(str),
    st.integers(-5, 10**6).map(str), st.sampled_from(["", " ", "\n", "1_000", "١٢", "9" * 5000, "6 weeks",
                                                     "9999 years", "calendar month", "2024-02-30\n", "\x00", "-"]),
    odd_text,
)
argv_strategy = st.tuples(
    st.sampled_from(["policies", "roles", "rules", "due", "due", "due", "nope", ""]),
    st.lists(st.tuples(st.sampled_from(OPTIONS), values), max_size=8),
    st.booleans(),
).map(lambda t: [t[0], *[x for pair in t[1] for x in (pair if t[2] or pair[0] != "--json" else pair[:1])]])


def run_in_process(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv, today=date(2024, 3, 1))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=argv_strategy)
def test_fuzzed_arguments_keep_the_contract(argv):
    code, out, err = run_in_process(argv)
    assert code in (0, 2), (argv, code, err)
    if code == 0:
        assert out and err == "", (argv, err)
    else:
        assert out == "", (argv, out[:200])
        assert err.count("\n") == 1 and err.startswith("error: "), (argv, err[:400])
        assert not err.startswith("error: internal:"), (argv, err)  # the last resort must never be needed
        assert len(err) <= 301 + ECHO_CHARS, (argv, err)


@settings(max_examples=150, deadline=None)
@given(policy=st.sampled_from(POLICIES), role=st.sampled_from(ROLES),
       start=st.dates(date(2015, 1, 1), date(2030, 12, 31)), on=st.dates(date(2015, 1, 1), date(2030, 12, 31)),
       shifts=st.integers(0, 10_000), agreed=st.tuples(st.integers(0, 9999), st.sampled_from(["days", "weeks", "months", "years", "working days"])))
def test_fuzzed_cases_keep_the_contract(policy, role, start, on, shifts, agreed):
    argv = ["due", "--policy", policy, "--role", role, "--start", start.isoformat(), "--on", on.isoformat(),
            "--shifts", str(shifts), "--agreed-every", f"{agreed[0]} {agreed[1]}"]
    code, out, err = run_in_process(argv)
    assert (code == 0 and out and not err) or (code == 2 and not out and err.count("\n") == 1
                                               and err.startswith("error: ") and "internal" not in err), (argv, err)
