"""The networking plan: cadences fitted to temperament, the channels it mixes and the recurring
commitments it asks for. Pure rules, no I/O."""
from __future__ import annotations

import copy
from typing import Any

from shared.strategy.styles import DEFAULT_STYLE, STYLE_DEFAULTS, STYLES  # noqa: F401  (the plan's styles)

from .channels import CHANNELS

DEFAULT_WORKING_HOURS = {"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]}  # ISO weekdays

# A commitment is a channel, or giving first (help, an introduction), so often a week or a month.
GIVE_FIRST = "give_first"
COMMITMENT_WHATS = (*CHANNELS, GIVE_FIRST)
PERIODS = ("week", "month")
WEEKS_A_MONTH = 52 / 12
SHARE_TOLERANCE = 0.01  # channel shares must sum to 1 within this

STYLE_CHANNELS: dict[str, dict[str, float]] = {
    "introvert": {"coffee": 0.5, "calls": 0.3, "online": 0.2},
    "ambivert": {"coffee": 0.3, "events": 0.2, "calls": 0.2, "online": 0.3},
    "extrovert": {"events": 0.4, "coffee": 0.3, "speaking": 0.1, "online": 0.2},
}
STYLE_COMMITMENTS: dict[str, list[dict]] = {
    "introvert": [{"what": "coffee", "count": 1, "per": "week"}, {"what": GIVE_FIRST, "count": 1, "per": "month"}],
    "ambivert": [{"what": "coffee", "count": 1, "per": "week"}, {"what": "events", "count": 1, "per": "month"},
                 {"what": GIVE_FIRST, "count": 1, "per": "month"}],
    "extrovert": [{"what": "coffee", "count": 2, "per": "week"}, {"what": "events", "count": 2, "per": "month"},
                  {"what": GIVE_FIRST, "count": 1, "per": "week"}],
}
PLAN_FIELDS = ("style", "weekly_budget", "follow_up_days", "max_nudges_per_day", "timezone", "working_hours",
               "offers", "channels", "commitments", "answers", "reasoning")


def plan_with_defaults(fields: dict) -> dict:
    """Fill what the member left out from their style's defaults. A plan without a time
    zone follows the member's account zone (consumers know it from account events); a plan
    stored before channels and commitments existed reads with its style's."""
    style = fields.get("style") or DEFAULT_STYLE
    plan = {"style": style, **STYLE_DEFAULTS[style], "timezone": None, "offers": [],
            "working_hours": dict(DEFAULT_WORKING_HOURS), "channels": dict(STYLE_CHANNELS[style]),
            "commitments": copy.deepcopy(STYLE_COMMITMENTS[style]), "answers": None, "reasoning": []}
    plan.update({k: v for k, v in fields.items() if v is not None})
    return plan


def plan_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """Only the plan's own fields of a stored plan (no id, version, tenant or timestamps)."""
    return {k: doc[k] for k in PLAN_FIELDS if k in doc}


def channel_errors(channels: dict[str, Any]) -> list[str]:
    """What is wrong with a channel mix: unknown channels, shares outside 0..1, a sum not ~1."""
    errors = [f"unknown channel {name!r}; one of {', '.join(CHANNELS)}" for name in channels if name not in CHANNELS]
    shares = [v for v in channels.values() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(shares) != len(channels) or any(not 0 <= v <= 1 for v in shares):
        errors.append("every share must be a number from 0 to 1")
    elif abs(sum(shares) - 1) > SHARE_TOLERANCE:
        errors.append(f"the shares must sum to 1 (they sum to {round(sum(shares), 3)})")
    return errors


def weekly(commitment: dict[str, Any]) -> float:
    """How many a week a commitment asks for (a monthly one, spread over the month's weeks)."""
    count = float(commitment["count"])
    return count if commitment["per"] == "week" else count / WEEKS_A_MONTH
