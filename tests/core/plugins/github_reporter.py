"""medguard_register_reporters: GitHub Actions workflow annotations (``::error file=..::message``)."""

from medguard import hookimpl

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


class GithubReporter:
    name = "github"
    description = "GitHub Actions annotations, one line per active finding."

    def render(self, report) -> str:
        lines = []
        for document in report.documents:
            for finding in document.active_findings():
                where = f"file={document.source}"
                if finding.line is not None:
                    where += f",line={finding.line},col={finding.column}"
                lines.append(f"::{_COMMAND[finding.severity.value]} {where},title={finding.rule}::{finding.message}")
        return "\n".join(lines) + "\n"


@hookimpl
def medguard_register_reporters():
    return [GithubReporter()]
