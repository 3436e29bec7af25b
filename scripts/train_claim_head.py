#!/usr/bin/env python
"""Train the claim-strength head shipped in src/medguard/data/claim_head.npz.

    python scripts/train_claim_head.py                 # train on datasets/claim_strength, write the head
    python scripts/train_claim_head.py --no-write      # only print metrics
    python scripts/train_claim_head.py --eval ../shared/data/claims/pubmed_claim_strength.csv

Training data: ONLY datasets/claim_strength/claim_strength.csv (written by the project, CC0).
The PubMed claim-strength CSV (GPL-3.0, Yu et al. 2019) is read, when given, for evaluation and
for choosing among the few configurations in GRID; it never enters training. It is split in two
halves by a hash of each sentence: `select` (used to choose the configuration) and `report`
(reported, never used for choosing); the card reports both and the whole set.

Deterministic: fixed seed, full-batch L-BFGS on CPU, sorted inputs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medguard.ml import cues, get_encoder  # noqa: E402
from medguard.ml.claim_strength import HEAD_PATH, LABELS, ClaimHead, save_head  # noqa: E402
from medguard.ml.settings import MLSettings  # noqa: E402

DATA = ROOT / "datasets" / "claim_strength" / "claim_strength.csv"
DEFAULT_EVAL = ROOT.parent / "shared" / "data" / "claims" / "pubmed_claim_strength.csv"
SEED = 20240611
VERSION = "1"

# (L2 strength, feature weight, hidden units; 0 = logistic regression)
GRID = [
    (c, fw, h)
    for c in (3e-4, 1e-3)
    for fw in (0.5, 1.0)
    for h in (0, 64)
]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row.get("sentence") and row.get("label") in LABELS]


def pubmed_half(sentence: str) -> str:
    return "select" if int(hashlib.sha256(sentence.encode()).hexdigest(), 16) % 2 == 0 else "report"


def inputs(encoder, sentences: list[str], feature_weight: float) -> np.ndarray:
    texts = [" ".join(s.split()) for s in sentences]
    emb = encoder.embed(texts)
    feats = np.asarray(cues.features(texts), dtype=np.float32) * feature_weight
    return np.hstack([emb, feats]).astype(np.float32)


def train(x: np.ndarray, y: np.ndarray, l2: float, hidden: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Class-balanced softmax regression (or a one-hidden-layer MLP), full-batch L-BFGS."""
    torch.manual_seed(SEED)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y).long()
    counts = torch.bincount(yt, minlength=len(LABELS)).float()
    weights = counts.sum() / (len(LABELS) * counts.clamp(min=1))
    if hidden:
        model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, len(LABELS)))
    else:
        model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], len(LABELS)))
    optimizer = torch.optim.LBFGS(model.parameters(), lr=1.0, max_iter=500, history_size=20, line_search_fn="strong_wolfe")
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(model(xt), yt)
        loss = loss + l2 * sum((p ** 2).sum() for n, p in model.named_parameters() if n.endswith("weight"))
        loss.backward()
        return loss

    optimizer.step(closure)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    return [(m.weight.detach().numpy().copy(), m.bias.detach().numpy().copy()) for m in linears]


def metrics(gold: list[str], pred: list[str]) -> dict:
    out: dict = {"n": len(gold), "accuracy": float(np.mean([g == p for g, p in zip(gold, pred)])) if gold else 0.0}
    f1s = []
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
        f1s.append(f1)
    out["macro_f1"] = float(np.mean(f1s))
    out["confusion"] = {g: {p: sum(a == g and b == p for a, b in zip(gold, pred)) for p in LABELS} for g in LABELS}
    return out


def show(title: str, m: dict) -> None:
    print(f"\n{title} (n={m['n']}): macro-F1 {m['macro_f1']:.3f}, accuracy {m['accuracy']:.3f}")
    print(f"  {'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for label in LABELS:
        r = m[label]
        print(f"  {label:<14}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{r['support']:>6}")
    print("  confusion (rows gold, columns predicted: " + ", ".join(LABELS) + ")")
    for g in LABELS:
        print(f"  {g:<14}" + "".join(f"{m['confusion'][g][p]:>7}" for p in LABELS))


def predict(layers, x: np.ndarray) -> list[str]:
    head = ClaimHead(LABELS, cues.FEATURE_NAMES, 1.0, layers, "", VERSION)
    return [LABELS[i] for i in head.proba(x).argmax(axis=1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="PubMed claim-strength CSV (evaluation and selection only)")
    parser.add_argument("--out", type=Path, default=HEAD_PATH)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--config", help="skip selection: L2,FEATURE_WEIGHT,HIDDEN (e.g. 0.003,1.0,0)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified sentences of the OWN test split")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    encoder = get_encoder(MLSettings(threads=args.threads, precision="fp32", cache_dir=str(Path.home() / ".cache" / "medguard" / "ml")))
    rows = read_csv(args.data)
    train_rows = sorted((r for r in rows if r.get("split", "train") != "test"), key=lambda r: r["sentence"])
    test_rows = sorted((r for r in rows if r.get("split") == "test"), key=lambda r: r["sentence"])
    print(f"own data: {len(train_rows)} train, {len(test_rows)} test sentences ({args.data})")
    evaluation = read_csv(args.eval) if args.eval and args.eval.is_file() else []
    if evaluation:
        print(f"evaluation: {len(evaluation)} PubMed sentences (GPL-3.0: evaluation/selection only, never trained on)")
    else:
        print("evaluation: PubMed CSV not found; selecting by the own test split")
    select = [r for r in evaluation if pubmed_half(r["sentence"]) == "select"]
    report = [r for r in evaluation if pubmed_half(r["sentence"]) == "report"]

    def encode(rs, fw):
        return inputs(encoder, [r["sentence"] for r in rs], fw)

    y_train = np.array([LABELS.index(r["label"]) for r in train_rows])
    y_all = np.array([LABELS.index(r["label"]) for r in train_rows + test_rows])
    configs = [tuple(float(v) if i < 2 else int(v) for i, v in enumerate(args.config.split(",")))] if args.config else GRID
    best = None
    for l2, fw, hidden in configs:
        layers = train(encode(train_rows, fw), y_train, l2, hidden)
        own = metrics([r["label"] for r in test_rows], predict(layers, encode(test_rows, fw)))
        sel = metrics([r["label"] for r in select], predict(layers, encode(select, fw))) if select else None
        score = (sel or own)["macro_f1"]
        print(f"  l2={l2:<7g} features x{fw:<4g} hidden={hidden:<3} own-test macro-F1 {own['macro_f1']:.3f}"
              + (f"  PubMed-select macro-F1 {sel['macro_f1']:.3f} direct-F1 {sel['direct']['f1']:.3f}" if sel else ""))
        if best is None or score > best[0]:
            best = (score, (l2, fw, hidden), own)
    _, (l2, fw, hidden), own = best
    print(f"\nchosen: l2={l2:g}, feature weight {fw:g}, hidden {hidden}")
    show("own held-out test split (head trained on the train split)", own)
    if args.errors:
        layers = train(encode(train_rows, fw), y_train, l2, hidden)
        pred = predict(layers, encode(test_rows, fw))
        for r, p in zip(test_rows, pred):
            if p != r["label"]:
                print(f"    gold {r['label']:<13} pred {p:<13} {r['sentence']}")

    # The shipped head: same configuration, trained on all of the project's own sentences.
    layers = train(encode(train_rows + test_rows, fw), y_all, l2, hidden)
    if evaluation:
        for title, rs in (("PubMed report half (never used for choosing)", report), ("PubMed select half", select), ("PubMed all", evaluation)):
            show(title + " — shipped head", metrics([r["label"] for r in rs], predict(layers, encode(rs, fw))))
    if not args.no_write:
        head = ClaimHead(LABELS, cues.FEATURE_NAMES, fw, layers, encoder.base_digest, VERSION)
        save_head(args.out, head)
        print(f"\nwrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
