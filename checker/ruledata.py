"""Loading the rule data packaged in checker/rules/: one TOML file per policy, validated on load."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from pydantic import ValidationError

from .errors import CheckerError
from .models import PolicyRules

POLICY_IDS = ("somerset", "sefton", "blackburn-with-darwen", "lancashire", "bracknell-forest")


def parse_rules(text: str, name: str) -> PolicyRules:
    """Validate one rule file; a bad file names itself and the offending key."""
    try:
        return PolicyRules.model_validate(tomllib.loads(text))
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"checker/rules/{name}.toml is not valid rule data:\n{exc}") from exc


@lru_cache(maxsize=None)
def load(policy: str) -> PolicyRules:
    if policy not in POLICY_IDS:
        raise CheckerError("policy", f"unknown policy {policy!r}; choose one of: {', '.join(POLICY_IDS)}")
    text = resources.files("checker").joinpath(f"rules/{policy}.toml").read_text("utf-8")
    rules = parse_rules(text, policy)
    if rules.policy.id != policy:
        raise ValueError(f"checker/rules/{policy}.toml declares policy id {rules.policy.id!r}")
    return rules


def load_all() -> list[PolicyRules]:
    return [load(p) for p in POLICY_IDS]
