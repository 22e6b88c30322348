"""The networking styles and what a plan of each asks for before the member tunes it: one table
the goals service's plan and the nudge workers' reading of it share. An introvert's plan asks for
fewer, deeper touches and more time to follow up; an extrovert's for more, sooner. Pure data."""
from __future__ import annotations

STYLES = ("introvert", "ambivert", "extrovert")
DEFAULT_STYLE = "ambivert"
STYLE_DEFAULTS: dict[str, dict[str, int]] = {
    "introvert": {"weekly_budget": 3, "follow_up_days": 3, "max_nudges_per_day": 2},
    "ambivert": {"weekly_budget": 5, "follow_up_days": 2, "max_nudges_per_day": 3},
    "extrovert": {"weekly_budget": 8, "follow_up_days": 1, "max_nudges_per_day": 5},
}
