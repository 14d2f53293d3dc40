#!/usr/bin/env bash
# End-to-end benchmark of `claims` on the shared corpora. One command, from a fresh clone:
#
#   bash bench/run.sh            # full run: N=5 (x1, x4) / N=3 (x16, x64)
#   bash bench/run.sh --quick    # N=3 / N=1
#   bash bench/run.sh --commit HEAD   # measure exactly a commit (built from `git archive`)
#
# Steps: build Release into build-bench/ if needed; turn ../shared/corpus into plain-text
# articles under bench/out/corpus/; make the replicated sets bench/out/x<N>/<lang>/outlet-NN/...;
# time `claims mentions` and `claims extract` (--format jsonl, -j 1 and -j 2) and the rg floor;
# print a markdown table and append it to bench/RESULTS.md. See bench/README.md.
#
# Settings (environment variables; flags below override them):
#   CLAIMS_CORPUS_ROOT  corpora folder            (default: ../shared/corpus beside the repository)
#   SIZES               replication factors       (default: "1 4 16 64")
#   LANGS               language sets             (default: "en id")
#   THREADS             -j values                 (default: "1 2")
#   COMMANDS            claims subcommands        (default: "mentions extract")
#   RUNS_SMALL          runs per config, x1, x4   (default: 5)
#   RUNS_LARGE          runs per config, x16, x64 (default: 3)
#   TIMEOUT             seconds per run           (default: 600)
#   PAIR=0              no control runs (two `-j1` runs of each command at once each round; default on)
#   MICRO=1             also run the micro-benchmarks (build-bench/claims_bench) first
#   RESULTS             file appended to          (default: bench/RESULTS.md)
#   COMMIT              measure this commit instead of the working tree: its `git archive` is
#                       built in bench/out/build-<rev>/ (benchmark sources from the working tree
#                       when the commit has none), so edits in progress cannot leak into the build
set -euo pipefail

usage() {
  sed -n '2,/^set -e/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'  # the comment at the top
  cat <<'USAGE'
Flags: --quick | --runs-small N | --runs-large N | --sizes "1 4" | --langs "en" | --threads "1 2"
       --commands "mentions" | --timeout S | --no-pair | --micro | --no-build | --commit REV | -h
USAGE
}

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

CORPUS_ROOT="${CLAIMS_CORPUS_ROOT:-$REPO/../shared/corpus}"
SIZES="${SIZES:-1 4 16 64}"
LANGS="${LANGS:-en id}"
THREADS="${THREADS:-1 2}"
COMMANDS="${COMMANDS:-mentions extract}"
RUNS_SMALL="${RUNS_SMALL:-5}"
RUNS_LARGE="${RUNS_LARGE:-3}"
TIMEOUT="${TIMEOUT:-600}"
MICRO="${MICRO:-0}"
PAIR="${PAIR:-1}"
RESULTS="${RESULTS:-bench/RESULTS.md}"
COMMIT="${COMMIT:-}"
BUILD=1

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) RUNS_SMALL=3; RUNS_LARGE=1 ;;
    --runs-small) RUNS_SMALL="$2"; shift ;;
    --runs-large) RUNS_LARGE="$2"; shift ;;
    --sizes) SIZES="$2"; shift ;;
    --langs) LANGS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --commands) COMMANDS="$2"; shift ;;
    --timeout) TIMEOUT="$2"; shift ;;
    --micro) MICRO=1 ;;
    --no-pair) PAIR=0 ;;
    --no-build) BUILD=0 ;;
    --commit) COMMIT="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 3 ;;
  esac
  shift
done

say() { printf 'run.sh: %s\n' "$*" >&2; }

# --- prerequisites ------------------------------------------------------------------------------
if [[ ! -d "$CORPUS_ROOT" ]]; then
  say "SKIPPED: no corpora at $CORPUS_ROOT (set CLAIMS_CORPUS_ROOT to the folder holding bbc-news/,"
  say "indosum-dev/ and detik-2025-summ/). Nothing was measured."
  exit 0
fi
for need in cmake python3; do
  command -v "$need" >/dev/null || { say "missing $need"; exit 1; }
done
[[ -x /usr/bin/time ]] || say "note: /usr/bin/time missing (apt-get install time); RSS comes from wait4() instead"
command -v rg >/dev/null || say "note: rg missing (apt-get install ripgrep); the floor column stays empty"

# --- build ------------------------------------------------------------------------------------------
mkdir -p "$REPO/bench/out"
SRC="$REPO"
BUILD_DIR="$REPO/build-bench"
COMMIT_LABEL=""
if [[ -n "$COMMIT" ]]; then
  rev="$(git -C "$REPO" rev-parse --short "$COMMIT^{commit}" 2>/dev/null)" ||
    { say "--commit: '$COMMIT' is not a commit"; exit 3; }
  COMMIT_LABEL="$rev"
  SRC="$REPO/bench/out/src-$rev"
  BUILD_DIR="$REPO/bench/out/build-$rev"
  if [[ ! -f "$SRC/.complete" ]]; then
    say "exporting commit $rev to bench/out/src-$rev (git archive)"
    rm -rf "$SRC"
    mkdir -p "$SRC"
    git -C "$REPO" archive "$rev" | tar -x -C "$SRC"
    if ! compgen -G "$SRC/bench/*.cc" >/dev/null; then
      mkdir -p "$SRC/bench"
      cp "$REPO"/bench/*.cc "$REPO"/bench/*.h "$SRC/bench/" 2>/dev/null || true
      say "commit $rev has no bench/*.cc: using the working tree's"
    fi
    touch "$SRC/.complete"
  fi
fi

configure() {
  local gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  say "configuring Release build in ${BUILD_DIR#"$REPO"/}/"
  cmake -S "$SRC" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DCLAIMS_BUILD_BENCH=ON \
    -DCLAIMS_BUILD_TESTS=OFF >"$REPO/bench/out/cmake-configure.log" 2>&1 ||
    { cat "$REPO/bench/out/cmake-configure.log" >&2; say "cmake configure failed"; exit 1; }
}
build() {
  say "building claims and claims_bench (incremental)"
  if ! cmake --build "$BUILD_DIR" --target claims claims_bench -j "$(nproc)" >bench/out/build.log 2>&1; then
    grep -E -m 20 -A 3 'error|Error' bench/out/build.log >&2 || tail -20 bench/out/build.log >&2
    say "BUILD FAILED (full log: bench/out/build.log). Nothing was measured; fix the build, or rerun"
    say "with --no-build to measure the binaries already in ${BUILD_DIR#"$REPO"/}/ (they may be stale)."
    exit 1
  fi
}
smoke() {  # the binary must get through the seed articles
  "$BUILD_DIR/claims" mentions --format jsonl -q "$SRC/examples/seeds" >/dev/null 2>bench/out/smoke.log
}
if [[ "$BUILD" == 1 ]]; then
  [[ -f "$BUILD_DIR/CMakeCache.txt" ]] || configure
  build
  if ! smoke; then
    # Sources edited while an earlier build compiled leave objects that look up to date but were
    # compiled against older headers (a torn build): rebuild once from scratch.
    say "the new binary fails on examples/seeds (exit $?): rebuilding ${BUILD_DIR#"$REPO"/}/ from scratch"
    rm -rf "$BUILD_DIR"
    configure
    build
    smoke || say "WARNING: claims still fails on examples/seeds (exit $?, bench/out/smoke.log); measuring anyway"
  fi
fi
CLAIMS="$BUILD_DIR/claims"
[[ -x "$CLAIMS" ]] || { say "no $CLAIMS (run without --no-build)"; exit 1; }

mkdir -p bench/out

# --- micro-benchmarks (optional) -------------------------------------------------------------------
if [[ "$MICRO" == 1 ]]; then
  say "micro-benchmarks -> bench/out/micro.json"
  "$BUILD_DIR/claims_bench" --benchmark_out=bench/out/micro.json --benchmark_out_format=json \
    --benchmark_min_time="${MICRO_MIN_TIME:-0.2}" || say "claims_bench failed (exit $?)"
fi

# --- corpora ------------------------------------------------------------------------------------
PREP=bench/out/corpus
for c in bbc-news indosum-dev detik-2025-summ; do
  if [[ ! -d "$CORPUS_ROOT/$c" ]]; then
    say "SKIPPED corpus $c: not in $CORPUS_ROOT"
    continue
  fi
  if [[ ! -f "$PREP/$c.json" || "$CORPUS_ROOT/$c" -nt "$PREP/$c.json" ]]; then
    python3 tools/corpus/prepare.py --corpus-root "$CORPUS_ROOT" --out "$PREP" "$c"
  fi
done

declare -A SET_CORPORA=([en]="bbc-news" [id]="indosum-dev detik-2025-summ")
declare -A SET_DESC=([en]="English: bbc-news" [id]="Indonesian: indosum-dev (tokenised) + detik-2025-summ")
LANG_DESC=()
for lang in $LANGS; do
  corpora=()
  for c in ${SET_CORPORA[$lang]:-}; do
    [[ -f "$PREP/$c.json" ]] && corpora+=("$c")
  done
  if [[ ${#corpora[@]} -eq 0 ]]; then
    say "SKIPPED language set $lang: none of its corpora (${SET_CORPORA[$lang]:-unknown}) is available"
    continue
  fi
  LANG_DESC+=(--lang-desc "$lang=${SET_DESC[$lang]:-$lang}")
  for n in $SIZES; do
    python3 tools/corpus/replicate.py --prepared "$PREP" --copies "$n" --out "bench/out/x$n/$lang" "${corpora[@]}"
  done
done

# --- measurements -----------------------------------------------------------------------------
PAIR_OFF=""
if [[ "$PAIR" == 0 ]]; then PAIR_OFF=1; fi
say "measuring (N=$RUNS_SMALL small / $RUNS_LARGE large, time limit ${TIMEOUT}s per run)"
# shellcheck disable=SC2086
python3 bench/measure.py --repo "$REPO" --claims "$CLAIMS" --out bench/out \
  --sizes $SIZES --langs $LANGS --threads $THREADS --commands $COMMANDS \
  --runs-small "$RUNS_SMALL" --runs-large "$RUNS_LARGE" --timeout "$TIMEOUT" \
  ${PAIR_OFF:+--no-pair} \
  "${LANG_DESC[@]}" ${COMMIT_LABEL:+--commit "$COMMIT_LABEL"} --results "$RESULTS" --json "bench/out/results-$(date -u +%Y%m%dT%H%M%SZ).json"
