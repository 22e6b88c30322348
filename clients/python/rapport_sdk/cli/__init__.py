"""`rapport`: the member's command line, on the SDK. `rapport --help` lists the commands; every
command takes `--json` (before the command: `rapport --json sync`) for scripts.

Shell completion (click's own): `rapport completion bash >> ~/.bashrc` (zsh, fish too).
"""
from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import RapportError
from ..sync import SyncStopped
from .app import NEEDS_YOU, OK, App, conflict_rows, describe, exit_code, fail, report_dict, table


class Group(click.Group):
    """Errors of the SDK become one line and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (RapportError, SyncStopped) as exc:
            fail(exit_code(exc), describe(exc))


@click.group(cls=Group)
@click.option("--profile", default="default", envvar="RAPPORT_PROFILE", show_default=True,
              help="Which saved server and sign-in to use (one per server).")
@click.option("--base-url", envvar="RAPPORT_BASE_URL",
              help="The server (the gateway); saved into the profile at login.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts) instead of text.")
@click.version_option(package_name="rapport-sdk")
@click.pass_context
def cli(ctx: click.Context, profile: str, base_url: str | None, as_json: bool) -> None:
    """Rapport from the terminal: capture people (offline too), sync, follow your nudges and your strategy."""
    try:
        ctx.obj = App(profile, base_url, as_json)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--profile") from None


pass_app = click.make_pass_decorator(App)


@cli.command()
@click.option("--browser", is_flag=True,
              help="Sign in in this machine's browser (PKCE on a loopback port) instead of a code.")
@pass_app
def login(app: App, browser: bool) -> None:
    """Sign in: by default a code to enter on any device's browser (the device grant)."""
    from ..config import save_profile

    if browser:
        app.note("Opening the browser to sign in…")
        saved = app.session.browser_login()
    else:
        code = app.session.start_device_login()
        app.note(f"Open {code.verification_uri_complete}\n"
                 f"(or {code.verification_uri} and enter the code {code.user_code}), "
                 "sign in with your email there; waiting…")
        saved = app.session.finish_device_login(code)
    save_profile(app.profile)
    who = {"email": saved.get("email"), "member_id": saved.get("member_id"), "device_id": saved.get("device_id"),
           "base_url": app.profile.base_url, "profile": app.profile.name}
    app.emit(who, f"Signed in as {who['email']} on {who['base_url']} (this device: {who['device_id']}).")


@cli.command()
@click.option("--force", is_flag=True, help="Sign out even though changes made here have not reached the server.")
@pass_app
def logout(app: App, force: bool) -> None:
    """Sign out: the device session ends on the server and this device forgets your data."""
    waiting = app.store.pending_count() if app.profile.store_path.exists() else 0
    if waiting and not force:
        fail(1, f"{waiting} change(s) made here have not reached the server: run `rapport sync`, "
                "or `rapport logout --force` to drop them")
    confirmed = app.session.logout()
    app.store.close()
    for suffix in ("", "-wal", "-shm"):
        app.profile.store_path.with_name(app.profile.store_path.name + suffix).unlink(missing_ok=True)
    app.emit({"signed_out": True, "server_confirmed": confirmed},
             "Signed out." + ("" if confirmed else
                              " (The server could not be told; the session ends when it expires.)"))


@cli.command()
@pass_app
def whoami(app: App) -> None:
    """Who is signed in on this profile, and on which server."""
    saved = app.session.tokens()
    who = {"email": saved.get("email"), "member_id": saved.get("member_id"), "org_id": saved.get("org_id"),
           "device_id": saved.get("device_id"), "base_url": app.profile.base_url, "profile": app.profile.name}
    try:
        me = app.http.json("GET", "/v1/members/me")
        who.update(display_name=me.get("display_name"), timezone=me.get("timezone"), roles=me.get("roles"))
    except RapportError:
        pass  # offline: what this device knows
    app.emit(who, "\n".join(f"{k}: {v}" for k, v in who.items() if v is not None))


@cli.command()
@pass_app
def sync(app: App) -> None:
    """Send what waits on this device and bring what changed elsewhere."""
    report = app.engine.run()
    data = report_dict(report)
    lines = [f"Sent {report.pushed} change(s), received {report.pulled}."]
    if report.offline:
        lines.append(f"The server cannot be reached: {app.store.pending_count()} change(s) wait on this device.")
    elif report.retry_later:
        lines.append("The server was busy: what is left is sent at the next sync.")
    conflicts = conflict_rows(app.store)
    if conflicts:
        lines.append("Changed on another device too (choose with `rapport resolve`):")
        lines.append(table(((c["collection"], c["id"], c["field"], c["mine"], c["server_value"]) for c in conflicts),
                           ["collection", "id", "field", "this device", "server"]))
    for r in report.rejected:
        lines.append(f"Not accepted: {r.collection} {r.id} — {r.reason} {r.errors or ''}".rstrip())
    app.emit({**data, "conflicts": conflicts}, "\n".join(lines))
    if report.offline:
        sys.exit(4)
    if conflicts or report.rejected:
        sys.exit(NEEDS_YOU)
    sys.exit(OK)


@cli.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script: `rapport completion bash >> ~/.bashrc`."""
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None
    click.echo(cls(cli, {}, "rapport", "_RAPPORT_COMPLETE").source())


def _register() -> None:
    from . import coach, files, people

    for module in (people, coach, files):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="rapport")
