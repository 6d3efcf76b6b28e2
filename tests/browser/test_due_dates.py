"""The due-date checker in the real built site, driven in Debian's Chromium (issue 4, DESIGN §5).

Expected answers come from the rule core run in CPython (`checker.api`), so there is one source of truth.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from checker import api

from .conftest import ROOT, wait_ready, wait_result

CASES = [
    {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01,2024-02-28",
     "on": "2024-03-10"},
    {"policy": "somerset", "role": "practitioner", "start": "2024-01-08", "session": "2024-02-01",
     "on": "2024-06-10", "new-starter": "1"},
    {"policy": "blackburn-with-darwen", "role": "family-support-worker", "start": "2023-09-04",
     "session": "2023-10-02", "on": "2023-11-20", "new-starter": "1"},
    {"policy": "bracknell-forest", "role": "case-holder", "start": "2024-04-02", "on": "2024-05-01"},
]


def expected(case: dict) -> dict:
    out = api.call("due", dict(case))
    assert "ok" in out, out
    return {"status": out["ok"]["status"], "next_due": out["ok"]["next_due"] or ""}


@pytest.mark.parametrize("case", CASES, ids=[c["policy"] for c in CASES])
def test_url_prefilled_case_gives_the_rule_cores_dates(page, site_url, case):
    page.goto(site_url + "tools/due-dates/?" + urlencode(case))
    assert wait_result(page) == expected(case)
    assert page.get_attribute("[data-checker]", "data-state") == "ready"
    # Every citation is an absolute link to a paragraph anchor on a policy page of this site.
    hrefs = page.eval_on_selector_all("[data-result] .hb-cites a", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(site_url + "policies/" + case["policy"] + "/#p") or "/policies/" in h for h in hrefs)


def test_typing_a_case_into_the_form(page, site_url):
    case = {"policy": "sefton", "role": "residential-worker", "start": "2024-03-04",
            "session": "2024-04-02", "on": "2024-05-20", "new-starter": "1"}
    page.goto(site_url + "tools/due-dates/")
    wait_ready(page)
    assert page.input_value("#dd-on")  # defaults to today
    page.select_option("#dd-policy", "sefton")
    page.select_option("#dd-role", "residential-worker")
    page.check("#dd-fact-new-starter")
    page.fill("#dd-start", "04/03/2024")  # a UK-style date is accepted
    page.fill("#dd-session", "2024-04-02")
    page.fill("#dd-on", "2024-05-20")
    page.click("[data-submit]")
    assert wait_result(page) == expected(case)
    # The form state is now in the URL, with the CLI's names.
    assert "policy=sefton" in page.url and "start=2024-03-04" in page.url and "new-starter=1" in page.url
    # Only the relevant facts are asked: this role has exactly one.
    assert page.eval_on_selector_all("[data-fact-list] input", "is => is.map(i => i.name)") == ["new-starter"]
    # The status is given in words, not colour alone.
    words = {"ok": "Up to date", "due-soon": "Due soon", "overdue": "Overdue"}[expected(case)["status"]]
    assert words in page.inner_text(".hb-answer .hb-status")


def test_a_bad_date_gets_an_inline_message_and_keeps_the_other_entries(page, site_url):
    page.goto(site_url + "tools/due-dates/?policy=lancashire&role=staff")
    wait_ready(page)
    page.fill("#dd-start", "2024-02-30")
    page.fill("#dd-session", "2024-03-05")
    page.fill("#dd-on", "2024-04-01")
    page.click("[data-submit]")
    page.wait_for_selector("#dd-start-error:not([hidden])")
    message = page.inner_text("#dd-start-error")
    assert "Date you started" in message and "2024-02-30" in message
    assert "Traceback" not in page.inner_text("body")
    assert page.get_attribute("#dd-start", "aria-invalid") == "true"
    assert "dd-start-error" in page.get_attribute("#dd-start", "aria-describedby")
    assert page.evaluate("document.activeElement.id") == "dd-start"
    # Everything else is as the user left it.
    assert page.input_value("#dd-policy") == "lancashire"
    assert page.input_value("#dd-role") == "staff"
    assert page.input_value("#dd-session") == "2024-03-05"
    assert page.input_value("#dd-on") == "2024-04-01"
    assert page.input_value("#dd-start") == "2024-02-30"
    # Correcting it clears the message and answers.
    page.fill("#dd-start", "2024-02-29")
    page.click("[data-submit]")
    page.wait_for_selector("#dd-start-error[hidden]", state="attached")
    case = {"policy": "lancashire", "role": "staff", "start": "2024-02-29", "session": "2024-03-05", "on": "2024-04-01"}
    page.wait_for_function("document.querySelector('[data-result]').dataset.status !== 'error'")
    assert wait_result(page) == expected(case)


def test_the_form_works_by_keyboard_alone(page, site_url):
    case = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01",
            "on": "2024-03-10"}
    page.goto(site_url + "tools/due-dates/")
    wait_ready(page)
    page.focus("#dd-policy")  # as if reached with Tab past the page's links
    page.keyboard.type("Sefton")
    page.keyboard.press("Tab")
    page.wait_for_function("document.querySelectorAll('#dd-role option').length > 2")
    assert page.evaluate("document.activeElement.id") == "dd-role"
    page.keyboard.type("Social worker")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "dd-start"
    page.keyboard.type("2024-01-08")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "dd-session"
    page.keyboard.type("2024-02-01")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "dd-on"
    page.keyboard.press("Control+A")
    page.keyboard.type("2024-03-10")
    page.keyboard.press("Enter")
    assert wait_result(page) == expected(case)
    # The answer takes focus so a screen reader reads it; Tab goes on to its links.
    assert page.evaluate("document.activeElement.hasAttribute('data-result')")


def test_instant_navigation_starts_the_checker(page, site_url):
    page.goto(site_url + "tools/")
    page.click("article a[href$='due-dates/']")
    page.wait_for_url("**/tools/due-dates/")
    wait_ready(page)


def test_policy_pages_download_no_pyodide(context, page, site_url):
    page.goto(site_url + "policies/sefton/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in context.requests if "/assets/pyodide/" in u or "checker-worker" in u]


def test_copy_link_and_start_again(page, site_url):
    case = CASES[0]
    page.goto(site_url + "tools/due-dates/?" + urlencode(case))
    wait_result(page)
    page.click("[data-reset]")
    assert page.input_value("#dd-start") == ""
    assert page.get_attribute("[data-result]", "data-status") == ""
    assert "policy=" not in page.url
