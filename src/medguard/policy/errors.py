"""Policy errors that say where (file, line, column) and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    file: str
    line: int | None
    column: int | None
    message: str
    level: Literal["error", "warning"] = "error"
    """A warning does not stop the pack from loading (``Policy.warnings``)."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {'warning: ' if self.level == 'warning' else ''}{self.message}"


class PolicyError(Exception):
    """A policy that cannot be used; ``problems`` lists every error found, each with its place."""

    def __init__(self, problems: list[PolicyProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
