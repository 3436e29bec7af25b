"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards and CI annotations."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from .. import __version__
from ..hookspecs import hookimpl
from ..models import Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
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
                rules.setdefault(finding.rule, {
                    "id": finding.rule,
                    "shortDescription": {"text": f"medguard rule {finding.rule} ({finding.category})"},
                    "defaultConfiguration": {"level": _LEVEL[finding.severity]},
                    "properties": {"category": finding.category, "references": finding.references},
                })
                location = _location(document.source)
                region = None
                if finding.line is not None:
                    region = {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "charOffset": finding.source_start,
                        "charLength": finding.source_end - finding.source_start,
                        "snippet": {"text": finding.excerpt or ""},
                    }
                    if "logicalLocations" not in location:  # the document is the file: the region is in it
                        location["physicalLocation"]["region"] = region
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
                    if region is not None:
                        result["properties"]["bodyRegion"] = region
                if finding.suppression:
                    result["suppressions"] = [{"kind": "inSource" if finding.suppression.kind == "inline" else "external",
                                               "justification": finding.suppression.reason}]
                results.append(result)
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
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


def _uri(path: str) -> str:
    """A file path as a URI reference (SARIF requires one): forward slashes; spaces, '#', '?' and '%' escaped."""
    return quote(path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")


_EXPORTS = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".xml", ".wxr")
"""Files whose documents are records (a JSON post, a JSONL line, a CSV row, a WXR item): a finding's
line and offsets count in the record's body, not in the file."""
_RECORD = re.compile(r"(?P<file>.+?)(?::(?P<line>\d+)|#(?P<item>[\w-]+))?")


def _location(source: str) -> dict:
    """Where a document is: its file, and for a record of an export the record's line in the file
    (JSONL, CSV; none for a JSON or WXR item) and the record's name as a logical location."""
    match = _RECORD.fullmatch(source)
    path = match.group("file") if match else source
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}
    if path.lower().endswith(_EXPORTS):
        if match and match.group("line"):
            location["physicalLocation"]["region"] = {"startLine": int(match.group("line"))}
        location["logicalLocations"] = [{"fullyQualifiedName": source, "kind": "object"}]
    else:
        location["physicalLocation"]["artifactLocation"]["uri"] = _uri(source)
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
