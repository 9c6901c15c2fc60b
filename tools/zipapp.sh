#!/usr/bin/env bash
# Build gzlint as one file — a shiv zipapp with every dependency inside — and
# check that it runs where gzlint is not installed: a fresh virtual
# environment's own python. Usage: tools/zipapp.sh [OUT] (default dist/gzlint.pyz).
# Needs shiv (pip install shiv) and the package registry; the .pyz holds lxml's
# compiled module, so it runs on the platform and Python version it was built with.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/gzlint.pyz}
mkdir -p "$(dirname "$out")"
shiv -q -o "$out" -c gzlint --reproducible .

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
if "$tmp/venv/bin/python" -c "import gzlint" 2>/dev/null; then
  echo "zipapp: gzlint is importable in the fresh environment; the check would prove nothing" >&2
  exit 1
fi
export SHIV_ROOT="$tmp/shiv"  # where shiv unpacks the dependencies on first run
"$tmp/venv/bin/python" "$out" --version
set +e
"$tmp/venv/bin/python" "$out" --format concise examples/ >"$tmp/out.txt"
status=$?
set -e
# the examples hold errors on purpose: exit 1 and the arithmetic finding are the expected result
if [ "$status" -ne 1 ] || ! grep -q "GZ301" "$tmp/out.txt"; then
  echo "zipapp: expected exit 1 with GZ301 on examples/, got exit $status:" >&2
  cat "$tmp/out.txt" >&2
  exit 1
fi
echo "zipapp: $out runs without gzlint installed"
