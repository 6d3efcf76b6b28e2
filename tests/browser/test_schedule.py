"""The schedule builder (tools/schedule/, DESIGN §5) in the real built site, driven in Debian's Chromium.

Expected entries come from the rule core run in CPython (`checker.api.schedule`): one source of truth.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from checker import api

from .conftest import leave_as_material_does, press_while_python_loads, wait_ready, wait_result

icalendar = pytest.importorskip("icalendar")

SEFTON_NQSW = {"policy": "sefton", "role": "nqsw", "start": "2025-09-01", "plan": "latest"}
"""Worked out by hand on the latest day each rule allows (tests/scenarios/schedules/sefton.toml)."""


def wait_schedule(page):
    page.wait_for_selector("[data-schedule] tr[data-date]", timeout=60_000)


def rows(page) -> list[tuple[str, str]]:
    got = page.eval_on_selector_all("[data-schedule] tr[data-date]", "rs => rs.map(r => [r.dataset.date, r.dataset.kind])")
    return [tuple(r) for r in got]


def expected(params: dict) -> list[tuple[str, str]]:
    return [(e["date"], e["kind"]) for e in api.schedule(dict(params))["events"]]


def test_sefton_newly_qualified_year_from_the_url(page, site_url):
    page.goto(site_url + "tools/schedule/?" + urlencode(SEFTON_NQSW))
    wait_schedule(page)
    assert page.get_attribute("[data-checker]", "data-state") == "ready"
    assert rows(page) == (expected(SEFTON_NQSW))
    assert len([r for r in rows(page) if r[1] == "supervision"]) == 23
    # one table per month, each row with its paragraph links, absolute, to this site's policy page
    assert page.locator("[data-schedule] table").count() == 13
    links = page.eval_on_selector_all("[data-schedule] tr[data-date]", "rs => rs.map(r => [...r.querySelectorAll('a')].map(a => a.href))")
    assert all(ls and all(re.match(re.escape(site_url) + r"policies/sefton/#(p[0-9-]+|appendix-[0-9]+)$", h) for h in ls) for ls in links)
    # the titles and notes are the rule core's words
    text = page.inner_text("[data-schedule]")
    assert "Falls due on Saturday 13 June 2026: moved to the working day before." in text
    assert "moved to the working day before, so that it stays on or before" in text


def test_calendar_file_is_made_in_the_browser_on_demand(page, context, site_url):
    page.goto(site_url + "tools/schedule/?" + urlencode(SEFTON_NQSW))
    wait_schedule(page)
    assert not [u for u in context.requests if "icalendar" in u], "icalendar loaded before it was asked for"
    link = page.locator('a[download$=".ics"]')
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "supervision-schedule-sefton-nqsw-2025-09-01.ics"
    text = open(download.path(), encoding="utf-8", newline="").read()
    assert [u for u in context.requests if "icalendar" in u]
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    plan = api.schedule(SEFTON_NQSW)
    assert [(e["DTSTART"].dt.isoformat(), str(e["SUMMARY"])) for e in events] == \
        [(x["date"], x["title"]) for x in plan["events"]]
    # the DESCRIPTION carries the full link to the paragraph on this very site
    first_session = next(e for e in events if str(e["SUMMARY"]) == "Supervision session")
    assert site_url + "policies/sefton/#p3-12" in str(first_session["DESCRIPTION"])
    assert link.get_attribute("href").startswith("blob:")
    # the same case gives the same UIDs as the command line
    cli = icalendar.Calendar.from_ical(api.schedule_ics(SEFTON_NQSW)["text"])
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in cli.walk("VEVENT")]


def test_typing_a_somerset_case_with_from_and_months(page, site_url):
    page.goto(site_url + "tools/schedule/")
    wait_ready(page)
    page.select_option("#sc-policy", "somerset")
    page.select_option("#sc-role", "practitioner")
    page.check("#sc-fact-new-starter")
    page.fill("#sc-start", "16/06/2025")
    page.fill("#sc-session", "2025-11-20")
    page.fill("#sc-from", "2025-12-10")
    page.fill("#sc-months", "3")
    page.click("[data-submit]")
    wait_schedule(page)
    params = {"policy": "somerset", "role": "practitioner", "start": "2025-06-16", "session": ["2025-11-20"],
              "from": "2025-12-10", "months": "3", "new-starter": "1"}
    assert rows(page) == (expected(params))
    assert ("2026-01-23", "supervision") in rows(page)  # a week's slack: 30 January, less a week, on a Friday
    query = parse_qs(urlsplit(page.url).query)
    assert query["from"] == ["2025-12-10"] and query["months"] == ["3"] and query["new-starter"] == ["1"]


def test_a_bad_entry_is_marked_at_its_field_and_kept(page, site_url):
    page.goto(site_url + "tools/schedule/?" + urlencode({**SEFTON_NQSW, "months": "30"}))
    page.wait_for_selector("#sc-months-error:not([hidden])")
    assert "from 1 to 24" in page.inner_text("#sc-months-error")
    assert page.inner_text("[data-error-summary] a").startswith("Months to cover: ")  # named as its label says
    assert page.title().startswith("Error: ")
    assert page.get_attribute("#sc-months", "aria-invalid") == "true"
    assert page.input_value("#sc-months") == "30" and page.input_value("#sc-start") == "2025-09-01"
    assert page.is_hidden("[data-schedule-actions]")


def test_prints_on_one_a4_page(page, site_url):
    page.goto(site_url + "tools/schedule/?" + urlencode(SEFTON_NQSW))
    wait_schedule(page)
    page.emulate_media(media="print")
    assert page.is_hidden("[data-form]") and page.is_hidden("[data-schedule-actions]")
    assert page.is_visible("[data-schedule] tr[data-date='2026-08-10']")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_due_date_checkers_schedule_duty_links_here(page, site_url):
    case = {"policy": "sefton", "role": "nqsw", "start": "2025-09-01", "session": "2025-09-08", "on": "2025-09-10"}
    page.goto(site_url + "tools/due-dates/?" + urlencode(case))
    wait_result(page)
    page.click("[data-details] summary")
    link = page.locator("[data-result] a[data-schedule-link]")
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href.startswith(site_url + "tools/schedule/?")
    link.click()
    wait_schedule(page)
    expect = {"policy": "sefton", "role": "nqsw", "start": "2025-09-01", "session": ["2025-09-08"], "plan": "slack"}
    assert rows(page) == (expected(expect))
    assert rows(page)[0] == ("2025-09-15", "supervision")


def test_sefton_8_2_links_to_the_builder(page, site_url):
    page.goto(site_url + "policies/sefton/")
    after = page.evaluate("""() => { let e = document.getElementById('p8-2').nextElementSibling;
        for (let i = 0; i < 3 && e; i++, e = e.nextElementSibling) {
          const a = e.querySelector('a[href*="tools/schedule/"]'); if (a) return a.href; }
        return null; }""")
    assert after and "policy=sefton" in after


def test_a_named_schedule_with_slack_by_default_and_a_calendar_naming_the_supervisee(page, site_url):
    """Issue 19: the supervisee's name titles the schedule, the print and the calendar file, and never goes
    into the address; sessions are planned with a week's slack unless "latest" is chosen."""
    page.goto(site_url + "tools/schedule/?policy=sefton&role=social-worker&start=2025-09-01")
    wait_schedule(page)
    assert page.is_checked("#sc-plan")  # slack, the core's default
    page.fill("#sc-name", "Sam Jones")
    page.click("#sc-more-summary") if page.locator("#sc-more-summary").count() else page.click("[data-more] summary")
    page.fill("#sc-time", "10:00")
    page.click("[data-submit]")
    page.wait_for_function("document.querySelector('[data-schedule] h2').textContent.includes('Sam Jones')")
    assert "Sam" not in page.url and "Sam Jones" in page.title()
    plan = api.schedule({"policy": "sefton", "role": "social-worker", "start": "2025-09-01"})
    assert rows(page) == [(e["date"], e["kind"]) for e in plan["events"]]
    page.emulate_media(media="print")
    assert "Sam Jones" in page.inner_text("[data-schedule] h2")
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.click('a[download$=".ics"]')
    cal = icalendar.Calendar.from_ical(open(info.value.path(), encoding="utf-8", newline="").read())
    sessions = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Supervision session: Sam Jones"]
    assert sessions and all(str(e["TRANSP"]) == "OPAQUE" and e["DTSTART"].dt.hour == 10 for e in sessions)
    assert all(e["DTEND"].dt - e["DTSTART"].dt == timedelta(minutes=90) for e in sessions)  # Sefton 3.8
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))
    page.check("#sc-plan-latest")
    page.click("[data-submit]")
    page.wait_for_function("location.search.includes('plan=latest')")


@pytest.mark.parametrize("held", ["checker-startup.json", "schedule-page.mjs"], ids=["python", "module"])
def test_build_pressed_while_python_loads_is_answered_when_ready(page, context, site_url, held):
    """Pressing the button while the checker loads is not lost: it says it will build, then does (here the
    empty form's errors), and the button has its own words again. A file is held until the button is pressed,
    so the window is open for certain: Python not up (the worker's start-up list held), or the page's module
    not yet holding the form (its script held)."""
    assert "as soon as" in press_while_python_loads(page, context, site_url + "tools/schedule/", held)
    page.wait_for_selector("[data-error-summary]:not([hidden])", timeout=60000)
    assert "Choose a policy" in page.inner_text("[data-error-summary]")
    assert page.inner_text("[data-submit]") == "Build the schedule"


def test_a_form_left_while_its_questions_are_asked_stays_quiet(page, context, site_url):
    """Instant navigation can take the page away while the checker is still answering a changed policy. The late
    answer does not write the old form's answers into the address of the page the reader went to, which Material
    changes before it swaps the page."""
    page.goto(site_url + "tools/schedule/?" + urlencode(SEFTON_NQSW))
    wait_schedule(page)
    change = "const policy = document.querySelector('#sc-policy'); policy.value = 'somerset'; " \
             "policy.dispatchEvent(new Event('change'))"
    leave_as_material_does(page, change, "../../policies/sefton/", swap_after_ms=1000)
    assert not context.page_errors, context.page_errors
    assert urlsplit(page.url).path.endswith("/policies/sefton/") and not urlsplit(page.url).query
