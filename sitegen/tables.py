"""Tables generated from the rulebook, so no requirement is restated by hand on a page.

A page asks for a table with a marker on a line of its own (`<!-- rules:at-a-glance -->`,
`<!-- topic:requirements ID[,ID…] -->`); `markers` lists them all and calls these functions. Policy ids,
short names and kinds come from the rulebook and `checker.wording`, never from a list typed here.
"""

from __future__ import annotations

import re
from datetime import date

from checker import api, wording
from checker.rulebook import policy_ids, policy_rules
from checker.vocabulary import SESSION_KINDS

from .errors import BuildError
from .links import Where, policy_page, short

CHECKER_PAGE = "tools/due-dates.md"
AT_A_GLANCE = "at-a-glance"  # the anchor of a policy page's "Requirements at a glance" box
_schedule_text = wording.describe_schedule


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def cite(where: Where, policy: str, sections: list[str], with_policy: bool = False) -> str:
    """Links to a policy's paragraphs ('[3.12](../policies/sefton.md#p3-12)'), optionally named 'Sefton 3.12'."""
    prefix = f"{short(policy)} " if with_policy else ""
    return ", ".join(f"[{prefix}{s}]({where.cite(policy, s)})" for s in sections)


# ---------------------------------------------------------------- the tables


def _check_it(where: Where, policy: str, req: dict) -> str:
    """A link to the due-date checker pre-filled with this policy and role (and the facts the rule needs).
    A Markdown link to the page's source with a query string, which both generators resolve and check (raw
    HTML would not do: Zensical rewrites a raw link as if it were relative to the source file, MkDocs does not).
    Roles ["*"] take the policy's first role."""
    if not req["computable"]:
        return ""
    roles = api.roles(policy)
    role = roles[0] if req["roles"] == ["*"] else next(r for r in roles if r["id"] == req["roles"][0])
    query = [("policy", policy), ("role", role["id"])]
    query += [(fact, "1") for fact, wanted in sorted(req.get("when", {}).items()) if wanted]
    href = where.md_link(CHECKER_PAGE) + "?" + "&".join(f"{k}={v}" for k, v in query)
    name = re.sub(r"\s*\([^)]*\)", "", role["name"]).strip()
    words = name.split()
    if len(words) == 1 or (len(words) > 1 and words[1][:1].islower()):
        name = name[:1].lower() + name[1:]
    return f"[Check {short(policy)} dates ({_cell(name)})]({href}){{: .hb-check-it }}"


def at_a_glance(where: Where, policy: str) -> str:
    rows = ["| Paragraph | Requirement | Must or should | When, as the checker reads it | Check it |",
            "|---|---|---|---|---|"]
    for req in api.rules(policy):
        sections = [req["section"], *req.get("also_cites", [])]
        rows.append(f"| {cite(where, policy, sections)} | {_cell(req['summary'])} | "
                    f"{req.get('strength', 'should')} | {_cell(_schedule_text(req))} | "
                    f"{_check_it(where, policy, req)} |")
    count, computable = _counts(policy)
    return (f'<a id="{AT_A_GLANCE}"></a>\n\n'
            f'???+ abstract "Requirements at a glance: {count} time-bound requirements, {computable} of them '
            f'dated by the checker"\n\n' + "\n".join("    " + r for r in rows) + "\n")


def _counts(policy: str) -> tuple[int, int]:
    """A policy's time-bound requirements, and how many of them the checker dates."""
    rules = api.rules(policy)
    return len(rules), sum(1 for r in rules if r["computable"])


def policy_index(where: Where, brief: bool = False) -> str:
    """The policies side by side; `brief` (for the home page) keeps three columns."""
    head = ["Policy", "Authority", "Review date"] if brief else [
        "Policy", "Authority", "Service", "Version", "Date", "Review date", "Scope"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in api.policies():
        dc = wording.document_control(p, date.today())
        review = dc["review"] + (" (passed)" if dc["review_passed"] else "")
        link = where.md_link(policy_page(p["id"]))
        cells = [f"[{_cell(p['name'])}]({link})", _cell(p["authority"])]
        cells += [_cell(review)] if brief else [
            _cell(p["service"]), _cell(dc["version"]), _cell(dc["date"]), _cell(review), _cell(p["scope"])]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def frequency_comparison(where: Where) -> str:
    """One table per policy: each frequency rule once, with the roles it applies to."""
    out = []
    for policy in policy_ids():
        rules = policy_rules(policy)
        names = {r.id: r.name for r in rules.roles}
        out.append(f"### {short(policy)}\n")
        out.append("| Who | How often (minimum unless marked) | Paragraph |\n|---|---|---|")
        for req in api.rules(policy):
            if req["kind"] not in (*SESSION_KINDS, "duration"):
                continue
            who = _who(rules, req["roles"], names)
            when = ", ".join(("" if v else "not ") + k.replace("-", " ") for k, v in req.get("when", {}).items())
            who = _cell(who) + (f" (only if {when})" if when else "")
            label = " (recommended)" if req.get("strength") == "recommended" else ""
            out.append(f"| {who} | {_cell(req['summary'])}{label} — *{_cell(_schedule_text(req))}* | "
                       f"{cite(where, policy, [req['section'], *req.get('also_cites', [])], True)} |")
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


def requirements_table(where: Where) -> str:
    """The tool pages' way to the requirements without JavaScript: a line per policy, linking to the
    "Requirements at a glance" box at the head of its page. One line, not the policy's rows: a tool page must not
    grow with the number of policies (150 policies made each tool page half a megabyte, and its first answer slower)."""
    lines = []
    for policy in policy_ids():
        count, computable = _counts(policy)
        href = where.md_link(policy_page(policy)) + f"#{AT_A_GLANCE}"
        lines.append(f"- [{short(policy)}]({href}): {count} time-bound requirements, {computable} of them dated by "
                     "the checker")
    return ("Each policy's time-bound requirements, with the paragraph that sets each one and a link that opens "
            "the due-date checker on it, are listed at the head of its page:\n\n" + "\n".join(lines) + "\n")


def requirements_by_policy(where: Where, chosen: list[dict]) -> str:
    """The chosen requirements in one table, policy by policy in the usual order; a policy with none
    of them says so."""
    rows = ["| Policy | Requirement | When, as the checker reads it | Paragraph |", "|---|---|---|---|"]
    for policy in policy_ids():
        found = [r for r in chosen if r["policy"] == policy]
        for req in found:
            label = " (recommended)" if req.get("strength") == "recommended" else ""
            rows.append(f"| {short(policy)} | {_cell(req['summary'])}{label} | {_cell(_schedule_text(req))} | "
                        f"{cite(where, policy, [req['section'], *req.get('also_cites', [])], True)} |")
        if not found:
            rows.append(f"| {short(policy)} | *The policy sets no time limit for this.* | | |")
    return "\n".join(rows) + "\n"


def by_kind(where: Where, kinds: str) -> str:
    """Every requirement of the given kinds (e.g. 'write-up' or 'agreement,agreement-review') across
    the five policies."""
    wanted = kinds.split(",")
    return requirements_by_policy(where, [r for r in api.rules() if r["kind"] in wanted])


def readings(where: Where) -> str:
    """Every reading of ambiguous wording the checker applies, per policy, with its paragraph."""
    out = []
    for policy in policy_ids():
        out.append(f"### {short(policy)}\n")
        for req in api.rules(policy):
            if req.get("reading"):
                out.append(f"- {cite(where, policy, [req['section'], *req.get('also_cites', [])], True)}: {req['reading']}")
        out.append("")
    return "\n".join(out)


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def policy_count(capital: bool = False) -> str:
    """How many policies the handbook holds, in words up to twelve ('five'), in figures beyond ('150')."""
    count = len(policy_ids())
    word = _NUMBERS[count] if count < len(_NUMBERS) else str(count)
    return word.capitalize() if capital else word


def bank_holidays(where: Where) -> str:
    cal = api.calendar()
    first, last = (wording.long_date(date.fromisoformat(cal[k])) for k in ("from", "to"))
    return (f"Working days are Monday to Friday except England and Wales bank holidays, one-off days such as "
            f"the 2023 coronation included, known from {first} to {last}. A working-day deadline outside "
            f"that range is shown as one that cannot be dated, never guessed.\n")


def requirements_by_id(where: Where, ids: str) -> str:
    """The named requirements (`<!-- topic:requirements ID[,ID…] -->`), grouped by policy in the usual order."""
    wanted = ids.split(",")
    every = {r["id"]: r for r in api.rules()}
    unknown = [i for i in wanted if i not in every]
    if unknown:
        raise BuildError(f"{where.src}: <!-- topic:requirements … --> names unknown rule ids: {', '.join(unknown)} "
                          f"(see `python -m checker rules --json`)")
    return requirements_by_policy(where, [every[i] for i in wanted])
