"""The schedule as an iCalendar file (RFC 5545), written with the `icalendar` package.

Kept apart from the answering core: `icalendar` is imported here only, so the browser loads it only when
someone asks for the file. One all-day event per entry; a UID made from the case, the kind, the date and the
requirement, so the same case gives the same UIDs and a re-import updates entries instead of doubling them.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from urllib.parse import urlsplit

from .errors import CheckerError
from .inputs import echo
from .vocabulary import REMINDER_DAYS, SESSION_KINDS
from .wording import calendar_entry_title

DEFAULT_MINUTES = 60
"""A timed session's length where neither the person nor the policy gives one."""

PRODID = "-//Supervision Handbook//Schedule builder//EN"
UID_DOMAIN = "supervision-handbook"
RELATIVE_NOTE = "(links are relative to the handbook's address)"


def _stamp(text: str | None, fallback: date) -> datetime:
    """DTSTAMP: when the file was made, given by the caller (the core has no clock); else the first day."""
    if not text:
        return datetime(fallback.year, fallback.month, fallback.day, tzinfo=timezone.utc)
    try:
        value = datetime.fromisoformat(str(text).strip())
    except ValueError:
        raise CheckerError("stamp", f"{text!r} is not a date and time such as 2025-09-01T09:00:00Z") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).replace(microsecond=0)


def uid(plan: dict, event: dict) -> str:
    """The same case gives the same UIDs (a re-import updates); two supervisees' never clash."""
    case = plan["case"]
    key = "|".join(str(x) for x in (
        plan["policy"]["id"], plan["role"]["id"], case["start"], case.get("supervisor-changed") or "",
        event["kind"], event["date"], event.get("requirement", ""), plan.get("name") or ""))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _link(base_url: str, href: str) -> str:
    return (base_url.rstrip("/") + "/" + href) if base_url else href


def description(plan: dict, event: dict, base_url: str) -> str:
    lines = [event.get("requirement") or event["title"]]
    if event.get("note"):
        lines.append(event["note"])
    if event.get("reading"):
        lines.append("How the handbook reads it: " + event["reading"])
    for c in event["citations"]:
        lines.append(f"{plan['policy']['authority']} {c['section']}: {_link(base_url, c['href'])}")
    if not base_url and event["citations"]:
        lines.append(RELATIVE_NOTE)
    return "\n".join(lines)


def check_base_url(base_url: str) -> None:
    """The handbook's address, as every other input is checked: one web address, no spaces or line breaks."""
    if not base_url:
        return
    if any(c.isspace() or not c.isprintable() for c in base_url):
        raise CheckerError("base-url", f"{echo(base_url)} has a space or a line break in it: give one web address, "
                                       "such as https://intranet.example.org/handbook/")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CheckerError("base-url", f"{echo(base_url)} is not a web address beginning http:// or https://")


def _reminder(day: date, due: date, title: str, person: str | None) -> Alarm:
    """A reminder a week before the date the entry falls due (REMINDER_DAYS), and at the latest the day
    before the entry itself (a session planned a week early is reminded of the day before)."""
    before = max((day - (due - timedelta(days=REMINDER_DAYS))).days, 1)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", calendar_entry_title(title, person) + f": due {due:%d %B %Y}")
    alarm.add("trigger", timedelta(days=-before))
    return alarm


def ics(plan: dict, base_url: str = "", stamp: str | None = None) -> dict:
    """`plan` is `api.schedule`'s JSON answer. Returns {filename, text, events}."""
    check_base_url(base_url)
    stamped = _stamp(stamp, date.fromisoformat(plan["from"]))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    person = plan.get("name")
    cal.add("x-wr-calname", f"{plan.get('title') or 'Supervision schedule'}, {plan['policy']['authority']}")
    for event in plan["events"]:
        day = date.fromisoformat(event["date"])
        entry = Event()
        entry.add("uid", uid(plan, event))
        entry.add("dtstamp", stamped)
        if plan.get("time") and event["kind"] == "supervision":  # a session at its time, for its length
            hour, minute = map(int, plan["time"].split(":"))
            begins = datetime(day.year, day.month, day.day, hour, minute)
            entry.add("dtstart", begins)
            entry.add("dtend", begins + timedelta(minutes=plan.get("length") or DEFAULT_MINUTES))
        else:
            entry.add("dtstart", day)
            entry.add("dtend", day + timedelta(days=1))
        entry.add("summary", calendar_entry_title(event["title"], person))
        entry.add("description", description(plan, event, base_url))
        # a session takes the time (busy); a duty's deadline is a date to keep, not a meeting (free)
        entry.add("transp", "OPAQUE" if event["kind"] in SESSION_KINDS else "TRANSPARENT")
        entry.add("categories", [event["kind"]])
        if base_url and event["citations"]:
            entry.add("url", _link(base_url, event["citations"][0]["href"]))
        entry.add_component(_reminder(day, date.fromisoformat(event.get("due") or event["date"]), event["title"], person))
        cal.add_component(entry)
    who = "-" + re.sub(r"[^a-z0-9]+", "-", person.lower()).strip("-") if person else ""
    filename = f"supervision-schedule{who}-{plan['policy']['id']}-{plan['role']['id']}-{plan['from']}.ics"
    return {"filename": filename, "text": cal.to_ical().decode("utf-8"), "events": len(plan["events"])}
