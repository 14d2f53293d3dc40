#!/usr/bin/env bash
# Scores the built binary on ../shared/seeds against ../shared/gold (extra args go to score.py,
# e.g. --misses). Needs the shared folder beside the repository.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared="$top/../shared"
bin="${CLAIMS_BIN:-$top/build/claims}"
[ -d "$shared/seeds" ] || { echo "score-seeds: $shared/seeds not found; skipped" >&2; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" mentions -q --format jsonl "$shared/seeds" > "$tmp/m.jsonl"
"$bin" extract -q --format jsonl "$shared/seeds" > "$tmp/c.jsonl"
python3 "$shared/eval/score.py" --gold "$shared/gold/seeds.jsonl" --facts "$shared/gold/seeds.facts.jsonl" \
  --mentions "$tmp/m.jsonl" --claims "$tmp/c.jsonl" "$@"
