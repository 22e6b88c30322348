"""The networking plan: cadences fitted to temperament. Pure rules, no I/O."""
from __future__ import annotations

STYLES = ("introvert", "ambivert", "extrovert")

# What a plan looks like before the member tunes it: an introvert's plan asks for fewer,
# deeper touches and more time to follow up; an extrovert's for more, sooner.
STYLE_DEFAULTS: dict[str, dict] = {
    "introvert": {"weekly_budget": 3, "follow_up_days": 3, "max_nudges_per_day": 2},
    "ambivert": {"weekly_budget": 5, "follow_up_days": 2, "max_nudges_per_day": 3},
    "extrovert": {"weekly_budget": 8, "follow_up_days": 1, "max_nudges_per_day": 5},
}
DEFAULT_STYLE = "ambivert"
DEFAULT_WORKING_HOURS = {"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]}  # ISO weekdays


def plan_with_defaults(fields: dict) -> dict:
    """Fill what the member left out from their style's defaults. A plan without a time
    zone follows the member's account zone (consumers know it from account events)."""
    style = fields.get("style") or DEFAULT_STYLE
    plan = {"style": style, **STYLE_DEFAULTS[style], "timezone": None, "offers": [],
            "working_hours": dict(DEFAULT_WORKING_HOURS)}
    plan.update({k: v for k, v in fields.items() if v is not None})
    return plan
