"""The data medguard passes around: documents in, findings and reports out.

`Report` is the JSON contract of ``medguard check --format json``; its JSON Schema is generated
from these models (``report_json_schema``, printed by ``medguard schema``) and shipped in
``medguard/schema/report.schema.json``.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator


class Severity(str, Enum):
    """How serious a finding is; ordered ``info < warning < error``."""

    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class Decision(str, Enum):
    """What the publisher should do with the document."""

    pass_ = "pass"
    warn = "warn"
    block = "block"


class Document(BaseModel):
    """One piece of content to check, as a CMS holds it."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, description="The CMS's identifier, if any.")
    title: str | None = None
    body: str = Field(description="The content in its own format (HTML, Markdown or plain text).")
    format: str = Field("text", description="html, markdown, text, or a format a plugin registers.")
    url: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _number_id_as_text(cls, value: Any) -> Any:
        """A CMS's numeric id (``"id": 48213``) as text, as a WordPress post's is."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("format", mode="before")
    @classmethod
    def _format_in_lower_case(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @field_validator("id", "title", "body", "url", "metadata", mode="before")
    @classmethod
    def _replace_lone_surrogates(cls, value: Any) -> Any:
        """Half of a UTF-16 pair (JSON's "\\ud83d" from a string cut in the middle of an emoji)
        becomes U+FFFD, one character for one, so offsets still index the text as sent and the
        report can be written as UTF-8."""
        if isinstance(value, str):
            return value if value.isascii() else _LONE_SURROGATE.sub("\ufffd", value)
        if isinstance(value, dict):
            return {cls._replace_lone_surrogates(k): cls._replace_lone_surrogates(v) for k, v in value.items()}
        if isinstance(value, list):
            return [cls._replace_lone_surrogates(v) for v in value]
        return value


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Suppression(BaseModel):
    """Why a finding does not count: an inline comment in the content, or a waiver."""

    kind: Literal["inline", "waiver"]
    reason: str
    line: int | None = Field(None, description="Line of the suppressing comment in the source.")


class Finding(BaseModel):
    """One problem found in a document, with where it is and why it was raised."""

    rule: str = Field(description="Id of the policy rule that raised it.")
    category: str = Field(description="The policy family, e.g. unsupported-efficacy.")
    severity: Severity
    message: str
    field: Literal["body", "title"] = Field("body", description=(
        "The part of the document the finding is in. In the title, source_start/source_end index the "
        "title as sent and there is no line or column; start/end always index the text as read, where "
        "the title follows the body."))
    start: int | None = Field(None, description=(
        "Offset into the document's text as read (markup removed, entities decoded), in Unicode code points."))
    end: int | None = Field(None, description="End of the span in the text as read (exclusive), in code points.")
    excerpt: str | None = Field(None, description=(
        "The flagged text as read (text[start:end], without markup) on one line: each run of whitespace, line breaks "
        "included, as one space, none at either end. Slice the text with start/end for the exact characters."))
    line: int | None = Field(None, description="1-based line in the source (lines end at \\n; \\r\\n counts as two "
                                                "characters).")
    column: int | None = Field(None, description="1-based column in the source line, in code points.")
    end_line: int | None = Field(None, description="1-based line in the source where the span ends (at source_end).")
    end_column: int | None = Field(None, description=(
        "1-based column of source_end in end_line, in code points: just past the span's last character."))
    source_start: int | None = Field(None, description=(
        "Offset into the source as sent (HTML markup included), in Unicode code points, not UTF-16 units: highlight "
        "with this."))
    source_end: int | None = Field(None, description="End of the span in the source as sent (exclusive), in code points.")
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    references: list[str] = Field(default_factory=list, description="Regulations or guidelines enforced.")
    fingerprint: str = Field(description="Stable id that survives unrelated edits to the document.")
    explanation: dict[str, Any] = Field(default_factory=dict, description="What the detector saw.")
    suggestion: str | None = None
    suppression: Suppression | None = Field(None, description="Set when the finding is suppressed.")

    _sentence: tuple[str, int, int] | None = PrivateAttr(default=None)
    """The sentence around the finding and the span's offsets in it (for text output)."""
    _key: str = PrivateAttr(default="")
    """What the fingerprint hashes (see engine)."""

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None


class Diagnostic(BaseModel):
    """Something that went wrong or was skipped while checking; never silently dropped."""

    level: Literal["error", "warning", "info"]
    code: str = Field(description="Machine-readable kind, e.g. rule-error, invalid-utf8.")
    message: str
    rule: str | None = None
    plugin: str | None = None


class DocumentReport(BaseModel):
    """The verdict on one document."""

    source: str
    id: str | None = None
    decision: Decision
    findings: list[Finding] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)

    def active_findings(self) -> list[Finding]:
        """Findings that count: not suppressed."""
        return [f for f in self.findings if not f.suppressed]


class PolicyRef(BaseModel):
    name: str
    version: str


class Report(BaseModel):
    """What ``medguard check --format json`` prints."""

    medguard_version: str
    policy: PolicyRef
    documents: list[DocumentReport] = Field(default_factory=list)


REPORT_SCHEMA_ID = "urn:medguard:schema:report:1"
"""The ``$id`` of the report's JSON Schema: it names the contract, not a release, and changes only
with a change that breaks existing readers."""


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``Report`` as shipped: the generated one with its dialect and ``$id``.

    Objects stay open to properties the schema does not list (no ``additionalProperties: false``),
    so a report with fields a later medguard adds still validates against an older copy.
    """
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": REPORT_SCHEMA_ID,
            **Report.model_json_schema()}
