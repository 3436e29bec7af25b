"""Inline suppressions written in the content itself.

In HTML or Markdown, a comment naming rule ids (``*`` wildcards allowed) and a reason::

    <!-- medguard-disable-next-line efficacy.unsupported-claim: quote from the trial's PI, approved by legal -->
    <!-- medguard-disable absolute-language.*: archived press release, kept as published -->
    ...
    <!-- medguard-enable absolute-language.* -->

``disable-next-line`` covers the next block of text after the comment; ``disable`` covers
everything up to the matching ``enable`` (or the end). A suppression without a reason is
ignored and reported, because an unexplained waiver is worthless in an audit. So is a name that
matches no rule of the policy (a misspelt id would waive nothing): it is reported, with the
closest rule id.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from fnmatch import fnmatchcase

import regex

from .ingest.base import ParsedText
from .models import Diagnostic, Finding, Suppression
from .policy.validation import did_you_mean

_DIRECTIVE = regex.compile(
    r"^\s*medguard-(?P<verb>disable-next-line|disable|enable)\s+(?P<rules>[\w.*\-]+(?:\s*,\s*[\w.*\-]+)*)\s*(?::\s*(?P<reason>.*?))?\s*$",
    regex.S,
)


@dataclass(slots=True)
class _Range:
    patterns: tuple[str, ...]
    reason: str
    line: int
    start: int
    end: int


def find_suppressions(parsed: ParsedText, rule_ids: Collection[str]) -> tuple[list[_Range], list[Diagnostic]]:
    """Read suppression comments; ranges are in source offsets. A name matching none of
    ``rule_ids`` (the policy's rules) gets a warning."""
    ranges: list[_Range] = []
    diagnostics: list[Diagnostic] = []
    open_ranges: dict[str, _Range] = {}
    source_starts = [(parsed.source_map.to_source(b.start), parsed.source_map.to_source_end(b.end)) for b in parsed.blocks]
    for comment in parsed.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        line, _ = parsed.source_map.line_column(comment.source_offset)
        patterns = tuple(p.strip() for p in match["rules"].split(","))
        verb, reason = match["verb"], (match["reason"] or "").strip()
        diagnostics.extend(_unknown_names(patterns, rule_ids, f"line {line}: medguard-{verb}"))
        if verb == "enable":
            for pattern in patterns:
                if pattern in open_ranges:
                    open_ranges.pop(pattern).end = comment.source_offset
            continue
        if not reason:
            diagnostics.append(Diagnostic(
                level="warning", code="suppression-without-reason",
                message=f"line {line}: medguard-{verb} needs a reason after a colon; ignored",
            ))
            continue
        if verb == "disable-next-line":
            following = next(((s, e) for s, e in source_starts if s > comment.source_offset), None)
            if following:
                ranges.append(_Range(patterns, reason, line, following[0], following[1]))
        else:
            found = _Range(patterns, reason, line, comment.source_offset, 1 << 62)
            ranges.append(found)
            for pattern in patterns:
                open_ranges[pattern] = found
    return ranges, diagnostics


def _unknown_names(patterns: tuple[str, ...], rule_ids: Collection[str], where: str) -> list[Diagnostic]:
    """A warning for each name or wildcard that matches none of ``rule_ids``."""
    return [
        Diagnostic(level="warning", code="suppression-unknown-rule",
                   message=f"{where}: no rule of the policy is named {pattern!r}{_closest(pattern, rule_ids)}; "
                           "that name suppresses nothing")
        for pattern in patterns if not any(fnmatchcase(rule_id, pattern) for rule_id in rule_ids)
    ]


def _closest(pattern: str, rule_ids: Collection[str]) -> str:
    """The " (did you mean ...?)" hint: a rule id for a name, a family wildcard for a wildcard."""
    if "*" not in pattern:
        return did_you_mean(pattern, sorted(rule_ids))
    return did_you_mean(pattern, sorted({f"{rule_id.rpartition('.')[0]}.*" for rule_id in rule_ids if "." in rule_id}))


def apply_suppressions(findings: list[Finding], ranges: list[_Range]) -> None:
    """Mark findings covered by a suppression (they stay in the report, marked)."""
    for finding in findings:
        position = finding.source_start if finding.field == "body" else None  # comments live in the body
        for found in ranges:
            in_range = position is not None and found.start <= position < found.end
            if in_range and any(fnmatchcase(finding.rule, p) for p in found.patterns):
                finding.suppression = Suppression(kind="inline", reason=found.reason, line=found.line)
                break
