"""The compiled rulebook: every policy's rules as the build validated them (checker/compile.py), read into
small frozen values. Standard library only, so the browser's first answer never waits for pydantic.

A policy is whatever checker/rules/*.toml holds: the build compiles each file it finds into
checker/data/policies/<id>.json and lists it in checker/data/rulebook.json, ordered by the policy's own `order`.
Nothing here lists the policies. A policy's rules are read when it is first asked about, so an answer costs the
same with five policies or a hundred and fifty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .dates import Interval
from .errors import CheckerError

INDEX = "rulebook.json"  # checker/data/: the policies listed; each policy's rules in its own file


# ---------------------------------------------------------------- schedules, parsed once by the build


@dataclass(frozen=True)
class Repeat:
    """Recurring sessions or duties: phases (interval, length or None) from the start or a new supervisor."""

    phases: tuple[tuple[Interval, Interval | None], ...]
    from_: str = "start"


@dataclass(frozen=True)
class Deadline:
    """A duty due within a period after an event: each session, the start, a new supervisory relationship."""

    after: str
    within: Interval
    of: tuple[str, ...] = ()
    """With `after = "duty"`: the kinds whose done dates the deadline counts from."""


@dataclass(frozen=True)
class Milestones:
    """Fixed points after the start, e.g. probation reviews at the end of months 1, 3 and 5."""

    at: tuple[Interval, ...]
    from_: str = "start"


@dataclass(frozen=True)
class Anniversary:
    """Recurring from a fixed point, independent of sessions (an agreement reviewed every 12 months)."""

    every: Interval
    from_: str = "start"


@dataclass(frozen=True)
class Shifts:
    """Due after a number of shifts worked, not on a date (Sefton 3.18)."""

    every: int


def _schedule(data: dict | None):
    if data is None:
        return None
    kind = data["type"]
    if kind == "repeat":
        return Repeat(tuple((Interval.from_data(e), Interval.from_data(n) if n else None) for e, n in data["phases"]),
                      data["from"])
    if kind == "deadline":
        return Deadline(data["after"], Interval.from_data(data["within"]), tuple(data.get("of", ())))
    if kind == "milestones":
        return Milestones(tuple(Interval.from_data(x) for x in data["at"]), data["from"])
    if kind == "anniversary":
        return Anniversary(Interval.from_data(data["every"]), data["from"])
    return Shifts(data["every"])


# ---------------------------------------------------------------- the rules of one policy


@dataclass(frozen=True)
class Requirement:
    id: str
    section: str
    kind: str
    strength: str
    computable: bool
    summary: str
    why_not: str | None
    reading: str | None
    roles: tuple[str, ...]
    when: tuple[tuple[str, bool], ...]
    agreed: bool
    schedule: object
    citations: tuple[dict, ...]
    record: dict
    """The requirement as the `rules` command prints it."""
    minutes: int | None = None
    """A duration's minimum length of a session, in minutes."""


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    subject: str
    facts: tuple[str, ...]
    record: dict
    """The role as the `roles` command prints it, with what the form asks for it."""


@dataclass(frozen=True)
class PolicyRules:
    id: str
    short: str
    info: dict
    facts: dict
    roles: tuple[Role, ...]
    requirements: tuple[Requirement, ...]

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        shown = role_id if len(role_id) <= 60 else role_id[:60] + "…"
        raise CheckerError(
            "role",
            f"“{shown}” is not a role in {self.short}'s policy; choose one of: {', '.join(r.id for r in self.roles)}",
        )


def _policy(data: dict) -> PolicyRules:
    info = data["policy"]
    return PolicyRules(
        id=info["id"],
        short=info["short"],
        info=info,
        facts=data["facts"],
        roles=tuple(Role(r["id"], r["name"], r["subject"], tuple(r["facts"]), r) for r in data["roles"]),
        requirements=tuple(
            Requirement(
                id=rec["id"], section=rec["section"], kind=rec["kind"], strength=rec["strength"],
                computable=rec["computable"], summary=rec["summary"], why_not=rec.get("why_not"),
                reading=rec.get("reading"), roles=tuple(rec["roles"]), when=tuple(rec["when"].items()),
                agreed=rec["agreed"], schedule=_schedule(req["schedule"]), citations=tuple(rec["citations"]),
                minutes=rec.get("minutes"),
                record=rec,
            )
            for req in data["requirements"] for rec in [req["record"]]
        ),
    )


def _package_data(name: str) -> str:
    return resources.files("checker").joinpath("data", name).read_text("utf-8")


_read_policy = _package_data


def read_policies_with(read) -> None:
    """Where each policy's rules come from: the package's own data (the command line, the tests), or, in the
    browser, the site's copy, fetched the first time the policy is asked about (`read(name)` returns the file's
    text, or None when it cannot be had). The index of the policies always comes with the package."""
    global _read_policy
    _read_policy = read
    _load.cache_clear()


def forget() -> None:
    """Drop the index and every policy read so far, so that the next answer reads them again (the rule core's
    bench times loading from cold)."""
    for cached in (_index, _load, fact_ids):
        cached.cache_clear()


@lru_cache(maxsize=1)
def _index() -> dict[str, dict]:
    return {entry["id"]: entry for entry in json.loads(_package_data(INDEX))["policies"]}


@lru_cache(maxsize=None)
def _load(policy_id: str) -> PolicyRules:
    entry = _index()[policy_id]
    text = _read_policy(entry["file"])
    if text is None:
        raise CheckerError("policy", f"{entry['policy']['short']}'s rules could not be downloaded: check the "
                                     "connection and ask again.")
    return _policy(json.loads(text))


def policy_infos() -> list[dict]:
    """Every policy's details (name, short name, link, counts), in order, without reading any policy's rules."""
    return [entry["policy"] for entry in _index().values()]


def rulebook() -> dict[str, PolicyRules]:
    """Every policy, in the order their rule files give, keyed by id (each policy's rules read once)."""
    return {policy_id: _load(policy_id) for policy_id in _index()}


def policy_ids() -> tuple[str, ...]:
    return tuple(_index())


def policy_rules(policy_id: str) -> PolicyRules:
    """One policy's rules: only this policy's file is read, the first time it is asked about."""
    if policy_id not in _index():
        shown = policy_id if len(policy_id) <= 60 else policy_id[:60] + "…"
        raise CheckerError("policy", f"“{shown}” is not a policy in the handbook; choose one of: {', '.join(_index())}")
    return _load(policy_id)


def dated_kinds() -> frozenset[str]:
    """Every kind of requirement any policy dates (computable), from the index."""
    return frozenset(kind for entry in _index().values() for kind in entry["kinds"])


@lru_cache(maxsize=1)
def fact_ids() -> tuple[str, ...]:
    """Every fact any policy asks about, for the command line's flags and the team file's columns."""
    seen: dict[str, None] = {}
    for entry in _index().values():
        seen.update(dict.fromkeys(entry["facts"]))
    return tuple(seen)
