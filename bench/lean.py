"""The team check's path inside Pyodide (run by bench/lean.mjs): 1,000 people x 24 sessions through
checker.engine.lean and through checker.api.call("due"), medians of 3; the last expression is the result
as JSON text, which bench/lean.mjs prints."""
import json
from datetime import date, timedelta
from checker import api, engine
from checker.rulebook import policy_rules
from timing import median_ms  # bench/timing.py, mounted by bench/lean.mjs

PEOPLE, SESSIONS, ON = 1000, 24, "2024-11-20"
# One working case per role of every policy (a role whose answer needs more than dates is left out).
kinds = []
for p in api.call("policies", {})["ok"]:
    for role in api.call("roles", {"policy": p["id"]})["ok"]:
        if "ok" in api.call("due", {"policy": p["id"], "role": role["id"], "start": "2022-01-10", "on": ON}):
            kinds.append((p["id"], role["id"]))
params = []
for n in range(PEOPLE):
    policy, role = kinds[n % len(kinds)]
    start = date(2022, 1, 10) + timedelta(days=n % 60)
    sessions = [(start + timedelta(days=30 * k + (n * 7 + k) % 9)).isoformat() for k in range(SESSIONS)]
    params.append({"policy": policy, "role": role, "start": start.isoformat(), "session": sessions, "on": ON})

result = {"people": PEOPLE, "sessions": SESSIONS, "kinds": len(kinds), "lean": hasattr(engine, "lean")}
result["due_ms"] = median_ms(lambda: [api.call("due", p) for p in params])
if result["lean"]:
    prepared = [(policy_rules(p["policy"]), p) for p in params]
    cases = [(rules, api.case_from(p, rules)) for rules, p in prepared]
    result["lean_ms"] = median_ms(lambda: [engine.lean(rules, case) for rules, case in cases])
    result["lean_with_parsing_ms"] = median_ms(lambda: [engine.lean(rules, api.case_from(p, rules)) for rules, p in prepared])
json.dumps(result)
