#!/usr/bin/env bash
# Speed work must not change what claims prints. Runs two builds of claims over the seeds and the
# x1 benchmark sets (bench/out/x1, made by bench/run.sh) and compares `mentions` and `extract`
# JSON Lines byte for byte.
#
#   bash bench/compare.sh OLD_CLAIMS NEW_CLAIMS
#
# Prints `same` or `DIFFERENT` per set and command; exits 1 when any output differs, 3 on bad use.
set -uo pipefail
if [[ $# -ne 2 || ! -x "$1" || ! -x "$2" ]]; then
  echo "usage: bash bench/compare.sh OLD_CLAIMS NEW_CLAIMS (two claims binaries)" >&2
  exit 3
fi
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="$(readlink -f "$1")"
new="$(readlink -f "$2")"
out="$(mktemp -d)"
rc=0
run() {  # run BIN NAME: every output of BIN into $out/NAME.*
  local bin="$1" name="$2"
  (cd "$REPO/examples" && "$bin" mentions --format jsonl -q seeds >"$out/$name.seeds.mentions" &&
    "$bin" extract --format jsonl -q seeds >"$out/$name.seeds.extract")
  for lang in en id; do
    local set="$REPO/bench/out/x1/$lang"
    [[ -d "$set" ]] || continue
    (cd "$set" && "$bin" mentions --format jsonl -q --outlets "../$lang.outlets.tsv" outlet-00 \
      >"$out/$name.$lang.mentions" &&
      "$bin" extract --format jsonl -q --outlets "../$lang.outlets.tsv" outlet-00 \
        >"$out/$name.$lang.extract")
  done
}
run "$old" old
run "$new" new
[[ -d "$REPO/bench/out/x1" ]] || echo "compare.sh: no bench/out/x1 (run bench/run.sh once): seeds only" >&2
for f in "$out"/old.*; do
  what="${f#"$out"/old.}"
  if cmp -s "$f" "$out/new.$what"; then
    echo "same: $what"
  else
    echo "DIFFERENT: $what (diff $f $out/new.$what)"
    rc=1
  fi
done
[[ $rc == 0 ]] && rm -rf "$out"
exit $rc
