"""`chronik tag`: the time expressions of articles as a table, JSON Lines or TimeML."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from chronik.cli.app import app


class Format(StrEnum):
    table = "table"
    json = "json"
    timeml = "timeml"


@app.command()
def tag(
    paths: Annotated[list[Path], typer.Argument(help="Articles: files or folders (.txt with a date line, .jsonl, .tml); - for stdin.")],
    date: Annotated[str | None, typer.Option(help="Article date for inputs without one (YYYY, YYYY-MM, YYYY-MM-DD).")] = None,
    lang: Annotated[str | None, typer.Option(help="Language (de, en) for inputs without one; detected otherwise.")] = None,
    doc_type: Annotated[str, typer.Option("--doc-type", help="news (anchor to the article date) or narrative (to the last date mentioned).")] = "news",
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json (one object per document) or timeml.")] = Format.table,
    entities: Annotated[bool, typer.Option("--entities", help="Also find named entities (PER, ORG, LOC, MISC).")] = False,
) -> None:
    """Find the time expressions of each article and normalize them (TimeML TIMEX3)."""
    from chronik.readers import ReadError, read_documents
    from chronik.records import DocType
    from chronik.timex import tag_document

    out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    err = Console(stderr=True, highlight=False)
    if doc_type not in ("news", "narrative"):
        err.print(f"[red]--doc-type: expected news or narrative, got {doc_type!r}[/red]")
        raise typer.Exit(2)
    if [str(p) for p in paths] == ["-"]:
        from chronik.readers import read_bytes

        docs = read_bytes(sys.stdin.buffer.read(), "<stdin>", date=date, lang=lang, doc_type=doc_type)
    else:
        docs = read_documents(paths, date=date, lang=lang, doc_type=DocType(doc_type))
    failed = 0
    for doc in docs:
        if isinstance(doc, ReadError):
            err.print(f"[red]error:[/red] {doc}")
            failed += 1
            continue
        ann = tag_document(doc)
        if entities:
            from dataclasses import replace

            from chronik.nlp import entities as find_entities

            ann = replace(ann, entities=tuple(find_entities(ann.text, ann.lang)))
        if fmt == Format.json:
            sys.stdout.write(json.dumps(ann.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == Format.timeml:
            from chronik.export.timeml import to_timeml

            sys.stdout.write(to_timeml(ann))
        else:
            _table(out, ann)
    if failed:
        raise typer.Exit(1)


def _table(out: Console, ann) -> None:
    doc = ann.document
    title = f"{doc.source or doc.id or 'document'} — date {doc.date or 'unknown'}, language {doc.lang}"
    t = Table(title=title, title_justify="left")
    for col in ("start", "end", "text", "type", "value", "mod", "covers", "note"):
        t.add_column(col, overflow="fold")
    for x in ann.timexes:
        covers = f"{x.earliest} – {x.latest}" if x.earliest and x.earliest != x.latest else (x.earliest or "")
        note = ""
        if x.uncertain:
            note = f"{x.uncertain} unknown (article date {doc.date})"
        elif x.unresolved:
            note = "unresolved (no date to anchor to)"
        t.add_row(str(x.start), str(x.end), x.text, str(x.type), x.value, x.mod or "", covers, note)
    out.print(t)
    if ann.entities:
        e = Table(title="entities", title_justify="left")
        for col in ("start", "end", "text", "label", "key"):
            e.add_column(col)
        for x in ann.entities:
            e.add_row(str(x.start), str(x.end), x.text, x.label, x.key)
        out.print(e)
    for w in ann.warnings:
        out.print(f"[yellow]note:[/yellow] {w}")
