"""Each tool's form, described by the core (issue 19, deliverable 7): which fields a tool asks, which a case
needs for its policy and role, their labels and hints (checker/wording.py), defaults and limits
(checker/vocabulary.py), and the values a link's query gives them, read the way the core reads them (a
yes/no word, a default). The pages draw this description and decide none of it. Standard library only."""

from __future__ import annotations

from . import vocabulary, wording
from .errors import CheckerError
from .rulebook import policy_rules

# (name, type, group): type is what the page draws; group "more" is folded under "More".
DUE_FIELDS = (
    ("policy", "select", "main"), ("role", "select", "main"), ("start", "date", "main"),
    ("session", "dates", "main"), ("all-sessions", "yesno", "main"), ("shifts", "number", "main"),
    ("agreed-every", "text", "main"), ("on", "date", "main"),
    ("supervisor-changed", "date", "more"), ("done", "done", "more"),
)
SCHEDULE_FIELDS = (
    ("policy", "select", "main"), ("role", "select", "main"), ("name", "text", "main"), ("start", "date", "main"),
    ("session", "dates", "main"), ("from", "date", "main"), ("months", "number", "main"), ("plan", "choice", "main"),
    ("time", "text", "more"), ("length", "number", "more"), ("supervisor-changed", "date", "more"),
    ("agreed-every", "text", "more"),
)
TOOLS = {"due": DUE_FIELDS, "schedule": SCHEDULE_FIELDS}
REQUIRED = ("policy", "role", "start")
NOT_SENT = ("name",)
"""Kept in the page and the calendar file, never in the link or the address bar."""


def yes(value) -> bool:
    """A yes/no word from a link or a form, read leniently: anything but a no word (vocabulary.NO_WORDS) or blank."""
    word = str(value if value is not None else "").strip().casefold()
    return bool(word) and word not in vocabulary.NO_WORDS


def _role(params: dict):
    try:
        rules = policy_rules(str(params.get("policy") or ""))
        return rules, rules.role(str(params.get("role") or ""))
    except CheckerError:
        return None, None


def form(params: dict) -> dict:
    """The form of `params["tool"]` ("due" or "schedule") for the policy and role in `params` (a link's
    query as it stands), with each field's value read from it. `today` is the page's date (the core has no
    clock): the default of "Check as of"."""
    tool = str(params.get("tool") or "due")
    if tool not in TOOLS:
        raise CheckerError("tool", f"{tool[:40]!r} is not a tool with a form; one of: {', '.join(TOOLS)}")
    rules, role = _role(params)
    asks = role.record["asks"] if role else {"facts": [], "shifts": False, "agreed": False}
    texts = {**wording.FORM_TEXT, **(wording.SCHEDULE_FORM_TEXT if tool == "schedule" else {})}
    defaults = {"on": params.get("today") or "", "months": str(vocabulary.MONTHS_DEFAULT),
                "plan": vocabulary.PLAN_STYLES[0]}
    fields = []
    for name, kind, group in TOOLS[tool]:
        label, hint = texts[name]
        shown = {"shifts": asks["shifts"], "agreed-every": asks["agreed"],
                 "all-sessions": yes(params.get("all-sessions"))}.get(name, True)
        value = params.get(name)
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        field = {"name": name, "type": kind, "group": group, "label": label, "hint": hint, "shown": shown,
                 "required": name in REQUIRED or (name == "shifts" and asks["shifts"]),
                 "default": defaults.get(name, ""), "sent": name not in NOT_SENT}
        field["value"] = (yes(value) if kind == "yesno" else str(value) if value not in (None, "") else field["default"])
        if name == "months":
            field["min"], field["max"] = 1, vocabulary.MONTHS_MAX
        if name == "shifts":
            field["min"], field["max"] = 0, vocabulary.MAX_SHIFTS
        if name == "plan":
            field["choices"] = [{"value": v, "label": wording.PLAN_CHOICES[v]} for v in vocabulary.PLAN_STYLES]
            if field["value"] not in vocabulary.PLAN_STYLES:
                field["value"] = field["default"]
        fields.append(field)
    facts = [{**fact, "value": yes(params.get(fact["id"]))} for fact in asks["facts"]]
    return {"tool": tool, "fields": fields, "facts": facts, "date_hint": wording.DATE_HINT,
            "field_names": wording.FIELD_NAMES, "groups": {"more": wording.MORE_TEXT[tool]},
            "words": wording.ANSWER_WORDS,
            "role": role.record["id"] if role else "", "policy": rules.id if rules else ""}


def missing(params: dict) -> list[dict]:
    """Every required field left empty, each as an error naming its field (the error summary lists them all)."""
    said = {"policy": "choose a policy", "role": "choose whose supervision, or which case record",
            "start": "enter the date started in this post"}
    return [{"field": name, "message": said[name]} for name in REQUIRED if str(params.get(name) or "").strip() == ""]
