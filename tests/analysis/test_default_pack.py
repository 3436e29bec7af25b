"""The default pack: every rule cites what it enforces and has at least 5 flag and 5 pass examples
that `medguard policy test` runs and passes."""

from pathlib import Path

import pytest

from medguard import PluginHost, load_policy
from medguard.cli import main


@pytest.fixture(scope="module")
def policy():
    host = PluginHost()
    return load_policy("default", host.rule_types)


def test_every_rule_cites_and_has_examples(policy):
    assert {r.category for r in policy.rules} >= {
        "unsupported-efficacy", "missing-risk-disclosure", "drug-comparison", "safety-minimization", "absolute-language"}
    for rule in policy.rules:
        assert rule.spec.references, rule.spec.id
        assert len(rule.spec.examples.flag) >= 5, rule.spec.id
        assert len(rule.spec.examples.pass_) >= 5, rule.spec.id


def test_policy_test_passes(capsys):
    assert main(["policy", "test"]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out


@pytest.mark.parametrize("pack", ["examples/policies/off-label.yaml", "datasets/offlabel/news-products.yaml"])
def test_shipped_example_packs_load_and_pass_their_examples(pack, capsys):
    assert main(["policy", "test", str(Path(__file__).resolve().parents[2] / pack)]) == 0
    assert "0 failed" in capsys.readouterr().out


ROOT = Path(__file__).resolve().parents[2]
SHIPPED_PACKS = sorted([*ROOT.glob("policies/*.yaml"), *ROOT.glob("examples/policies/*.yaml")])


@pytest.mark.parametrize("pack", SHIPPED_PACKS, ids=[p.name for p in SHIPPED_PACKS])
def test_shipped_packs_load_without_warnings(pack):
    assert load_policy(pack, PluginHost().rule_types).warnings == []


def test_every_rule_type_of_medguard_has_a_built_in_category():
    """A ``category:`` close to one of these is taken for a misspelling; a family missing here would not be."""
    import tomllib

    from medguard.policy.model import BUILTIN_CATEGORIES

    own = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["medguard"].values()
    host = PluginHost(entry_points=False, modules=list(own))
    assert host.diagnostics == [] and "off-label" in host.rule_types
    assert {t.category for t in host.rule_types.values()} == set(BUILTIN_CATEGORIES)


def _readme_check_examples():
    """(path, lines the README shows for ``medguard check PATH``) from its quick-start console block."""
    root = Path(__file__).resolve().parents[2]
    examples, current = [], None
    for line in (root / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("$ .venv/bin/medguard check "):
            current = (root / line.split()[-1], [])
            examples.append(current)
        elif line.startswith(("```", "$ ")):
            current = None
        elif current is not None and line.strip() and line != "...":
            current[1].append(line)
    return examples


README_EXAMPLES = _readme_check_examples()


@pytest.mark.parametrize("path, shown", README_EXAMPLES, ids=[path.name for path, _ in README_EXAMPLES])
def test_the_readme_shows_what_check_prints(path, shown, capsys, monkeypatch):
    monkeypatch.chdir(path.parents[2])  # paths in the output are relative to the project root, as in the README
    main(["check", str(path.relative_to(path.parents[2]))])
    printed = capsys.readouterr().out.splitlines()
    assert shown and all(line in printed for line in shown)


def test_the_example_pack_in_the_policy_docs_passes_its_own_examples(tmp_path, capsys):
    """docs/policies.md opens with a full pack: copied as written, it must pass `policy test`."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "policies.md").read_text()
    pack = tmp_path / "acme.yaml"
    pack.write_text(docs.split("```yaml\n", 1)[1].split("```", 1)[0])
    assert main(["policy", "test", str(pack)]) == 0
    assert "ok   acme.no-miracle: 1/1 flagged, 1/1 passed" in capsys.readouterr().out
