// ParallelFor and ParallelForRanges: every index once, on any number of threads; what the work
// throws comes back to the caller.
#include "claims/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace claims {
namespace {

TEST(ParallelFor, RunsEveryIndexOnce) {
  for (int threads : {0, 1, 2, 7, 64}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{5}, size_t{1000}}) {
      std::vector<std::atomic<int>> hits(n);
      ParallelFor(n, threads, [&](size_t i) { hits[i].fetch_add(1); });
      for (size_t i = 0; i < n; ++i)
        EXPECT_EQ(hits[i].load(), 1) << threads << " " << n << " " << i;
    }
  }
}

TEST(ParallelForRanges, CoversTheRangeInPiecesOfTheGrain) {
  for (int threads : {1, 3}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, size_t{65}, size_t{1000}}) {
      std::vector<std::atomic<int>> hits(n);
      std::atomic<size_t> pieces{0};
      ParallelForRanges(n, 64, threads, [&](size_t begin, size_t end) {
        EXPECT_EQ(begin % 64, 0u);
        EXPECT_TRUE(end - begin == 64 || end == n) << begin << " " << end;
        for (size_t i = begin; i < end; ++i) hits[i].fetch_add(1);
        pieces.fetch_add(1);
      });
      EXPECT_EQ(pieces.load(), (n + 63) / 64);
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(hits[i].load(), 1);
    }
  }
}

// The other threads may still finish every item before the throwing one has unwound (CI saw a
// 4-thread run do all 100,000 trivial items while one thread was raising the process's first
// exception), so each item but the throwing one takes 100 µs: work that did not stop would take
// 2.5 s or more, where stopping takes the time of one throw.
TEST(ParallelFor, RethrowsWhatTheWorkThrowsAndStopsTakingWork) {
  constexpr size_t kItems = 100000;
  for (int threads : {1, 2, 4}) {
    std::atomic<size_t> ran{0};
    EXPECT_THROW(ParallelFor(kItems, threads,
                             [&](size_t i) {
                               ran.fetch_add(1);
                               if (i == 10) throw std::runtime_error("boom");
                               std::this_thread::sleep_for(std::chrono::microseconds(100));
                             }),
                 std::runtime_error);
    if (threads == 1) {
      EXPECT_EQ(ran.load(), 11u);  // in order, and nothing after the throw
    } else {
      EXPECT_LT(ran.load(), kItems) << threads;
    }
  }
}

}  // namespace
}  // namespace claims
