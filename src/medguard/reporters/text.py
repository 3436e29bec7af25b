"""``--format text``: a linter-style listing with the flagged span marked in its sentence."""

from __future__ import annotations

import os
import sys
import textwrap

from ..hookspecs import hookimpl
from ..models import Report, Severity

_COLOURS = {Severity.error: "\033[31m", Severity.warning: "\033[33m", Severity.info: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_CONTEXT = 70
_CLOSING = frozenset(".,;:!?)")


class TextReporter:
    name = "text"
    description = "Human-readable findings, one block per finding, with a summary."

    def __init__(self, colour: bool | None = None):
        self.colour = colour

    def render(self, report: Report) -> str:
        colour = self.colour if self.colour is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        paint = (lambda code, s: f"{code}{s}{_RESET}") if colour else (lambda code, s: s)
        lines: list[str] = []
        totals = {s: 0 for s in Severity}
        suppressed = 0
        for document in report.documents:
            for finding in document.findings:
                if finding.suppressed:
                    suppressed += 1
                    continue
                totals[finding.severity] += 1
                where = (f"{document.source}:{finding.line}:{finding.column}" if finding.line
                         else f"{document.source} (title)" if finding.field == "title" else document.source)
                lines.append(f"{paint(_BOLD, where)}: {paint(_COLOURS[finding.severity], finding.severity.value)} "
                             f"{finding.message} {paint(_DIM, '[' + finding.rule + ']')}")
                lines.extend(_marked_sentence(finding))
                if finding.references:
                    lines.append(f"    enforces: {'; '.join(finding.references)}")
                if finding.suggestion:
                    lines.extend(textwrap.wrap(f"suggestion: {finding.suggestion}", 96, initial_indent="    ", subsequent_indent="      "))
                lines.append("")
            for diagnostic in document.diagnostics:
                rule = f", rule {diagnostic.rule}" if diagnostic.rule and diagnostic.rule not in diagnostic.message else ""
                plugin = f", plugin {diagnostic.plugin}" if diagnostic.plugin else ""
                lines.append(f"{document.source}: {diagnostic.level}: {diagnostic.message} ({diagnostic.code}{rule}{plugin})")
            if document.diagnostics:
                lines.append("")
        decisions = {}
        for document in report.documents:
            decisions[document.decision.value] = decisions.get(document.decision.value, 0) + 1
        summary = (f"{len(report.documents)} document(s) checked with {report.policy.name} {report.policy.version}: "
                   f"{totals[Severity.error]} error(s), {totals[Severity.warning]} warning(s), {totals[Severity.info]} info")
        if suppressed:
            summary += f", {suppressed} suppressed"
        problems = sum(any(d.level == "error" for d in document.diagnostics) for document in report.documents)
        if problems:
            summary += f", {problems} not fully checked (above)"
        notices = sum(d.level != "error" for document in report.documents for d in document.diagnostics)
        if notices:
            summary += f", {notices} notice(s) about the input (above)"
        summary += " — " + ", ".join(f"{n} {d}" for d, n in sorted(decisions.items()))
        lines.append(summary)
        return "\n".join(lines) + "\n"


def _marked_sentence(finding) -> list[str]:
    """The sentence on one line, with ^^^ under the flagged span (trimmed around long sentences)."""
    if finding._sentence is None:
        return [f"    {finding.excerpt}"] if finding.excerpt else []
    flat, start, end = _squeezed(*finding._sentence)
    left = max(0, start - _CONTEXT)
    right = min(len(flat), max(end, start + 1) + _CONTEXT)
    prefix = "…" if left else ""
    shown = prefix + flat[left:right] + ("…" if right < len(flat) else "")
    caret_start = len(prefix) + start - left
    caret_len = max(1, min(end, right) - start)
    return [f"    {shown}", "    " + " " * caret_start + "^" * caret_len]


def _squeezed(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence on one line with each run of whitespace as one space (markup such as Markdown's
    ``**`` is blanked out in the analysed text) and none before a closing mark, the span moved to match."""
    shown: list[str] = []
    moved_to: list[int] = []
    for char in sentence:
        if char in _CLOSING and shown and shown[-1] == " ":
            shown.pop()  # a link's target blanked out before the full stop
        moved_to.append(len(shown))
        if not char.isspace():
            shown.append(char)
        elif not shown or shown[-1] != " ":
            shown.append(" ")
    moved_to.append(len(shown))
    return "".join(shown), moved_to[start], moved_to[end]


@hookimpl
def medguard_register_reporters():
    return [TextReporter()]
