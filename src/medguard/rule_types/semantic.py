"""``type: semantic`` — flag sentences that mean the same as example sentences (the ``ml`` extra).

A compliance team writes the rule by example::

    - id: efficacy.paraphrased-cure
      type: semantic
      severity: warning
      message: "Promises recovery in other words: a claim that needs substantiation."
      options:
        flag:
          - "Our treatment cures addiction for good."
          - "Patients finally get their lives back."
        pass:
          - "Treatment can help some people reduce their drinking."
        threshold: 0.6
        margin: 0.05

With ``mentions`` (a product's names, say), only sentences in a block that names one of them are
considered: exemplars about one product then meet only the paragraphs about it. A sentence in
the rule's ``scope`` fires when its cosine similarity to the nearest ``flag``
exemplar is at least ``threshold`` and exceeds its similarity to the nearest ``pass`` exemplar
by more than ``margin``. Embeddings alone confuse "has no side effects" with "has side effects",
so polarity and hedging are checked on top (``medguard.ml.polarity``): a sentence that denies its
claim when the nearest flag exemplar does not (or the reverse) is skipped, and so is one that
states present what that exemplar says is absent; so is a hedged sentence ("may help") when that exemplar is not
hedged, or a question in the reader's voice ("Will my cravings come back?") when it is not one.
The explanation names the nearest exemplars and their scores.

Only candidate sentences are embedded: when the analysis registers an annotation named
``candidates`` (a set of indices into ``document.sentences``) it is used; otherwise every
sentence in scope is a candidate. Exemplar embeddings are computed once per rule content and
model, and sentence embeddings are cached by content hash (see ``medguard.ml``). Under a model
deadline (the service's time limit), only the sentences embedded in time are checked, and the
engine reports the rule with a ``model-timeout`` warning.

Without torch and transformers the rule type reports itself unavailable, so a core install
skips these rules with one clear message (or fails to load a policy that marks one required).
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..analysis.cues import is_readers_question
from ..analysis.document import expand_scope
from ..hookspecs import hookimpl
from ..patterns import compile_phrases, find_all
from .base import Detection, RuleType


class SemanticOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    flag: list[str] = Field(min_length=1, description="Sentences whose meaning the rule flags.")
    pass_: list[str] = Field(default_factory=list, alias="pass", description="Near misses the rule must let through.")
    threshold: float = Field(0.6, ge=0.0, le=1.0, description="Minimum cosine similarity to a flag exemplar.")
    margin: float = Field(0.0, ge=0.0, le=1.0, description="How much closer to the flag side than to the pass side.")
    negation: Literal["match", "ignore"] = Field(
        "match", description="match: skip a sentence that denies its claim ('does not treat', 'we never promise') when the "
                             "nearest flag exemplar does not (or the reverse), or that states present what that exemplar "
                             "says is absent ('has side effects' against 'has no side effects').")
    hedging: Literal["skip", "ignore"] = Field(
        "skip", description="skip: skip a hedged sentence ('may help') when the nearest flag exemplar is not hedged.")
    questions: Literal["skip", "ignore"] = Field(
        "skip", description="skip: skip a question in the reader's voice ('Will my cravings come back?', 'Q: Can I take it "
                            "for…?') when the nearest flag exemplar is not one: an FAQ asks it, and its answer decides.")
    candidates: Literal["analysis", "all"] = Field(
        "analysis", description="analysis: embed only the sentences the `candidates` annotation lists (when registered): "
        "those with a claim, comparison, risk statement, absolute or establishment wording, and those a sentence head "
        "finds claim-like; all: every sentence in scope.")
    min_words: int = Field(3, ge=1, description="Ignore sentences shorter than this.")
    mentions: list[str] = Field(
        default_factory=list,
        description="Only sentences in a block (paragraph, heading, list item) that names one of these, as whole words in any "
                    "case: a product's names, for exemplars about that product.")

    @field_validator("threshold", "margin", mode="before")
    @classmethod
    def _no_boolean(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"a number from 0 to 1 is needed, not {str(value).lower()} (YAML reads yes/no/on/off as true/false)")
        return value

    @field_validator("flag", "pass_")
    @classmethod
    def _no_blank_or_repeated(cls, values: list[str], info: ValidationInfo) -> list[str]:
        cleaned = [" ".join(v.split()) for v in values]
        if any(not v for v in cleaned):
            raise ValueError("exemplar sentences must not be empty")
        repeated = sorted({v for v in cleaned if cleaned.count(v) > 1})
        if repeated:
            raise ValueError(f"exemplar written twice: {repeated[0]!r}")
        both = [v for v in cleaned if v in info.data.get("flag", ())] if info.field_name == "pass_" else []
        if both:
            raise ValueError(f"exemplar in both flag and pass: {both[0]!r}")
        return cleaned

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.model_dump(by_alias=True), sort_keys=True).encode()).hexdigest()[:16]


class _Fitted:
    """Exemplar vectors and their cue flags for one rule content and one model."""

    def __init__(self, encoder: Any, options: SemanticOptions):
        from ..ml import cues, polarity

        self.flag = encoder.embed(options.flag)
        self.pass_ = encoder.embed(options.pass_) if options.pass_ else None
        self.flag_denied = [polarity.denial(t) is not None for t in options.flag]
        self.flag_absences = [polarity.absences(t) for t in options.flag]
        self.flag_hedged = [cues.is_hedged(t) for t in options.flag]
        self.flag_question = [is_readers_question(t) for t in options.flag]


_fitted: dict[tuple[str, str], _Fitted] = {}
_fitted_lock = threading.Lock()


def fitted_exemplars(encoder: Any, options: SemanticOptions) -> _Fitted:
    """Exemplar embeddings, computed once per (model digest, rule options digest)."""
    key = (encoder.digest, options.digest())
    fitted = _fitted.get(key)
    if fitted is None:
        with _fitted_lock:
            fitted = _fitted.get(key)
            if fitted is None:
                fitted = _fitted[key] = _Fitted(encoder, options)
    return fitted


class SemanticRule(RuleType):
    name = "semantic"
    description = "Flags sentences close in meaning to flag exemplars and not to pass exemplars (needs the ml extra)."
    Options = SemanticOptions

    @classmethod
    def unavailable_reason(cls) -> str | None:
        from .. import ml

        return ml.available()

    def candidate_sentences(self, document) -> list[tuple[int, Any]]:
        """(index, sentence) of the sentences in scope that the analysis marks as candidates."""
        options: SemanticOptions = self.options
        wanted = None
        if options.candidates == "analysis":
            try:
                wanted = document.annotation("candidates")
            except LookupError:
                wanted = None
        kinds = expand_scope(self.spec.scope) if self.spec.scope else None
        naming = self._blocks_naming(document) if options.mentions else None
        selected = []
        for index, sentence in enumerate(document.sentences):
            if wanted is not None and index not in wanted:
                continue
            if kinds is not None and document.blocks[sentence.block].kind not in kinds:
                continue
            if naming is not None and document.blocks[sentence.block].start not in naming:
                continue
            if len(document.sentence_text(sentence).split()) < options.min_words:
                continue
            selected.append((index, sentence))
        return selected

    @cached_property
    def _mentions(self):
        return compile_phrases(self.options.mentions)

    def _blocks_naming(self, document) -> set[int]:
        """Starts of the blocks that name one of the rule's ``mentions``."""
        return {block.start for hit in find_all(self._mentions, document.text) if (block := document.block_at(hit.start))}

    def prepare(self, documents):
        from .. import ml

        texts = [d.sentence_line(s) for d in documents for _, s in self.candidate_sentences(d)]
        if texts:
            ml.get_encoder(documents[0].settings).embed(texts)

    def check(self, document):
        for sentence, flag_score, explanation, skipped in self._verdicts(document):
            if skipped is None:
                yield Detection(sentence.start, sentence.end, confidence=round(max(0.0, min(1.0, flag_score)), 4), explanation=explanation)

    def why_not(self, document) -> str | None:
        """The verdict on the sentence closest to a ``flag`` exemplar, or why no sentence was compared."""
        if not self.candidate_sentences(document):
            if self.options.candidates == "analysis" and document.sentences:
                return ("no sentence is a candidate: the analysis finds no claim, comparison or risk statement, and the sentence "
                        "heads nothing claim-like; candidates: all reads every sentence")
            return f"no sentence in scope has {self.options.min_words} words (min_words)"
        verdicts = list(self._verdicts(document))
        if not verdicts:
            return "not embedded before the model's time limit"
        _, flag_score, explanation, skipped = max(verdicts, key=lambda verdict: verdict[1])
        return f"nearest flag exemplar {explanation['nearest_flag']!r} at {flag_score:.3f}: {skipped}"

    def why(self, detection: Detection) -> str | None:
        """The exemplars the sentence was measured against, to tune ``threshold`` and ``margin`` by."""
        found = detection.explanation
        if "nearest_flag" not in found:
            return None
        why = f"nearest flag exemplar {found['nearest_flag']!r} at {found['flag_score']:.3f}"
        if "nearest_pass" in found:
            why += f", nearest pass exemplar {found['nearest_pass']!r} at {found['pass_score']:.3f} (margin {found['margin']:g})"
        return why

    def _verdicts(self, document):
        """(sentence, score against the nearest flag exemplar, explanation, why it is skipped or
        None) for each candidate sentence embedded in time."""
        from .. import ml
        from ..ml import cues

        options: SemanticOptions = self.options
        selected = self.candidate_sentences(document)
        if not selected:
            return
        encoder = ml.get_encoder(document.settings)
        fitted = fitted_exemplars(encoder, options)
        texts = [document.sentence_line(s) for _, s in selected]
        vectors, embedded = encoder.embed_partly(texts)  # all, unless the check's model deadline came first
        flag_scores = vectors @ fitted.flag.T
        pass_scores = vectors @ fitted.pass_.T if fitted.pass_ is not None else None
        for row, ((index, sentence), text) in enumerate(zip(selected, texts)):
            if not embedded[row]:
                continue
            best = int(flag_scores[row].argmax())
            flag_score = float(flag_scores[row, best])
            explanation: dict[str, Any] = {
                "nearest_flag": options.flag[best], "flag_score": round(flag_score, 4),
                "threshold": options.threshold, "sentence_index": index,
            }
            skipped = None
            if flag_score < options.threshold:
                skipped = f"below the threshold {options.threshold:g}"
            if pass_scores is not None:
                nearest_pass = int(pass_scores[row].argmax())
                pass_score = float(pass_scores[row, nearest_pass])
                explanation.update(nearest_pass=options.pass_[nearest_pass], pass_score=round(pass_score, 4), margin=options.margin)
                if skipped is None and flag_score - pass_score <= options.margin:
                    skipped = f"pass exemplar {options.pass_[nearest_pass]!r} is as close ({pass_score:.3f}, margin {options.margin:g})"
            if skipped is None and options.negation == "match" and _polarity_differs(text, fitted, best):
                skipped = "its polarity differs from the exemplar's (one denies or names absent what the other does not)"
            elif skipped is None and options.hedging == "skip" and cues.is_hedged(text) and not fitted.flag_hedged[best]:
                skipped = "hedged, and the exemplar is not (hedging: skip)"
            elif skipped is None and options.questions == "skip" and is_readers_question(text) and not fitted.flag_question[best]:
                skipped = "a reader's question, and the exemplar is not (questions: skip)"
            if skipped is None:
                explanation["cues"] = cues.cue_report(text)
            yield sentence, flag_score, explanation, skipped


def _polarity_differs(text: str, fitted: _Fitted, best: int) -> bool:
    """Whether the sentence denies its claim and the exemplar does not (or the reverse), or
    mentions as present what the exemplar says is absent."""
    from ..ml import polarity

    if (polarity.denial(text) is not None) != fitted.flag_denied[best]:
        return True
    return polarity.present_absence(text, fitted.flag_absences[best]) is not None


@hookimpl
def medguard_register_rule_types():
    return [SemanticRule]
