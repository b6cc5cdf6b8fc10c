"""What a reader reports instead of raising: the file, the line and what was wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input that could not be read.

    ``source`` is the path (or ``"<stdin>"``), ``line`` the 1-based line number when the problem
    is on one line (``None`` when it concerns the whole file). ``str()`` gives ``path:line: message``.
    """

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


class ReadFailure(ValueError):
    """Raised by the readers that return one record (``read_timeml``); carries the ``ReadError``."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(str(error))
        self.error = error
