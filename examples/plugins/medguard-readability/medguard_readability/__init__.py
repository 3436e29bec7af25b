"""medguard-readability: a ``reading-grade`` rule type for patient-facing copy.

A worked example of a third-party medguard plugin. It is registered through the ``medguard``
entry-point group (see pyproject.toml) and uses only medguard's public API.
"""

from __future__ import annotations

__version__ = "0.1.0"

from medguard import hookimpl

from .rule import ReadingGradeRule


@hookimpl
def medguard_register_rule_types():
    return [ReadingGradeRule]
