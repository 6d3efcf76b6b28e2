"""The rule data's authoring schema (pydantic). Unknown keys are errors: a misplaced key must fail loudly, never
be ignored. Only the build, the tests and `python -m checker check-rules` import this module: the part of
the core that answers questions reads the compiled rulebook (checker/rulebook.py), standard library only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from .dates import Interval
from .vocabulary import KINDS  # every kind of requirement; each has its name in checker/wording.py


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _interval(text: str) -> str:
    Interval.parse(text)  # raises with a message naming the bad spelling
    return text


def _step(text: str) -> str:
    """An interval that repeats must move forward, or a schedule would never end."""
    if Interval.parse(text).count == 0:
        raise ValueError(f"{text!r} repeats without moving forward: a repeating interval must be at least a day")
    return text


class Phase(Strict):
    """A stretch of employment with its own interval: `length` from the phase's beginning, or open-ended."""

    every: str
    length: str | None = None

    _check_every = field_validator("every", "length")(lambda cls, v: v if v is None else _step(v))


class Repeat(Strict):
    """Sessions (or other events) that recur: phases measured from `from_` (start or supervisor change)."""

    type: Literal["repeat"]
    phases: list[Phase] = Field(min_length=1)
    from_: Literal["start", "relationship-start"] = Field("start", alias="from")

    @model_validator(mode="after")
    def _only_last_open(self):
        if any(p.length is None for p in self.phases[:-1]):
            raise ValueError("every phase but the last needs a `length` (a last phase with one ends the schedule)")
        return self


class Deadline(Strict):
    """A duty due within a period after an event: each session, the start, a new supervisory relationship,
    or (`after = "duty"`) each date the person gives for a duty of one of the kinds `of` (the record of an
    observation, dated from the observation)."""

    type: Literal["deadline"]
    after: Literal["session", "start", "relationship-start", "duty"]
    within: str
    of: list[Literal[KINDS]] = Field(default_factory=list)  # type: ignore[valid-type]

    _check = field_validator("within")(lambda cls, v: _interval(v))

    @model_validator(mode="after")
    def _duty_names_its_kinds(self):
        if (self.after == "duty") != bool(self.of):
            raise ValueError("a deadline after a duty names the duty's kinds in `of`, and only then")
        return self


class Milestones(Strict):
    """Fixed points after the start, e.g. probation reviews at the end of months 1, 3 and 5."""

    type: Literal["milestones"]
    from_: Literal["start", "relationship-start"] = Field("start", alias="from")
    at: list[str] = Field(min_length=1)

    _check = field_validator("at")(lambda cls, v: [_interval(x) for x in v])


class Anniversary(Strict):
    """Recurring from a fixed point, independent of sessions (an agreement reviewed every 12 months). From
    `agreement`: the day the person says the agreement was done, else the start of the relationship."""

    type: Literal["anniversary"]
    from_: Literal["start", "relationship-start", "agreement"] = Field("start", alias="from")
    every: str

    _check = field_validator("every")(lambda cls, v: _step(v))


class Shifts(Strict):
    """Due after a number of shifts worked, not on a date (Sefton 3.18)."""

    type: Literal["shifts"]
    every: int = Field(gt=0)


Schedule = Annotated[Union[Repeat, Deadline, Milestones, Anniversary, Shifts], Field(discriminator="type")]


class Requirement(Strict):
    """One time-bound requirement of a policy, as the policy words it, with the reading that dates it."""

    id: str
    section: str
    summary: str
    quote: str
    kind: Literal[KINDS]  # type: ignore[valid-type]
    computable: bool
    why_not: str | None = None
    strength: Literal["must", "should", "will", "recommended", "may"] = "should"
    roles: list[str] = Field(default_factory=lambda: ["*"])
    when: dict[str, bool] = Field(default_factory=dict)
    schedule: Schedule | None = None
    reading: str | None = None
    also_cites: list[str] = Field(default_factory=list)
    agreed: bool = False
    """True where the interval is the one agreed in the person's supervision contract (an input)."""
    minutes: int | None = Field(None, gt=0, le=24 * 60)
    """A `duration` requirement's minimum length of a session, where the policy gives one (the schedule's default)."""

    @model_validator(mode="after")
    def _computable_has_schedule(self):
        if self.computable and self.schedule is None and self.kind != "duration" and not self.agreed:
            raise ValueError(f"{self.id}: a computable requirement needs a `schedule`")
        if not self.computable and not self.why_not:
            raise ValueError(f"{self.id}: a requirement that is not computable must say `why_not`")
        if self.minutes is not None and self.kind != "duration":
            raise ValueError(f"{self.id}: only a `duration` requirement gives `minutes`")
        return self


class Role(Strict):
    id: str
    name: str
    sections: list[str] = Field(min_length=1)
    facts: list[str] = Field(default_factory=list)
    subject: Literal["supervisee", "child", "foster-carer", "young-adult"] = "supervisee"
    note: str | None = None


class Fact(Strict):
    """A fact that changes the rules, asked of the person in the policy's own terms, never inferred."""

    question: str
    help: str | None = None
    sections: list[str] = Field(min_length=1)


class PolicyInfo(Strict):
    """A policy's document control. Dates are ISO dates; where the source gives none, the `_note` says so."""

    id: str
    name: str
    short: str
    order: int
    authority: str
    service: str
    version: str | None = None
    version_note: str | None = None
    date: dt.date | None = None
    date_note: str | None = None
    review: dt.date | None = None
    review_note: str | None = None
    scope: str


# ---------------------------------------------------------------- comparison topics (issue 20)
# What a policy says on each comparison page's topics, beside its rules (`[topics]` at the end of its rule file):
# "PAGE/SECTION" → Markdown. The site build (sitegen/topics.py) makes the comparison tables from them; the
# rulebook the checker answers from does not carry them.
TOPIC_KEY = r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"


def _topics_valid(topics: dict[str, str]) -> dict[str, str]:
    for key, text in topics.items():
        if not re.match(TOPIC_KEY, key):
            raise ValueError(f"topics: {key!r} is not PAGE/SECTION (lower-case words joined by hyphens)")
        if not text.strip() or "\n" in text:
            raise ValueError(f"topics: {key!r} must be one line of text (a table cell)")
    return topics
# ---------------------------------------------------------------- end of comparison topics


class PolicyRules(Strict):
    """One file of `checker/rules/`: a policy, its roles and its time-bound requirements."""

    policy: PolicyInfo
    facts: dict[str, Fact] = Field(default_factory=dict)
    roles: list[Role] = Field(min_length=1)
    requirements: list[Requirement] = Field(min_length=1)
    topics: Annotated[dict[str, str], AfterValidator(_topics_valid)] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references_resolve(self):
        for where, named in [(f"role {r.id}", r.facts) for r in self.roles] + [
                (f"{q.id} `when`", list(q.when)) for q in self.requirements]:
            unknown = set(named) - set(self.facts)
            if unknown:
                raise ValueError(f"{where}: facts {sorted(unknown)} are not defined in [facts]")
        role_ids = {r.id for r in self.roles}
        ids = [r.id for r in self.requirements]
        if len(ids) != len(set(ids)):
            raise ValueError("requirement ids must be unique")
        for req in self.requirements:
            unknown = set(req.roles) - role_ids - {"*"}
            if unknown:
                raise ValueError(f"{req.id}: unknown roles {sorted(unknown)}")
        return self
