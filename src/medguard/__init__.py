"""medguard: finds dangerous health claims in publishers' content.

The public API, for plugin authors and embedders, is everything imported here.
"""

__version__ = "0.1.0"

from .analysis.claims import Claim, claim_strength
from .analysis.comparisons import Comparison
from .analysis.document import AnalyzedDocument, Sentence
from .analysis.evidence import IDENTIFIABLE, EvidenceItem
from .analysis.interventions import Interventions, Mention, is_nickname
from .analysis.risks import Risks, RiskStatement
from .analysis.spans import Cue, SpanIndex
from .analysis.uses import Use, is_aside
from .analysis.voice import is_patient_leaflet, promotes
from .engine import CheckedDocument, Engine
from .hookspecs import hookimpl, hookspec
from .ingest.base import Block, Comment, Link, ParsedText, SourceMap, TextBuilder
from .models import Decision, Diagnostic, Document, DocumentReport, Finding, PolicyRef, Report, Severity, Suppression
from .patterns import PatternTimeout, compile_phrases, compile_regex, find_all, plain_phrase
from .pluginmanager import PluginHost
from .policy.errors import PolicyError, PolicyProblem
from .policy.loader import Policy, load_policy
from .policy.model import RuleSpec
from .readers.base import InputError, SourceDocument, decode
from .rule_types.base import Detection, LeafletOptions, NoOptions, RuleType
from .rule_types.matchers import Matcher

__all__ = [
    "AnalyzedDocument", "Block", "CheckedDocument", "Claim", "Comment", "Comparison", "Cue", "Decision",
    "Detection", "Diagnostic", "Document", "DocumentReport", "Engine", "EvidenceItem", "Finding", "IDENTIFIABLE",
    "InputError", "Interventions", "LeafletOptions", "Link", "Matcher", "Mention", "NoOptions", "RiskStatement", "Risks", "SpanIndex",
    "claim_strength",
    "ParsedText", "PatternTimeout", "PluginHost", "Policy", "PolicyError", "PolicyProblem", "PolicyRef",
    "Report", "RuleSpec", "RuleType", "Sentence", "Severity", "SourceDocument", "SourceMap",
    "Suppression", "TextBuilder", "Use", "compile_phrases", "compile_regex", "decode", "find_all", "hookimpl",
    "hookspec", "is_aside", "is_nickname", "is_patient_leaflet", "load_policy", "plain_phrase", "promotes", "__version__",
]
