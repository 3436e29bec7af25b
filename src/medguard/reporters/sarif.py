"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards and CI annotations."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..hookspecs import hookimpl
from ..models import Finding, Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
"""The base of relative artifact URIs: the working folder (the run's ``originalUriBaseIds``)."""
_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


class SarifReporter:
    name = "sarif"
    description = "SARIF 2.1.0 log (one run), for code-scanning tools."

    def render(self, report: Report) -> str:
        return json.dumps(self.log(report), indent=2) + "\n"

    def log(self, report: Report) -> dict:
        """The SARIF log as a dict."""
        rules: dict[str, dict] = {}
        results = []
        for document in report.documents:
            for finding in document.findings:
                if finding.rule not in rules:
                    rules[finding.rule] = _rule(finding)
                location = _location(document.source)
                physical = location["physicalLocation"]
                result = {
                    "ruleId": finding.rule,
                    "level": _LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "locations": [location],
                    "partialFingerprints": {"medguard/v1": finding.fingerprint},
                    "properties": {"confidence": finding.confidence, "category": finding.category, "decision": document.decision.value,
                                   "field": finding.field},
                }
                if "logicalLocations" in location:  # a record of an export: where the finding is in its body
                    result["properties"]["record"] = document.source
                if finding.line is not None:
                    region = {**_lines(finding), **_span(finding)}
                    if "logicalLocations" in location:
                        result["properties"]["bodyRegion"] = region
                    else:  # the document is the file: the region is in it
                        physical["region"] = region
                elif finding.field == "title" and finding.source_start is not None:  # offsets into the title, as in JSON
                    result["properties"]["titleRegion"] = _span(finding)
                physical.setdefault("region", {"startLine": 1})  # code scanning needs a line: the record's, else the first
                if finding.suppression:
                    result["suppressions"] = [{"kind": "inSource" if finding.suppression.kind == "inline" else "external",
                                               "justification": finding.suppression.reason}]
                results.append(result)
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "tool": {"driver": {
                    "name": "medguard",
                    "version": __version__,
                    "informationUri": "https://pypi.org/project/medguard/",
                    "rules": list(rules.values()),
                }},
                "results": results,
                "invocations": [_invocation(report)],
                "properties": {"policy": report.policy.model_dump()},
            }],
        }


def _rule(finding: Finding) -> dict:
    """A rule's descriptor, from its first finding: its full description says what the report
    knows of the rule (category, default level, the regulations it enforces), its help lists them."""
    level = _LEVEL[finding.severity]
    enforces = (f"It enforces {'; '.join(finding.references).rstrip('.')}." if finding.references
                else "It cites no regulation or guideline.")
    rule = {
        "id": finding.rule,
        "shortDescription": {"text": f"medguard rule {finding.rule} ({finding.category})"},
        "fullDescription": {"text": f"medguard policy rule {finding.rule}, in the {finding.category} category; its findings "
                                    f"are {level}s by default. {enforces} Each result's message says what it found there."},
        "defaultConfiguration": {"level": level},
        "properties": {"category": finding.category, "references": finding.references},
    }
    if finding.references:
        rule["help"] = {"text": "Enforces: " + "; ".join(finding.references)}
    return rule


def _lines(finding: Finding) -> dict:
    """The finding's lines and columns in its document's source; the end column is just past
    the last character (a store written before ends were recorded has no end)."""
    lines = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line is not None:
        lines |= {"endLine": finding.end_line, "endColumn": finding.end_column}
    return lines


def _span(finding: Finding) -> dict:
    """The finding's source offsets (code points, as the run's ``columnKind`` says) and its text."""
    start = finding.source_start or 0
    return {"charOffset": start, "charLength": (finding.source_end or start) - start, "snippet": {"text": finding.excerpt or ""}}


def _artifact(path: str) -> dict:
    """A file path as an artifact location: a URI reference relative to the working folder
    (``%SRCROOT%``) when the path is relative or lies in that folder, with forward slashes and
    spaces, '#', '?', '%' and ':' escaped; else a ``file://`` URI."""
    if os.path.isabs(path):
        path, cwd = os.path.normpath(path), os.getcwd()
        if not Path(path).is_relative_to(cwd):
            return {"uri": Path(path).as_uri()}
        path = os.path.relpath(path, cwd)
    return {"uri": quote(path.replace("\\", "/"), safe="/@!$&'()*+,;=-._~"), "uriBaseId": SRCROOT}


_EXPORTS = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".xml", ".wxr")
"""Files whose documents are records (a JSON post, a JSONL line, a CSV row, a WXR item): a finding's
line and offsets count in the record's body, not in the file."""
_RECORD = re.compile(r"(?P<file>.+?)(?::(?P<line>\d+)|#(?P<item>[\w-]+))?")


def _location(source: str) -> dict:
    """Where a document is: its file, and for a record of an export the record's line in the file
    (JSONL, CSV; none for a JSON or WXR item) and the record's name as a logical location."""
    match = _RECORD.fullmatch(source)
    path = match.group("file") if match else source
    if not path.lower().endswith(_EXPORTS):
        return {"physicalLocation": {"artifactLocation": _artifact(source)}}
    location: dict = {"physicalLocation": {"artifactLocation": _artifact(path)},
                      "logicalLocations": [{"fullyQualifiedName": source, "kind": "object"}]}
    if match and match.group("line"):
        location["physicalLocation"]["region"] = {"startLine": int(match.group("line"))}
    return location


def _invocation(report: Report) -> dict:
    """Diagnostics (unreadable inputs, failing rules, skipped suppressions) as tool notifications."""
    notifications = []
    for document in report.documents:
        for diagnostic in document.diagnostics:
            notification = {
                "level": {"error": "error", "warning": "warning", "info": "note"}[diagnostic.level],
                "message": {"text": diagnostic.message},
                "locations": [_location(document.source)],
                "properties": {"code": diagnostic.code},
            }
            if diagnostic.rule:
                notification["associatedRule"] = {"id": diagnostic.rule}
            notifications.append(notification)
    failed = any(n["level"] == "error" for n in notifications)
    return {"executionSuccessful": not failed, "toolExecutionNotifications": notifications}


@hookimpl
def medguard_register_reporters():
    return [SarifReporter()]
