"""The HTML report: one self-contained file (inline CSS, JS and SVG; a CSP forbids any network).

Sections: a summary with counts by decision, severity, category and rule (bar charts in inline
SVG), the worst documents, then each document with problems: its findings listed and highlighted
in its text, in context (the whole text when short, windows around the findings when long).
Findings filter by rule, severity and state; the filter is kept in the URL fragment
(``report.html#severity=error&rule=absolute-language.cure``) so a filtered view can be shared.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import TextIO

from .. import __version__
from ..models import Finding
from .results import WORST_FIRST, DocumentView, Results, Summary, mixed_policies, older_code, unfinished

FULL_TEXT_CHARS = 20_000
CONTEXT_CHARS = 320
DEFAULT_LIMIT = 1000

COLOURS = {"error": "#c62828", "warning": "#e65100", "info": "#1565c0",
           "block": "#c62828", "warn": "#e65100", "pass": "#2e7d32", "not checked": "#757575"}
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def bar_chart(title: str, items: list[tuple[str, int, str]], *, width: int = 460) -> str:
    """Horizontal bars as inline SVG; each bar has a tooltip."""
    if not items:
        return f'<figure class="chart"><figcaption>{e(title)}</figcaption><p class="muted">none</p></figure>'
    label_width, row, pad = 190, 22, 6
    top = max(count for _, count, _ in items) or 1
    bar_space = width - label_width - 60
    height = len(items) * row + pad
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{e(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">']
    for i, (label, count, colour) in enumerate(items):
        y = pad + i * row
        length = max(1, round(bar_space * count / top)) if count else 0
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<g><title>{e(label)}: {count}</title>'
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end" class="lbl">{e(short)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length}" height="{row - 8}" rx="2" fill="{colour}"/>'
            f'<text x="{label_width + length + 5}" y="{y + 13}" class="num">{count}</text></g>'
        )
    parts.append("</svg>")
    return f'<figure class="chart"><figcaption>{e(title)}</figcaption>{"".join(parts)}</figure>'


def highlight(text: str, findings: list[Finding], doc: int) -> tuple[str, set[int]]:
    """The text with each finding's span in a <mark>, whole or in windows around the findings,
    and the findings it anchored: ``m-DOC-I`` is on the first mark of finding I (the mark's id,
    or an empty span at its start where findings overlap and an earlier one named the mark)."""
    spans = [(f.start, f.end, i) for i, f in enumerate(findings)
             if f.start is not None and f.end is not None and 0 <= f.start <= f.end <= len(text)]
    if len(text) <= FULL_TEXT_CHARS or not spans:
        windows = [(0, min(len(text), FULL_TEXT_CHARS))]
    else:
        windows = []
        for start, end, _ in sorted(spans):
            lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
    out: list[str] = []
    anchored: set[int] = set()
    for number, (lo, hi) in enumerate(windows):
        if lo > 0 or number:
            out.append('<span class="gap">…</span>')
        points = {lo, hi}
        for start, end, _ in spans:
            if start < hi and end > lo:
                points.update((max(start, lo), min(end, hi)))
        bounds = sorted(points)
        for a, b in zip(bounds, bounds[1:]):
            if a == b:
                continue
            covering = [i for start, end, i in spans if start <= a and end >= b and end > start]
            chunk = e(text[a:b])
            if not covering:
                out.append(chunk)
                continue
            worst = max(covering, key=lambda i: _SEVERITY_RANK[findings[i].severity.value])
            states = {_state(findings[i]) for i in covering}
            ids = " ".join(str(i) for i in covering)
            fresh = [i for i in covering if i not in anchored]
            anchored.update(fresh)
            anchor = f' id="m-{doc}-{fresh[0]}"' if fresh else ""
            inner = "".join(f'<span id="m-{doc}-{i}"></span>' for i in fresh[1:])
            tip = "; ".join(f"{findings[i].rule}: {findings[i].message}" for i in covering)
            out.append(f'<mark{anchor} class="sev-{findings[worst].severity.value}{" quiet" if states <= {"waived", "suppressed"} else ""}" '
                       f'data-f="{ids}" title="{e(tip)}">{inner}{chunk}</mark>')
        if hi < len(text) and number == len(windows) - 1:
            out.append('<span class="gap">…</span>')
    return "".join(out), anchored


def _state(finding: Finding) -> str:
    if finding.suppression is None:
        return "active"
    return "waived" if finding.suppression.kind == "waiver" else "suppressed"


def _document(view: DocumentView, number: int, *, show_policy: bool = False) -> str:
    row = view.row
    findings = view.findings
    rules = sorted({f.rule for f in findings})
    severities = sorted({f.severity.value for f in findings})
    title = row["title"] or row["doc_id"] or row["key"]
    badge = ("unchecked", "not checked") if row["not_checked"] else (view.decision, view.decision)
    parts = [f'<article class="doc" id="doc-{number}" data-rules="{e(" ".join(rules))}" data-sevs="{e(" ".join(severities))}">',
             f'<h3><span class="badge {badge[0]}">{badge[1]}</span> {e(title)}</h3>',
             f'<p class="meta"><code>{e(row["key"])}</code>'
             + (f' · id {e(row["doc_id"])}' if row["doc_id"] else "")
             + (f' · <span class="url">{e(row["url"])}</span>' if row["url"] else "")
             + (f' · policy {e(row["policy_name"])} {e(row["policy_version"])}' if show_policy else "")
             + f' · {len(findings)} finding(s)' + (f' · {view.hidden} in baseline' if view.hidden else "") + "</p>"]
    text = view.text()
    marked, anchored = highlight(text, findings, number) if text is not None else ("", set())
    if findings:
        parts.append('<ol class="findings">')
        for i, finding in enumerate(findings):
            state = _state(finding)
            where = (f"line {finding.line}, col {finding.column}" if finding.line
                     else "title" if finding.field == "title" else "document")
            reason = f'<div class="reason">{e(state)}: {e(finding.suppression.reason)}</div>' if finding.suppression else ""
            jump = f' <a href="#m-{number}-{i}" class="jump">show</a>' if i in anchored else ""
            refs = f'<div class="refs">{e("; ".join(finding.references))}</div>' if finding.references else ""
            parts.append(
                f'<li class="finding sev-{finding.severity.value} {state}" data-i="{i}" data-rule="{e(finding.rule)}" '
                f'data-sev="{finding.severity.value}" data-state="{state}">'
                f'<span class="sev">{finding.severity.value}</span> <code class="rule">{e(finding.rule)}</code> '
                f'<span class="cat">{e(finding.category)}</span> — {e(finding.message)} <span class="muted">({where}; '
                f'fingerprint <code>{e(finding.fingerprint)}</code>)</span>{jump}'
                f'{f"<q>{e(finding.excerpt)}</q>" if finding.excerpt else ""}{refs}{reason}</li>'
            )
        parts.append("</ol>")
    if view.diagnostics:
        parts.append('<ul class="diagnostics">' + "".join(
            f'<li class="diag {e(d.level)}"><b>{e(d.level)}</b> <code>{e(d.code)}</code> {e(d.message)}</li>' for d in view.diagnostics
        ) + "</ul>")
    if text is not None:
        parts.append(f'<div class="text">{marked}</div>')
    elif findings:
        parts.append('<p class="muted">The text of this document was not stored (scan with --store-text findings or all).</p>')
    parts.append("</article>")
    return "".join(parts)


def _summary_section(summary: Summary, results: Results) -> str:
    run = summary.run
    cards = [("documents", summary.documents), ("block", summary.by_decision["block"]), ("warn", summary.by_decision["warn"]),
             ("pass", summary.by_decision["pass"]), ("not checked", summary.not_checked),
             ("active findings", summary.findings), ("waived", summary.waived),
             ("suppressed inline", summary.suppressed), ("documents with errors", summary.documents_with_errors)]
    if summary.baseline:
        cards.append(("in baseline (hidden)", summary.baseline_hidden))
    html_cards = "".join(f'<div class="card"><div class="n">{n}</div><div class="l">{e(label)}</div></div>' for label, n in cards)
    charts = [
        bar_chart("Documents by decision", [(d, n, COLOURS[d]) for d, n in summary.by_decision.items()]
                  + ([("not checked", summary.not_checked, COLOURS["not checked"])] if summary.not_checked else [])),
        bar_chart("Active findings by severity", [(s, n, COLOURS[s]) for s, n in summary.by_severity.items()]),
        bar_chart("Active findings by category", [(c, n, "#6a1b9a") for c, n in list(summary.by_category.items())[:15]]),
        bar_chart("Active findings by rule (top 15)", [(r, n, COLOURS[s]) for r, _, s, n in summary.by_rule[:15]]),
    ]
    if summary.diagnostics_by_code:
        charts.append(bar_chart("Diagnostics by code", [(c, n, "#455a64") for c, n in list(summary.diagnostics_by_code.items())[:15]]))
    waivers = ""
    if summary.waivers:
        rows = "".join(
            f'<tr class="{"expired" if u.expired else ""}"><td><code>{e(u.waiver.fingerprint)}</code></td><td>{e(u.waiver.rule or "")}</td>'
            f'<td>{e(u.waiver.reason)}</td><td>{e(u.waiver.approved_by)}</td><td>{e(u.waiver.expires or "")}</td>'
            f'<td>{"EXPIRED" if u.expired else ("unused" if not u.matched else "in force")}</td><td>{u.matched}</td></tr>'
            for u in summary.waivers)
        waivers = ('<h3>Waivers</h3><table class="grid"><tr><th>fingerprint</th><th>rule</th><th>reason</th><th>approved by</th>'
                   f'<th>expires</th><th>state</th><th>findings</th></tr>{rows}</table>')
    note = unfinished(run["status"])
    head, _, rest = (note or "").partition(": ")
    warning = f'<p class="warning"><b>{e(head[:1].upper() + head[1:])}</b>: {e(rest)}.</p>' if note else ""
    mixed = mixed_policies(summary.policies)
    policies = (f'<p class="warning"><b>This store mixes policies</b>: {e(mixed)}. Each document\'s decision follows the '
                'policy that checked it.</p>' if mixed else "")
    older = older_code(run, summary.older_engines)
    code = f'<p class="warning"><b>Checked by older code</b>: {e(older)}.</p>' if older else ""
    return (f'<section id="summary"><h2>Summary</h2>{warning}{policies}{code}<p class="meta">Latest scan: run {run["id"]} ({e(run["status"])}), '
            f'{run["seen"]} document(s) seen, {run["checked"]} checked, {run["skipped"]} unchanged; policy '
            f'<b>{e(run["policy_name"])}</b> {e(run["policy_version"])} (digest <code>{e(run["policy_digest"])}</code>)'
            + (f'; {summary.stale} stale document(s) left out' if summary.stale else "")
            + f'</p><div class="cards">{html_cards}</div><div class="charts">{"".join(charts)}</div>{waivers}</section>')


def _worst_section(results: Results, anchors: dict[str, int]) -> str:
    rows = results.worst(25)
    if not rows:
        return '<section id="worst"><h2>Worst documents</h2><p class="muted">No checked document has active findings or errors.</p></section>'
    body = "".join(
        f'<tr><td><span class="badge {e(r["decision"])}">{e(r["decision"])}</span></td><td>{r["n_error"]}</td><td>{r["n_warning"]}</td>'
        f'<td>{r["n_info"]}</td><td>{r["n_diag_errors"]}</td><td>{r["per_1000_words"]:.1f}</td><td>'
        + (f'<a href="#doc-{anchors[r["key"]]}">{e(r["title"] or r["key"])}</a>' if r["key"] in anchors else e(r["title"] or r["key"]))
        + f'<div class="muted"><code>{e(r["key"])}</code></div></td></tr>' for r in rows)
    return (f'<section id="worst"><h2>Worst documents</h2><p class="meta">{e(WORST_FIRST.capitalize())}.</p>'
            '<table class="grid"><tr><th>decision</th><th>errors</th><th>warnings</th>'
            f'<th>info</th><th>problems</th><th>per 1,000 words</th><th>document</th></tr>{body}</table></section>')


def _incomplete_section(results: Results) -> str:
    """Every document that was not fully checked, whatever --limit keeps of the others."""
    entries = results.incomplete()
    if not entries:
        return ""
    body = "".join(f'<tr><td>{e(entry.status)}</td><td><code>{e(entry.where())}</code></td><td>{e(entry.message)}</td></tr>'
                   for entry in entries)
    documents = sum(entry.documents for entry in entries)
    grouped = " (records of one file that failed alike share a row)" if documents > len(entries) else ""
    return ('<section id="incomplete"><h2>Not fully checked</h2><p class="meta">Unreadable, crashed, over the size limit or '
            f'with a rule that failed: {documents} document(s){grouped}.</p><table class="grid"><tr><th>status</th>'
            f'<th>document</th><th>why</th></tr>{body}</table></section>')


def write_html(results: Results, out: TextIO, *, limit: int | None = None) -> None:
    limit = DEFAULT_LIMIT if limit is None else limit
    summary = results.summary()
    total = results.count_problem_documents()
    views = list(results.documents(only_problems=True, worst_first=True, limit=limit or None))
    anchors = {view.key: i for i, view in enumerate(views)}
    rules = sorted({r for r, _, _, _ in summary.by_rule} | {f.rule for v in views for f in v.findings})
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    shown = (f"Showing the {len(views)} worst of {total} documents with findings or errors (--limit)."
             if len(views) < total else f"{total} document(s) with findings or errors.")
    rule_options = "".join(f'<option value="{e(r)}">{e(r)}</option>' for r in rules)
    out.write(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>medguard scan report — {e(summary.run['policy_name'])}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>medguard scan report</h1>
<p class="meta">Store <code>{e(results.path.name)}</code> · generated {generated} · medguard {e(__version__)}</p></header>
<main>
{_summary_section(summary, results)}
{_incomplete_section(results)}
{_worst_section(results, anchors)}
<section id="documents"><h2>Documents</h2><p class="meta">{e(shown)}</p>
<form id="filters" onsubmit="return false">
<label>Rule <select id="f-rule"><option value="">all rules</option>{rule_options}</select></label>
<fieldset><legend>Severity</legend>
<label><input type="checkbox" name="sev" value="error" checked> error</label>
<label><input type="checkbox" name="sev" value="warning" checked> warning</label>
<label><input type="checkbox" name="sev" value="info" checked> info</label></fieldset>
<label><input type="checkbox" id="f-quiet" checked> show waived and suppressed</label>
<span id="visible-count" class="meta"></span>
</form>
""")
    show_policy = len(summary.policies) > 1
    for number, view in enumerate(views):
        out.write(_document(view, number, show_policy=show_policy))
        out.write("\n")
    out.write(f"""</section></main>
<footer class="meta">Findings are offsets into each document's extracted text. Waivers and baselines are applied when
the report is made; fingerprints identify findings across scans.</footer>
<script>{_JS}</script>
</body></html>
""")


_CSS = """
:root{--fg:#1d1d1f;--muted:#666;--line:#ddd;--bg:#fafafa}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}header{padding-top:18px}h1{margin:0 0 4px;font-size:24px}
h2{border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:28px}.meta,.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:120px}
.card .n{font-size:22px;font-weight:600}.card .l{color:var(--muted);font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0}
.chart figcaption{font-weight:600;margin-bottom:4px}.chart .lbl{font-size:12px;fill:#333}.chart .num{font-size:12px;fill:#333}
table.grid{border-collapse:collapse;background:#fff;width:100%}table.grid td,table.grid th{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
tr.expired td{background:#fff3e0}p.warning{background:#fff3e0;border:1px solid #e65100;border-radius:6px;padding:8px 12px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600;text-transform:uppercase}
.badge.block{background:#c62828}.badge.warn{background:#e65100}.badge.pass{background:#2e7d32}.badge.unchecked{background:#757575}
#filters{position:sticky;top:0;z-index:2;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px;display:flex;flex-wrap:wrap;gap:14px;align-items:center}
#filters fieldset{border:0;margin:0;padding:0;display:inline-flex;gap:8px}#filters legend{float:left;margin-right:6px}
.doc{background:#fff;border:1px solid var(--line);border-radius:6px;margin:14px 0;padding:10px 14px}.doc h3{margin:2px 0}
.findings{padding-left:22px}.finding{margin:4px 0}.finding .sev{font-weight:600;text-transform:uppercase;font-size:11px}
.finding.sev-error .sev{color:#c62828}.finding.sev-warning .sev{color:#e65100}.finding.sev-info .sev{color:#1565c0}
.finding.waived,.finding.suppressed{opacity:.65}.finding q{display:block;margin:2px 0 0 4px;color:#333;font-style:italic}
.reason{color:#6d4c41;font-size:12px}.refs{color:var(--muted);font-size:12px}.cat{color:#6a1b9a;font-size:12px}
.text{white-space:pre-wrap;border-top:1px dashed var(--line);margin-top:8px;padding-top:8px;max-height:420px;overflow:auto;font-family:Georgia,serif}
mark{padding:0 1px;border-radius:2px}mark.sev-error{background:#ffcdd2;border-bottom:2px solid #c62828}
mark.sev-warning{background:#ffe0b2;border-bottom:2px solid #e65100}mark.sev-info{background:#bbdefb;border-bottom:2px solid #1565c0}
mark.quiet{background:#eee;border-bottom:2px dashed #999}mark.off{background:none;border-bottom:none}
.gap{color:#999;padding:0 4px}.diagnostics{font-size:13px}.diag.error b{color:#c62828}.hidden{display:none}
.flash{outline:3px solid #1565c0}footer{padding:24px 20px}
"""

_JS = r"""
(function(){
  "use strict";
  var rule = document.getElementById("f-rule"), quiet = document.getElementById("f-quiet");
  var sevs = Array.prototype.slice.call(document.querySelectorAll('input[name="sev"]'));
  function wanted(){ var s = {}; sevs.forEach(function(b){ if (b.checked) s[b.value] = true; }); return s; }
  function apply(){
    var s = wanted(), r = rule.value, q = quiet.checked, docs = document.querySelectorAll("article.doc"), shown = 0;
    Array.prototype.forEach.call(docs, function(doc){
      var ok = {}, any = false, items = doc.querySelectorAll("li.finding");
      Array.prototype.forEach.call(items, function(li){
        var on = !!s[li.dataset.sev] && (!r || li.dataset.rule === r) && (q || li.dataset.state === "active");
        li.classList.toggle("hidden", !on); if (on) { ok[li.dataset.i] = true; any = true; }
      });
      Array.prototype.forEach.call(doc.querySelectorAll("mark[data-f]"), function(m){
        var on = m.dataset.f.split(" ").some(function(i){ return ok[i]; });
        m.classList.toggle("off", !on);
      });
      var visible = any || (items.length === 0 && !r && !!s.error);  // errors without findings count as errors
      doc.classList.toggle("hidden", !visible); if (visible) shown++;
    });
    document.getElementById("visible-count").textContent = shown + " of " + docs.length + " documents shown";
    var parts = [];
    if (r) parts.push("rule=" + encodeURIComponent(r));
    var off = sevs.filter(function(b){ return !b.checked; });
    if (off.length) parts.push("severity=" + sevs.filter(function(b){ return b.checked; }).map(function(b){ return b.value; }).join(","));
    if (!q) parts.push("quiet=0");
    if (history.replaceState) history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
  }
  function fromHash(){
    var h = location.hash.replace(/^#/, "");
    if (!h || h.indexOf("=") < 0) return;
    h.split("&").forEach(function(kv){
      var p = kv.split("="), k = p[0], v = decodeURIComponent(p[1] || "");
      if (k === "rule") { rule.value = v; if (rule.value !== v) rule.value = ""; }
      if (k === "severity") { var l = v.split(","); sevs.forEach(function(b){ b.checked = l.indexOf(b.value) >= 0; }); }
      if (k === "quiet") quiet.checked = v !== "0";
    });
  }
  document.addEventListener("click", function(ev){
    var a = ev.target.closest ? ev.target.closest("a.jump") : null;
    if (!a) return;
    var m = document.getElementById(a.getAttribute("href").slice(1));
    if (!m) return;
    m = m.closest("mark") || m;  // a finding that starts inside another's mark is anchored by an empty span
    ev.preventDefault(); m.scrollIntoView({block: "center"}); m.classList.add("flash");
    setTimeout(function(){ m.classList.remove("flash"); }, 1200);
  });
  rule.addEventListener("change", apply); quiet.addEventListener("change", apply);
  sevs.forEach(function(b){ b.addEventListener("change", apply); });
  fromHash(); apply();
  document.body.setAttribute("data-ready", "1");
})();
"""
