// ParallelFor: the one way the stages that run over a whole corpus at once (the date pre-scan,
// joining claims into rows, rendering the rows) spread their work over the -j threads.
#ifndef CLAIMS_PARALLEL_H_
#define CLAIMS_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace claims {

// The thread count of -j N: N when positive, else every core (at least one).
inline int ThreadCount(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Runs fn(i) for every i in [0, n) on up to `threads` threads, the calling thread one of them,
// each taking the next i in turn; returns when all are done. What fn throws is rethrown here (the
// first exception; the other threads stop taking work). With no thread to be had, fewer run.
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  if (n == 0) return;
  const size_t t = std::min(static_cast<size_t>(std::max(1, threads)), n);
  if (t == 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::exception_ptr error;
  auto work = [&] {
    try {
      for (size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
        fn(i);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (!error) error = std::current_exception();
      failed.store(true);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(t - 1);
  for (size_t k = 1; k < t; ++k) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads: the ones there are do the rest
    }
  }
  work();
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

// Runs fn(begin, end) over [0, n) cut into pieces of `grain` (the last one shorter), on up to
// `threads` threads as ParallelFor does.
template <typename Fn>
void ParallelForRanges(size_t n, size_t grain, int threads, Fn&& fn) {
  grain = std::max<size_t>(grain, 1);
  ParallelFor((n + grain - 1) / grain, threads,
              [&](size_t k) { fn(k * grain, std::min(n, (k + 1) * grain)); });
}

}  // namespace claims

#endif  // CLAIMS_PARALLEL_H_
