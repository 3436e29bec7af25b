"""Reports from a store: summary (text), csv, jsonl, sarif and html (see html.py)."""

from __future__ import annotations

import csv
import io
import json
from typing import Callable, TextIO

from .. import __version__
from ..models import Report
from ..reporters.sarif import SarifReporter
from .results import WORST_FIRST, Results, Summary, mixed_policies, older_code, unfinished

FORMATS = ("summary", "html", "csv", "jsonl", "sarif")


def write_report(results: Results, fmt: str, out: TextIO, *, limit: int | None = None) -> None:
    writers: dict[str, Callable[..., None]] = {
        "summary": lambda r, o: o.write(render_summary(r.summary(), r)),
        "csv": write_csv, "jsonl": write_jsonl, "sarif": write_sarif,
    }
    if fmt == "html":
        from .html import write_html

        write_html(results, out, limit=limit)
        return
    writers[fmt](results, out)


# -- summary -----------------------------------------------------------------------------------
def render_summary(summary: Summary, results: Results | None = None, *, worst: int = 10) -> str:
    run = summary.run
    lines = []
    lines.append(f"store: {results.path if results else '?'} — {summary.runs} scan(s); latest: run {run['id']} "
                 f"({run['status']}, {run['engine']} engine, {run['workers']} worker(s), {run['elapsed_s']:.1f} s)")
    note = unfinished(run["status"])
    if note:
        lines.append(note)
    lines.append(f"policy: {run['policy_name']} {run['policy_version']} (digest {run['policy_digest']}), medguard {run['medguard_version']}")
    mixed = mixed_policies(summary.policies)
    if mixed:
        lines.append(f"policies: the store mixes policies: {mixed}; each document's decision follows the policy that checked it")
    older = older_code(run, summary.older_engines)
    if older:
        lines.append(f"older code: {older}")
    lines.append(f"latest scan: {run['seen']} document(s) seen — {run['checked']} checked, {run['skipped']} unchanged (skipped), "
                 f"{run['unreadable']} unreadable, {run['crashed']} crashed, {run['rule_errors']} with rule/engine errors, "
                 f"{run['worker_restarts']} worker restart(s)")
    statuses = ", ".join(f"{n} {s}" for s, n in summary.by_status.items()) or "none"
    lines.append(f"documents in the store: {summary.documents} ({statuses})"
                 + (f"; {summary.stale} stale (not seen by the latest finished scan, left out)" if summary.stale else ""))
    lines.append("decisions: " + ", ".join(f"{n} {d}" for d, n in summary.by_decision.items())
                 + (f"; not checked: {summary.not_checked}" if summary.not_checked else ""))
    sev = summary.by_severity
    extra = []
    if summary.suppressed:
        extra.append(f"{summary.suppressed} suppressed inline")
    if summary.waived:
        extra.append(f"{summary.waived} waived")
    if summary.baseline:
        extra.append(f"{summary.baseline_hidden} already in baseline {summary.baseline} (not shown)")
    lines.append(f"findings: {summary.findings} active (error {sev['error']}, warning {sev['warning']}, info {sev['info']})"
                 + (f"; {', '.join(extra)}" if extra else ""))
    problems = summary.by_status.get("unreadable", 0) + summary.by_status.get("crashed", 0)
    lines.append(f"problems: {summary.documents_with_errors} document(s) with errors ({problems} unreadable or crashed)"
                 + ("; diagnostics: " + ", ".join(f"{code} {n}" for code, n in summary.diagnostics_by_code.items())
                    if summary.diagnostics_by_code else ""))
    if summary.by_category:
        lines.append("by category: " + ", ".join(f"{c} {n}" for c, n in summary.by_category.items()))
    if summary.by_rule:
        lines.append("by rule:")
        for rule, category, severity, count in summary.by_rule[:20]:
            lines.append(f"  {count:>7}  {severity:<7}  {rule}  ({category})")
    if summary.waivers:
        applied = [u for u in summary.waivers if not u.expired]
        lines.append(f"waivers: {len(applied)} in force matched {sum(u.matched for u in applied)} finding(s)")
        for use in summary.waivers:
            w = use.waiver
            waiver = f"{w.fingerprint} {w.rule + ' ' if w.rule else ''}(approved by {w.approved_by})"
            if use.expired:
                lines.append(f"  EXPIRED {w.expires}: {waiver} — {use.matched} finding(s) it matched count again")
            elif use.matched == 0:
                lines.append(f"  unused: {waiver} matched nothing")
            elif use.documents > 1 and w.document is None:
                lines.append(f"  site-wide: {waiver} waives it in {use.documents} documents; add document: to limit it "
                             f"to the pages it was approved for")
    if results is not None and worst:
        incomplete = results.incomplete()
        if incomplete:
            more = f"; the first {worst} of {len(incomplete)} rows" if len(incomplete) > worst else ""
            lines.append(f"not fully checked ({sum(entry.documents for entry in incomplete)} document(s){more}):")
            for entry in incomplete[:worst]:
                lines.append(f"  {entry.status:<10}  {entry.where()}: {entry.message}")
        rows = results.worst(worst)
        if rows:
            lines.append(f"worst documents ({WORST_FIRST}):")
            for row in rows:
                title = f"  {row['title']}" if row["title"] else ""
                lines.append(f"  {row['decision']:<5}  {row['n_error']} error(s), {row['n_warning']} warning(s), "
                             f"{row['n_diag_errors']} problem(s), {row['per_1000_words']:.1f} per 1,000 words  {row['key']}{title}")
    return "\n".join(lines) + "\n"


# -- csv -----------------------------------------------------------------------------------------
CSV_COLUMNS = ["kind", "source", "id", "title", "decision", "rule", "category", "severity", "state", "message",
               "field", "line", "column", "start", "end", "excerpt", "fingerprint", "reason", "references", "code",
               "policy", "policy_version", "policy_digest", "end_line", "end_column"]


def write_csv(results: Results, out: TextIO) -> None:
    """One row per finding or diagnostic, documents worst first as in the HTML report."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in results.documents(only_problems=True, worst_first=True):
        row = view.row
        base = {"source": row["source"], "id": row["doc_id"] or "", "title": row["title"] or "", "decision": view.decision,
                "policy": row["policy_name"], "policy_version": row["policy_version"], "policy_digest": row["policy_digest"]}
        for finding in view.findings:
            state = "active" if finding.suppression is None else ("waived" if finding.suppression.kind == "waiver" else "suppressed")
            values = {**base, "kind": "finding", "rule": finding.rule, "category": finding.category,
                      "severity": finding.severity.value, "state": state, "message": finding.message,
                      "field": finding.field, "line": finding.line, "column": finding.column, "start": finding.start, "end": finding.end,
                      "end_line": finding.end_line, "end_column": finding.end_column,
                      "excerpt": finding.excerpt, "fingerprint": finding.fingerprint,
                      "reason": finding.suppression.reason if finding.suppression else "",
                      "references": "; ".join(finding.references), "code": ""}
            writer.writerow(_csv_row(values))
        for diagnostic in view.diagnostics:
            values = {**base, "kind": "diagnostic", "rule": diagnostic.rule or "", "severity": diagnostic.level,
                      "message": diagnostic.message, "code": diagnostic.code, "state": ""}
            writer.writerow(_csv_row(values))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_row(values: dict) -> list:
    """The row's cells; text that a spreadsheet would run as a formula (it starts with = + - @,
    a tab or a CR) gets a leading ``'``, as OWASP recommends against CSV injection."""
    cells = ["" if values.get(c) is None else values.get(c) for c in CSV_COLUMNS]
    return [f"'{cell}" if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell for cell in cells]


# -- jsonl ---------------------------------------------------------------------------------------
def write_jsonl(results: Results, out: TextIO) -> None:
    """One line per document: the ``DocumentReport`` of the JSON contract, and the policy that checked it."""
    for view in results.documents():
        line = {**view.report().model_dump(mode="json"), "policy": view.policy()}
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")


# -- sarif ---------------------------------------------------------------------------------------
def write_sarif(results: Results, out: TextIO) -> None:
    report = Report(medguard_version=__version__, policy=results.policy())
    for view in results.documents(only_problems=True):
        if view.findings or any(d.level == "error" for d in view.diagnostics):  # unreadable ones become notifications
            report.documents.append(view.report())
    log = SarifReporter().log(report)
    run = log["runs"][0]
    policies = results.policies()
    run["properties"]["policies"] = [{"name": p.name, "version": p.version, "digest": p.digest, "documents": p.documents}
                                     for p in policies]
    mixed = mixed_policies(policies)
    if mixed:
        run["invocations"][0]["toolExecutionNotifications"].append(
            {"level": "warning", "message": {"text": f"the store mixes policies: {mixed}"}, "properties": {"code": "mixed-policies"}})
    older = older_code(results.latest, results.older_engines())
    if older:
        run["invocations"][0]["toolExecutionNotifications"].append(
            {"level": "warning", "message": {"text": older}, "properties": {"code": "older-code"}})
    out.write(json.dumps(log, indent=2) + "\n")


def render(results: Results, fmt: str, *, limit: int | None = None) -> str:
    buffer = io.StringIO()
    write_report(results, fmt, buffer, limit=limit)
    return buffer.getvalue()


def dumps_summary(summary: Summary) -> str:
    """The summary as JSON (for scripts)."""
    data = {
        "documents": summary.documents, "stale": summary.stale, "by_status": summary.by_status,
        "by_decision": summary.by_decision, "not_checked": summary.not_checked, "by_severity": summary.by_severity,
        "by_category": summary.by_category,
        "by_rule": [{"rule": r, "category": c, "severity": s, "count": n} for r, c, s, n in summary.by_rule],
        "findings": summary.findings, "suppressed": summary.suppressed, "waived": summary.waived,
        "baseline_hidden": summary.baseline_hidden, "documents_with_errors": summary.documents_with_errors,
        "diagnostics_by_code": summary.diagnostics_by_code,
    }
    return json.dumps(data, indent=2) + "\n"
