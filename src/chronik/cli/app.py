"""The Typer application that every sub-command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="chronik",
    help="Timelines from dated news: time expressions, entities, events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
