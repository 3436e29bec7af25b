"""Reports of documents the service has just checked, for a CMS that asks again about the same text.

A pre-publish hook often sends an article that has not changed since its last check: a preview
and then Publish, a status change, an autosave with no edit. A report depends only on the
document (id, title, body, format, URL, metadata) and the policy, so the service keeps the most
recent ones by the sha256 of both and answers such a repeat without checking it again. A reload
brings a new policy digest, so no report decided by an older policy is served. Reports shaped by
chance are not kept: those with an error diagnostic (a time limit, a rule that raised, a stopped
checker) or whose model ran out of time.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from ..models import Document, DocumentReport


class ReportCache:
    """The last ``size`` reports, by document and policy digest (used from the event loop only)."""

    def __init__(self, size: int):
        self.size = size
        self._reports: OrderedDict[bytes, DocumentReport] = OrderedDict()

    @staticmethod
    def key(policy_digest: str, document: Document) -> bytes:
        return hashlib.sha256(f"{policy_digest}\0{document.model_dump_json()}".encode("utf-8", "surrogatepass")).digest()

    def get(self, key: bytes, source: str) -> DocumentReport | None:
        """The kept report for ``key``, named ``source`` as this request names its document."""
        report = self._reports.get(key)
        if report is None:
            return None
        self._reports.move_to_end(key)
        return report.model_copy(update={"source": source})

    def put(self, key: bytes, report: DocumentReport) -> None:
        if self.size == 0 or any(d.level == "error" or d.code == "model-timeout" for d in report.diagnostics):
            return
        self._reports[key] = report
        self._reports.move_to_end(key)
        while len(self._reports) > self.size:
            self._reports.popitem(last=False)
