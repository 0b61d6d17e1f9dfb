#!/usr/bin/env bash
# The steps of examples/ci/gazette.yml as a plain script, for any CI system or a terminal:
#   examples/ci/check.sh [REPORT ARGS...]     e.g. examples/ci/check.sh corpus/ --out reports/run
# Without arguments: gazette.toml if present, else data/sample -> reports/sample.
# Exits 1 when the committed report differs from what gazette computes (the diff is printed),
# 2 on a fatal error; the rebuilt report is left in the report folder either way.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

cargo build --release --locked
G=target/release/gazette

status=0
"$G" check "$@" || status=$?

# Rebuild the report (the artifact to keep); SOURCE_DATE_EPOCH fixes the cover date.
SOURCE_DATE_EPOCH=0 "$G" report --force "$@" || exit $?

# In git, the rebuilt folder must equal the committed one.
if [ "$status" -eq 0 ] && [ -n "$(git status --porcelain -- reports)" ]; then
  git status --short -- reports
  echo "the rebuilt report differs from the committed one" >&2
  status=1
fi
exit "$status"
