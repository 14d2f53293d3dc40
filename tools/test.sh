#!/usr/bin/env bash
# The test command: installs what is needed, builds with warnings as errors, runs every test,
# then the same tests under AddressSanitizer + UndefinedBehaviorSanitizer and under
# ThreadSanitizer, then a short fuzz run of each libFuzzer target. Corpus-only checks skip themselves (saying so) when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
CLAIMS_DEV_DEPS=1 bash tools/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
# Each step says when it starts, counted from the start of this script (CI's budget is its total).
step() { echo "== $* (at ${SECONDS} s)"; }

step "build (RelWithDebInfo, -Werror)"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLAIMS_BUILD_TESTS=ON \
  -DCMAKE_CXX_FLAGS="-Werror" >/dev/null
cmake --build build-ci -j "$jobs"
step "tests"
# The linear-time tests compare timings: they run alone, after the rest.
(cd build-ci && ctest --output-on-failure -j "$jobs" -E '^Linear\.' && ctest --output-on-failure -R '^Linear\.')

if [ "${CLAIMS_SKIP_SANITIZERS:-0}" != 1 ]; then
  step "tests under ASan + UBSan"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCLAIMS_BUILD_TESTS=ON -DCLAIMS_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  (cd build-asan && export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 &&
   ctest --output-on-failure -j "$jobs" -E '^Linear\.' && ctest --output-on-failure -R '^Linear\.')
  # Documents are analysed on a pool of threads and handed over in order: ThreadSanitizer checks
  # the hand-over (tcmalloc off: TSan brings its own allocator; the timing tests are left out).
  step "tests under ThreadSanitizer"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DCLAIMS_BUILD_TESTS=ON -DCLAIMS_TCMALLOC=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=thread -O1" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
  cmake --build build-tsan -j "$jobs"
  (cd build-tsan && export TSAN_OPTIONS=halt_on_error=1 &&
   ctest --output-on-failure -j "$jobs" -E '^Linear\.')
fi

if [ "${CLAIMS_SKIP_FUZZ:-0}" != 1 ] && [ -d fuzz ] && command -v clang++ >/dev/null; then
  step "fuzzing (${CLAIMS_FUZZ_SECONDS:-60} s per target)"
  bash fuzz/run.sh "${CLAIMS_FUZZ_SECONDS:-60}"
fi
echo "== all checks passed in ${SECONDS} s"
