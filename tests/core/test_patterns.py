"""Policy patterns under their time limit: a bad pattern is stopped, a busy process is not blamed."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest

from medguard import Document, Engine, PatternTimeout, PluginHost, compile_phrases, compile_regex, find_all, load_policy
from medguard.patterns import nested_quantifier

QUADRATIC = compile_regex(r"x+\\d")
"""Slow but finite on a run of x: each search scans the rest of the run from every x."""


@pytest.fixture
def busy_thread():
    """Another thread of this process working without the GIL (as the sentence model does)."""
    stop = threading.Event()

    def work():
        data = b"x" * (16 << 20)
        while not stop.is_set():
            hashlib.sha256(data).digest()  # hashlib releases the GIL for large inputs

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join()


def slow_text(cpu_seconds: float) -> str:
    """A run of x on which one search of QUADRATIC takes about ``cpu_seconds`` of this thread's CPU."""
    size = 500
    while True:
        spent = min(_search_cpu("x" * size) for _ in range(3))
        if spent >= cpu_seconds / 8:
            return "x" * int(size * (cpu_seconds / spent) ** 0.5)  # quadratic in the run's length
        size *= 2


def _search_cpu(text: str) -> float:
    started = time.thread_time()
    list(find_all(QUADRATIC, text, timeout=60))
    return time.thread_time() - started


def test_other_threads_work_does_not_count_against_a_pattern(busy_thread):
    """The regex module stops a search when the whole process has spent the limit; a search that
    needs about 60% of its limit, beside a thread hashing on the other core, still finishes."""
    text = slow_text(0.15)
    for _ in range(3):  # on a machine busy with other work the hashing thread may get too little CPU
        process_started = time.process_time()
        assert list(find_all(QUADRATIC, text, timeout=0.25)) == []
        if time.process_time() - process_started > 0.25:
            return  # the process spent more than the limit meanwhile, and the search was not stopped
    pytest.skip("the busy thread got too little CPU here to put the search past the process-wide limit")


def test_a_bad_pattern_is_stopped_beside_a_busy_thread_too(busy_thread):
    with pytest.raises(PatternTimeout, match=r"ran longer than 0.1s"):
        list(find_all(compile_regex(r"(a+)+$"), "a" * 30_000 + "!", timeout=0.1))


def test_a_catastrophic_pattern_is_stopped_at_its_limit():
    pattern = compile_regex(r"(a+)+$")
    started = time.monotonic()
    with pytest.raises(PatternTimeout, match=r"pattern '\(a\+\)\+\$' ran longer than 0.1s and was stopped"):
        list(find_all(pattern, "a" * 30_000 + "!", timeout=0.1))
    assert time.monotonic() - started < 5


def test_matches_are_those_of_the_regex_itself():
    pattern = compile_regex(r"\bcures?\b|(?=miracle)|miracle\w*")
    text = "It cures acne. A miracle, miracles: cure."
    assert [(h.start, h.text) for h in find_all(pattern, text)] == [
        (3, "cures"), (17, "miracle"), (26, "miracles"), (36, "cure")]
    assert [h.text for h in find_all(pattern, text, 10, 30)] == ["miracle"]


# -- phrase lists ------------------------------------------------------------------------------------
def test_phrases_match_whole_words_with_any_spacing_apostrophe_or_hyphen():
    pattern = compile_phrases(["miracle cure", "cure", "cures", "Don't stop", "cure-all"])
    text = "A miracle\n  cure! It cures. Don’t stop. A cure‑all (U+2011), a cure–all, not a curer."
    assert [(h.text, h.pattern) for h in find_all(pattern, text)] == [
        ("miracle\n  cure", "miracle cure"), ("cures", "cures"), ("Don’t stop", "don't stop"),
        ("cure‑all", "cure-all"), ("cure–all", "cure-all")]
    assert [h.text for h in find_all(compile_phrases(["FDA"], case_sensitive=True), "fda FDA")] == ["FDA"]


def test_a_long_phrase_list_is_one_pattern_whatever_its_order_and_is_searched_in_full():
    words = [hashlib.sha256(str(i).encode()).hexdigest()[:8] for i in range(5_000)]
    phrases = [f"{word} cure" for word in words] + ["miracle cure"]
    pattern = compile_phrases(phrases)
    assert compile_phrases(list(reversed(phrases))).pattern == pattern.pattern
    text = " ".join(words[::7]) + " and a miracle cure. " + f"Try {words[123]} cure."
    assert [h.text for h in find_all(pattern, text * 20, timeout=0.05)][:2] == ["miracle cure", f"{words[123]} cure"]


def test_phrases_that_nest_too_deeply_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="nest too deeply"):
        compile_phrases(["a" * n for n in range(1, 1100)])


def test_a_rule_whose_phrases_and_patterns_overlap_reports_the_stretch_once(tmp_path):
    policy = tmp_path / "dup.yaml"
    policy.write_text('name: dup\nversion: "1"\nrules:\n  - id: d.cure\n    type: pattern\n    message: m\n'
                      "    options:\n      phrases: [miracle cure, cure]\n      patterns: ['miracle\\s+cure', 'cure']\n")
    host = PluginHost(entry_points=False)
    engine = Engine(load_policy(policy, host.rule_types), host)
    report = engine.check(Document(body="A miracle cure. Another cure.", format="text")).report
    assert [f.excerpt for f in report.findings] == ["miracle cure", "cure"]


@pytest.mark.parametrize("pattern, nested", [
    (r"(a+)+$", ("(a+)+", "a+")),
    (r"\((\w+\s?)*et al\.?,? \d{4}\)", (r"(\w+\s?)*", r"\w+")),
    (r"(?:miracle|wonder)(?:\s*\w+)+ cure", (r"(?:\s*\w+)+", r"\s*")),
    (r"((?:[a-z]+-)?\d+\s?)*mg", (r"((?:[a-z]+-)?\d+\s?)*", "[a-z]+")),  # found inside a group inside the group
    (r"(\p{L}+\.?){2,} approved", (r"(\p{L}+\.?){2,}", r"\p{L}+")),
    (r"\b100\s?%\s+(?:safe|natural|success)", None),
    (r"\(\w+ et al\.?,? \d{4}\)", None),
    (r"https?://(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov/\d+", None),
    (r"(?:\w+\s+){0,3}cures?", None),  # repeated a bounded number of times
    (r"(?>\w+\s?)*x", None),  # atomic: gives nothing back
    (r"(\w++\s?)*x", None),  # possessive
    (r"[(\w+)]+ \(\w+\)+ (?#(\w+ names)+x", None),  # brackets, escapes and comments are not groups
])
def test_a_pattern_that_repeats_an_unbounded_repeat_is_found(pattern, nested):
    compile_regex(pattern)
    assert nested_quantifier(pattern) == nested
