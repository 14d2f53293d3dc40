#!/usr/bin/env bash
# Sharded runs equal a single run: `claims mentions` over shards with GNU parallel, joined by
# `claims extract --from-mentions`, must print byte for byte what `claims extract` prints over all
# the articles at once — for files, for JSON Lines records piped through `parallel --pipe` (as a
# Hadoop Streaming or Spark pipe() mapper sees them), and on a sample of a real corpus when
# ../shared/corpus is there.
# Usage: shard_test.sh CLAIMS_BINARY
set -euo pipefail
bin=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v parallel >/dev/null; then
  echo "shard_test: GNU parallel is not installed (Debian package 'parallel'); install it: apt-get install parallel" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # name, single-run file, sharded file
  if cmp -s "$2" "$3"; then
    echo "ok: $1 ($(wc -l <"$2") lines)"
  else
    echo "FAIL: $1: sharded output differs from the single run" >&2
    diff <(head -c 4000 "$2") <(head -c 4000 "$3") | head -20 >&2
    fail=1
  fi
}

shard_files() {  # name, folder, files per shard
  local name=$1 dir=$2 n=$3
  "$bin" extract -q --format jsonl "$dir" >"$tmp/$name.single.jsonl"
  "$bin" extract -q --format tsv "$dir" >"$tmp/$name.single.tsv"
  find "$dir" -type f -not -name '.*' | LC_ALL=C sort |
    parallel -k -N "$n" "'$bin' mentions -q --format jsonl {}" >"$tmp/$name.mentions.jsonl"
  "$bin" extract -q --from-mentions --format jsonl "$tmp/$name.mentions.jsonl" >"$tmp/$name.sharded.jsonl"
  "$bin" extract -q --from-mentions --format tsv - <"$tmp/$name.mentions.jsonl" >"$tmp/$name.sharded.tsv"
  check "$name jsonl, $n files a shard" "$tmp/$name.single.jsonl" "$tmp/$name.sharded.jsonl"
  check "$name tsv, $n files a shard" "$tmp/$name.single.tsv" "$tmp/$name.sharded.tsv"
}

# 1. The seeds, one and two files a shard (a shard may hold no dated document at all).
shard_files seeds1 "$top/examples/seeds" 1
shard_files seeds2 "$top/examples/seeds" 2

# 2. JSON Lines records through parallel --pipe, two records a shard.
python3 - "$top/examples/seeds" >"$tmp/articles.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        print(json.dumps({"id": name, "outlet": "", "date": "", "url": "", "text": f.read()}))
PY
"$bin" extract -q --input jsonl --format jsonl "$tmp/articles.jsonl" >"$tmp/jl.single.jsonl"
parallel -k --pipe -N 2 "'$bin' mentions -q --input jsonl --format jsonl -" <"$tmp/articles.jsonl" \
  >"$tmp/jl.mentions.jsonl"
"$bin" extract -q --from-mentions --format jsonl "$tmp/jl.mentions.jsonl" >"$tmp/jl.sharded.jsonl"
check "json lines records, parallel --pipe" "$tmp/jl.single.jsonl" "$tmp/jl.sharded.jsonl"

# 3. A sample of a real corpus.
corpus="$top/../shared/corpus/bbc-news"
if [ -d "$corpus" ]; then
  mkdir -p "$tmp/bbc"
  for topic in politics business; do
    find "$corpus/$topic" -name '*.txt' | LC_ALL=C sort | awk 'NR <= 150' |
      while read -r f; do cp "$f" "$tmp/bbc/${topic}_$(basename "$f")"; done
  done
  shard_files bbc300 "$tmp/bbc" 37
else
  echo "skipped: corpus sample ($corpus not found; a clone without ../shared)"
fi
[ "$fail" = 0 ] && echo "shard_test: all sharded runs equal the single run"
exit "$fail"
