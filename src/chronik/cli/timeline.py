"""`chronik ingest` and `chronik timeline`: events into a store and timelines out of it."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chronik.cli.app import app

MODALITIES = ("happened", "planned", "reported", "negated", "ongoing", "hypothetical")


class TimelineFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    timeml = "timeml"


class EntityMode(StrEnum):
    auto = "auto"
    heuristic = "heuristic"
    nlp = "nlp"


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Articles: files or folders (.txt with a date line, .jsonl, .tml).")],
    db: Annotated[Path, typer.Option("--db", help="The store (SQLite file; created when missing).")],
    date: Annotated[str | None, typer.Option(help="Article date for inputs without one (YYYY, YYYY-MM, YYYY-MM-DD).")] = None,
    lang: Annotated[str | None, typer.Option(help="Language (de, en) for inputs without one; detected otherwise.")] = None,
    entities: Annotated[EntityMode, typer.Option(help="Named entities: heuristic (fast, the default), nlp (the shipped spaCy NER: better names, ~10x slower), auto (nlp when it loads).")] = EntityMode.heuristic,
    batch: Annotated[int, typer.Option(help="Articles per transaction (a killed ingest redoes at most one batch).")] = 16,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles, find their events and store them. Idempotent and resumable; bad records are
    reported (file:line) and skipped, and the exit status is 1 when any failed."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from chronik.events.extract import EventExtractor
    from chronik.store import Store, StoreError
    from chronik.store import ingest as run_ingest

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        store = Store(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from e
    from rich.progress import MofNCompleteColumn

    from chronik.readers import ReadError

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(bar_width=20),
        MofNCompleteColumn(),
        TextColumn("[cyan]{task.fields[rate]:.0f} articles/s[/cyan]"),
        TextColumn("{task.fields[mentions]} events {task.fields[skipped]} known [red]{task.fields[failed]} bad[/red]"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    shown = 0

    def on_progress(rep, item) -> None:
        nonlocal shown
        progress.update(task, advance=1, added=rep.added, skipped=rep.skipped, failed=len(rep.errors),
                        mentions=rep.mentions, rate=rep.rate)
        while shown < len(rep.errors):
            progress.console.print(f"[red]error:[/red] {rep.errors[shown]}")
            shown += 1
        _ = ReadError

    total = None if quiet else _count_records(paths)
    try:
        with progress:
            task = progress.add_task("ingest", total=total, added=0, skipped=0, failed=0, mentions=0, rate=0.0)
            report = run_ingest(paths, store, date=date, lang=lang, batch=batch,
                                extractor=EventExtractor(str(entities)), on_progress=on_progress)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted: what was committed is kept; run the same command again to go on[/yellow]")
        raise typer.Exit(130) from None
    finally:
        counts = store.counts()
        store.close()
    for e in report.errors[shown:]:
        err.print(f"[red]error:[/red] {e}")
    err.print(
        f"{report.added} articles added, {report.skipped} already stored, {len(report.errors)} failed; "
        f"{report.mentions} event mentions in {report.seconds:.1f} s ({report.rate:.1f} articles/s). "
        f"Store {db}: {counts['documents']} articles, {counts['mentions']} event mentions."
    )
    if report.errors:
        raise typer.Exit(1)


def _count_records(paths: list[Path], budget: float = 2.0) -> int | None:
    """How many records the inputs hold (files, JSON Lines lines), for the progress bar; None when
    counting would take longer than ``budget`` seconds."""
    import os
    import time

    from chronik.readers import EXTENSIONS

    t0 = time.perf_counter()
    n = 0
    stack = list(paths)
    while stack:
        if time.perf_counter() - t0 > budget:
            return None
        p = Path(stack.pop())
        if p.is_dir():
            try:
                stack += [e for e in p.iterdir() if not e.name.startswith(".")
                          and (e.is_dir() or e.suffix.lower() in EXTENSIONS)]
            except OSError:
                continue
        elif p.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                with open(p, "rb") as f:
                    n += sum(1 for line in f if line.strip())
            except OSError:
                n += 1
        elif p.exists() or os.path.islink(p):
            n += 1
    return n


@app.command()
def timeline(
    paths: Annotated[list[Path] | None, typer.Argument(help="Articles to read directly (without --db).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="A store written by `chronik ingest`.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only events with this participant or place (name or key).")] = None,
    query: Annotated[str | None, typer.Option(help="Full-text search over labels and sentences (FTS5 syntax with --db).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only events ending on or after this date (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only events starting on or before this date.")] = None,
    modality: Annotated[list[str] | None, typer.Option(help=f"Only these modalities ({', '.join(MODALITIES)}); repeat or comma-separate.")] = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f", help="text, json, csv or timeml.")] = TimelineFormat.text,
    date: Annotated[str | None, typer.Option(help="Article date for inputs without one (without --db).")] = None,
    lang: Annotated[str | None, typer.Option(help="Language for inputs without one (without --db).")] = None,
    entities: Annotated[EntityMode, typer.Option(help="Named entities (without --db): heuristic (default), nlp, auto.")] = EntityMode.heuristic,
    limit: Annotated[int, typer.Option(help="At most this many event mentions are read from the store.")] = 5000,
    all_events: Annotated[bool, typer.Option("--all", help="Also reporting verbs and states (said, announced, be …).")] = False,
) -> None:
    """The timeline of events in date order, with each date's uncertainty, modality and sources."""
    from chronik.events.timeline import TIMELINE_CLASSES, Timeline, to_csv, to_json, to_text, to_timeml
    from chronik.store import StoreError

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    mods: list[str] = []
    for m in modality or []:
        mods += [x.strip().lower() for x in m.split(",") if x.strip()]
    bad = [m for m in mods if m not in MODALITIES]
    if bad:
        err.print(f"[red]--modality: unknown {', '.join(bad)}; expected {', '.join(MODALITIES)}[/red]")
        raise typer.Exit(2)
    for name, d in (("--from", date_from), ("--to", date_to)):
        if d:
            from chronik.dates import DateError, parse_document_date

            try:
                parse_document_date(d)
            except DateError as e:
                err.print(f"[red]{name}: {e}[/red]")
                raise typer.Exit(2) from e
    if db is None and not paths:
        err.print("[red]give articles (files or folders) or --db FILE[/red]")
        raise typer.Exit(2)
    failed = 0
    try:
        if db is not None:
            if not db.exists():
                err.print(f"[red]error:[/red] {db}: no such store (create it with `chronik ingest PATH --db {db}`)")
                raise typer.Exit(2)
            tl = Timeline.from_store(db)
        else:
            tl = Timeline.from_files(paths or [], date=date, lang=lang, entities=str(entities))
            for e in tl.errors:
                err.print(f"[red]error:[/red] {e}")
            failed = len(tl.errors)
        entries = tl.entries(entity=entity, query=query, date_from=date_from, date_to=date_to, modalities=mods,
                             limit=limit, classes=None if all_events else TIMELINE_CLASSES)
        tl.close()
    except StoreError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from e
    if fmt == TimelineFormat.json:
        out = to_json(entries)
    elif fmt == TimelineFormat.csv:
        out = to_csv(entries)
    elif fmt == TimelineFormat.timeml:
        out = to_timeml(entries)
    else:
        out = to_text(entries) if entries else "no events found\n"
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if failed:
        raise typer.Exit(1)
