"""The pre-commit hook (.pre-commit-hooks.yaml) as a Markdown site uses it: ``pre-commit try-repo``
against a git repository holding this checkout, then ``pre-commit run`` with the site's own policy.

pre-commit installs medguard into its own virtualenv from the hook repository, exactly as a site
would; that needs the package index (for medguard's dependencies), so the test skips with the
reason when the index cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
import yaml

from .conftest import policy_yaml

ROOT = Path(__file__).parents[2]
HOOK_TREE = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "src", "plugins", "policies")
OFFLINE_SIGNS = ("Could not find a version", "No matching distribution", "Failed to establish a new connection",
                 "Temporary failure in name resolution", "Network is unreachable", "ProxyError")


def test_hook_definition():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "medguard" and hook["entry"] == "medguard check" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "mdx", "html"}


def unpackaged_command_modules() -> list[str]:
    """Packages the CLI imports at start-up that a non-editable install would not contain."""
    from medguard.cli import COMMAND_MODULES

    packages = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    return sorted({m.rsplit(".", 1)[0] for m in COMMAND_MODULES} - packages)


def test_command_modules_are_in_the_installed_packages():
    """A non-editable install (pip install medguard, pre-commit) must contain every package the
    CLI imports at start-up, or every ``medguard`` command fails with ModuleNotFoundError."""
    missing = unpackaged_command_modules()
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=_git_env())


def _git_env() -> dict[str, str]:
    return {**os.environ, "GIT_AUTHOR_NAME": "medguard tests", "GIT_AUTHOR_EMAIL": "tests@example.org",
            "GIT_COMMITTER_NAME": "medguard tests", "GIT_COMMITTER_EMAIL": "tests@example.org",
            "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.environ.get("HOME", "/tmp")}


@pytest.fixture(scope="module")
def precommit(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    executable = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(executable).exists():
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    if missing := unpackaged_command_modules():
        pytest.fail(f"pre-commit would install a medguard whose CLI cannot start: {missing} missing from "
                    "[tool.setuptools] packages in pyproject.toml")
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = base / "medguard"
    hook_repo.mkdir()
    for name in HOOK_TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, hook_repo / name)
    if not (hook_repo / "README.md").exists():
        (hook_repo / "README.md").write_text("# medguard\n")
    _git("init", "-q", cwd=hook_repo)
    _git("add", "-A", cwd=hook_repo)
    _git("commit", "-q", "-m", "medguard under test", cwd=hook_repo)

    site = base / "site"
    site.mkdir()
    (site / "bad.md").write_text("# Tonic\n\nOur tonic is a miracle cure for anxiety.\n")
    (site / "good.md").write_text("# Sleep\n\nTalk to your doctor about sleep problems.\n")
    (site / "page.html").write_text("<html><body><p>Talk to your doctor.</p></body></html>\n")
    (site / "notes.txt").write_text("a miracle cure, but not a Markdown or HTML file\n")
    (site / "post.mdx").write_text("import Chart from './chart'\n\n# Tonic\n\nOur tonic is a miracle cure for anxiety.\n")
    (site / "policy.yaml").write_text(policy_yaml().split("  - id: test.sleep")[0])
    _git("init", "-q", cwd=site)
    _git("add", "-A", cwd=site)
    env = {**_git_env(), "PRE_COMMIT_HOME": str(base / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        result = subprocess.run([executable, *args], cwd=site, env=env, capture_output=True, text=True, timeout=300)
        output = result.stdout + result.stderr
        if "An unexpected error has occurred" in output and any(sign in output for sign in OFFLINE_SIGNS):
            pytest.skip("pre-commit could not install medguard's dependencies (package index unreachable)")
        return result

    return hook_repo, site, run


@pytest.mark.slow
def test_try_repo_runs_the_hook_on_markdown_and_html(precommit):
    hook_repo, _, run = precommit
    result = run("try-repo", str(hook_repo), "medguard", "--verbose", "--files", "bad.md", "good.md", "page.html")
    output = result.stdout + result.stderr
    assert "An unexpected error" not in output, output
    assert "medguard (health claims)" in output and "- hook id: medguard" in output, output
    # The default pack is being rewritten: check that medguard ran on the three files, not what it found.
    assert "3 document(s) checked with" in output, output
    assert result.returncode in (0, 1), output


@pytest.mark.slow
def test_try_repo_checks_mdx_files(precommit):
    """MDX (Markdown with JSX) is read by the Markdown reader; pre-commit tags it mdx, not markdown."""
    hook_repo, _, run = precommit
    result = run("try-repo", str(hook_repo), "medguard", "--verbose", "--files", "post.mdx")
    output = result.stdout + result.stderr
    assert "1 document(s) checked with" in output, output


@pytest.mark.slow
def test_the_hook_with_the_sites_own_policy(precommit):
    hook_repo, site, run = precommit
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True).stdout.strip()
    (site / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
          - repo: {hook_repo}
            rev: {rev}
            hooks:
              - id: medguard
                args: [--policy, policy.yaml]
        """))
    failing = run("run", "--verbose", "--files", "bad.md", "good.md", "notes.txt")
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "bad.md:3:16" in output and "claims.miracle" in output, output
    assert "2 document(s) checked with test-pack 1.0.0" in output, output  # notes.txt is not Markdown or HTML
    passing = run("run", "--files", "good.md", "page.html")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
    skipped = run("run", "--files", "notes.txt")
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout
