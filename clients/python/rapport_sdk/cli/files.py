"""Import (vCard, LinkedIn Connections.csv, Rapport CSV) as a job followed to its end with a
progress bar and each row's problem; export as vCard or CSV."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .app import REFUSED, App, table

pass_app = click.make_pass_decorator(App)
TYPES = {".vcf": "text/vcard", ".vcard": "text/vcard", ".csv": "text/csv"}


def _progress(job: dict[str, Any]) -> tuple[int, int]:
    """(rows handled, rows read so far) as the job counts them (`counts.done`, `counts.rows`)."""
    counts = job.get("counts") or {}
    done, rows = int(counts.get("done") or 0), int(counts.get("rows") or 0)
    return done, max(rows, done)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--poll", default=1.0, show_default=True, help="Seconds between looks at the job.")
@pass_app
def import_(app: App, path: Path, poll: float) -> None:
    """Import contacts from a file; the bar follows the job until it ends."""
    content_type = TYPES.get(path.suffix.lower())
    if not content_type:
        raise click.BadParameter("a .vcf (vCard) or .csv (LinkedIn Connections.csv, Rapport CSV) file",
                                 param_hint="PATH")
    started = app.api.imports.create(path.read_bytes(), content_type, filename=path.name[:200])
    with click.progressbar(length=1, label=f"Importing {path.name}", file=sys.stderr, show_pos=True) as bar:
        def progress(job: Any) -> None:
            done, total = _progress(job.to_dict())
            bar.length = max(1, total)
            bar.update(done - bar.pos)

        job = app.api.imports.wait(started.id, progress, interval=poll).to_dict()
    counts = job.get("counts") or {}
    lines = [f"{path.name}: {job.get('status')} — {counts.get('rows', 0)} rows read: " + ", ".join(
        f"{counts.get(k, 0)} {word}" for k, word in (("created", "new"), ("updated", "updated"),
                                                      ("unchanged", "unchanged"), ("failed", "not imported")))]
    errors = job.get("errors") or []
    if errors:
        lines.append("Rows not imported:")
        lines.append(table(((e.get("line"), e.get("message")) for e in errors), ["line", "problem"]))
    app.emit(job, "\n".join(lines))
    if job.get("status") == "failed":
        sys.exit(REFUSED)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["vcard", "csv"]), default="vcard", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="A file (stdout when left out).")
@click.option("--tier")
@click.option("--tag")
@pass_app
def export(app: App, fmt: str, output: Path | None, tier: str | None, tag: str | None) -> None:
    """Export your contacts as vCard or CSV."""
    text = (app.api.exports.vcard if fmt == "vcard" else app.api.exports.csv)(tier=tier, tag=tag)
    if output:
        output.write_text(text, encoding="utf-8")
        app.note(f"Wrote {output}")
    else:
        click.echo(text, nl=False)


COMMANDS = [import_, export]
