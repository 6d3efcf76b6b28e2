"""MkDocs hook: tables generated from the rule data, so no requirement is restated by hand on a page.

A page asks for a table with a marker on a line of its own, e.g. `<!-- rules:at-a-glance -->`.
An unknown marker stops the build with the file's name (STYLE.md, habit 11).
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.exceptions import PluginError

from datetime import date

from checker import api, wording
from checker.citations import anchor_for
from checker.rulebook import policy_ids, policy_rules

MARKER = re.compile(r"^<!-- rules:(?P<name>[a-z-]+)(?: (?P<arg>[a-z,-]+))? -->$", re.M)
POLICY_IDS = policy_ids()
SHORT = {p: policy_rules(p).short for p in POLICY_IDS}
KINDS = tuple(wording.KIND_NAMES)
_schedule_text = wording.describe_schedule


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _href(page_src: str, policy: str, section: str) -> str:
    """A Markdown link target from this page to a paragraph, relative so a sub-path works."""
    target = f"policies/{policy}.md"
    if page_src == target:
        return f"#{anchor_for(section)}"
    rel = posixpath.relpath(target, posixpath.dirname(page_src) or ".")
    return f"{rel}#{anchor_for(section)}"


def _cite(page_src: str, policy: str, sections: list[str], with_policy: bool = False) -> str:
    prefix = f"{SHORT[policy]} " if with_policy else ""
    return ", ".join(f"[{prefix}{s}]({_href(page_src, policy, s)})" for s in sections)


# ---------------------------------------------------------------- the tables


def _site_root(page_src: str) -> str:
    """From the built page of `page_src` (directory URLs) back to the site root: 'policies/sefton.md' → '../../'."""
    stem = posixpath.splitext(page_src)[0]
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return "../" * len([part for part in folder.split("/") if part])


def _check_it(page_src: str, policy: str, req: dict) -> str:
    """A link to the due-date checker pre-filled with this policy and role (and the facts the rule needs).
    Raw HTML: MkDocs cannot validate a query string. Roles ["*"] take the policy's first role."""
    if not req["computable"]:
        return ""
    roles = api.roles(policy)
    role = roles[0] if req["roles"] == ["*"] else next(r for r in roles if r["id"] == req["roles"][0])
    query = [("policy", policy), ("role", role["id"])]
    query += [(fact, "1") for fact, wanted in sorted(req.get("when", {}).items()) if wanted]
    href = _site_root(page_src) + "tools/due-dates/?" + "&amp;".join(f"{k}={v}" for k, v in query)
    name = re.sub(r"\s*\([^)]*\)", "", role["name"]).strip()
    words = name.split()
    if len(words) == 1 or (len(words) > 1 and words[1][:1].islower()):
        name = name[:1].lower() + name[1:]
    return f'<a href="{href}" class="hb-check-it">Check {SHORT[policy]} dates ({_cell(name)})</a>'


def at_a_glance(page_src: str, policy: str) -> str:
    rows = ["| Paragraph | Requirement | Must or should | When, as the checker reads it | Check it |",
            "|---|---|---|---|---|"]
    for req in api.rules(policy):
        sections = [req["section"], *req.get("also_cites", [])]
        rows.append(f"| {_cite(page_src, policy, sections)} | {_cell(req['summary'])} | "
                    f"{req.get('strength', 'should')} | {_cell(_schedule_text(req))} | "
                    f"{_check_it(page_src, policy, req)} |")
    count = len(rows) - 2
    computable = sum(1 for r in api.rules(policy) if r["computable"])
    return (f'???+ abstract "Requirements at a glance: {count} time-bound requirements, {computable} of them '
            f'dated by the checker"\n\n' + "\n".join("    " + r for r in rows) + "\n")


def policy_index(page_src: str, short: bool = False) -> str:
    """The five policies side by side; `short` (for the home page) keeps three columns."""
    head = ["Policy", "Authority", "Review date"] if short else [
        "Policy", "Authority", "Service", "Version", "Date", "Review date", "Scope"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in api.policies():
        dc = wording.document_control(p, date.today())
        review = dc["review"] + (" (passed)" if dc["review_passed"] else "")
        link = posixpath.relpath(f"policies/{p['id']}.md", posixpath.dirname(page_src) or ".")
        cells = [f"[{_cell(p['name'])}]({link})", _cell(p["authority"])]
        cells += [_cell(review)] if short else [
            _cell(p["service"]), _cell(dc["version"]), _cell(dc["date"]), _cell(review), _cell(p["scope"])]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def frequency_comparison(page_src: str) -> str:
    """One table per policy: each frequency rule once, with the roles it applies to."""
    out = []
    for policy in POLICY_IDS:
        rules = policy_rules(policy)
        names = {r.id: r.name for r in rules.roles}
        out.append(f"### {SHORT[policy]}\n")
        out.append("| Who | How often (minimum unless marked) | Paragraph |\n|---|---|---|")
        for req in api.rules(policy):
            if req["kind"] not in ("supervision", "supervision-floor", "case-record", "duration"):
                continue
            who = _who(rules, req["roles"], names)
            when = ", ".join(("" if v else "not ") + k.replace("-", " ") for k, v in req.get("when", {}).items())
            who = _cell(who) + (f" (only if {when})" if when else "")
            label = " (recommended)" if req.get("strength") == "recommended" else ""
            out.append(f"| {who} | {_cell(req['summary'])}{label} — *{_cell(_schedule_text(req))}* | "
                       f"{_cite(page_src, policy, [req['section'], *req.get('also_cites', [])], True)} |")
        out.append("")
    return "\n".join(out)


def _who(rules, role_ids: list[str], names: dict[str, str]) -> str:
    """'Everyone the policy covers', 'Everyone except …', or the roles named."""
    if role_ids == ["*"]:
        return "Everyone the policy covers"
    staff = [r.id for r in rules.roles if r.subject == "supervisee"]
    left_out = [r for r in staff if r not in role_ids]
    if len(role_ids) >= 5 and len(left_out) <= 2:
        return "Every employee except: " + "; ".join(names[r] for r in left_out)
    return "; ".join(names[r] for r in role_ids)


def requirements_table(page_src: str) -> str:
    """Every computable supervision frequency, for the tool pages' no-JavaScript fallback."""
    rows = ["| Policy | Requirement | When | Paragraph |", "|---|---|---|---|"]
    for policy in POLICY_IDS:
        for req in api.rules(policy):
            if req["kind"] in ("supervision", "supervision-floor", "case-record", "write-up", "agreement"):
                rows.append(f"| {SHORT[policy]} | {_cell(req['summary'])} | {_cell(_schedule_text(req))} | "
                            f"{_cite(page_src, policy, [req['section']])} |")
    return "\n".join(rows) + "\n"


def requirements_by_policy(page_src: str, chosen: list[dict]) -> str:
    """The chosen requirements in one table, policy by policy in the usual order; a policy with none
    of them says so."""
    rows = ["| Policy | Requirement | When, as the checker reads it | Paragraph |", "|---|---|---|---|"]
    for policy in POLICY_IDS:
        found = [r for r in chosen if r["policy"] == policy]
        for req in found:
            label = " (recommended)" if req.get("strength") == "recommended" else ""
            rows.append(f"| {SHORT[policy]} | {_cell(req['summary'])}{label} | {_cell(_schedule_text(req))} | "
                        f"{_cite(page_src, policy, [req['section'], *req.get('also_cites', [])], True)} |")
        if not found:
            rows.append(f"| {SHORT[policy]} | *The policy sets no time limit for this.* | | |")
    return "\n".join(rows) + "\n"


def by_kind(page_src: str, kinds: str) -> str:
    """Every requirement of the given kinds (e.g. 'write-up' or 'agreement,agreement-review') across
    the five policies."""
    wanted = kinds.split(",")
    return requirements_by_policy(page_src, [r for r in api.rules() if r["kind"] in wanted])


def readings(page_src: str) -> str:
    """Every reading of ambiguous wording the checker applies, per policy, with its paragraph."""
    out = []
    for policy in POLICY_IDS:
        out.append(f"### {SHORT[policy]}\n")
        for req in api.rules(policy):
            if req.get("reading"):
                out.append(f"- {_cite(page_src, policy, [req['section'], *req.get('also_cites', [])], True)}: {req['reading']}")
        out.append("")
    return "\n".join(out)


def bank_holidays(page_src: str) -> str:
    cal = api.calendar()
    first, last = (wording.long_date(date.fromisoformat(cal[k])) for k in ("from", "to"))
    return (f"Working days are Monday to Friday except England and Wales bank holidays, one-off days such as "
            f"the 2023 coronation included, known from {first} to {last}. A working-day deadline outside "
            f"that range is shown as one that cannot be dated, never guessed.\n")


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri

    def render(match: re.Match) -> str:
        name, arg = match["name"], match["arg"]
        if name == "at-a-glance":
            policy = arg or posixpath.splitext(posixpath.basename(src))[0]
            if policy not in POLICY_IDS:
                raise PluginError(f"{src}: <!-- rules:at-a-glance --> on a page that is not a policy")
            return at_a_glance(src, policy)
        if name == "by-kind":
            if not arg or not set(arg.split(",")) <= set(KINDS):
                raise PluginError(f"{src}: <!-- rules:by-kind … --> needs kinds from {', '.join(KINDS)}")
            return by_kind(src, arg)
        if name == "policy-index":
            return policy_index(src, short=arg == "short")
        table = { "frequency-comparison": frequency_comparison,
                 "requirements-table": requirements_table, "readings": readings, "bank-holidays": bank_holidays}.get(name)
        if table is None:
            raise PluginError(f"{src}: unknown marker <!-- rules:{name} -->")
        return table(src)

    return MARKER.sub(render, markdown)
