"""The ``chronik`` command line. Each sub-command lives in its own module and registers on ``app``."""

from __future__ import annotations

from chronik.cli import evaluate as _evaluate  # noqa: F401  (registers `chronik eval`)
from chronik.cli import tag as _tag  # noqa: F401  (registers `chronik tag`)
from chronik.cli import timeline as _timeline  # noqa: F401  (registers `chronik ingest`, `chronik timeline`)
from chronik.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
