"""Every hook medguard calls, in one place. See docs/plugins.md for worked examples.

Registration hooks (``medguard_register_*``) return lists; medguard flattens the results of all
plugins. A plugin implements only the hooks it needs, marked with ``@medguard.hookimpl``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    from .analysis.document import AnalyzedDocument
    from .ingest.base import Parser
    from .models import Finding
    from .readers.base import Reader
    from .reporters.base import Reporter
    from .rule_types.base import RuleType

hookspec = pluggy.HookspecMarker("medguard")
hookimpl = pluggy.HookimplMarker("medguard")


@hookspec
def medguard_register_readers() -> list[Reader]:
    """Return readers that turn files (by extension) into documents."""


@hookspec
def medguard_register_parsers() -> list[Parser]:
    """Return parsers that turn a document body of one format into text, blocks and sentences."""


@hookspec
def medguard_register_analyzers() -> dict[str, Callable[[AnalyzedDocument], Any]]:
    """Return named analyzers: shared annotations computed lazily, once per document.

    Rules read them with ``document.annotation(name)``.
    """


@hookspec
def medguard_register_rule_types() -> list[type[RuleType]]:
    """Return rule types that policies reference by name in ``type:``."""


@hookspec
def medguard_register_reporters() -> list[Reporter]:
    """Return output formats for ``--format``."""


@hookspec
def medguard_process_findings(document: AnalyzedDocument, findings: list[Finding]) -> None:
    """Adjust a document's findings in place after all rules ran and before the decision.

    Called once per document with every finding, suppressed ones included.
    """
