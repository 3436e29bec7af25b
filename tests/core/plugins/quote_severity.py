"""medguard_process_findings: claims inside quotations are reported, but only as info."""

from medguard import Severity, hookimpl

SEEN: list[tuple[str, bool]] = []
"""(rule, suppressed) of every finding the hook was shown."""


@hookimpl
def medguard_process_findings(document, findings):
    for finding in findings:
        SEEN.append((finding.rule, finding.suppressed))
        block = document.block_at(finding.start) if finding.start is not None else None
        if block is not None and block.kind == "quote" and finding.severity is not Severity.info:
            finding.explanation["downgraded_from"] = finding.severity.value
            finding.severity = Severity.info
