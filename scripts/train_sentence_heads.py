#!/usr/bin/env python
"""Train the sentence heads shipped in src/medguard/data/sentence_heads.json.

    python scripts/train_sentence_heads.py              # train, report held-out sets, write the heads
    python scripts/train_sentence_heads.py --no-write   # only print metrics

Training data: ONLY the project's reviewer pages (datasets/reviewer_pages, CC0). Every sentence of
every page, as medguard segments it, is labelled by the page's key: a sentence a key quotes under a
family is a positive for that family's head, every other sentence a negative (a reviewer lists
most, not all, of a page's problems, so some negatives are unlisted claims). A head learns from
all of them; its threshold and the figures printed count only the sentences a ``classifier`` rule
reads and may flag (``ClassifierRule.sentences`` and ``stance_skip``: on a page that sells to its
reader and names a treatment, undecided by the rule analysis, no evidence in the paragraph, not
hedged...), the cases the rules miss.

The sets in HELD_OUT are never trained on: the script reports what the heads add there. Each head
is a logistic regression over the sentence's words and word pairs (those seen in at least two
training sentences; L2-penalised, positives weighted x3, full-batch L-BFGS, fixed seed; weights
under PRUNE dropped). A word or pair counts only if it occurs in at least MIN_SETS training sets:
a product's name, or a phrase one reviewer liked, says nothing about the next page. Training
needs torch (the ml extra); the heads run without it. A head's threshold is the one in THRESHOLDS
that, out of fold (five folds of whole sets), maximises the planted items of its family it flags
less UNPLANTED_COST for each sentence it flags that nobody planted (reviewers list most, not all,
claims: some of those are real ones, so one costs half a catch); other families' planted
sentences count neither way.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_reviewer_pages import SETS  # noqa: E402
from medguard import Document, Engine, PluginHost, load_policy  # noqa: E402
from medguard.analysis.sentence_heads import HEAD_NAMES, HEADS_FILE, SentenceHead, SentenceHeads, features  # noqa: E402
from medguard.eval.pages import page_format, read_key, same_sentence  # noqa: E402
from medguard.policy.model import RuleSpec  # noqa: E402
from medguard.rule_types.classifier import ClassifierOptions, ClassifierRule  # noqa: E402

HELD_OUT = tuple(f"set-{n}" for n in (*range(47, 56), *range(59, 68), *range(72, 76), *range(80, 84), 86, 87, 90, 91, 94, 95, 98, 99))
"""Sets kept out of training, to measure the heads on genres they have not seen: 47-55 (stop 29),
59-67 (stop 30), 72-75 (stop 32), 80-83 (stop 33), 86-87 (stop 34), 90-91 (stop 35), 94-95 (stop
36) and 98-99 (stop 37), which nobody working on medguard has read."""
FAMILIES = {"unsupported-efficacy": "unsupported", "drug-comparison": "comparison", "safety-minimization": "safety"}
"""Sets 10-19's category names for the families the heads learn."""
SEED = 20261125
VERSION = "1"
L2 = 1e-4
POSITIVE_WEIGHT = 3.0
MIN_COUNT = 2
MIN_SETS = 3
PRUNE = 0.05
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
UNPLANTED_COST = 0.5
FOLDS = 5


def collect(sets: list[Path]) -> list[dict]:
    """One row per sentence of every page: its set, text, families planted there and the heads
    whose classifier rule would read it."""
    host = PluginHost()
    engine = Engine(load_policy("default", host.rule_types), host)
    rules = {name: ClassifierRule(RuleSpec(id=f"train.{name}", type="classifier", message="-"), ClassifierOptions(head=name))
             for name in HEAD_NAMES}
    rows = []
    for folder in sets:
        for page in read_key(folder / "truth.md"):
            path = folder / "pages" / page.name
            analyzed = engine.check(Document(id=page.name, body=path.read_text(encoding="utf-8"), format=page_format(path))).analyzed
            read = {name: {index for index, _ in rule.sentences(analyzed) if rule.stance_skip(analyzed, index) is None}
                    for name, rule in rules.items()}
            for index, sentence in enumerate(analyzed.sentences):
                line = analyzed.sentence_line(sentence)
                families = {FAMILIES.get(family, family) for family, quote in page.items if quote and same_sentence(quote, line)}
                rows.append({"set": folder.name, "text": line, "families": families,
                             "read_by": {name for name, indices in read.items() if index in indices}})
    return rows


HEADS_PATH = ROOT / "src" / "medguard" / "data" / HEADS_FILE


def matrix(rows: list[list[int]], width: int) -> torch.Tensor:
    """A sparse 0/1 matrix, one row per sentence, from each sentence's feature columns."""
    at = [(r, c) for r, columns in enumerate(rows) for c in columns]
    index = torch.tensor(at, dtype=torch.long).T if at else torch.zeros((2, 0), dtype=torch.long)
    return torch.sparse_coo_tensor(index, torch.ones(len(at)), (len(rows), width)).coalesce()


def fit(x: torch.Tensor, y: np.ndarray) -> tuple[np.ndarray, float]:
    torch.manual_seed(SEED)
    xt, yt = x, torch.from_numpy(y.astype(np.float32))
    weight = torch.zeros(x.shape[1], requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([weight, bias], max_iter=500, history_size=20, line_search_fn="strong_wolfe")
    positive_weight = torch.tensor(POSITIVE_WEIGHT)

    def closure():
        optimizer.zero_grad()
        logits = torch.sparse.mm(xt, weight.unsqueeze(1)).squeeze(1) + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, yt, pos_weight=positive_weight) + L2 * (weight @ weight)
        loss.backward()
        return loss

    optimizer.step(closure)
    return weight.detach().numpy().copy(), float(bias.detach())


def probabilities(x: torch.Tensor, weight: np.ndarray, bias: float) -> np.ndarray:
    z = torch.sparse.mm(x, torch.from_numpy(weight).unsqueeze(1)).squeeze(1).numpy() + bias
    return 1.0 / (1.0 + np.exp(-z))


def flagged(p: np.ndarray, positive: np.ndarray, planted: np.ndarray, threshold: float) -> tuple[int, int, int]:
    """(the head's family caught, another family's planted sentence, nothing planted) at ``threshold``."""
    hit = p >= threshold
    return int((hit & positive).sum()), int((hit & planted & ~positive).sum()), int((hit & ~planted).sum())


def choose_threshold(columns: list[list[int]], width: int, positive: np.ndarray, planted: np.ndarray, sets: np.ndarray,
                     read: np.ndarray) -> tuple[float, dict]:
    """The threshold, from out-of-fold probabilities of the sentences the rule reads; and
    (caught, another family's, unplanted) at each threshold tried."""
    names = sorted(set(sets))
    fold_of = {name: i % FOLDS for i, name in enumerate(names)}
    folds = np.array([fold_of[s] for s in sets])
    out_of_fold = np.zeros(len(columns))
    for fold in range(FOLDS):
        train = folds != fold
        weight, bias = fit(matrix([c for c, t in zip(columns, train) if t], width), positive[train])
        out_of_fold[~train] = probabilities(matrix([c for c, t in zip(columns, train) if not t], width), weight, bias)
    report = {threshold: flagged(out_of_fold[read], positive[read], planted[read], threshold) for threshold in THRESHOLDS}
    chosen = max(THRESHOLDS, key=lambda t: (report[t][0] - UNPLANTED_COST * report[t][2], -t))
    return chosen, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HEADS_PATH)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folders = sorted(p for p in SETS.iterdir() if p.is_dir())
    training = [f for f in folders if f.name not in HELD_OUT]
    held_out = [f for f in folders if f.name in HELD_OUT]
    rows = collect(folders)
    sets = np.array([row["set"] for row in rows])
    is_training = np.isin(sets, [f.name for f in training])
    found = [features(row["text"]) for row in rows]
    counts = Counter(f for fs, t in zip(found, is_training) if t for f in fs)
    words_of_set: dict[str, set[str]] = {}
    for fs, name, training_row in zip(found, sets, is_training):
        if training_row:
            words_of_set.setdefault(name, set()).update(fs)
    in_sets = Counter(f for fs in words_of_set.values() for f in fs)
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT and in_sets[f] >= MIN_SETS)
    column = {f: i for i, f in enumerate(vocabulary)}
    columns = [[column[f] for f in fs if f in column] for fs in found]
    print(f"{len(training)} training sets, {len(held_out)} held out ({', '.join(f.name for f in held_out)}); "
          f"{len(rows)} sentences; {len(vocabulary)} features seen in at least {MIN_COUNT} training sentences and {MIN_SETS} sets")
    planted = np.array([bool(row["families"]) for row in rows])
    train_columns = [c for c, t in zip(columns, is_training) if t]
    x_train = matrix(train_columns, len(vocabulary))
    heads = {}
    for name in HEAD_NAMES:
        positive = np.array([name in row["families"] for row in rows])
        read = np.array([name in row["read_by"] for row in rows])
        train, test = is_training, ~is_training & read
        threshold, report = choose_threshold(train_columns, len(vocabulary), positive[train], planted[train], sets[train], read[train])
        weight, bias = fit(x_train, positive[train])
        weight[np.abs(weight) < PRUNE] = 0.0
        print(f"\nhead {name!r}: {int(train.sum())} training sentences ({int(positive[train].sum())} planted as {name}, "
              f"{int((positive & read & train).sum())} of them left by the rules); threshold {threshold:g}; "
              f"{int((weight != 0).sum())} weights kept")
        print("  out of fold, sentences the rule reads: threshold -> caught / another family's / unplanted")
        print("   " + "; ".join(f"{t:g}: {c}/{o}/{u}" for t, (c, o, u) in sorted(report.items())))
        if test.any():
            x_test = matrix([c for c, t in zip(columns, test) if t], len(vocabulary))
            caught, other, unplanted = flagged(probabilities(x_test, weight, bias), positive[test], planted[test], threshold)
            print(f"  held-out sets: {int(positive[test].sum())} planted {name} sentences the rules left; the head flags "
                  f"{caught} of them, {other} of another family, {unplanted} unplanted")
        kept = {vocabulary[i]: round(float(w), 4) for i, w in enumerate(weight) if w != 0.0}
        heads[name] = SentenceHead(name, kept, round(bias, 4), threshold)
    if not args.no_write:
        trained_on = f"datasets/reviewer_pages {training[0].name}..{training[-1].name}, not {', '.join(HELD_OUT)}"
        args.out.write_text(json.dumps(SentenceHeads(heads, VERSION, trained_on).as_json(), sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
