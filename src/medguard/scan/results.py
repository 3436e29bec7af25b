"""Reading a store back: waivers and a baseline applied, decisions recomputed, for every report.

Waivers and baselines are applied when results are read, not when they are written, so a new
waivers file or baseline needs no rescan. By default the waivers and baseline of the latest scan
are used (its waivers file's text is kept in the store); ``medguard report --waivers/--baseline``
override them.

Each finding gets a state: ``baseline`` (present in the baseline scan: left out of reports),
``suppressed`` (an inline comment in the content), ``waived`` or ``active``. A document's
decision is recomputed from its active findings with the thresholds of the policy that checked it
(its run's), which gives the engine's own decision when there are no waivers and no baseline. A
document that was never checked (unreadable, crashed, over ``--max-bytes``, an engine error) keeps
its decision for machines (JSONL, CSV), but the reports people read count it as ``not checked``,
not as a decision, and leave it out of the worst documents. Documents that a later finished scan
did not see although it went through the path they came from (removed from the archive) are left
out and counted as stale; a scan of one folder leaves other folders' documents alone.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from ..models import Decision, Diagnostic, DocumentReport, Finding, PolicyRef, Severity, Suppression
from .store import StoreError, attach_readonly, check_schema, connect, has_column, iter_rows, writer_holds
from .waivers import Waiver, parse_waivers

_RANK_SQL = "CASE {c} WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END"
_NOT_CHECKED_SQL = ("(d.status != 'checked' OR EXISTS (SELECT 1 FROM json_each(d.diagnostics) j "
                    "WHERE json_extract(j.value, '$.code') IN ('input-error', 'engine-error')))")
"""Whether document ``d`` went unchecked: unreadable, crashed, or no rule ran on it (over
``--max-bytes``, a parser or the engine failed); a rule that failed leaves it checked by the rest."""
DECISION_ORDER = {"block": 2, "warn": 1, "pass": 0}
WORST_FIRST = "by decision, then findings per 1,000 words; an error counts twice"
"""How reports explain their worst-first order."""
SHORT_DOCUMENT_WORDS = 300
"""A shorter document's findings are weighed as if it had this many words."""
_WORST_FIRST_SQL = ("CASE s.decision WHEN 'block' THEN 2 WHEN 'warn' THEN 1 ELSE 0 END DESC, s.per_1000_words DESC, "
                    "s.n_error DESC, s.n_warning DESC, s.n_diag_errors DESC, d.key")
"""Worst first: by decision, then by findings per 1,000 words, an error counting twice. On the 364
labelled FakeHealth releases, the 25 that order puts first fail 3.88 of the five reviewer criteria
medguard speaks to on average, against 3.28 when ordered by the number of errors (all: 3.07)."""
FROM_RUN = "<from the latest run>"


def unfinished(status: str) -> str | None:
    """What a report of a scan that did not finish must say about it (None once it finished)."""
    if status == "finished":
        return None
    if status == "running":
        return "this scan is running: the report covers only the documents it has reached so far"
    return f"this scan is {status}: the report covers only the documents it reached; run the same scan command again to finish it"


@dataclass(slots=True)
class WaiverUse:
    waiver: Waiver
    index: int
    matched: int = 0
    documents: int = 0
    """How many documents the findings it matched are in."""
    expired: bool = False


@dataclass(slots=True)
class PolicyUse:
    """A policy (name, version, digest) and how many of the reported documents it checked."""

    name: str
    version: str
    digest: str
    documents: int

    def label(self) -> str:
        return f"{self.name} {self.version}"


def mixed_policies(uses: list[PolicyUse]) -> str | None:
    """``969 document(s) checked under acme 2026.11, 303 under acme 2026.12`` when the documents
    were checked under more than one policy (digests named where versions are the same), else None."""
    if len(uses) < 2:
        return None
    labels = [use.label() for use in uses]
    named = [f"{label} (digest {use.digest})" if labels.count(label) > 1 else label for label, use in zip(labels, uses)]
    parts = [f"{use.documents} document(s) checked under {named[0]}" if i == 0 else f"{use.documents} under {named[i]}"
             for i, use in enumerate(uses)]
    return ", ".join(parts)


def older_code(run: dict[str, Any], digests: dict[str, int]) -> str | None:
    """``3023 document(s) were checked by the medguard or plugin code of an earlier scan ...`` when
    documents were checked under another engine digest than the latest scan's, else None."""
    if not digests:
        return None
    engines = ", ".join(list(digests)[:3]) + (", …" if len(digests) > 3 else "")
    return (f"{sum(digests.values())} document(s) were checked by the medguard or plugin code of an earlier scan "
            f"(engine {engines}), not the latest scan's (engine {run['engine_digest']}); scan them again to update them")


@dataclass(slots=True)
class DocumentView:
    """A stored document with its findings in their states, and the effective decision."""

    row: sqlite3.Row
    decision: str
    findings: list[Finding]
    hidden: int
    """Findings left out because the baseline has them."""
    diagnostics: list[Diagnostic]

    @property
    def key(self) -> str:
        return self.row["key"]

    def text(self) -> str | None:
        blob = self.row["text"]
        return zlib.decompress(blob).decode("utf-8", "surrogatepass") if blob is not None else None

    def policy(self) -> dict[str, str]:
        """The policy that checked this document."""
        return {"name": self.row["policy_name"], "version": self.row["policy_version"], "digest": self.row["policy_digest"]}

    def report(self) -> DocumentReport:
        return DocumentReport(source=self.row["source"], id=self.row["doc_id"], decision=Decision(self.decision),
                              findings=self.findings, diagnostics=self.diagnostics)


_RECORD = re.compile(r"(.*)([:#])([0-9]+)", re.S)
"""A record's key: its file, then ``:LINE`` (JSONL, CSV) or ``#N`` (JSON, WXR)."""


@dataclass(slots=True)
class Incomplete:
    """Documents not fully checked for one reason: one document, or the records of one file that
    failed alike (a ``--fields`` mistake fails every record of an export the same way)."""

    source: str
    """The document's key, or the file of the records."""
    status: str
    message: str
    mark: str = ""
    """``:`` when ``numbers`` are lines, ``#`` when they are items."""
    numbers: list[int] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len(self.numbers) or 1

    def where(self, shown: int = 5) -> str:
        """``page.html``, ``odd.jsonl:17``, or ``odd.jsonl: 300 records (lines 1, 2, 3, 4, 5, …)``."""
        if len(self.numbers) <= 1:
            return self.source + "".join(f"{self.mark}{n}" for n in self.numbers)
        listed = ", ".join(map(str, self.numbers[:shown])) + (", …" if len(self.numbers) > shown else "")
        return f"{self.source}: {len(self.numbers)} records ({'lines' if self.mark == ':' else 'items'} {listed})"


@dataclass(slots=True)
class Summary:
    run: dict[str, Any]
    runs: int
    documents: int
    stale: int
    by_status: dict[str, int]
    by_decision: dict[str, int]
    """Documents checked, by decision (those not checked are counted apart)."""
    not_checked: int
    by_severity: dict[str, int]
    by_category: dict[str, int]
    by_rule: list[tuple[str, str, str, int]]
    """(rule, category, worst severity, active findings)."""
    findings: int
    suppressed: int
    waived: int
    baseline_hidden: int
    documents_with_errors: int
    diagnostics_by_code: dict[str, int]
    waivers: list[WaiverUse] = field(default_factory=list)
    baseline: str | None = None
    policies: list[PolicyUse] = field(default_factory=list)
    older_engines: dict[str, int] = field(default_factory=dict)
    """Documents checked under another engine digest than the latest scan's, by digest."""


def cms_id(key: str, doc_id: str | None) -> str | None:
    """The document's id when it came from the CMS (a JSON, JSONL, CSV or WXR id field), or None
    when the reader named it after its file (``index`` for ``site/index.html``, ``posts-3`` for
    ``posts.json#3``), which many documents share."""
    if not doc_id:
        return None
    name = key.rsplit("/", 1)[-1]
    for mark in "#:":
        head, _, tail = name.rpartition(mark)
        if head and tail.isdigit():
            name = head
            break
    stem = name.rsplit(".", 1)[0]
    named_after_file = doc_id == stem or (doc_id.startswith(f"{stem}-") and doc_id[len(stem) + 1:].isdigit())
    return None if named_after_file else doc_id


def _thresholds(spec: dict[str, Any]) -> tuple[int | None, int | None, int]:
    """A run's decision spec as (block rank, warn rank, fail-closed) for SQL."""
    block = Severity(spec["block"]).rank if spec.get("block") else None
    warn = Severity(spec["warn"]).rank if spec.get("warn") else None
    return block, warn, int(spec.get("on_error", "fail-closed") == "fail-closed")


class Results:
    """A store opened for reading, with waivers and a baseline applied."""

    def __init__(self, path: str | Path, *, waivers: list[Waiver] | None | str = FROM_RUN,
                 baseline: str | Path | None = FROM_RUN, today: date | None = None):
        """``waivers``/``baseline``: FROM_RUN (the latest scan's), None (none), or what to apply."""
        self.path = Path(path)
        self.db = connect(self.path, readonly=True)
        self.db.execute("PRAGMA temp_store = MEMORY")
        runs = self.db.execute("SELECT * FROM runs ORDER BY id DESC").fetchall()
        if not runs:
            raise StoreError(f"{self.path}: no scan has written to this store yet")
        self.latest = dict(runs[0])
        if self.latest["status"] == "running" and not writer_holds(self.path):
            self.latest["status"] = "interrupted"  # killed: the next scan records it so, and resumes it
        self.run_count = len(runs)
        finished = [dict(r) for r in runs if r["status"] == "finished"]
        self.fresh_from = finished[0]["id"] if finished else 0
        self._covered = [(r["id"], path) for r in finished for path in json.loads(r["paths"])]
        if isinstance(waivers, str) and waivers == FROM_RUN:
            text = self.latest["waivers"]
            waivers = parse_waivers(text, self.latest["waivers_file"] or "waivers") if text else None
        if isinstance(baseline, str) and baseline == FROM_RUN:
            baseline = self.latest["baseline"]
        self.baseline = str(baseline) if baseline else None
        today = today or date.today()
        self.waivers = [WaiverUse(w, i, expired=w.expired(today)) for i, w in enumerate(waivers or [])]
        self._prepare()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Results":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- setup -------------------------------------------------------------------------------------
    def _prepare(self) -> None:
        db = self.db
        db.create_function("cms_id", 2, cms_id, deterministic=True)
        # stale: a later finished scan went through the path it came from and did not see it
        db.execute("CREATE TEMP TABLE covered (run_id INTEGER, path TEXT)")
        db.executemany("INSERT INTO temp.covered VALUES (?, ?)", [(run, p.rstrip("/") or "/") for run, p in self._covered])
        db.execute("""CREATE TEMP TABLE gone AS SELECT d.key AS key FROM main.documents d WHERE EXISTS (
                          SELECT 1 FROM temp.covered c WHERE c.run_id > d.last_seen_run AND substr(d.key, 1, length(c.path)) = c.path
                          AND (length(d.key) = length(c.path) OR substr(d.key, length(c.path) + 1, 1) IN ('/', ':', '#')))""")
        db.execute("CREATE UNIQUE INDEX temp.gone_key ON gone(key)")
        db.execute("CREATE TEMP TABLE w (id INTEGER PRIMARY KEY, fingerprint TEXT, rule TEXT, document TEXT, expired INTEGER)")
        db.executemany("INSERT INTO temp.w VALUES (?, ?, ?, ?, ?)", [
            (u.index, u.waiver.fingerprint, u.waiver.rule, u.waiver.document, int(u.expired)) for u in self.waivers
        ])
        db.execute("CREATE INDEX temp.w_fingerprint ON w(fingerprint)")
        old = "0"
        if self.baseline:
            base = Path(self.baseline)
            if not base.exists():
                raise StoreError(f"{base}: no such baseline store")
            attach_readonly(db, base, "base")
            check_schema(db, base, "base")
            old = ("(CASE WHEN cms_id(d.key, d.doc_id) IS NULL "
                   "THEN EXISTS (SELECT 1 FROM base.findings b WHERE b.doc_key = f.doc_key AND b.fingerprint = f.fingerprint) "
                   "ELSE EXISTS (SELECT 1 FROM base.documents bd JOIN base.findings b ON b.doc_key = bd.key "
                   "WHERE bd.doc_id = d.doc_id AND cms_id(bd.key, bd.doc_id) IS NOT NULL AND b.fingerprint = f.fingerprint) END)")
        match = ("w.fingerprint = f.fingerprint AND (w.rule IS NULL OR w.rule = f.rule) AND "
                 "(w.document IS NULL OR f.doc_key GLOB w.document OR f.doc_key GLOB '*/' || w.document OR w.document = cms_id(d.key, d.doc_id))")
        db.execute(f"""
            CREATE TEMP TABLE fstate AS
            SELECT f.doc_key AS doc_key, f.idx AS idx, f.rule AS rule, f.category AS category, f.severity AS severity,
                   {_RANK_SQL.format(c='f.severity')} AS rank,
                   (SELECT w.id FROM temp.w w WHERE w.expired = 0 AND {match} ORDER BY w.id LIMIT 1) AS waiver,
                   (SELECT w.id FROM temp.w w WHERE w.expired = 1 AND {match} ORDER BY w.id LIMIT 1) AS expired_waiver,
                   {old} AS old, f.suppressed AS suppressed
            FROM main.findings f JOIN main.documents d ON d.key = f.doc_key
            WHERE d.key NOT IN (SELECT key FROM temp.gone)""")
        db.execute("""ALTER TABLE temp.fstate ADD COLUMN state TEXT""")
        db.execute("""UPDATE temp.fstate SET state = CASE WHEN old THEN 'baseline' WHEN suppressed IS NOT NULL THEN 'suppressed'
                      WHEN waiver IS NOT NULL THEN 'waived' ELSE 'active' END""")
        db.execute("CREATE INDEX temp.fstate_doc ON fstate(doc_key, idx)")
        db.execute("CREATE TEMP TABLE spec (run_id INTEGER PRIMARY KEY, block INTEGER, warn INTEGER, fail_closed INTEGER)")
        db.executemany("INSERT INTO temp.spec VALUES (?, ?, ?, ?)",
                       [(run_id, *_thresholds(json.loads(spec))) for run_id, spec in db.execute("SELECT id, decision_spec FROM runs")])
        words = "d.words" if has_column(db, "documents", "words") else "NULL"
        db.execute(f"""
            CREATE TEMP TABLE dstate AS
            SELECT d.key AS key, d.status AS status, d.n_diag_errors AS n_diag_errors, d.run_id AS run_id,
                   {_NOT_CHECKED_SQL} AS not_checked,
                   COALESCE(SUM(s.state = 'active' AND s.severity = 'error'), 0) AS n_error,
                   COALESCE(SUM(s.state = 'active' AND s.severity = 'warning'), 0) AS n_warning,
                   COALESCE(SUM(s.state = 'active' AND s.severity = 'info'), 0) AS n_info,
                   COALESCE(SUM(s.state = 'active'), 0) AS n_active,
                   COALESCE(SUM(s.state = 'waived'), 0) AS n_waived,
                   COALESCE(SUM(s.state = 'suppressed'), 0) AS n_suppressed,
                   COALESCE(SUM(s.state = 'baseline'), 0) AS n_baseline,
                   MAX(CASE WHEN s.state = 'active' THEN s.rank END) AS worst,
                   {words} AS words
            FROM main.documents d LEFT JOIN temp.fstate s ON s.doc_key = d.key
            WHERE d.key NOT IN (SELECT key FROM temp.gone) GROUP BY d.key""")
        db.execute("ALTER TABLE temp.dstate ADD COLUMN decision TEXT")
        # each document's decision under the thresholds of the policy that checked it (its run's)
        db.execute("""UPDATE temp.dstate SET decision = (SELECT CASE
                        WHEN (p.fail_closed AND dstate.n_diag_errors > 0) OR dstate.worst >= p.block THEN 'block'
                        WHEN dstate.worst >= p.warn THEN 'warn' ELSE 'pass' END
                      FROM temp.spec p WHERE p.run_id = dstate.run_id)""")
        db.execute("ALTER TABLE temp.dstate ADD COLUMN per_1000_words REAL")
        db.execute(f"UPDATE temp.dstate SET per_1000_words = (2 * n_error + n_warning) * 1000.0 / "
                   f"MAX(COALESCE(words, 0), {SHORT_DOCUMENT_WORDS})")
        db.execute("CREATE UNIQUE INDEX temp.dstate_key ON dstate(key)")
        for use in self.waivers:
            column = "expired_waiver" if use.expired else "waiver"
            use.matched, use.documents = db.execute(
                f"SELECT COUNT(*), COUNT(DISTINCT doc_key) FROM temp.fstate WHERE {column} = ? AND state IN ('waived', 'active')",
                (use.index,)).fetchone()

    # -- queries ---------------------------------------------------------------------------------
    def summary(self) -> Summary:
        db = self.db
        count = lambda sql, *p: db.execute(sql, p).fetchone()[0]  # noqa: E731
        by_rule = [tuple(r) for r in db.execute(
            "SELECT rule, category, CASE MAX(rank) WHEN 2 THEN 'error' WHEN 1 THEN 'warning' ELSE 'info' END, COUNT(*) "
            "FROM temp.fstate WHERE state = 'active' GROUP BY rule, category ORDER BY COUNT(*) DESC, rule")]
        codes: dict[str, int] = {}
        for diagnostics, run_id in db.execute(
                "SELECT d.diagnostics, d.run_id FROM main.documents d JOIN temp.dstate s ON s.key = d.key WHERE d.diagnostics != '[]'"):
            for item in json.loads(diagnostics):
                if item["code"] == "worker-restarted" and run_id != self.latest["id"]:
                    continue  # a worker of an earlier scan died: that scan's news, not this one's
                codes[item["code"]] = codes.get(item["code"], 0) + 1
        states = dict(db.execute("SELECT state, COUNT(*) FROM temp.fstate GROUP BY state").fetchall())
        return Summary(
            run=self.latest, runs=self.run_count,
            documents=count("SELECT COUNT(*) FROM temp.dstate"),
            stale=count("SELECT COUNT(*) FROM temp.gone"),
            by_status=dict(db.execute("SELECT status, COUNT(*) FROM temp.dstate GROUP BY status ORDER BY status").fetchall()),
            by_decision={d: count("SELECT COUNT(*) FROM temp.dstate WHERE decision = ? AND NOT not_checked", d)
                         for d in ("block", "warn", "pass")},
            not_checked=count("SELECT COUNT(*) FROM temp.dstate WHERE not_checked"),
            by_severity={s: count("SELECT COUNT(*) FROM temp.fstate WHERE state = 'active' AND severity = ?", s)
                         for s in ("error", "warning", "info")},
            by_category=dict(db.execute("SELECT category, COUNT(*) FROM temp.fstate WHERE state = 'active' "
                                        "GROUP BY category ORDER BY COUNT(*) DESC, category").fetchall()),
            by_rule=by_rule,
            findings=states.get("active", 0), suppressed=states.get("suppressed", 0), waived=states.get("waived", 0),
            baseline_hidden=states.get("baseline", 0),
            documents_with_errors=count("SELECT COUNT(*) FROM temp.dstate WHERE n_diag_errors > 0"),
            diagnostics_by_code=dict(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))),
            waivers=self.waivers, baseline=self.baseline, policies=self.policies(),
            older_engines=self.older_engines(),
        )

    def policy(self) -> PolicyRef:
        return PolicyRef(name=self.latest["policy_name"], version=self.latest["policy_version"])

    def policies(self) -> list[PolicyUse]:
        """The policies that checked the reported documents, most documents first (more than one:
        a scan with another policy went through only part of the store)."""
        return [PolicyUse(*row) for row in self.db.execute(
            "SELECT d.policy_name, d.policy_version, d.policy_digest, COUNT(*) FROM main.documents d "
            "JOIN temp.dstate s ON s.key = d.key GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3")]

    def older_engines(self) -> dict[str, int]:
        """How many of the reported documents each earlier engine digest (medguard's and the
        plugins' code) checked, most first: a scan since the code changed did not go through them."""
        return dict(self.db.execute(
            "SELECT d.engine_digest, COUNT(*) FROM main.documents d JOIN temp.dstate s ON s.key = d.key "
            "WHERE d.engine_digest != ? GROUP BY 1 ORDER BY 2 DESC, 1", (self.latest["engine_digest"],)).fetchall())

    def documents(self, *, only_problems: bool = False, worst_first: bool = False, limit: int | None = None) -> Iterator[DocumentView]:
        """Documents with their findings; ``only_problems``: those with findings (any state but
        baseline) or error diagnostics; ``worst_first``: the checked ones worst first, then the others."""
        where = "WHERE (s.n_active + s.n_waived + s.n_suppressed > 0 OR s.n_diag_errors > 0)" if only_problems else ""
        order = f"ORDER BY s.not_checked, {_WORST_FIRST_SQL}" if worst_first else "ORDER BY d.key"
        query = (f"SELECT d.*, s.decision AS effective_decision, s.not_checked FROM main.documents d JOIN temp.dstate s ON s.key = d.key "
                 f"{where} {order}" + (f" LIMIT {int(limit)}" if limit else ""))
        for row in iter_rows(self.db, query):
            yield self._view(row)

    def worst(self, limit: int = 10) -> list[sqlite3.Row]:
        """The documents with the most serious findings or problems, among those that were checked."""
        return self.db.execute(
            "SELECT d.key, d.doc_id, d.title, d.status, s.decision, s.n_error, s.n_warning, s.n_info, s.n_active, "
            "s.n_waived, s.n_diag_errors, s.per_1000_words FROM main.documents d JOIN temp.dstate s ON s.key = d.key "
            f"WHERE (s.n_active > 0 OR s.n_diag_errors > 0) AND NOT s.not_checked ORDER BY {_WORST_FIRST_SQL} LIMIT ?",
            (limit,)).fetchall()

    def incomplete(self) -> list[Incomplete]:
        """The documents that were not fully checked: unreadable, crashed, or ``partial`` (checked,
        but over ``--max-bytes`` or with a rule that failed), with the first error, which names the
        plugin to blame as ``check`` does. Records of one file with the same status and error make
        one entry; entries come by file, then line or item number."""
        query = ("SELECT d.key, d.status, d.diagnostics FROM main.documents d JOIN temp.dstate s ON s.key = d.key "
                 "WHERE d.status != 'checked' OR s.n_diag_errors > 0")
        entries: dict[tuple[str, ...], Incomplete] = {}
        for key, status, diagnostics in self.db.execute(query):
            errors = [d for d in json.loads(diagnostics or "[]") if d.get("level") == "error"]
            message = errors[0]["message"].removeprefix(f"{key}: ") if errors else "no error recorded"
            if errors and (plugin := errors[0].get("plugin")) and f"(plugin {plugin})" not in message:
                message += f" (plugin {plugin})"
            status = "partial" if status == "checked" else status
            record = _RECORD.fullmatch(key)
            source, mark = (record[1], record[2]) if record else (key, "")
            entry = entries.setdefault((source, mark, status, message), Incomplete(source, status, message, mark))
            if record:
                entry.numbers.append(int(record[3]))
        for entry in entries.values():
            entry.numbers.sort()
        return sorted(entries.values(), key=lambda entry: (entry.source, entry.numbers[:1], entry.mark))

    def count_problem_documents(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM temp.dstate s WHERE s.n_active + s.n_waived + s.n_suppressed > 0 "
                               "OR s.n_diag_errors > 0").fetchone()[0]

    def _view(self, row: sqlite3.Row) -> DocumentView:
        states = {idx: (state, waiver) for idx, state, waiver in self.db.execute(
            "SELECT idx, state, waiver FROM temp.fstate WHERE doc_key = ?", (row["key"],))}
        findings = []
        hidden = 0
        for index, data in enumerate(json.loads(row["findings"])):
            state, waiver = states.get(index, ("active", None))
            if state == "baseline":
                hidden += 1
                continue
            finding = Finding.model_validate(data)
            if state == "waived" and finding.suppression is None:
                finding.suppression = Suppression(kind="waiver", reason=self.waivers[waiver].waiver.label())
            findings.append(finding)
        diagnostics = [Diagnostic.model_validate(d) for d in json.loads(row["diagnostics"])]
        return DocumentView(row, row["effective_decision"], findings, hidden, diagnostics)
