// Value parsing: number tokens (ParseNumberToken, FormatNumber) and date specs (ResolveDate), on
// every number token and every date expression of the seeds. items/s is per token or per date.
#include <benchmark/benchmark.h>

#include "bench_common.h"
#include "claims/dates.h"
#include "claims/numbers.h"
#include "claims/tokenize.h"

namespace claims_bench {
namespace {

struct NumberToken {
  std::string text;
  claims::Lang lang;
};

const std::vector<NumberToken>& NumberTokens() {
  static const auto* toks = [] {
    auto* out = new std::vector<NumberToken>();
    for (const auto& in : Seeds().docs) {
      for (const auto& t : in.doc.tokens) {
        if (t.kind == claims::TokenKind::kNumber) {
          out->push_back({std::string(t.span.In(in.doc.clean)), in.doc.lang});
        }
      }
    }
    return out;
  }();
  return *toks;
}

const std::vector<claims::DateSpec>& DateSpecs() {
  static const auto* specs = [] {
    auto* out = new std::vector<claims::DateSpec>();
    for (const auto& in : Seeds().docs) {
      for (const auto& m : claims::FindDates(GetRules().For(in.doc.lang), in.doc.clean)) {
        out->push_back(m.spec);
      }
    }
    return out;
  }();
  return *specs;
}

void BM_ParseNumberToken(benchmark::State& state) {
  const auto& toks = NumberTokens();
  size_t bytes = 0;
  for (const auto& t : toks) bytes += t.text.size();
  for (auto _ : state) {
    for (const auto& t : toks) {
      double v = 0;
      bool ok = claims::ParseNumberToken(t.text, t.lang, &v);
      benchmark::DoNotOptimize(ok);
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * toks.size()));
  state.counters["tokens"] = static_cast<double>(toks.size());
}
BENCHMARK(BM_ParseNumberToken);

// Parse and format back to the canonical digits, as a number mention's value is made.
void BM_ParseAndFormatNumber(benchmark::State& state) {
  const auto& toks = NumberTokens();
  size_t bytes = 0;
  for (const auto& t : toks) bytes += t.text.size();
  for (auto _ : state) {
    for (const auto& t : toks) {
      double v = 0;
      if (claims::ParseNumberToken(t.text, t.lang, &v)) {
        std::string s = claims::FormatNumber(v);
        benchmark::DoNotOptimize(s.data());
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * toks.size()));
}
BENCHMARK(BM_ParseAndFormatNumber);

void BM_ResolveDate(benchmark::State& state) {
  const auto& specs = DateSpecs();
  const claims::Ymd ref{2025, 4, 28};
  for (auto _ : state) {
    for (const auto& s : specs) {
      claims::Resolved r = claims::ResolveDate(s, ref);
      benchmark::DoNotOptimize(r.value.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * specs.size()));
  state.counters["dates"] = static_cast<double>(specs.size());
}
BENCHMARK(BM_ResolveDate);

void BM_ParseIsoDate(benchmark::State& state) {
  const std::vector<std::string> dates = {"2025-04-28", "2024-02-29", "2023-02-29",
                                          "1999-12-31", "2025-13-01", "not-a-date"};
  size_t bytes = 0;
  for (const auto& d : dates) bytes += d.size();
  for (auto _ : state) {
    for (const auto& d : dates) {
      claims::Ymd y;
      bool ok = claims::ParseIsoDate(d, &y);
      benchmark::DoNotOptimize(ok);
      benchmark::DoNotOptimize(y);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * dates.size()));
}
BENCHMARK(BM_ParseIsoDate);

}  // namespace
}  // namespace claims_bench
