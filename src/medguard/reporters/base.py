"""Output formats: one reporter per format, chosen with ``--format``."""

from __future__ import annotations

from typing import Protocol

from ..models import Report


class Reporter(Protocol):
    name: str
    description: str

    def render(self, report: Report) -> str: ...
