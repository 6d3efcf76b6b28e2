"""The team check in the real built site, driven in Debian's Chromium (issue 9, DESIGN §5).

Expected answers come from the rule core run in CPython (`checker.team`), so there is one source of truth.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from checker import team

from .conftest import ROOT, wait_result
from .test_accessibility import assert_no_violations

TEAMS = ROOT / "tests" / "scenarios" / "teams"
sys.path.insert(0, str(ROOT / "tests" / "core"))
from team_workbooks import ods, xlsx  # noqa: E402 - the workbooks the core's tests write
SEFTON_ON = "2024-03-10"
ROWS = "[data-team-result] tbody tr"


def open_team(page, site_url, query=f"?on={SEFTON_ON}&policy=sefton"):
    page.goto(site_url + "tools/team/" + query)
    page.wait_for_selector('[data-team][data-state="ready"]', timeout=60_000)


def choose(page, path: Path, confirm: bool = True) -> None:
    """Choose a file; where the page asks what its columns and values mean first, accept what it matched."""
    page.evaluate("document.querySelector('[data-team-result]').removeAttribute('data-count');"
                  "document.querySelector('[data-team-mapping]').removeAttribute('data-state')")
    page.set_input_files("[data-team-file]", str(path))
    page.wait_for_selector("[data-team-result][data-count], [data-team-mapping][data-state=asking]", state="attached",
                           timeout=60_000)
    if confirm and page.get_attribute("[data-team-mapping]", "data-state") == "asking":
        page.click("[data-team-confirm]")
        page.wait_for_selector("[data-team-result][data-count]", state="attached", timeout=60_000)


def drawn(page) -> list[dict]:
    return page.eval_on_selector_all(ROWS, """rs => rs.map(r => ({name: r.dataset.person, status: r.dataset.status,
        next_due: r.dataset.nextDue}))""")


def core(path: Path, policy: str, on: str) -> dict:
    return team.team(path.read_bytes(), policy, on)


def write(tmp_path, text: str, name="team.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_file_chosen_with_the_picker_gives_the_rule_cores_table(page, site_url):
    open_team(page, site_url)
    path = TEAMS / "sefton.csv"
    choose(page, path)
    want = core(path, "sefton", SEFTON_ON)
    assert drawn(page) == [{"name": p["name"], "status": p["status"], "next_due": p["next_due"] or ""} for p in want["people"]]
    # Most urgent first, status in words (not colour alone), the summary above with the in-timescale figure.
    first = page.locator(ROWS).first
    assert first.get_attribute("data-status") == "overdue" and "Overdue" in first.inner_text()
    assert page.get_attribute("[data-team-percent]", "data-team-percent") == "60.0"
    assert "60.0%" in page.inner_text("[data-team-summary]")
    assert page.is_hidden("[data-team-errors]")
    # Every paragraph link goes to an anchor on the policy's page.
    hrefs = page.eval_on_selector_all("[data-team-result] .hb-cites a", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(site_url + "policies/sefton/#p") for h in hrefs)


def test_sort_by_any_column_and_filter_by_status(page, site_url):
    open_team(page, site_url, f"?on={SEFTON_ON}&policy=sefton&from=2023-04-03")
    choose(page, TEAMS / "sefton.csv")
    names = lambda: [r["name"] for r in drawn(page)]
    page.click("[data-team-result] th button[data-sort=name]")
    assert names() == sorted(names(), key=str.casefold)
    assert page.get_attribute("th:has(button[data-sort=name])", "aria-sort") == "ascending"
    assert page.evaluate("document.activeElement.dataset.sort") == "name"  # focus stays on the header
    page.click("[data-team-result] th button[data-sort=name]")
    assert names() == sorted(names(), key=str.casefold, reverse=True)
    assert page.get_attribute("th:has(button[data-sort=name])", "aria-sort") == "descending"
    assert page.get_attribute("th:has(button[data-sort=status])", "aria-sort") is None
    page.click("[data-team-result] th button[data-sort=next_due]")
    dues = [r["next_due"] for r in drawn(page)]
    assert dues == sorted(dues)
    page.click("[data-team-result] th button[data-sort=missed]")
    missed = page.eval_on_selector_all(ROWS, "rs => rs.map(r => +r.cells[r.cells.length - 2].textContent)")
    assert missed == sorted(missed) and missed[-1] == 9  # Kit Lowe: nine months missed since the start
    page.select_option("[data-team-filter]", "due-soon")
    assert {r["status"] for r in drawn(page)} == {"due-soon"} and len(drawn(page)) == 2
    assert "Showing 2 of 5" in page.inner_text("[data-team-shown]")
    page.select_option("[data-team-filter]", "")
    assert len(drawn(page)) == 5


def test_export_is_the_cores_formula_safe_csv_of_the_rows_shown(page, site_url, tmp_path):
    hostile = ['=HYPERLINK("http://evil.example/","Click")', "@SUM(A1)", "+44 Person", "-Minus Person"]
    rows = "".join('"{}",social-worker,2024-01-08,2024-02-01\n'.format(n.replace('"', '""')) for n in hostile)
    path = write(tmp_path, "name,role,start,session\n" + rows + "Plain Person,social-worker,2024-03-01,\n")
    open_team(page, site_url)
    choose(page, path)
    page.select_option("[data-team-filter]", "overdue")
    with page.expect_download() as info:
        page.click("[data-team-export]")
    download = info.value
    assert download.suggested_filename == f"team-check-{SEFTON_ON}-overdue.csv"  # the filter in its name
    text = Path(download.path()).read_bytes().decode("utf-8")
    table = list(csv.reader(io.StringIO(text)))
    want = [p for p in core(path, "sefton", SEFTON_ON)["people"] if p["status"] == "overdue"]
    # Its first line says the answer and the filter that made it.
    assert table[0][0].startswith("Team check as of 10 March 2024; policy: ") and "file: team.csv" in table[0][0]
    assert table[0][0].endswith(f"Showing Status = Overdue ({len(want)} of 5 people).")
    assert table[1] == list(team.CSV_HEADER)
    assert text.split("\r\n", 1)[1] == team.to_csv(want)
    table = table[1:]
    assert sorted(r[0] for r in table[1:]) == sorted("'" + n for n in hostile)
    assert all(not cell or cell[0] not in "=+-@\t\r" for r in table[1:] for cell in r)
    assert all(r[3] == "overdue" for r in table[1:])


def test_one_person_is_one_person_checked(page, site_url, tmp_path):
    open_team(page, site_url)
    choose(page, write(tmp_path, "name,role,start,session\nAsha Patel,social-worker,2024-01-08,2024-02-01\n", name="asha.csv"))
    assert page.inner_text("[data-team-busy]") == "asha.csv: 1 person checked."
    assert "1 person checked as of Sunday 10 March 2024." in page.inner_text("[data-team-summary]")


def test_hostile_names_come_back_as_inert_text(page, site_url, tmp_path):
    names = ["<img src=x onerror=\"window.__pwned=1\">", "<script>window.__pwned=2</script>",
             '=HYPERLINK("http://evil.example/","x")']
    rows = "".join('"{}",social-worker,2024-01-08,2024-02-01\n'.format(n.replace('"', '""')) for n in names)
    open_team(page, site_url)
    choose(page, write(tmp_path, "name,role,start,session\n" + rows))
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.query_selector("[data-team-result] img") is None and page.query_selector("[data-team-result] script") is None
    texts = page.eval_on_selector_all(ROWS + " td:first-child a", "as => as.map(a => a.textContent)")
    assert sorted(texts) == sorted(names)
    assert sorted(r["name"] for r in drawn(page)) == sorted(names)


def test_bad_rows_are_listed_with_line_and_what_to_fix_and_the_rest_is_shown(page, site_url, tmp_path):
    text = ("name,role,start,session\nAnn,social-worker,2024-01-08,2024-02-01\nAnn,social-worker,2024-01-09,2024-03-01\n"
            "Bob,wizard,2024-01-08,\nCat,social-worker,2024-01-08,31/02/2024\nCat,social-worker,2024-01-08,2024-02-20\n")
    open_team(page, site_url)
    choose(page, write(tmp_path, text))
    items = page.eval_on_selector_all("[data-team-errors] li", "ls => ls.map(l => [l.dataset.line, l.dataset.field, l.textContent])")
    assert [(i[0], i[1]) for i in items] == [("3", "start"), ("4", "role"), ("5", "session")]
    assert "Line 3" in items[0][2] and "differs from 2024-01-08 on line 2" in items[0][2]
    assert "3 entries to fix" in page.inner_text("[data-team-errors] h2")
    assert sorted(r["name"] for r in drawn(page)) == ["Ann", "Cat"]
    assert "Line 5 not read" in page.inner_text(ROWS + "[data-person=Cat]")
    assert "Traceback" not in page.inner_text("body")


def test_each_person_opens_the_one_person_checker_with_their_case(page, site_url):
    open_team(page, site_url)
    choose(page, TEAMS / "sefton.csv")
    row = page.locator(ROWS + '[data-person="Hana Iqbal"]')
    href = row.locator("a").first.get_attribute("href")
    q = parse_qs(urlsplit(href).query)
    assert urlsplit(href).path.endswith("/tools/due-dates/")
    assert q["policy"] == ["sefton"] and q["role"] == ["social-worker"] and q["start"] == ["2023-04-03"]
    assert q["session"] == ["2024-01-31,2024-02-29"] and q["on"] == [SEFTON_ON]
    status, due = row.get_attribute("data-status"), row.get_attribute("data-next-due")
    row.locator("a").first.click()
    assert wait_result(page) == {"status": status, "next_due": due}


def test_worked_example_template_policy_and_date(page, site_url, tmp_path):
    open_team(page, site_url, f"?on={SEFTON_ON}")
    page.click("[data-team-example]")
    page.wait_for_selector("[data-team-result][data-count]", state="attached")
    want = team.team(team.example(SEFTON_ON), None, SEFTON_ON)
    assert drawn(page) == [{"name": p["name"], "status": p["status"], "next_due": p["next_due"] or ""} for p in want["people"]]
    with page.expect_download() as info:
        page.click("[data-team-template]")
    template = Path(info.value.path()).read_bytes().decode("utf-8")
    assert template == team.template()
    # Rows without a policy take the one chosen; changing it or the date checks the file again.
    path = write(tmp_path, "name,role,start,session\nA,staff,2024-01-08,2024-02-01\n")
    page.set_input_files("[data-team-file]", str(path))
    page.wait_for_selector("#team-policy-error:not([hidden])")  # asked first: one message, at the policy
    assert "Choose the policy" in page.inner_text("#team-policy-error") and "--" not in page.inner_text("#team-policy-error")
    assert page.query_selector(ROWS) is None
    page.evaluate("document.querySelector('[data-team-result]').removeAttribute('data-count')")
    page.select_option("#team-policy", "lancashire")
    page.wait_for_selector("[data-team-result][data-count]", state="attached")
    assert drawn(page) == [{"name": "A", "status": "not-computable", "next_due": ""}]
    page.evaluate("document.querySelector('[data-team-result]').removeAttribute('data-count')")
    page.fill("#team-on", "31/02/2024")
    page.press("#team-on", "Enter")
    page.wait_for_selector("#team-on-error:not([hidden])")
    assert "not a real date" in page.inner_text("#team-on-error")
    assert page.get_attribute("#team-on", "aria-invalid") == "true"


def test_drag_and_drop_and_a_windows_1252_file(page, site_url):
    open_team(page, site_url)
    data = list("name,role,start,session\r\nZoë O’Brien,social-worker,08/01/2024,01/02/2024\r\n".encode("cp1252"))
    page.evaluate("""bytes => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], "excel.csv", {type: "text/csv"}));
        const zone = document.querySelector("[data-team-drop]");
        for (const type of ["dragenter", "dragover", "drop"])
            zone.dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", data)
    page.wait_for_selector("[data-team-result][data-count]", state="attached")
    assert [r["name"] for r in drawn(page)] == ["Zoë O’Brien"]
    assert "Windows-1252" in page.inner_text("[data-team-notes]")


def test_a_file_that_is_not_csv_says_what_to_do(page, site_url, tmp_path):
    open_team(page, site_url)
    path = tmp_path / "team.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    page.set_input_files("[data-team-file]", str(path))
    page.wait_for_selector("#team-file-error:not([hidden])")
    assert "damaged: open it and save it again" in page.inner_text("#team-file-error")
    assert page.query_selector(ROWS) is None


def test_print_shows_a_clean_table_on_a4_landscape(page, site_url):
    open_team(page, site_url)
    choose(page, TEAMS / "sefton.csv")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '[data-team-form]', '[data-team-controls]', '.md-sidebar--primary']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.is_visible("[data-team-result] table") and page.is_visible("[data-team-summary]")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-team]')).page") == "team"
    rule = page.evaluate("""() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch (e) { return []; } })
        .filter(r => r.type === CSSRule.PAGE_RULE && r.selectorText === 'team').map(r => r.style.size)""")
    assert rule == ["a4 landscape"]


def test_the_team_check_with_a_result_and_errors_is_accessible(page, site_url, tmp_path):
    open_team(page, site_url)
    text = (TEAMS / "sefton.csv").read_text(encoding="utf-8") + "Bad Row,wizard,2024-01-08,\n"
    choose(page, write(tmp_path, text))
    assert page.is_visible("[data-team-errors]")
    assert_no_violations(page, "tools/team/ with a result and a row to fix")
    page.emulate_media(color_scheme="dark")
    assert_no_violations(page, "tools/team/ with a result (dark)")


def test_the_table_is_sorted_by_keyboard(page, site_url):
    open_team(page, site_url)
    choose(page, TEAMS / "sefton.csv")
    page.focus("[data-team-result] th button[data-sort=name]")
    page.keyboard.press("Enter")
    assert page.get_attribute("th:has(button[data-sort=name])", "aria-sort") == "ascending"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.sort") == "role"
    page.keyboard.press("Space")
    assert page.get_attribute("th:has(button[data-sort=role])", "aria-sort") == "ascending"


def test_a_large_team_draws_the_most_urgent_first_and_the_rest_on_request_or_for_print(page, site_url, tmp_path):
    """1,000 rows take the browser longer to lay out than the check takes: the first 100 are drawn at once."""
    lines = ["name,role,start,session"] + [f"Person {i:03d},social-worker,2023-01-09,{'2024-02-20' if i % 3 else '2023-06-01'}"
                                           for i in range(130)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    open_team(page, site_url)
    choose(page, path)
    want = core(path, "sefton", SEFTON_ON)["people"]
    assert page.get_attribute("[data-team-result]", "data-count") == "130"
    # Everyone has a row with the hooks, in the core's order; the first 100 are drawn, the rest wait hidden.
    assert [r["name"] for r in drawn(page)] == [p["name"] for p in want]
    assert page.locator(ROWS + ":not([hidden])").count() == 100 and page.locator(ROWS + "[hidden] td").count() == 0
    assert drawn(page)[0]["status"] == "overdue"
    assert "The first 100 of 130 are shown." in page.inner_text(".hb-team__more")
    page.focus("[data-team-more]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-team-result][data-shown='130']", state="attached")  # drawn a few rows per task
    assert page.locator(ROWS + ":not([hidden])").count() == 130
    assert [r["name"] for r in drawn(page)] == [p["name"] for p in want]
    assert page.evaluate("document.activeElement.textContent") == want[100]["name"]  # the keyboard goes on there
    assert not page.locator("[data-team-more]").count()
    # Printing draws every row, whichever way printing starts.
    choose(page, path)
    assert page.locator(ROWS + ":not([hidden])").count() == 100
    # (a function as the evaluated value would be called at once, printing the 100 rows drawn before the click)
    page.evaluate("window.printedRows = null; window.print = () => { window.printedRows = "
                  "document.querySelectorAll('[data-team-result] tbody tr:not([hidden])').length; }; 0")
    page.click("[data-team-print]")
    page.wait_for_function("window.printedRows !== null")  # Print asks the core for the filter's words first
    assert page.evaluate("window.printedRows") == 130
    choose(page, path)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(ROWS + ":not([hidden])").count() == 130


# ---------------------------------------------------------------------------------- exports as they come (issue 18)

EXPORTS = TEAMS / "exports"
EXPORT = EXPORTS / "case-management-25.csv"
EXPORT_ON = "2025-07-01"


def export_answer() -> dict:
    from checker import team_mapping
    mapping = team_mapping.from_toml((EXPORTS / "case-management-25.toml").read_text(encoding="utf-8"))
    return team.team(EXPORT.read_bytes(), "sefton", EXPORT_ON, mapping=mapping)


def rows_of(answer: dict) -> list[dict]:
    return [{"name": p["name"], "status": p["status"], "next_due": p["next_due"] or ""} for p in answer["people"]]


def open_export(page, site_url):
    open_team(page, site_url, f"?on={EXPORT_ON}&policy=sefton")


def test_the_export_asks_its_columns_and_job_titles_once_then_answers_as_the_command_line(page, site_url, tmp_path, capsys):
    open_export(page, site_url)
    choose(page, EXPORT, confirm=False)
    box = "[data-team-mapping]"
    assert page.get_attribute(box, "data-state") == "asking" and page.query_selector(ROWS) is None
    # The columns matched, shown before the answer and changeable.
    chosen = page.eval_on_selector_all(box + " select[data-field]", "ss => Object.fromEntries(ss.map(s => [s.dataset.field, s.value]))")
    assert chosen["name"] == "Worker Name" and chosen["role"] == "Job Title" and chosen["session"] == "Supervision Date"
    assert chosen["employee_id"] == "Employee No" and chosen["outcome"] == "Status"
    # Each job title once, with how many people hold it and a suggested role of the policy.
    roles = page.eval_on_selector_all(box + " tr[data-map-role]", """rs => rs.map(r => [r.dataset.mapRole,
        r.cells[0].textContent, r.querySelector('select').value])""")
    assert [r[0] for r in roles].count("Senior Practitioner") == 1
    suggested = {r[0]: r[2] for r in roles}
    assert suggested["Senior Practitioner"] == "social-worker" and suggested["ASYE Social Worker"] == "nqsw"
    assert suggested["Social Worker"] == "social-worker"
    outcomes = page.eval_on_selector_all(box + " tr[data-map-outcome] select", "ss => ss.map(s => [s.dataset.value, s.value])")
    assert dict(outcomes) == {"Completed": "held", "Cancelled": "not-held", "DNA": "not-held", "Rescheduled": "not-held"}
    page.click("[data-team-confirm]")
    page.wait_for_selector("[data-team-result][data-count]", state="attached", timeout=60_000)
    want = export_answer()
    assert drawn(page) == rows_of(want) and len(drawn(page)) == 25
    assert page.get_attribute(box, "data-state") == "confirmed"
    assert "Missed since 3 Jul 2024" in page.inner_text("[data-team-result] thead")
    assert "Days overdue" in page.inner_text("[data-team-result] thead")
    # The mapping downloads as the file the command line reads, which gives the same answer.
    page.click(box + " summary")
    with page.expect_download() as info:
        page.click("[data-team-mapping-download]")
    toml_path = tmp_path / "mapping.toml"
    toml_path.write_bytes(Path(info.value.path()).read_bytes())
    from checker.cli import main
    import json
    capsys.readouterr()
    assert main(["team", str(EXPORT), "--mapping", str(toml_path), "--policy", "sefton", "--on", EXPORT_ON, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == want["people"]
    # The second time, the same file gives the answer with no question asked.
    open_export(page, site_url)
    page.evaluate("window.asked = 0; new MutationObserver(() => { if (document.querySelector('[data-team-mapping]').dataset.state === 'asking') window.asked++; })"
                  ".observe(document.querySelector('[data-team-mapping]'), {attributes: true})")
    choose(page, EXPORT, confirm=False)
    assert page.evaluate("window.asked") == 0 and drawn(page) == rows_of(want)
    assert page.is_visible("[data-team-mapping-remembered]") is False  # collapsed, but said
    # Forgotten: asked again.
    page.click(box + " summary")
    assert page.is_visible("[data-team-mapping-remembered]")
    page.click("[data-team-forget]")
    page.wait_for_selector(box + "[data-state=asking]", state="attached")


def export_table() -> list[list]:
    """The 25-person export as a spreadsheet keeps it: its two date columns in date cells."""
    from datetime import datetime
    table = list(csv.reader(io.StringIO(EXPORT.read_text(encoding="utf-8-sig"))))
    return table[:1] + [[datetime.strptime(c, "%d/%m/%Y") if i in (4, 6) and c else c for i, c in enumerate(row)]
                        for row in table[1:]]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_the_same_export_as_an_excel_or_opendocument_workbook_gives_the_same_answer(page, context, site_url, tmp_path, kind):
    path = tmp_path / f"export.{kind}"
    path.write_bytes((xlsx if kind == "xlsx" else ods)(export_table()))
    open_export(page, site_url)
    choose(page, EXPORT)  # a CSV file: the spreadsheet reader is not loaded for it
    assert not [u for u in context.requests if "calamine" in u], "the spreadsheet reader loaded before a spreadsheet was chosen"
    choose(page, path)
    assert [u for u in context.requests if "calamine" in u]
    assert drawn(page) == rows_of(export_answer())


def test_on_a_phone_every_match_can_be_read_in_full(page, site_url):
    """At 390 x 844 each choice of the mapping panel shows its column name or role whole: it fits in the closed
    select, or (a policy's longest role names) is written out under it."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_export(page, site_url)
    choose(page, EXPORT, confirm=False)
    seen = page.eval_on_selector_all("[data-team-mapping] select", """ss => ss.map(s => {
        const cs = getComputedStyle(s), pen = document.createElement('canvas').getContext('2d');
        pen.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
        const text = s.options[s.selectedIndex].text;
        const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16;  // the arrow
        const under = s.parentElement.querySelector('.hb-team__map-chosen');
        return {text, fits: pen.measureText(text).width <= room,
                under: !!under && under.getClientRects().length > 0 && under.textContent === text};
    })""")
    assert len(seen) > 10 and all(s["fits"] or s["under"] for s in seen), [s for s in seen if not (s["fits"] or s["under"])]
    assert any(not s["fits"] for s in seen)  # the longest role name does not fit: it is the line under it that shows it
    assert all(s["fits"] for s in seen if s["text"] in ("Worker Name", "Supervision Date", "Employee No"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_workbook_of_several_sheets_reads_the_first_and_offers_the_others(page, site_url, tmp_path):
    """Issue 18 item 7: the first sheet, or a choice when there are several."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Exported from the case-management system on 1 July 2025"])
    sessions = book.create_sheet("Sessions")
    for row in csv.reader(io.StringIO((TEAMS / "sefton.csv").read_text(encoding="utf-8"))):
        sessions.append(row)
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    open_team(page, site_url)
    choose(page, path, confirm=False)
    assert page.get_attribute("[data-team-mapping]", "data-state") == "asking"  # the notes sheet has no columns
    assert page.eval_on_selector("select[data-team-sheet]", "s => [s.value, [...s.options].map(o => o.text)]") == \
        ["Read me", ["Read me", "Sessions"]]
    page.evaluate("document.querySelector('[data-team-mapping]').removeAttribute('data-state')")
    page.select_option("select[data-team-sheet]", "Sessions")
    page.wait_for_selector("[data-team-result][data-count], [data-team-mapping][data-state=asking]", state="attached")
    if page.get_attribute("[data-team-mapping]", "data-state") == "asking":
        page.click("[data-team-confirm]")
        page.wait_for_selector("[data-team-result][data-count]", state="attached")
    want = team.team((TEAMS / "sefton.csv").read_bytes(), "sefton", SEFTON_ON)["people"]
    assert sorted(r["name"] for r in drawn(page)) == sorted(p["name"] for p in want)
    assert "\u201cSessions\u201d was read" in page.inner_text("[data-team-notes]")


def test_print_and_export_act_once_per_click_and_say_the_filter(page, site_url):
    open_export(page, site_url)
    choose(page, EXPORT)
    page.evaluate("window.prints = 0; window.print = () => { window.prints++; }; 0")  # (a function as the last value would be called)
    page.click("[data-team-print]")
    page.wait_for_function("window.prints > 0")
    page.wait_for_timeout(300)
    assert page.evaluate("window.prints") == 1
    heading = page.inner_text("[data-team-print-heading]")
    assert "as of 1 July 2025" in heading and "policy: Supervision - Supporting" in heading
    assert "file: case-management-25.csv" in heading and "counted from 3 July 2024" in heading
    # Filtered by the file's own Team column; the export says so in its name and its first line.
    page.select_option("[data-team-extra='Team']", "Leaving Care")
    shown = drawn(page)
    want = [p for p in export_answer()["people"] if p["extra"]["Team"] == "Leaving Care"]
    assert [r["name"] for r in shown] == [p["name"] for p in want]
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    with page.expect_download():  # waits as long as a busy machine needs; then no second file may follow
        page.click("[data-team-export]")
    page.wait_for_timeout(500)
    assert len(downloads) == 1
    assert downloads[0].suggested_filename == f"team-check-{EXPORT_ON}-leaving-care.csv"
    first = next(csv.reader(io.StringIO(Path(downloads[0].path()).read_text(encoding="utf-8"))))[0]
    assert first.endswith(f"Showing Team = Leaving Care ({len(want)} of 25 people).")
    # Grouped by supervisor: one heading row per supervisor.
    page.select_option("[data-team-extra='Team']", "")
    page.select_option("[data-team-group]", "Supervisor")
    groups = page.eval_on_selector_all("[data-team-result] tr.hb-team__group", "rs => rs.map(r => r.textContent)")
    assert len(groups) == 3 and all(g.startswith("Supervisor: ") for g in groups)


def test_a_file_refused_after_a_good_one_clears_the_answer(page, site_url, tmp_path):
    open_team(page, site_url)
    choose(page, TEAMS / "sefton.csv")
    assert page.locator(ROWS).count() == 5
    page.set_input_files("[data-team-file]", str(write(tmp_path, "", name="empty.csv")))
    page.wait_for_selector("#team-file-error:not([hidden])")
    assert page.locator(ROWS).count() == 0 and page.is_hidden("[data-team-summary]")
    choose(page, TEAMS / "sefton.csv")
    big = tmp_path / "big.csv"
    big.write_bytes(b"name,role,start,session\n" + b"x" * 20_000_001)
    page.set_input_files("[data-team-file]", str(big))
    page.wait_for_selector("#team-file-error:not([hidden])")
    assert "MB" in page.inner_text("#team-file-error") and page.locator(ROWS).count() == 0
