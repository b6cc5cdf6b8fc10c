"""`chronik eval`: scoring against gold annotations (TempEval-3 measures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from chronik.cli.app import app

eval_app = typer.Typer(
    name="eval",
    help="Score Chronik against gold annotations (TempEval-3 measures).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


@eval_app.command("timex")
def timex(
    gold: Annotated[
        list[Path], typer.Argument(metavar="GOLD", help="Gold TimeML files (.tml) or folders of them.")
    ],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of the gold texts (de, en); detected per document when not given."
        ),
    ] = None,
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Write the scores (overall and per document) as JSON to this file."),
    ] = None,
    errors_out: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write the per-document listing of missed, spurious and wrong time expressions here.",
        ),
    ] = None,
) -> None:
    """Time expressions: strict and relaxed extent P/R/F1, value F1 and type accuracy (TempEval-3).

    Runs `chronik.annotate(text, date=<creation time>, lang=...)` on the text of each gold document;
    the creation-time TIMEX3 itself is not scored.
    """
    from rich.progress import Progress

    from chronik.eval import chronik_system, evaluate, format_mistakes, gold_files
    from chronik.lang import available_languages, detect_language

    console = Console()
    err = Console(stderr=True)
    if lang is not None and lang not in available_languages():
        err.print(f"[red]--lang {lang!r}: expected one of {', '.join(available_languages())}[/red]")
        raise typer.Exit(2)
    files = list(gold_files(gold))
    total = sum(1 for f in files if isinstance(f, Path))
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("scoring", total=total)
        report = evaluate(
            gold,
            chronik_system,
            lang=lang,
            detect=detect_language,
            progress=lambda _doc: progress.advance(task),
        )
    for e in report.read_errors:
        err.print(f"[yellow]{e}[/yellow]")
    for d in report.documents:
        if d.error:
            err.print(f"[yellow]{d.source}: the tagger failed: {d.error}[/yellow]")
    if not report.documents:
        err.print("[red]no gold documents could be read[/red]")
        raise typer.Exit(1)

    s, c = report.scores, report.counts
    langs = sorted({d.lang or "?" for d in report.documents})
    table = Table(
        title=f"TempEval-3 time expressions: {len(report.documents)} documents, lang {', '.join(langs)}",
        caption=f"{c.gold} gold TIMEX3 (creation times not scored), {c.system} found by Chronik",
    )
    table.add_column("")
    for col in ("P", "R", "F1", "accuracy"):
        table.add_column(col, justify="right")
    table.add_column("counts")
    table.add_row(
        "strict extent",
        f"{s.strict_precision:.3f}",
        f"{s.strict_recall:.3f}",
        f"{s.strict_f1:.3f}",
        "",
        f"{c.strict} exact",
    )
    table.add_row(
        "relaxed extent",
        f"{s.relaxed_precision:.3f}",
        f"{s.relaxed_recall:.3f}",
        f"{s.relaxed_f1:.3f}",
        "",
        f"{c.relaxed} overlapping",
    )
    table.add_row(
        "value",
        f"{s.value_precision:.3f}",
        f"{s.value_recall:.3f}",
        f"{s.value_f1:.3f}",
        f"{s.value_accuracy:.3f}",
        f"{c.value} of {c.relaxed} right",
    )
    table.add_row(
        "type",
        f"{s.relaxed_precision * s.type_accuracy:.3f}",
        f"{s.relaxed_recall * s.type_accuracy:.3f}",
        f"{s.type_f1:.3f}",
        f"{s.type_accuracy:.3f}",
        f"{c.type} of {c.relaxed} right",
    )
    console.print(table)
    if json_out is not None:
        json_out.write_text(
            json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        err.print(f"scores written to {json_out}")
    if errors_out is not None:
        errors_out.write_text(format_mistakes(report), encoding="utf-8")
        err.print(f"error listing written to {errors_out}")
