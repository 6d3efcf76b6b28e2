"""Run before the snapshot is taken: one question of each kind for the first policy, and every command of the
API asked once, so that the modules (and caches) answers need are loaded and held in the snapshot.

One policy: the code paths are the same for all, and the snapshot must not grow with the number of policies
(its memory must stay under Pyodide's initial heap); each policy's rules are read when it is first asked about
(the worker's handbookReadPolicy), and the one read here is dropped when the worker hands the rulebook its reader."""

import gc
import importlib


def warm(core_import):
    api = importlib.import_module(core_import)
    for policy in (api.call("policies", {}).get("ok") or [])[:1]:
        pid = policy.get("id")
        api.call("rules", {"policy": pid})
        for role in api.call("roles", {"policy": pid}).get("ok") or []:
            api.call("due", {"policy": pid, "role": role.get("id"), "start": "2024-01-08",
                             "session": ["2024-02-01"], "on": "2024-03-10"})
            api.call("schedule", {"policy": pid, "role": role.get("id"), "start": "2024-01-08"})
        # The team check reads a file as people save it: text, UTF-8 bytes (with a BOM) and Windows-1252
        # bytes, each needing its own modules (without them, the first file a reader chooses would download
        # the whole standard library).
        example = (api.call("team-files", {"on": "2024-03-10"}).get("ok") or {}).get("example") or ""
        for csv in (example, "\ufeff".encode() + example.encode(), example.encode("cp1252", "replace")):
            api.call("team", {"csv": csv, "policy": pid, "on": "2024-03-10"})
    for command in getattr(api, "COMMANDS", None) or ["calendar"]:  # every other command, asked plainly
        if command != "rules":  # without a policy: every policy's rules, which is not a start-up's business
            api.call(command, {})
    gc.collect()  # the warming's garbage is gone before the snapshot is taken and the rest frozen
