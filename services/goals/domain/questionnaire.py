"""The questionnaire that fits a plan to the person: eight questions, and the plan their answers
make, with a sentence for each choice saying which answer led to it. Pure: answers in (already
validated against `QUESTIONS`, see schemas.py), a plan out.

The style comes from where the member gets energy, nudged by their comfort with cold outreach
and with speaking to a room. Introverts get fewer, deeper one-to-one commitments; a channel
heavy on cold outreach (events, speaking) gets a commitment only when the member chose it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .channels import CHANNELS
from .plan import DEFAULT_WORKING_HOURS, GIVE_FIRST, STYLE_DEFAULTS, WEEKS_A_MONTH, plan_with_defaults

ENERGY = ("groups", "one_to_one", "both")
TIMES = ("working_hours", "evenings", "any")
FOLLOW_UPS = ("same_day", "within_days", "within_week")
ONE_TO_ONE = ("coffee", "calls")
ROOMS = ("events", "speaking")           # the channels where one meets a crowd of strangers
MONTHLY = ROOMS + ("writing",)           # what one does a few times a month, not a week
MAX_HOURS = 20


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str                            # choice | multi | integer | scale | text_list
    required: bool = True
    options: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None

    def describe(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}


QUESTIONS = (
    Question("energy", "Where do you get your energy: in groups, one-to-one, or both?", "choice", options=ENERGY),
    Question("channels", "Which ways of networking do you like?", "multi", options=CHANNELS, min=1),
    Question("hours_per_week", "How many hours a week can you give to networking?", "integer", min=0, max=MAX_HOURS),
    Question("cold_outreach", "How comfortable are you writing to someone you have never met? (1-5)", "scale",
             min=1, max=5),
    Question("speaking", "How comfortable are you speaking to a room? (1-5)", "scale", min=1, max=5),
    Question("preferred_time", "When would you rather network?", "choice", required=False, options=TIMES),
    Question("follow_up", "How soon do you usually follow up after meeting someone?", "choice", options=FOLLOW_UPS),
    Question("offers", "What can you offer others (skills, introductions, advice)?", "text_list", required=False,
             max=20),
)

MINUTES_A_TOUCH = {"introvert": 45, "ambivert": 30, "extrovert": 20}  # deeper touches take longer
FOLLOW_UP_DAYS = {"same_day": 1, "within_days": 3, "within_week": 7}
HOURS = {"working_hours": DEFAULT_WORKING_HOURS,
         "evenings": {"start": "18:00", "end": "21:00", "days": [1, 2, 3, 4, 5]},
         "any": {"start": "08:00", "end": "21:00", "days": [1, 2, 3, 4, 5, 6, 7]}}
MAX_WEEKLY_COMMITMENT = {"introvert": 2, "ambivert": 3, "extrovert": 5}  # of one channel
MAX_INTROVERT_COMMITMENTS = 3
COLD = ROOMS + ("online",)               # channels heavy on cold outreach
ENERGY_WORDS = {"groups": "in groups", "one_to_one": "one-to-one", "both": "in groups and one-to-one"}


def style_of(answers: dict[str, Any]) -> tuple[str, str]:
    """The style and the sentence saying why."""
    score = {"groups": 2, "one_to_one": -2, "both": 0}[answers["energy"]]
    for key in ("cold_outreach", "speaking"):
        score += 1 if answers[key] >= 4 else -1 if answers[key] <= 2 else 0
    style = "extrovert" if score >= 2 else "introvert" if score <= -2 else "ambivert"
    return style, (f"You get your energy {ENERGY_WORDS[answers['energy']]}, rate cold outreach "
                   f"{answers['cold_outreach']}/5 and speaking to a room {answers['speaking']}/5: "
                   f"an {style}'s plan.")


def channel_mix(answers: dict[str, Any], style: str) -> tuple[dict[str, float], str]:
    """Shares of the chosen channels: one-to-one ones weigh double for whoever gets energy
    one-to-one, rooms double for whoever gets it in groups; rooms and online (cold messages)
    weigh half for whoever rates cold outreach 2 or less."""
    weights = {}
    for channel in dict.fromkeys(answers["channels"]):
        w = 1.0
        if channel in ONE_TO_ONE and answers["energy"] == "one_to_one":
            w *= 2
        if channel in ROOMS and answers["energy"] == "groups":
            w *= 2
        if channel in (*ROOMS, "online") and answers["cold_outreach"] <= 2:
            w *= 0.5
        weights[channel] = w
    total = sum(weights.values())
    mix = {c: round(w / total, 2) for c, w in weights.items()}
    top = max(mix, key=lambda c: (mix[c], -list(mix).index(c)))
    mix[top] = round(mix[top] + 1 - sum(mix.values()), 2)       # the rounding goes to the largest
    leaning = ("one-to-one channels weigh double" if answers["energy"] == "one_to_one" else
               "events and speaking weigh double" if answers["energy"] == "groups" else "every channel weighs the same")
    cold = "; with cold outreach at 2/5 or less, crowds and cold messages weigh half" \
        if answers["cold_outreach"] <= 2 else ""
    return mix, f"You chose {', '.join(mix)}: {leaning}{cold}."


def commitments_for(mix: dict[str, float], budget: int, style: str, offers: list[str],
                    cold_outreach: int = 3) -> list[dict]:
    """Recurring commitments from the budget spread over the mix: rooms and writing a month,
    the rest a week when at least one a week fits, otherwise a month. An introvert's are fewer
    and deeper: at most three, none over two, and none on a channel heavy on cold outreach
    when they rate cold outreach 2 or less. Giving first once a week (once a month for an
    introvert) when the member has something to offer."""
    out: list[dict] = []
    cap = MAX_WEEKLY_COMMITMENT[style]
    for channel, share in sorted(mix.items(), key=lambda kv: -kv[1]):
        if style == "introvert" and (len(out) == MAX_INTROVERT_COMMITMENTS
                                     or (channel in COLD and cold_outreach <= 2)):
            continue
        a_week = budget * share
        if channel not in MONTHLY and round(a_week) >= 1:
            out.append({"what": channel, "count": min(cap, round(a_week)), "per": "week"})
        elif round(a_week * WEEKS_A_MONTH) >= 1:
            out.append({"what": channel, "count": min(cap, 4, round(a_week * WEEKS_A_MONTH)), "per": "month"})
    if offers:
        out.append({"what": GIVE_FIRST, "count": 1, "per": "month" if style == "introvert" else "week"})
    return out


def plan_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The whole plan the answers make, with `answers` and `reasoning` in it."""
    reasoning = []
    style, why = style_of(answers)
    reasoning.append(why)
    defaults = STYLE_DEFAULTS[style]

    hours = answers["hours_per_week"]
    budget = min(50, hours * 60 // MINUTES_A_TOUCH[style])
    reasoning.append(f"{hours} hours a week at about {MINUTES_A_TOUCH[style]} minutes a touch: "
                     f"{budget} touches a week.")

    mix, why = channel_mix(answers, style)
    reasoning.append(why)

    follow_up = FOLLOW_UP_DAYS[answers["follow_up"]]
    reasoning.append(f"You follow up {answers['follow_up'].replace('_', ' ')}: follow-ups after {follow_up} "
                     f"day{'s' if follow_up != 1 else ''}.")

    nudges = max(1, min(defaults["max_nudges_per_day"], budget))
    reasoning.append(f"At most {nudges} nudge{'s' if nudges != 1 else ''} a day (an {style}'s pace"
                     f"{', no more than the week holds' if nudges < defaults['max_nudges_per_day'] else ''}).")

    offers = [o.strip() for o in answers.get("offers") or [] if o and o.strip()]
    commitments = commitments_for(mix, budget, style, offers, answers["cold_outreach"])
    if style == "introvert" and answers["cold_outreach"] <= 2 and any(c in COLD for c in mix):
        reasoning.append(f"With cold outreach at {answers['cold_outreach']}/5, no commitment to "
                         f"{', '.join(c for c in mix if c in COLD)}: they stay in the mix for when you feel like it.")
    if commitments:
        reasoning.append("Commitments: " + ", ".join(
            f"{c['count']} {c['what'].replace('_', '-')} a {c['per']}" for c in commitments) + ".")
    if offers:
        reasoning.append(f"You can offer {', '.join(offers)}: give-first nudges will use it.")
    else:
        reasoning.append("You named nothing to offer yet, so there is no give-first commitment.")

    time = answers.get("preferred_time")
    hours_window = HOURS[time] if time else DEFAULT_WORKING_HOURS
    reasoning.append(f"You prefer {time.replace('_', ' ')}: nudges {hours_window['start']}-{hours_window['end']}."
                     if time else "No preferred time: nudges in working hours.")

    return plan_with_defaults({
        "style": style, "weekly_budget": budget, "follow_up_days": follow_up, "max_nudges_per_day": nudges,
        "working_hours": dict(hours_window), "offers": offers, "channels": mix, "commitments": commitments,
        "answers": dict(answers), "reasoning": reasoning})
