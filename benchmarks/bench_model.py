#!/usr/bin/env python
"""Benchmark the model layer on real documents, same documents and thread count for both sides.

    python benchmarks/bench_model.py [--docs 200] [--threads 2] [--data PATH]

Prints:
- model load time (imports + hash check + load, in this process) and peak memory (max RSS);
- (a) the reference: plain ``transformers`` (AutoTokenizer/AutoModel + mean pooling) embedding
  every sentence of every document, one batch per document;
- (b) ``medguard check`` with the model: the engine with the installed plugins and the default
  policy with claim strength decided by the model, plus two ``semantic`` rules; only candidate
  sentences are embedded, batched across 32 documents as ``medguard check`` does, and cached;
  timed after a warm-up on the 32 stories that follow the measured ones (the cue patterns compile
  what they need on first use, as ``bench_check.py``'s first pass does), with the cache emptied.

Documents: ``../shared/data/fakehealth/stories.jsonl`` (FakeHealth HealthStory; no licence
stated, read-only, evaluation and benchmarks only) when present; otherwise the project's own
claim-strength sentences grouped into pseudo-documents, and the output says so.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "fakehealth" / "stories.jsonl"

SEMANTIC_RULES = """
  - id: efficacy.unsupported-claim
    options: {window: block, strength: model}
  - id: safety.minimization
    options: {strength: model}
  - id: bench.semantic.recovery-promise
    type: semantic
    severity: warning
    message: "Promises recovery in other words."
    options:
      flag: ["Our treatment cures addiction for good.", "Patients finally get their lives back.", "This therapy reverses the disease."]
      pass: ["Treatment can help some people manage their symptoms.", "Relapse is common and is part of recovery."]
  - id: bench.semantic.no-side-effects
    type: semantic
    severity: warning
    message: "Says the treatment has no side effects."
    options:
      flag: ["This medication has no side effects.", "The treatment is completely safe for everyone."]
      pass: ["Call your doctor if you notice any side effects."]
"""


WARM_UP = 32
"""Stories after the measured ones that (b) checks first, unmeasured."""


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_documents(path: Path, limit: int) -> tuple[list[str], str]:
    if path.is_file():
        texts = []
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts.append(record.get("text") or "")
                if len(texts) >= limit:
                    break
        return texts, f"{path} (first {len(texts)} stories)"
    with open(ROOT / "datasets" / "claim_strength" / "claim_strength.csv", newline="", encoding="utf-8") as handle:
        sentences = [r["sentence"] for r in csv.DictReader(handle)]
    docs = [" ".join(sentences[i:i + 30]) for i in range(0, len(sentences), 30)]
    docs = (docs * (limit // max(len(docs), 1) + 1))[:limit]
    return docs, f"{path} not found: {len(docs)} pseudo-documents of the project's own sentences"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto",
                        help="(b)'s model precision (settings.ml.precision; default auto, as medguard runs it)")
    args = parser.parse_args(argv)
    for name in ("MEDGUARD_ML_THREADS", "MEDGUARD_ML_CACHE_DIR", "MEDGUARD_ML_PRECISION", "MEDGUARD_ML_BATCH_SIZE"):
        os.environ.pop(name, None)

    texts, source = load_documents(args.data, args.docs + WARM_UP)
    texts, warm_up = texts[:args.docs], texts[args.docs:] if args.data.is_file() else []
    if warm_up:
        source = f"{args.data} (first {len(texts)} stories; the {len(warm_up)} after them warm (b) up, unmeasured)"
    print(f"documents: {source}")
    print(f"threads: {args.threads} (torch.set_num_threads), batch size {args.batch_size}, cpus on this machine: {os.cpu_count()}")
    print(f"peak memory before the model: {peak_mib():.0f} MiB")

    # -- model load, as medguard does it -----------------------------------------------------------
    started = time.perf_counter()
    from medguard import ml

    settings = ml.MLSettings(threads=args.threads, batch_size=args.batch_size, precision=args.precision)
    encoder = ml.get_encoder(settings)
    load_seconds = time.perf_counter() - started
    print(f"model load (imports, sha256 check, tokenizer and weights): {load_seconds:.2f} s; precision {encoder.precision}; "
          f"peak memory {peak_mib():.0f} MiB")

    from medguard.cli import CHECK_BATCH
    from medguard.engine import Engine
    from medguard.models import Document
    from medguard.pluginmanager import PluginHost
    from medguard.policy.loader import load_policy

    # -- (b) medguard check with the model ---------------------------------------------------------
    host = PluginHost()
    with tempfile.TemporaryDirectory() as tmp:
        policy_path = Path(tmp) / "bench.yaml"
        policy_path.write_text(
            f"name: bench\nversion: '1'\nextends: default\nsettings:\n  ml:\n    threads: {args.threads}\n"
            f"    batch_size: {args.batch_size}\n    precision: {args.precision}\nrules:{SEMANTIC_RULES}",
            encoding="utf-8",
        )
        policy = load_policy(policy_path, host.rule_types)
    engine = Engine(policy, host)
    active = [r.spec.id for r in policy.active_rules]
    documents = [Document(body=t, format="text") for t in texts]
    # warm up on other stories: the cue patterns compile the parts they need on first use
    engine.check_many([(Document(body=t, format="text"), "-", None) for t in warm_up or ["Warm-up sentence that cures nothing."]])
    encoder.cache.clear()
    encoded_before = encoder.encoded
    model_seconds_before = encoder.encode_seconds
    started = time.perf_counter()
    sentences_total = findings = errors = 0
    for first in range(0, len(documents), CHECK_BATCH):  # as `medguard check` does: one embedding batch per 32 documents
        for checked in engine.check_many([(d, "-", None) for d in documents[first:first + CHECK_BATCH]]):
            sentences_total += len(checked.analyzed.sentences) if checked.analyzed else 0
            findings += len(checked.report.findings)
            errors += sum(d.level == "error" for d in checked.report.diagnostics)
    b_seconds = time.perf_counter() - started
    embedded = encoder.encoded - encoded_before
    print(f"\n(b) medguard check with the model: {len(active)} active rules "
          f"({sum(1 for r in policy.active_rules if r.spec.type == 'semantic')} semantic)"
          + "; candidates: the analysis's `candidates` annotation; claim strength by the model")
    print(f"    {len(documents) / b_seconds:.1f} documents/s, {sentences_total / b_seconds:.0f} sentences/s; "
          f"embedded {embedded} of {sentences_total} sentences ({embedded / max(sentences_total, 1):.0%}); "
          f"{findings} findings, {errors} rule errors; {b_seconds:.1f} s")
    model_seconds = encoder.encode_seconds - model_seconds_before
    print(f"    of which in the model: {model_seconds:.1f} s ({embedded / max(model_seconds, 1e-9):.0f} sentences/s); "
          f"analysis and rules: {b_seconds - model_seconds:.1f} s")
    print(f"    peak memory {peak_mib():.0f} MiB")

    # -- (a) plain transformers over every sentence -------------------------------------------------
    import torch
    from transformers import AutoModel, AutoTokenizer

    from medguard.analysis.document import split_sentences

    torch.set_num_threads(args.threads)
    folder = str(encoder.loaded.folder)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True).eval()
    doc_sentences = []
    for text in texts:
        parsed = host.parsers["text"].parse(text)
        doc_sentences.append([parsed.text[s:e] for b in parsed.blocks for s, e in split_sentences(parsed.text, b.start, b.end)])
    total = sum(len(s) for s in doc_sentences)
    started = time.perf_counter()
    with torch.inference_mode():
        for sentences in doc_sentences:
            for i in range(0, len(sentences), args.batch_size):
                batch = tokenizer(sentences[i:i + args.batch_size], padding=True, truncation=True, max_length=256, return_tensors="pt")
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                torch.nn.functional.normalize(pooled, dim=1)
    a_seconds = time.perf_counter() - started
    print(f"\n(a) plain transformers, every sentence, one batch per document: "
          f"{len(texts) / a_seconds:.1f} documents/s, {total / a_seconds:.0f} sentences/s; {total} sentences; {a_seconds:.1f} s")
    print(f"\n(b)/(a) speed: {a_seconds / b_seconds:.2f}x; model load {load_seconds:.2f} s; peak memory {peak_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
