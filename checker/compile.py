"""Compile the rule data: validate every checker/rules/*.toml with the pydantic models and write the
rulebook the answering core reads (checker/data/policies/<id>.json, one per policy, and their index
checker/data/rulebook.json), intervals parsed, citations linked, and what the form asks for each role worked out.

    python -m checker.compile            # write the rulebook (the build runs this)
    python -m checker.compile --check    # exit 1 if the rulebook is not what the rule files say

A policy is found by its rule file: adding checker/rules/<slug>.toml adds the policy everywhere.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from pydantic import ValidationError

from .citations import anchor_for, link
from .dates import Interval
from .models import PolicyRules

PACKAGE = Path(__file__).resolve().parent
RULES = PACKAGE / "rules"
OUT = PACKAGE / "data"
INDEX = "rulebook.json"  # the policies, listed, without their rules
POLICIES = "policies"  # one file of rules per policy


def parse_rules(text: str, name: str) -> PolicyRules:
    """Validate one rule file; a bad file names itself and the offending key."""
    try:
        rules = PolicyRules.model_validate(tomllib.loads(text))
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"checker/rules/{name}.toml is not valid rule data:\n{exc}") from exc
    if rules.policy.id != name:
        raise ValueError(f"checker/rules/{name}.toml declares policy id {rules.policy.id!r}: the file name is the id")
    return rules


def rule_files(folder: Path = RULES) -> list[PolicyRules]:
    """Every rule file in the folder, validated, in the policies' own order."""
    found = [parse_rules(path.read_text(encoding="utf-8"), path.stem) for path in sorted(folder.glob("*.toml"))]
    orders = [r.policy.order for r in found]
    if len(orders) != len(set(orders)):
        raise ValueError("two rule files give the same policy `order`")
    return sorted(found, key=lambda r: r.policy.order)


def _interval(text: str | None):
    return Interval.parse(text).as_data() if text else None


def _schedule(schedule) -> dict | None:
    if schedule is None:
        return None
    data = {"type": schedule.type}
    if schedule.type == "repeat":
        data |= {"phases": [[_interval(p.every), _interval(p.length)] for p in schedule.phases], "from": schedule.from_}
    elif schedule.type == "deadline":
        data |= {"after": schedule.after, "within": _interval(schedule.within), "of": list(schedule.of)}
    elif schedule.type == "milestones":
        data |= {"at": [_interval(x) for x in schedule.at], "from": schedule.from_}
    elif schedule.type == "anniversary":
        data |= {"every": _interval(schedule.every), "from": schedule.from_}
    else:
        data |= {"every": schedule.every}
    return data


def compile_policy(rules: PolicyRules) -> dict:
    policy = rules.policy.id

    def cite(sections: list[str]) -> list[dict]:
        return [{"policy": policy, "section": s, "label": f"{rules.policy.short} {s}", "anchor": anchor_for(s),
                 "href": link(policy, s)} for s in sections]

    requirements = []
    for req in rules.requirements:
        record = req.model_dump(by_alias=True, exclude_none=True)
        record |= {"policy": policy, "citations": cite([req.section, *req.also_cites]), "when": dict(req.when),
                   "roles": list(req.roles), "agreed": req.agreed}
        requirements.append({"record": record, "schedule": _schedule(req.schedule)})
    facts = {fid: {"id": fid, "question": f.question, "help": f.help, "citations": cite(f.sections)}
             for fid, f in rules.facts.items()}
    roles = []
    for role in rules.roles:
        named = [r for r in rules.requirements
                 if role.id in r.roles or ("*" in r.roles and role.subject == "supervisee")]
        roles.append({
            "id": role.id, "name": role.name, "subject": role.subject, "facts": list(role.facts),
            "note": role.note, "citations": cite(role.sections),
            "asks": {
                "facts": [facts[f] for f in role.facts],
                "shifts": any(r.schedule is not None and r.schedule.type == "shifts" for r in named),
                "agreed": any(r.agreed for r in named),
            },
        })
    info = rules.policy.model_dump(mode="json")
    info |= {"href": f"policies/{policy}/", "roles": len(rules.roles), "requirements": len(rules.requirements)}
    return {"policy": info, "facts": facts, "roles": roles, "requirements": requirements}


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def compile_all(folder: Path = RULES) -> dict[str, str]:
    """The rulebook's files, by their path under checker/data/: one file per policy and the index of them.

    One file per policy so that an answer reads only the policy it is about (the browser fetches that one
    file when it is first asked about it, whatever the number of policies); the index holds what lists and
    forms need of every policy without its rules: its details, the facts it asks about, the duty kinds it dates.
    """
    files, index = {}, []
    for rules in rule_files(folder):
        data = compile_policy(rules)
        name = f"{POLICIES}/{rules.policy.id}.json"
        files[name] = _json(data)
        kinds = sorted({req["record"]["kind"] for req in data["requirements"] if req["record"]["computable"]})
        index.append({"id": rules.policy.id, "file": name, "policy": data["policy"], "facts": list(data["facts"]),
                      "kinds": kinds})
    return {INDEX: _json({"format": 2, "policies": index}), **files}


def _on_disk() -> dict[str, str]:
    found = [OUT / INDEX, *sorted((OUT / POLICIES).glob("*.json"))]
    return {p.relative_to(OUT).as_posix(): p.read_text(encoding="utf-8") for p in found if p.exists()}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        files = compile_all()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    current = _on_disk()
    if "--check" in argv:
        stale = sorted(set(current) ^ set(files) | {n for n in files if current.get(n) != files[n]})
        if stale:
            print(f"error: checker/data/ is out of date ({', '.join(stale)}): run `python -m checker.compile`",
                  file=sys.stderr)
            return 1
        return 0
    (OUT / POLICIES).mkdir(parents=True, exist_ok=True)
    for name in set(current) - set(files):  # a policy whose rule file is gone
        (OUT / name).unlink()
        print(f"removed checker/data/{name}")
    for name, text in files.items():
        if current.get(name) != text:
            (OUT / name).write_text(text, encoding="utf-8")
            print(f"wrote checker/data/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
