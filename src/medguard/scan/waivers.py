"""Waivers: findings a named person approved, for a reason, until a date.

A waivers file is YAML (safe loading, duplicate keys refused, errors with file:line:column)::

    waivers:
      - fingerprint: "3f9a0c2be81d44d07a11" # from any report; quote it (fingerprint column / field)
        rule: absolute-language.cure        # optional: must match too
        document: "archive/2019/*"          # optional: a glob on the document key, or its CMS id
        reason: Quote from the trial's principal investigator, reviewed by legal.
        approved_by: J. Rivera (compliance)
        expires: 2026-12-31                 # optional; after it the waiver no longer applies

A matching finding stays in every report, marked ``suppression: {kind: waiver, reason: ...}``;
it no longer counts towards the decision. Expired waivers are listed in the summary with the
findings they would have matched, which count again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..policy.errors import PolicyError
from ..policy.validation import explain
from ..policy.yaml_source import load_yaml_with_marks, locate


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fingerprint: str = Field(min_length=4, description="The finding's fingerprint.")
    rule: str | None = Field(None, description="The rule id; when given it must match as well.")
    document: str | None = Field(None, description="Glob on the document key, or the document's CMS id.")
    reason: str = Field(min_length=3, description="Why the finding is acceptable (kept for audits).")
    approved_by: str = Field(min_length=2, description="Who approved it.")
    expires: date | None = Field(None, description="Last day the waiver applies.")

    @field_validator("fingerprint", mode="before")
    @classmethod
    def _quoted(cls, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueError("YAML read this fingerprint as a number; put it in quotes, e.g. fingerprint: \"0123...\"")
        return value

    def expired(self, today: date | None = None) -> bool:
        return self.expires is not None and self.expires < (today or date.today())

    def label(self) -> str:
        until = f", expires {self.expires.isoformat()}" if self.expires else ""
        return f"{self.reason} (approved by {self.approved_by}{until})"


class WaiverError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_waivers(text: str, filename: str = "waivers.yaml") -> list[Waiver]:
    try:
        data, marks = load_yaml_with_marks(text, filename)
    except PolicyError as error:
        raise WaiverError([str(p) for p in error.problems]) from None
    prefix: tuple = ()
    if isinstance(data, dict) and set(data) <= {"waivers"}:
        data, prefix = data.get("waivers") or [], ("waivers",)
    if data is None:
        return []
    if not isinstance(data, list):
        raise WaiverError([f"{filename}:1:1: expected a list of waivers (or `waivers:` with a list)"])
    waivers, problems = [], []
    for index, item in enumerate(data):
        try:
            waivers.append(Waiver.model_validate(item))
        except ValidationError as error:
            for problem in error.errors():
                loc = tuple(problem["loc"])
                line, column = locate(marks, prefix + (index,) + loc)
                field = ".".join(map(str, loc)) or "waiver"
                problems.append(f"{filename}:{line}:{column}: waivers[{index}].{field}: {explain(problem, Waiver)}")
    if problems:
        raise WaiverError(problems)
    return waivers


def load_waivers(path: str | Path) -> tuple[list[Waiver], str]:
    """The waivers in a file, and its text (stored with the run so reports can apply them later)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WaiverError([f"{path}: cannot read waivers: {error}"]) from None
    return parse_waivers(text, str(path)), text
