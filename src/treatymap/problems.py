"""A data problem: where it is and what to do about it.

Shared by the loader, ``python -m treatymap check``, the app's error page and the tests, so every
one of them says the same thing in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: ``file:row: what is wrong and what to do``.

    ``row`` is the line number in the file (the header is line 1), or 0 for the file as a whole.
    """

    file: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.message}"


class DataError(Exception):
    """Raised when the bundled data is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(
            f"{len(self.problems)} data problem(s):\n" + "\n".join(map(str, self.problems))
        )
