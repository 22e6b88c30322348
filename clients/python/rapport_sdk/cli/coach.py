"""The coach and the strategy: today's nudges with why (from the device's store, offline too),
acting on them (queued, synced), the goal with its coverage and the plan (from the server)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from ..sync.model import iso
from .app import REFUSED, App, fail, table
from .people import KINDS, try_sync

REASONS = ["not_relevant", "not_now", "already_done", "too_many", "other"]
pass_app = click.make_pass_decorator(App)


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None


def due_today(nudge: dict[str, Any], now: datetime) -> bool:
    """Pending and due by the end of today in the nudge's zone, or snoozed until a time now past."""
    if nudge.get("status") == "snoozed":
        until = _when(nudge.get("snoozed_until"))
        return until is not None and until <= now
    if nudge.get("status") != "pending":
        return False
    due = _when(nudge.get("due_at"))
    if due is None:
        return False
    zone = ZoneInfo(nudge.get("timezone") or "UTC")
    return due.astimezone(zone).date() <= now.astimezone(zone).date()


def _nudge(app: App, nudge_id: str) -> dict[str, Any]:
    found = [n for n in app.store.all("nudges") if n["id"] == nudge_id or n["id"].startswith(nudge_id)]
    if len(found) != 1:
        fail(REFUSED, f"no nudge {nudge_id!r} on this device" if not found else f"{nudge_id!r} is more than one nudge")
    return found[0]


@click.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Every open nudge, not only today's.")
@click.pass_context
def nudges(ctx: click.Context, show_all: bool) -> None:
    """Today's nudges, most important first, each with why (after `rapport sync`)."""
    if ctx.invoked_subcommand:
        return
    app: App = ctx.obj
    now = app.now()
    found = [n for n in app.store.all("nudges")
             if (n.get("status") in ("pending", "snoozed") if show_all else due_today(n, now))]
    found.sort(key=lambda n: (n.get("priority") or 5, str(n.get("due_at"))))
    lines = []
    for n in found:
        why = (n.get("why") or {}).get("summary") or ""
        lines.append(f"{n['id'][:8]}  p{n.get('priority')}  {n.get('sentence')}\n          why: {why}".rstrip())
    app.emit(found, "\n".join(lines) if lines else "Nothing due today.")


def _act(app: App, nudge: dict[str, Any], fields: dict[str, Any], what: str) -> None:
    app.store.save("nudges", nudge["id"], fields)
    app.emit({"id": nudge["id"], **fields}, f"{what}: {nudge.get('sentence')} — {try_sync(app)}")


@nudges.command()
@click.argument("nudge_id")
@click.option("--log", "kind", type=click.Choice(KINDS), help="Also log what you did with them.")
@click.option("--note")
@pass_app
def done(app: App, nudge_id: str, kind: str | None, note: str | None) -> None:
    """Mark a nudge done (`--log coffee` logs the interaction with it)."""
    nudge = _nudge(app, nudge_id)
    fields: dict[str, Any] = {"status": "done"}
    if note:
        fields["note"] = note
    if kind:
        if not nudge.get("contact_id"):
            fail(REFUSED, "this nudge is about no one: there is no one to log an interaction with")
        fields["interaction"] = {"kind": kind, **({"note": note} if note else {})}
    _act(app, nudge, fields, "Done")


@nudges.command()
@click.argument("nudge_id")
@click.option("--days", type=click.IntRange(1, 180))
@click.option("--hours", type=click.IntRange(1, 180 * 24))
@pass_app
def snooze(app: App, nudge_id: str, days: int | None, hours: int | None) -> None:
    """Snooze a nudge (a day when neither is given)."""
    nudge = _nudge(app, nudge_id)
    until = app.now() + (timedelta(hours=hours) if hours else timedelta(days=days or 1))
    _act(app, nudge, {"status": "snoozed", "snoozed_until": iso(until)}, "Snoozed")


@nudges.command()
@click.argument("nudge_id")
@click.option("--reason", type=click.Choice(REASONS), required=True)
@click.option("--note")
@pass_app
def dismiss(app: App, nudge_id: str, reason: str, note: str | None) -> None:
    """Dismiss a nudge, saying why (not_relevant quiets its rule for this person for 90 days)."""
    _act(app, _nudge(app, nudge_id), {"status": "dismissed", "reason": reason, **({"note": note} if note else {})},
         "Dismissed")


@click.command()
@pass_app
def goal(app: App) -> None:
    """The ultimate goal, its path, and who covers each need (from the server)."""
    goals = list(app.http.paginate("/v1/goals"))
    ultimate = [g for g in goals if g.get("horizon") == "ultimate" and g.get("status") == "active"]
    if not ultimate:
        app.emit({"goal": None}, "No ultimate goal yet: set one in the app (Strategy).")
        return
    g = ultimate[0]
    coverage = app.http.json("GET", f"/v1/goals/{g['id']}/coverage")
    lines = [f"{g['title']}  ({g['id'][:8]})"]
    for i, m in enumerate(g.get("milestones") or [], 1):
        lines.append(f"  {i}. {m.get('title')}  [{m.get('kind')}, {m.get('status')}]")
    for item in coverage.get("milestones") or []:
        for need in item.get("needs") or []:
            who = " at ".join(x for x in (need.get("role"), need.get("organisation") or need.get("sector")) if x)
            lines.append(f"     {item.get('title')}: {need.get('verdict', '?')} — {who}: {need.get('reason', '')}")
    app.emit({"goal": g, "coverage": coverage}, "\n".join(lines))


@click.group(invoke_without_command=True)
@click.pass_context
def plan(ctx: click.Context) -> None:
    """Your networking plan (from the server)."""
    if ctx.invoked_subcommand:
        return
    app: App = ctx.obj
    p = app.http.json("GET", "/v1/plan")
    shown = ["style", "weekly_budget", "follow_up_days", "max_nudges_per_day", "timezone"]
    app.emit(p, "\n".join(f"{k}: {p.get(k)}" for k in shown if p.get(k) is not None)
             + "".join(f"\n{r}" for r in (p.get("reasoning") or [])))


@plan.command()
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSON file of answers (question id → answer) instead of the questions one by one.")
@pass_app
def questionnaire(app: App, answers_file: Path | None) -> None:
    """Fit the plan to you: eight questions, then the plan they give."""
    if answers_file:
        answers = json.loads(answers_file.read_text(encoding="utf-8"))
    else:
        answers = {q["id"]: _ask(q) for q in app.http.json("GET", "/v1/plan/questionnaire")["questions"]}
    result = app.http.json("POST", "/v1/plan/questionnaire", json={"answers": answers})
    plan_ = result.get("plan", result)
    app.emit(result, f"Your plan: {plan_.get('style')}, {plan_.get('weekly_budget')} touches a week.")


def _ask(q: dict[str, Any]) -> Any:
    text, kind, options = q["text"], q["kind"], q.get("options") or []
    if kind == "choice":
        return click.prompt(text, type=click.Choice(options))
    if kind == "multi":
        raw = click.prompt(f"{text} (comma-separated: {', '.join(options)})")
        return [o.strip() for o in raw.split(",") if o.strip()]
    if kind in ("integer", "scale"):
        return click.prompt(text, type=click.IntRange(q.get("min"), q.get("max")))
    raw = click.prompt(f"{text} (comma-separated)", default="", show_default=False)
    return [o.strip() for o in raw.split(",") if o.strip()]


COMMANDS = [nudges, goal, plan]
__all__ = ["COMMANDS", "due_today", "table"]
