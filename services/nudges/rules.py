"""The nudge rules live in `services.nudges.domain.rules` (pure functions, unit-tested
without servers); this module keeps the old import path working."""
from .domain.rules import *  # noqa: F401,F403
from .domain.rules import RULES, Suggestion, suggest  # noqa: F401
from .domain.timing import within_working_hours  # noqa: F401
