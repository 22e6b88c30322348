"""People: capture (offline: saved on this device, synced later), list, search, show, log an
interaction, and settle conflicts. Everything reads and writes the device's own store."""
from __future__ import annotations

import uuid
from typing import Any

import click

from ..errors import AuthError, NetworkError
from ..sync import SyncStopped
from ..sync.model import iso
from .app import REFUSED, App, conflict_rows, fail, table

TIERS = ["mentor", "guardian", "sponsor", "peer", "acquaintance"]
KINDS = ["coffee", "call", "message", "meeting", "met", "intro_made", "help_given", "help_received"]
pass_app = click.make_pass_decorator(App)


def new_id() -> str:
    return str(uuid.uuid4())


def live(app: App, collection: str) -> list[dict[str, Any]]:
    return [r for r in app.store.all(collection) if not r.get("_deleted")]


def find_contact(app: App, who: str) -> dict[str, Any]:
    """A contact by id, id prefix or name (the whole name, or words of it); one, or a clear error."""
    contacts = live(app, "contacts")
    exact = [c for c in contacts if c["id"] == who or str(c.get("display_name", "")).lower() == who.lower()]
    if len(exact) == 1:
        return exact[0]
    words = who.lower().split()
    found = exact or [c for c in contacts if c["id"].startswith(who) or all(
        any(part.startswith(w) for part in str(c.get("display_name", "")).lower().split()) for w in words)]
    if len(found) == 1:
        return found[0]
    if not found:
        fail(REFUSED, f"no one called {who!r} on this device (`rapport sync` brings what other devices captured)")
    fail(REFUSED, f"{who!r} could be " + ", ".join(f"{c.get('display_name')} ({c['id'][:8]})" for c in found[:8])
         + ": give more of the name or the id")
    raise AssertionError  # fail() exits


def gathering_named(app: App, name: str) -> str:
    for g in live(app, "gatherings"):
        if str(g.get("name", "")).lower() == name.lower():
            return g["id"]
    gid = new_id()
    app.store.save("gatherings", gid, {"name": name, "kind": "conference", "starts_on": app.now().date().isoformat()})
    return gid


def try_sync(app: App) -> str:
    """Send it now if the server can be reached; it waits on this device otherwise."""
    try:
        report = app.engine.run()
    except NetworkError:
        report = None
    except (AuthError, SyncStopped):
        return "Saved on this device; sign in (`rapport login`) and it syncs."
    if report is None or report.offline:
        return "Saved on this device; it reaches the server at the next `rapport sync`."
    return "Saved and synced."


@click.command()
@click.argument("name")
@click.option("--company")
@click.option("--title")
@click.option("--email", "emails", multiple=True, help="Repeat for more than one.")
@click.option("--phone", "phones", multiple=True)
@click.option("--met-at", help="The gathering where you met (made when this device does not know it yet).")
@click.option("--tier", type=click.Choice(TIERS))
@click.option("--need", "needs", multiple=True, help="What they need right now (repeat).")
@click.option("--offer", "offers", multiple=True, help="How you could help them (repeat).")
@click.option("--tag", "tags", multiple=True)
@click.option("--note")
@click.option("--no-sync", is_flag=True, help="Only save on this device.")
@pass_app
def capture(app: App, name: str, met_at: str | None, no_sync: bool, **fields: Any) -> None:
    """Capture someone you met: saved on this device at once, synced when the server is reachable."""
    contact: dict[str, Any] = {"display_name": name.strip()}
    for key, value in fields.items():
        if value:
            contact[key] = [v.strip() for v in value] if isinstance(value, tuple) else value.strip()
    if "emails" in contact:
        contact["emails"] = [e.lower() for e in contact["emails"]]
    if "tags" in contact:
        contact["tags"] = [t.lower() for t in contact["tags"]]
    gathering = gathering_named(app, met_at) if met_at else None
    if gathering:
        contact["gathering_id"] = gathering
    cid = new_id()
    app.store.save("contacts", cid, contact)
    app.store.save("interactions", new_id(), {"contact_id": cid, "kind": "met", "occurred_at": _iso(app),
                                              **({"gathering_id": gathering} if gathering else {})})
    status = "Saved on this device; it reaches the server at the next `rapport sync`." if no_sync else try_sync(app)
    app.emit({"id": cid, **contact, "state": _state(app, "contacts", cid)}, f"{name}: {status} ({cid})")


def _state(app: App, collection: str, record_id: str) -> str | None:
    row = app.store.get(collection, record_id)
    return row["_state"] if row else None


def _iso(app: App) -> str:
    return iso(app.now())


@click.group()
def contacts() -> None:
    """The people on this device."""


def _rows(people: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(c["id"][:8], c.get("display_name"), c.get("company") or "", c.get("title") or "", c.get("tier") or "",
             c["_state"]) for c in sorted(people, key=lambda c: str(c.get("display_name", "")).lower())]


HEADERS = ["id", "name", "company", "title", "tier", "state"]


@contacts.command("list")
@click.option("--tier", type=click.Choice(TIERS))
@click.option("--tag")
@click.option("--met-at", help="A gathering's name.")
@pass_app
def list_(app: App, tier: str | None, tag: str | None, met_at: str | None) -> None:
    """Everyone on this device, filtered."""
    people = live(app, "contacts")
    if tier:
        people = [c for c in people if c.get("tier") == tier]
    if tag:
        people = [c for c in people if tag.lower() in (c.get("tags") or [])]
    if met_at:
        ids = {g["id"] for g in live(app, "gatherings") if str(g.get("name", "")).lower() == met_at.lower()}
        people = [c for c in people if c.get("gathering_id") in ids]
    app.emit(people, table(_rows(people), HEADERS))


@contacts.command()
@click.argument("text")
@pass_app
def search(app: App, text: str) -> None:
    """People whose name, company, title, emails or tags have words starting with TEXT's words."""
    words = text.lower().split()

    def hay(c: dict[str, Any]) -> list[str]:
        parts = [c.get("display_name"), c.get("company"), c.get("title"),
                 *(c.get("emails") or []), *(c.get("tags") or [])]
        return " ".join(str(p) for p in parts if p).lower().split()

    found = [c for c in live(app, "contacts") if all(any(h.startswith(w) for h in hay(c)) for w in words)]
    app.emit(found, table(_rows(found), HEADERS))


@contacts.command()
@click.argument("who")
@pass_app
def show(app: App, who: str) -> None:
    """One person: what you know, the timeline, giving and receiving."""
    c = find_contact(app, who)
    timeline = sorted((i for i in live(app, "interactions") if i.get("contact_id") == c["id"]),
                      key=lambda i: str(i.get("occurred_at")), reverse=True)
    gave = sum(1 for i in timeline if i.get("direction") == "gave" or i.get("kind") == "help_given")
    got = sum(1 for i in timeline if i.get("direction") == "received" or i.get("kind") == "help_received")
    facts = [f"{c.get('display_name')}  [{c['_state']}]  {c['id']}"]
    for key in ("title", "company", "emails", "phones", "tier", "tags", "needs", "offers", "notes"):
        if c.get(key):
            value = c[key]
            facts.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    facts.append(f"  reciprocity: gave {gave}, received {got}, {len(timeline)} interaction(s)")
    facts += [f"  {str(i.get('occurred_at'))[:10]}  {i.get('kind')}  {i.get('notes') or ''}".rstrip() for i in timeline]
    app.emit({**c, "timeline": timeline, "gave": gave, "received": got}, "\n".join(facts))


@contacts.command()
@click.argument("who")
@click.option("--name", "display_name")
@click.option("--company")
@click.option("--title")
@click.option("--tier", type=click.Choice(TIERS))
@click.option("--note", "notes")
@click.option("--no-sync", is_flag=True)
@pass_app
def edit(app: App, who: str, no_sync: bool, **fields: Any) -> None:
    """Change what you know of someone (only the fields given)."""
    c = find_contact(app, who)
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        fail(REFUSED, "nothing to change: give --name, --company, --title, --tier or --note")
    app.store.save("contacts", c["id"], changes)
    status = "Saved on this device." if no_sync else try_sync(app)
    app.emit({"id": c["id"], **changes, "state": _state(app, "contacts", c["id"])},
             f"{c.get('display_name')}: {status}")


@click.command("log")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("who")
@click.option("--note")
@click.option("--on", "day", help="The day (YYYY-MM-DD); today when left out.")
@click.option("--gave", "direction", flag_value="gave", help="You gave (a favour, an introduction).")
@click.option("--received", "direction", flag_value="received", help="You received.")
@click.option("--no-sync", is_flag=True)
@pass_app
def log_(app: App, kind: str, who: str, note: str | None, day: str | None, direction: str | None,
         no_sync: bool) -> None:
    """Log what happened with someone: `rapport log coffee "Grace Hopper"`."""
    c = find_contact(app, who)
    when = f"{day}T12:00:00.000Z" if day else _iso(app)
    fields: dict[str, Any] = {"contact_id": c["id"], "kind": kind, "occurred_at": when}
    if note:
        fields["notes"] = note
    if direction:
        fields["direction"] = direction
    iid = new_id()
    app.store.save("interactions", iid, fields)
    status = "Saved on this device." if no_sync else try_sync(app)
    app.emit({"id": iid, **fields}, f"{kind} with {c.get('display_name')}: {status}")


@click.command()
@pass_app
def conflicts(app: App) -> None:
    """Fields changed on this device and on another: what each says."""
    found = conflict_rows(app.store)
    app.emit(found, table(((c["collection"], c["id"], c["field"], c["mine"], c["server_value"]) for c in found),
                          ["collection", "id", "field", "this device", "server"]) if found else "No conflicts.")


@click.command()
@click.argument("record_id")
@click.option("--mine", "mine", multiple=True, metavar="FIELD", help="Keep this device's value of FIELD (repeat).")
@click.option("--theirs", "theirs", multiple=True, metavar="FIELD", help="Take the server's value of FIELD (repeat).")
@click.option("--all-mine", is_flag=True)
@click.option("--all-theirs", is_flag=True)
@pass_app
def resolve(app: App, record_id: str, mine: tuple[str, ...], theirs: tuple[str, ...], all_mine: bool,
            all_theirs: bool) -> None:
    """Settle a conflict: the choice is sent on the server's version at the next sync."""
    found = [c for c in conflict_rows(app.store) if c["id"] == record_id or c["id"].startswith(record_id)]
    if not found:
        fail(REFUSED, f"no conflict on {record_id!r} (`rapport conflicts` lists them)")
    collection, rid = found[0]["collection"], found[0]["id"]
    choices = {c["field"]: ("mine" if all_mine or c["field"] in mine else "theirs" if all_theirs or c["field"] in theirs
                            else None) for c in found if c["id"] == rid}
    missing = [f for f, v in choices.items() if v is None]
    if missing:
        fail(REFUSED, "choose for every field: " + ", ".join(f"--mine {f} or --theirs {f}" for f in missing))
    app.store.resolve(collection, rid, {f: v for f, v in choices.items() if v})
    app.emit({"id": rid, "choices": choices}, f"Resolved {rid}; `rapport sync` sends it.")


COMMANDS = [capture, contacts, log_, conflicts, resolve]
