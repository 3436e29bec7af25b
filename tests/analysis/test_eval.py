"""`medguard eval` metrics and commands, on small labelled files written here."""

import json
import math

from medguard.cli import main
from medguard.eval.metrics import Confusion, bootstrap, macro_f1


def test_confusion_metrics():
    c = Confusion(tp=8, fp=2, fn=4, tn=6)
    assert c.precision == 0.8
    assert math.isclose(c.recall, 8 / 12)
    assert math.isclose(c.balanced_accuracy, (8 / 12 + 6 / 8) / 2)
    expected_mcc = (8 * 6 - 2 * 4) / math.sqrt(10 * 12 * 8 * 10)
    assert math.isclose(c.mcc, expected_mcc)
    assert Confusion.of([True, False, True], [True, True, False]) == Confusion(1, 1, 1, 0)


def test_macro_f1_and_bootstrap():
    truth = ["direct", "none", "none", "conditional"]
    assert macro_f1(truth, truth, ["direct", "none", "conditional"]) == 1.0
    low, high = bootstrap(lambda idx: sum(idx) / len(idx), 50, resamples=200)
    assert 0 <= low <= high <= 49


def test_eval_documents(tmp_path, capsys):
    rows = [
        {"id": "a", "text": "Ozempic melts fat fast. It keeps the weight off.", "labels": {"harms": "Not Satisfactory"}},
        {"id": "b", "text": "Ozempic helps weight loss. Side effects include nausea, vomiting and diarrhoea in 20% of people.",
         "labels": {"harms": "Satisfactory"}},
        {"id": "c", "text": "A note about the clinic's opening hours.", "labels": {"harms": "Not Applicable"}},
    ]
    data = tmp_path / "docs.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows))
    predictions = tmp_path / "pred.jsonl"
    code = main(["eval", "documents", str(data), "--label-field", "labels.harms", "--positive", "Not Satisfactory",
                 "--negative", "Satisfactory", "--category", "missing-risk-disclosure", "--predictions", str(predictions)])
    assert code == 0
    out = capsys.readouterr().out
    assert "MCC" in out and "balanced accuracy" in out and "95% CI" in out
    lines = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert [(p["id"], p["flagged"]) for p in lines] == [("a", True), ("b", False)]


def test_eval_claims(tmp_path, capsys):
    data = tmp_path / "claims.csv"
    data.write_text("sentence,label\nAspirin prevents stroke.,direct\nVitamin D may reduce falls.,conditional\n"
                    "Coffee was associated with longevity.,correlational\nFurther studies are needed.,none\n")
    predictions = tmp_path / "pred.jsonl"
    assert main(["eval", "claims", str(data), "--predictor", "rules", "--predictions", str(predictions)]) == 0
    out = capsys.readouterr().out
    assert "macro-F1           1.000" in out
    assert [json.loads(line)["predicted"] for line in predictions.read_text().splitlines()] == [
        "direct", "conditional", "correlational", "none"]


def test_eval_missing_file_says_so(tmp_path, capsys):
    try:
        main(["eval", "claims", str(tmp_path / "absent.csv")])
    except SystemExit as exit:
        assert exit.code == 2
    assert "no such file" in capsys.readouterr().err


_SHOP_PAGE = ("# SlimPath weight-loss tablets\n\nSlimPath melts away stubborn fat in days. Doctors agree it works.\n\n"
              "In a 2023 trial of 300 adults, SlimPath users lost 4% more weight than on placebo (Lee et al., NEJM 2023).\n\n"
              "Order today and our team will call you back within the hour.\n")
_KEY = """# A reviewer's key

## slimpath.md
decision: block
- [unsupported] "SlimPath melts away stubborn fat in days."
- [absolute] "Our team will call you back within the hour."
- [missing-risk] *
- [ok] "In a 2023 trial of 300 adults, SlimPath users lost 4% more weight than on placebo (Lee et al., NEJM 2023)."

## missing.md
decision: pass
"""


def _annotated_folder(tmp_path, key=_KEY):
    folder = tmp_path / "set-a"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "slimpath.md").write_text(_SHOP_PAGE)
    (folder / "truth.md").write_text(key)
    return folder


def test_eval_pages_scores_catches_misses_false_positives_and_the_decision(tmp_path, capsys):
    folder = _annotated_folder(tmp_path)
    predictions = tmp_path / "pred.jsonl"
    assert main(["eval", "pages", str(folder), "--predictions", str(predictions), "-v"]) == 0
    captured = capsys.readouterr()
    # "Doctors agree it works" was planted by no one: the establishment finding on it is a false positive, and the
    # unsupported-efficacy one there does not count twice as a catch; the made-up absolute item is missed
    assert "set-a    caught    2/3    ( 67%)   false positives" in captured.out
    assert "decisions 1/1" in captured.out
    assert "slimpath.md [absolute] missed: Our team will call you back within the hour." in captured.out
    assert "absolute 0/1, missing-risk 1/1, unsupported 1/1" in captured.out
    assert "truth.md:10: cannot read" in captured.err and "missing.md" in captured.err  # listed, not there: skipped
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    caught = {row["family"]: row["caught_by"] for row in rows if "family" in row}
    assert caught == {"unsupported": "efficacy.unsupported-claim", "absolute": None, "missing-risk": "risk.missing-disclosure"}
    assert {row["false_positive"] for row in rows if "false_positive" in row} >= {"efficacy.establishment-claim"}
    assert not any(row.get("on_fine") for row in rows)  # the cited trial is left alone


def test_eval_pages_names_the_line_of_a_key_it_cannot_read(tmp_path, capsys):
    folder = _annotated_folder(tmp_path, _KEY.replace('- [absolute] "Our team', '- absolute: "Our team'))
    try:
        main(["eval", "pages", str(folder)])
    except SystemExit as exit:
        assert exit.code == 2
    assert f"{folder / 'truth.md'}:6: expected - [family]" in capsys.readouterr().err


def test_eval_pages_marks_a_family_nothing_can_catch(tmp_path, capsys):
    folder = _annotated_folder(tmp_path, _KEY.replace("[absolute]", "[miracle]").replace("\n## missing.md\ndecision: pass\n", ""))
    assert main(["eval", "pages", str(folder)]) == 0
    assert "miracle 0/1 (no such family or category)" in capsys.readouterr().out


def test_eval_pages_reads_a_page_in_another_encoding_as_check_does(tmp_path, capsys):
    """Invalid UTF-8 is decoded with replacement characters and said, as ``medguard check`` does;
    the page is still scored."""
    folder = _annotated_folder(tmp_path, _KEY.replace("## missing.md\ndecision: pass\n", "## latin1.md\ndecision: pass\n"))
    (folder / "pages" / "latin1.md").write_bytes("Caf\u00e9 cr\u00e8me: our opening hours are 9 to 5.".encode("latin-1"))
    assert main(["eval", "pages", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "latin1.md: invalid UTF-8 at byte 3" in captured.err
    assert "decisions 2/2" in captured.out


def test_a_key_with_horizontal_rules_reads_and_one_not_in_utf8_is_refused(tmp_path, capsys):
    folder = _annotated_folder(tmp_path, _KEY.replace("\n## missing.md\ndecision: pass\n", "\n---\n"))
    assert main(["eval", "pages", str(folder)]) == 0
    assert "decisions 1/1" in capsys.readouterr().out
    (folder / "truth.md").write_bytes(_KEY.replace("SlimPath melts", "SlimPath\u00ae melts").encode("latin-1"))
    try:
        main(["eval", "pages", str(folder)])
    except SystemExit as exit:
        assert exit.code == 2
    assert "truth.md: not UTF-8" in capsys.readouterr().err
