#!/usr/bin/env bash
# Set up medguard in ./.venv with every extra, then check the bundled sample article.
#
#   bash scripts/bootstrap.sh          # set up and run the sample
#   bash scripts/bootstrap.sh --core   # core only (no model, server or Ray)
#
# torch is pinned and installed first: an unpinned torch (pulled in by transformers) would fetch
# a multi-GB CUDA build; 2.13.0 is the CPU build. --core installs no torch at all (the model's test
# reference, sentence-transformers, is in the ml-test extra, not dev).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
if [ "${1:-}" = "--core" ]; then
  "${PIP[@]}" -e '.[dev]'
else
  "${PIP[@]}" torch==2.13.0
  "${PIP[@]}" -e '.[dev,ml,ml-test,server,ray]'
fi
echo "medguard is installed in .venv; checking examples/articles/suboxone-clinic.html:" >&2
status=0
.venv/bin/medguard check examples/articles/suboxone-clinic.html || status=$?
# 1 means "findings at or above the policy's block threshold": the sample is meant to have them.
[ "$status" -le 1 ] || exit "$status"
