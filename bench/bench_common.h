// Shared inputs of the micro-benchmarks (bench/*.cc, one binary `claims_bench`).
//
// Inputs, read once on first use:
//   - "seeds": the five articles of examples/seeds (or of $CLAIMS_BENCH_SEEDS), each its own
//     document; one iteration processes all five.
//   - "repeat/K": one synthetic document made of K copies of the five seeds one after another.
//     Each non-blank line of copy k > 0 starts with "[k] " so that the duplicate-paragraph rule of
//     StripBoilerplate does not blank the copies (every stage then sees K times the real work).
//
// Every input is analysed once with AnalyzeDocument and keeps its per-stage buffers, so that a
// stage benchmark can feed a stage exactly what the pipeline would feed it.
#ifndef CLAIMS_BENCH_COMMON_H_
#define CLAIMS_BENCH_COMMON_H_

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "claims/document.h"
#include "claims/facts.h"
#include "claims/rules.h"
#include "claims/span.h"

namespace claims_bench {

// One input document after AnalyzeDocument, with its buffers kept.
struct Input {
  claims::Document doc;
  std::vector<claims::Span> protect;  // closed quotations (SplitSentences' `protect`)
  std::vector<claims::Span> taken;    // date and law mentions (FindNumbers' `taken`)
  // Mentions as they stand before FindNames: dates, laws, gazetteer entities, numbers.
  std::vector<claims::Mention> pre_names_mentions;
  // ... and before AttributeSpeakers: the same plus the people FindNames adds.
  std::vector<claims::Mention> pre_speaker_mentions;
};

struct Corpus {
  std::vector<Input> docs;
  size_t bytes = 0;  // sum of original sizes
};

// The rules compiled into the binary (loaded once).
const claims::Rules& GetRules();
// The seeds, one document each.
const Corpus& Seeds();
// One document of `copies` copies of the seeds (cached per copies).
const Corpus& Repeat(int copies);
// The seed folder in use.
const std::string& SeedDir();

// Input by benchmark mode: mode 0 = seeds, mode 1 = repeat with state.range(0) copies.
enum Mode : int { kSeeds = 0, kRepeat = 1 };
const Corpus& InputFor(const benchmark::State& state, int mode);

// Sets bytes and items processed: bytes of `c` and its number of documents, per iteration.
void SetCounters(benchmark::State& state, const Corpus& c);

}  // namespace claims_bench

// Registers fn(state, mode) twice: "fn/seeds" and "fn/repeat/K" for K = 1, 4, 16, 64.
#define CLAIMS_STAGE_BENCHMARK(fn)                      \
  BENCHMARK_CAPTURE(fn, seeds, ::claims_bench::kSeeds); \
  BENCHMARK_CAPTURE(fn, repeat, ::claims_bench::kRepeat)->Arg(1)->Arg(4)->Arg(16)->Arg(64)

#endif  // CLAIMS_BENCH_COMMON_H_
