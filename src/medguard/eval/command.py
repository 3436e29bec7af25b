"""``medguard eval``: measure detection quality on labelled data.

``eval documents`` scores a document-level decision (a finding of one category) against
labelled documents; ``eval claims`` scores the claim-strength analysis against labelled
sentences; ``eval sentences`` scores one category's findings on labelled sentences; ``eval
pages`` scores every finding and the decision on web pages a reviewer annotated (``pages.py``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..models import Document
from .metrics import Confusion, bootstrap, macro_f1, per_class_f1

STRENGTH_LABELS = ("direct", "conditional", "correlational", "none")


def add_command(subparsers, common) -> None:
    evaluate = subparsers.add_parser("eval", help="measure detection quality on labelled data")
    sub = evaluate.add_subparsers(title="eval commands", metavar="COMMAND")

    documents = sub.add_parser("documents", parents=[common], help="document-level decisions vs labels (JSONL)")
    documents.add_argument("file", type=Path)
    documents.add_argument("--text-field", default="text")
    documents.add_argument("--id-field", default="id")
    documents.add_argument("--format", dest="doc_format", default="text", help="format of the text field (default: text)")
    documents.add_argument("--label-field", required=True, help="dotted path to the label, e.g. labels.harms")
    documents.add_argument("--positive", action="append", required=True, help="label value(s) that should be flagged")
    documents.add_argument("--negative", action="append", required=True, help="label value(s) that should pass")
    documents.add_argument("--category", required=True, help="policy family whose findings count as flagged")
    _shared(documents)
    documents.set_defaults(handler=_documents)

    claims = sub.add_parser("claims", parents=[common], help="claim strength vs labels (CSV sentence,label)")
    claims.add_argument("file", type=Path)
    claims.add_argument("--predictor", choices=["auto", "rules", "model"], default="auto",
                        help="rules: the rule-based analysis; model: the ml extra's classifier; auto: model if installed")
    claims.add_argument("--predictions", type=Path, help="write one JSON line per sentence: sentence, label, predicted")
    claims.set_defaults(handler=_claims)

    sentences = sub.add_parser("sentences", parents=[common], help="one category's findings on labelled sentences (CSV)")
    sentences.add_argument("file", type=Path)
    sentences.add_argument("--text-field", default="sentence")
    sentences.add_argument("--label-field", default="label")
    sentences.add_argument("--positive", action="append", required=True)
    sentences.add_argument("--category", required=True)
    sentences.add_argument("--split", help="only rows whose `split` column has this value")
    _shared(sentences)
    sentences.set_defaults(handler=_sentences)

    pages = sub.add_parser("pages", parents=[common], help="findings and decisions vs a reviewer's key of annotated pages")
    pages.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="a folder with pages/ and its key, truth.md")
    pages.add_argument("-v", "--verbose", action="store_true", help="list each planted item, false positive and decision")
    _shared(pages)
    pages.set_defaults(handler=_pages)


def _shared(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", default="default", help="policy file or built-in pack (default: %(default)s)")
    parser.add_argument("--predictions", type=Path, help="write one JSON line per item with its id and prediction")


def _engine(args):
    from ..cli import make_host
    from ..engine import Engine
    from ..policy.loader import load_policy

    host = make_host(args)
    return Engine(load_policy(args.policy, host.rule_types), host)


def _dig(item: dict, dotted: str) -> Any:
    for part in dotted.split("."):
        item = item.get(part) if isinstance(item, dict) else None
    return item


def _require(path: Path) -> None:
    if not path.is_file():
        print(f"medguard eval: {path}: no such file (labelled data is not shipped with medguard; see README)", file=sys.stderr)
        raise SystemExit(2)


def _documents(args) -> int:
    _require(args.file)
    engine = _engine(args)
    truth: list[bool] = []
    predicted: list[bool] = []
    out = args.predictions.open("w", encoding="utf-8") if args.predictions else None
    with args.file.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    for row in tqdm(rows, desc="documents", unit="doc", file=sys.stderr, disable=None):
        label = _dig(row, args.label_field)
        if label not in args.positive and label not in args.negative:
            continue
        document = Document(id=str(row.get(args.id_field)), title=row.get("title"), body=row.get(args.text_field) or "", format=args.doc_format)
        report = engine.check(document, str(row.get(args.id_field))).report
        flagged = any(f.category == args.category for f in report.active_findings())
        truth.append(label in args.positive)
        predicted.append(flagged)
        if out:
            out.write(json.dumps({"id": document.id, "label": label, "predicted": args.positive[0] if flagged else args.negative[0],
                                  "flagged": flagged}) + "\n")
    if out:
        out.close()
    _print_binary(truth, predicted, f"{args.category} on {args.file.name} ({args.label_field}: positive={args.positive}, negative={args.negative})")
    return 0


def _sentences(args) -> int:
    _require(args.file)
    engine = _engine(args)
    truth: list[bool] = []
    predicted: list[bool] = []
    out = args.predictions.open("w", encoding="utf-8") if args.predictions else None
    with args.file.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not args.split or r.get("split") == args.split]
    for index, row in enumerate(rows):
        report = engine.check(Document(body=row[args.text_field], format="text"), f"row {index + 1}").report
        flagged = any(f.category == args.category for f in report.active_findings())
        truth.append(row[args.label_field] in args.positive)
        predicted.append(flagged)
        if out:
            out.write(json.dumps({"id": row.get("id", index + 1), "sentence": row[args.text_field], "label": row[args.label_field],
                                  "flagged": flagged}) + "\n")
    if out:
        out.close()
    split = f", split={args.split}" if args.split else ""
    _print_binary(truth, predicted, f"{args.category} on {args.file.name}{split}")
    return 0


def _pages(args) -> int:
    from .pages import KeyFileError, Score, check_pages, details, prediction_rows, read_key

    keys = {}
    for folder in args.folders:
        if not (folder / "truth.md").is_file():
            print(f"medguard eval pages: {folder / 'truth.md'}: no such file (a folder of annotated pages holds its pages "
                  "in pages/ and its key in truth.md)", file=sys.stderr)
            raise SystemExit(2)
        try:
            keys[folder] = read_key(folder / "truth.md")
        except KeyFileError as error:
            print(f"medguard eval pages: {error}", file=sys.stderr)
            raise SystemExit(2) from None
    engine = _engine(args)
    out = args.predictions.open("w", encoding="utf-8") if args.predictions else None
    total = Score()
    for folder, key in keys.items():
        score = Score()
        pages = tqdm(key, desc=folder.name, unit="page", file=sys.stderr, disable=None, leave=False)
        for result in check_pages(engine, folder, pages, warn=lambda message: print(f"medguard eval pages: {message}", file=sys.stderr)):
            score.add(result)
            if args.verbose:
                print("\n".join(details(result)))
            if out:
                out.writelines(json.dumps(row) + "\n" for row in prediction_rows(str(folder), result))
        print(score.line(folder.name))
        total.merge(score)
    if out:
        out.close()
    if len(keys) > 1:
        print(total.line("all"))
    print(total.family_line({rule.category for rule in engine.policy.active_rules}))
    return 0


def _print_binary(truth: list[bool], predicted: list[bool], title: str) -> None:
    confusion = Confusion.of(truth, predicted)
    n = len(truth)

    def interval(metric: str) -> str:
        low, high = bootstrap(lambda idx: getattr(Confusion.of([truth[i] for i in idx], [predicted[i] for i in idx]), metric), n)
        return f"[{low:.2f}, {high:.2f}]"

    print(title)
    print(f"  n={n}  positives={sum(truth)}  negatives={n - sum(truth)}")
    print("  confusion:        predicted+  predicted-")
    print(f"    actual+        {confusion.tp:>10}  {confusion.fn:>10}")
    print(f"    actual-        {confusion.fp:>10}  {confusion.tn:>10}")
    for name, metric in (("MCC", "mcc"), ("balanced accuracy", "balanced_accuracy"), ("precision", "precision"), ("recall", "recall"), ("F1", "f1")):
        print(f"  {name:<18} {getattr(confusion, metric):.3f}  95% CI {interval(metric)}")


def _claims(args) -> int:
    _require(args.file)
    with args.file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sentences = [r["sentence"] for r in rows]
    truth = [r["label"] for r in rows]
    predict, name = _strength_predictor(args.predictor)
    predicted = predict(sentences)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for sentence, label, guess in zip(sentences, truth, predicted):
                out.write(json.dumps({"sentence": sentence, "label": label, "predicted": guess}) + "\n")
    n = len(rows)
    print(f"claim strength on {args.file.name} with the {name} (n={n})")
    low, high = bootstrap(lambda idx: macro_f1([truth[i] for i in idx], [predicted[i] for i in idx], STRENGTH_LABELS), n, resamples=300)
    print(f"  macro-F1           {macro_f1(truth, predicted, STRENGTH_LABELS):.3f}  95% CI [{low:.2f}, {high:.2f}]")
    for label in STRENGTH_LABELS:
        c = per_class_f1(truth, predicted, label)
        print(f"  {label:<14} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  (n={c.tp + c.fn})")
    return 0


def _strength_predictor(choice: str):
    if choice in ("auto", "model"):
        from .. import ml

        reason = ml.available()
        if reason is None:
            from ..ml import claim_strength  # the ml extra's classifier

            return claim_strength.predict, "transformer claim-strength classifier"
        if choice == "model":
            print(f"medguard eval: the model is not available: {reason}", file=sys.stderr)
            raise SystemExit(2)
    from ..analysis.claims import claim_strength as rule_strength
    return (lambda sentences: [rule_strength(s)[0] for s in sentences]), "rule-based analysis"


