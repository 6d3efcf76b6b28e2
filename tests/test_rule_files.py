"""The rule files as a maintainer meets them (CPython only: these start Python processes): the answering core
imports no pydantic, and a sixth policy is a rule file and nothing else."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_answering_core_imports_no_pydantic():
    """The browser imports checker.api: neither it nor anything it imports may need pydantic."""
    code = ("import sys; import checker.api, checker.cli; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core') or m == 'checker.models'];"
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# ---------------------------------------------------------------- a sixth policy is a rule file, nothing else

SIXTH = textwrap.dedent("""
    [policy]
    id = "testshire"
    name = "Testshire Supervision Policy"
    short = "Testshire"
    order = 6
    authority = "Testshire County Council"
    service = "Children's Services"
    version = "1"
    review = 2030-01-01
    scope = "All staff."

    [facts.new-starter]
    question = "I joined Testshire in the last six months"
    sections = ["2.1"]

    [[roles]]
    id = "social-worker"
    name = "Social worker"
    sections = ["2.1"]
    facts = ["new-starter"]

    [[requirements]]
    id = "testshire-2.1-six-weekly"
    section = "2.1"
    kind = "supervision"
    strength = "must"
    computable = true
    summary = "Social workers: every six weeks."
    quote = "Social workers must be supervised every six weeks."
    schedule = { type = "repeat", phases = [{ every = "6 weeks" }] }
""")


def test_a_sixth_policy_needs_only_its_rule_file(tmp_path):
    """Copy the package, add a rule file, compile: the CLI then knows the policy, its role and its fact."""
    package = tmp_path / "checker"
    shutil.copytree(ROOT / "checker", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "rules" / "testshire.toml").write_text(SIXTH, encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    compiled = subprocess.run([sys.executable, "-m", "checker.compile"], cwd=tmp_path, env=env,
                              capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stderr
    listed = subprocess.run([sys.executable, "-m", "checker", "policies", "--json"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert [p["id"] for p in json.loads(listed.stdout)][-1] == "testshire"
    due = subprocess.run([sys.executable, "-m", "checker", "due", "--policy", "testshire", "--role", "social-worker",
                          "--start", "2024-01-08", "--session", "2024-02-01", "--on", "2024-02-10", "--new-starter",
                          "--json"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert due.returncode == 0, due.stderr
    answer = json.loads(due.stdout)
    assert answer["next_due"] == "2024-03-14"
    assert answer["citations"][0]["href"] == "policies/testshire/#p2-1"
