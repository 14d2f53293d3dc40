#!/usr/bin/env bash
# Builds every libFuzzer target (fuzz/*_fuzzer.cc) with clang in build-fuzz/ and runs each one for
# SECONDS (default 60) on a fresh copy of the seed corpus, with the dictionary fuzz/dict.txt.
#
#   bash fuzz/run.sh [SECONDS]
#
# Exit status: 0 when no target found anything (or clang is missing: skipped, saying so);
# 1 on any crash, leak, timeout, out-of-memory or sanitizer report (the crashing input's path is
# printed, and kept under build-fuzz/artifacts/), or when the build fails.
#
# The seed corpus is built at run time in a temporary folder, never committed: the articles in
# examples/seeds/, every input kept in tests/regressions/, the JSON Lines fixtures of
# tests/fixtures/bad/ (one record a seed), and for rules_fuzzer each data/ file in its input format.
#
# Environment: CLAIMS_FUZZ_TARGETS="dates json" runs only those targets; CLAIMS_FUZZ_JOBS sets
# the build's parallelism (default: all cores); CLAIMS_FUZZ_PARALLEL how many targets run at once
# (default: the same); CLAIMS_FUZZ_ARGS adds libFuzzer flags.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
seconds=${1:-60}
case "$seconds" in
  '' | *[!0-9]*) echo "usage: bash fuzz/run.sh [SECONDS]" >&2; exit 2 ;;
esac

if ! command -v clang >/dev/null 2>&1 || ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz/run.sh: clang not found: fuzzing skipped (install the Debian packages clang and libclang-rt-dev)"
  exit 0
fi

jobs=${CLAIMS_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
build="$root/build-fuzz"
work=$(mktemp -d "${TMPDIR:-/tmp}/claims-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# libFuzzer's runtime comes with libclang-rt-dev; say so plainly when it is missing.
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
  > "$work/probe.cc"
if ! clang++ -fsanitize=fuzzer,address,undefined "$work/probe.cc" -o "$work/probe" >"$work/probe.log" 2>&1; then
  cat "$work/probe.log" >&2
  echo "fuzz/run.sh: clang cannot build a libFuzzer binary: install libclang-rt-dev" >&2
  exit 1
fi

# ---- Build ----
# The fuzz targets get -fsanitize=fuzzer,address,undefined from CMakeLists.txt; the library they
# link is instrumented too (coverage, ASan, UBSan), or libFuzzer would fuzz it blind.
targets=()
for src in fuzz/*_fuzzer.cc; do
  name=$(basename "$src" .cc)
  if [ -n "${CLAIMS_FUZZ_TARGETS:-}" ]; then
    case " $CLAIMS_FUZZ_TARGETS " in
      *" $name "* | *" ${name%_fuzzer} "*) ;;
      *) continue ;;
    esac
  fi
  targets+=("$name")
done
if [ "${#targets[@]}" -eq 0 ]; then
  echo "fuzz/run.sh: no fuzz targets selected" >&2
  exit 1
fi

echo "== building ${#targets[@]} fuzz targets in build-fuzz/"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if ! CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCLAIMS_BUILD_FUZZ=ON -DCLAIMS_BUILD_TESTS=OFF -DCLAIMS_BUILD_BENCH=OFF \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      "-DCMAKE_CXX_FLAGS=$flags" >"$work/configure.log" 2>&1; then
  cat "$work/configure.log" >&2
  echo "fuzz/run.sh: cmake configure failed" >&2
  exit 1
fi
if ! cmake --build "$build" -j "$jobs" --target "${targets[@]}" >"$work/build.log" 2>&1; then
  tail -n 60 "$work/build.log" >&2
  echo "fuzz/run.sh: build failed (full log above, last 60 lines)" >&2
  exit 1
fi

# ---- Seed corpus (built fresh each run, in the temporary folder) ----
seeds="$work/seeds"
mkdir -p "$seeds/common" "$seeds/rules" "$seeds/json"
n=0
for f in examples/seeds/* tests/regressions/* tests/fixtures/bad/*; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cp "$f" "$seeds/common/$(printf '%04d' "$n")-$(basename "$f")"
done
# One seed per JSON Lines record (good and bad ones).
for f in tests/fixtures/bad/*.jsonl tests/regressions/*.jsonl; do
  [ -f "$f" ] || continue
  split -l 1 -a 4 "$f" "$seeds/json/$(basename "$f" .jsonl)-"
done
printf '{"id":"a","outlet":"A","date":"2025-04-28","url":"u","text":"\\"Kami yakin,\\" kata Putin."}' \
  >"$seeds/json/record"
printf '{"kind":"date","start":10,"end":20,"spec":"y=2025;m=4;d=26;wd=6","anchor":"run"}' \
  >"$seeds/json/mention"
printf '[1,-2.5e3,true,false,null,"\\u00e9\\ud83d\\ude00",{"a":[{}]}]' >"$seeds/json/array"
# rules_fuzzer: the first line names the data/ file, the rest is its content.
while IFS= read -r f; do
  rel=${f#data/}
  { printf '%s\n' "$rel"; cat "$f"; } >"$seeds/rules/$(echo "$rel" | tr '/' '_')"
done < <(find data -type f \( -name '*.tsv' -o -name '*.rules' \) | sort)
printf '2025-04-28\ny=2025;m=4;d=26;wd=6\nSabtu (26/4/1025) dan tahun lalu, 1950-an, musim gugur 2024\n' \
  >"$seeds/common/dates-spec"

# ---- Run ----
artifacts="$build/artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1:symbolize=1}"
# Targets run side by side, as many at once as there are cores (CLAIMS_FUZZ_PARALLEL), each on
# one core for its SECONDS; they are reported one after another, in order, once all are done.
parallel=${CLAIMS_FUZZ_PARALLEL:-$jobs}
case "$parallel" in
  '' | *[!0-9]* | 0) parallel=1 ;;
esac
run_target() {
  local t=$1 corpus="$work/corpus-$1"
  # shellcheck disable=SC2086
  "$build/$t" "$corpus" -dict="$root/fuzz/dict.txt" -max_len=65536 -timeout=10 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/$t/" \
    ${CLAIMS_FUZZ_ARGS:-} >"$artifacts/$t.log" 2>&1
  echo $? >"$work/status-$t"
}
echo "== running ${#targets[@]} targets for ${seconds}s each, $parallel at a time"
running=0
for t in "${targets[@]}"; do
  corpus="$work/corpus-$t"
  rm -rf "${artifacts:?}/$t" "$work/status-$t"
  mkdir -p "$corpus" "$artifacts/$t"
  cp "$seeds/common/"* "$corpus/"
  case "$t" in
    rules_fuzzer) cp "$seeds/rules/"* "$corpus/" ;;
    json_fuzzer) cp "$seeds/json/"* "$corpus/" 2>/dev/null || true ;;
  esac
  if [ "$running" -ge "$parallel" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

failed=()
summary=()
for t in "${targets[@]}"; do
  log="$artifacts/$t.log"
  echo "== $t: ${seconds}s"
  # A target whose run left no status was killed before it could write one.
  status=$(cat "$work/status-$t" 2>/dev/null || echo 125)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  found=$(grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|==ERROR|invariant failed|ALARM: working on the last Unit' "$log" | head -n 1)
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    failed+=("$t")
    echo "!! $t FAILED (exit status $status): ${found:-see the log}"
    grep -E 'runtime error:|ERROR:|invariant failed|SUMMARY:|ALARM|#[0-9]+ 0x' "$log" | head -n 40
    grep -o "Test unit written to .*" "$log" | sort -u | sed 's/^Test unit written to /!! crashing input: /'
    echo "!! full log: $log"
  else
    echo "   $t: ok, ${execs:-?} runs, ${rate:-?} runs/s"
  fi
  summary+=("$(printf '%-18s %6ss %10s runs %8s runs/s  %s' "$t" "$seconds" "${execs:-?}" "${rate:-?}" \
    "$([ "$status" -ne 0 ] || [ -n "$found" ] && echo FAILED || echo ok)")")
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz/run.sh: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  echo "fuzz/run.sh: keep each crashing input in tests/regressions/ with a descriptive name" >&2
  exit 1
fi
echo "fuzz/run.sh: no crashes, leaks, timeouts or sanitizer reports"
