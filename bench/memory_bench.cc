// What fresh memory costs on this machine: the first touch of each page of a new 32 MB mapping, in
// small (4 KB) pages or in transparent huge ones (2 MB, madvise(MADV_HUGEPAGE)), left to fault in
// or populated first (madvise(MADV_POPULATE_WRITE)). It is why include/claims/heap.h hands tcmalloc
// whole huge pages: on the PVM guests of bench/README.md a small page cost 10-12 us to fault in and
// still 4.7 us at its first touch once populated (the hypervisor fills its own page table a page at
// a time), a huge one 0.2 us a 4 KB page. bytes/s is per byte of the mapping, so the four rows
// compare directly. A kernel without either advice measures the small pages twice.
#include <benchmark/benchmark.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace claims_bench {
namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

constexpr size_t kBytes = size_t{32} << 20;
constexpr size_t kHuge = size_t{2} << 20;
constexpr size_t kSmall = 4096;

// Maps kBytes aligned to a huge page (so that every 2 MB of it can be one), advises, touches one
// byte of every small page, unmaps. Only the advice and the touches are timed.
void BM_FirstTouch(benchmark::State& state) {
  const bool huge = state.range(0) != 0;
  const bool populate = state.range(1) != 0;
  for (auto _ : state) {
    state.PauseTiming();
    void* m = mmap(nullptr, kBytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (m == MAP_FAILED) {
      state.SkipWithError("mmap failed");
      break;
    }
    auto* p = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(m) + kHuge - 1) & ~(kHuge - 1));
    state.ResumeTiming();
    if (huge) madvise(p, kBytes, MADV_HUGEPAGE);
    if (populate) madvise(p, kBytes, MADV_POPULATE_WRITE);
    for (size_t i = 0; i < kBytes; i += kSmall) p[i] = 1;
    benchmark::ClobberMemory();
    state.PauseTiming();
    munmap(m, kBytes + kHuge);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kBytes));
}
BENCHMARK(BM_FirstTouch)
    ->ArgNames({"huge", "populate"})
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace claims_bench
