// Whole-pipeline micro-benchmarks: AnalyzeDocument (every per-article stage, speakers included)
// and AnalyzeDocuments (the same, stage by stage over a batch), claim matching (ClaimMatcher Add
// + Finish) over copies of the seeds with renamed outlets, the JSON Lines mention printer, and
// loading the embedded rules (the start-up cost of every run).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench_common.h"
#include "claims/claims.h"
#include "claims/document.h"
#include "claims/facts.h"
#include "claims/printer.h"
#include "claims/run.h"

namespace claims_bench {
namespace {

using claims::Document;

// A fresh document of an input, as RunPipeline reads it: its path, name and bytes, not analysed.
Document Unanalysed(const Input& in) {
  Document d;
  d.path = in.doc.path;
  d.name = in.doc.name;
  d.original = in.doc.original;
  return d;
}

// The per-article pipeline as RunPipeline calls it: a fresh Document per article.
void BM_AnalyzeDocument(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  size_t mentions = 0;
  for (auto _ : state) {
    mentions = 0;
    for (const auto& in : c.docs) {
      Document d = Unanalysed(in);
      claims::AnalyzeDocument(rules, &d);
      mentions += d.mentions.size();
      benchmark::DoNotOptimize(d.mentions.data());
    }
  }
  SetCounters(state, c);
  state.counters["mentions"] = static_cast<double>(mentions);
}
CLAIMS_STAGE_BENCHMARK(BM_AnalyzeDocument);

// The same articles as one batch, stage by stage (AnalyzeDocuments), as a worker of RunPipeline
// analyses a batch of files. On the seeds (five articles) the batch is the five.
void BM_AnalyzeDocuments(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  size_t mentions = 0;
  for (auto _ : state) {
    mentions = 0;
    std::vector<Document> docs;
    for (const auto& in : c.docs) docs.push_back(Unanalysed(in));
    std::vector<Document*> batch;
    for (Document& d : docs) batch.push_back(&d);
    claims::AnalyzeDocuments(rules, batch);
    for (const Document& d : docs) {
      mentions += d.mentions.size();
      benchmark::DoNotOptimize(d.mentions.data());
    }
  }
  SetCounters(state, c);
  state.counters["mentions"] = static_cast<double>(mentions);
}
BENCHMARK_CAPTURE(BM_AnalyzeDocuments, seeds, ::claims_bench::kSeeds);

// The texts of the files under $CLAIMS_BENCH_CORPUS (a folder of outlet folders, such as
// bench/out/x1/en), walked and read as a run reads them, else the seeds'; and a label that says
// which.
struct Texts {
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::string label;
};
const Texts& CorpusTexts() {
  static const Texts* t = [] {
    auto* out = new Texts();
    const char* dir = std::getenv("CLAIMS_BENCH_CORPUS");
    if (dir && *dir) {
      std::vector<claims::Skipped> skipped;
      const std::vector<std::string> files = claims::ExpandPaths({dir}, &skipped);
      for (const claims::Skipped& k : skipped) {
        if (k.error) {
          std::fprintf(stderr, "claims_bench: %s: %s\n", k.path.c_str(), k.reason.c_str());
          std::exit(1);
        }
      }
      if (files.empty()) {
        std::fprintf(stderr, "claims_bench: CLAIMS_BENCH_CORPUS=%s: no files\n", dir);
        std::exit(1);
      }
      for (const auto& f : files) {
        std::string bytes;
        if (claims::Status s = claims::ReadDocument(f, claims::RunOptions().max_bytes, &bytes);
            !s.ok()) {
          std::fprintf(stderr, "claims_bench: %s: %s\n", f.c_str(), s.message().c_str());
          std::exit(1);
        }
        out->texts.push_back(std::move(bytes));
      }
      out->label = dir;
    } else {
      for (const auto& in : Seeds().docs) out->texts.push_back(in.doc.original);
      out->label = "seeds (set CLAIMS_BENCH_CORPUS for a corpus)";
    }
    for (const auto& x : out->texts) out->bytes += x.size();
    return out;
  }();
  return *t;
}

// The analysis alone on one thread and on two at once, each thread analysing every text in
// a worker's batches (kBatch, kBatchBytes: AnalyzeDocuments, as RunPipeline does), the second
// thread starting half-way through, so that the two analyse different articles at any moment. With
// UseRealTime, bytes_per_second is the threads' sum: twice one thread's when a second thread
// costs the analysis nothing. What falls short is what two threads pay for sharing a process
// (the rules' RE2 caches and locks, the allocator, the machine's caches and memory), without the
// pipeline around the analysis (bench/README.md, twenty-ninth look).
void BM_AnalyzeDocumentsThreads(benchmark::State& state) {
  const Texts& t = CorpusTexts();
  const claims::Rules& rules = GetRules();
  const size_t n = t.texts.size();
  const size_t first = n * static_cast<size_t>(state.thread_index()) /
                       static_cast<size_t>(std::max(1, state.threads()));
  for (auto _ : state) {
    for (size_t i = 0; i < n;) {
      std::vector<Document> docs;
      size_t bytes = 0;
      for (; i < n && bytes < claims::kBatchBytes && docs.size() < claims::kBatch; ++i) {
        docs.emplace_back();
        docs.back().path = docs.back().name = "bench.txt";
        docs.back().original = t.texts[(first + i) % n];
        bytes += docs.back().original.size();
      }
      std::vector<Document*> batch;
      for (Document& d : docs) batch.push_back(&d);
      claims::AnalyzeDocuments(rules, batch);
      for (const Document& d : docs) benchmark::DoNotOptimize(d.mentions.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(t.bytes));
  state.SetLabel(t.label);
}
BENCHMARK(BM_AnalyzeDocumentsThreads)->Threads(1)->Threads(2)->UseRealTime();

// What `claims extract` does per article: AnalyzeDocument, then FindFacts, then DropBuffers.
void BM_AnalyzeForExtract(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      Document d = Unanalysed(in);
      claims::AnalyzeDocument(rules, &d);
      auto facts = claims::FindFacts(rules, d);
      d.DropBuffers();
      benchmark::DoNotOptimize(facts.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_AnalyzeForExtract);

// The seeds as `claims extract` hands them to the matcher: analysed, facts found, dates resolved
// against the run's date, buffers dropped.
struct Analysed {
  std::vector<Document> docs;
  std::vector<std::vector<claims::FactCandidate>> facts;
  size_t bytes = 0;
};

const Analysed& AnalysedSeeds() {
  static const Analysed* a = [] {
    auto* out = new Analysed();
    const claims::Rules& rules = GetRules();
    for (const auto& in : Seeds().docs) {
      Document d = Unanalysed(in);
      claims::AnalyzeDocument(rules, &d);
      out->facts.push_back(claims::FindFacts(rules, d));
      out->bytes += d.original.size();
      out->docs.push_back(std::move(d));
    }
    // Dates as RunPipeline resolves them: the document's own date, else the run's most common.
    std::vector<claims::Ymd> own;
    for (const auto& d : out->docs) {
      if (d.own_date) own.push_back(*d.own_date);
    }
    std::optional<claims::Ymd> run_date = claims::MostCommonDate(own);
    for (auto& d : out->docs) {
      if (d.own_date)
        claims::ResolveDocumentDates(&d, *d.own_date, "own");
      else if (run_date)
        claims::ResolveDocumentDates(&d, *run_date, "run");
      else
        claims::ResolveDocumentDates(&d, claims::Ymd{}, "none");
      if (d.outlet.empty()) d.outlet = d.name;
      d.DropBuffers();
    }
    return out;
  }();
  return *a;
}

// `copies` copies of the analysed seeds; copy k lives in "outlet-kk/" and its outlet is renamed
// "<outlet>-kk", so every copy is a different outlet reporting the same claims.
const Analysed& SeedCopies(int copies) {
  static std::map<int, std::unique_ptr<Analysed>> cache;
  auto& slot = cache[copies];
  if (!slot) {
    const Analysed& base = AnalysedSeeds();
    slot = std::make_unique<Analysed>();
    char tag[32];
    for (int k = 0; k < copies; ++k) {
      std::snprintf(tag, sizeof tag, "%02d", k);
      for (size_t i = 0; i < base.docs.size(); ++i) {
        Document d = base.docs[i];
        d.path = std::string("outlet-") + tag + "/" + d.name;
        d.outlet = base.docs[i].outlet + "-" + tag;
        slot->docs.push_back(std::move(d));
        slot->facts.push_back(base.facts[i]);
        slot->bytes += base.docs[i].original.size();
      }
    }
  }
  return *slot;
}

void BM_ClaimMatcher(benchmark::State& state) {
  const Analysed& a = SeedCopies(static_cast<int>(state.range(0)));
  const claims::Rules& rules = GetRules();
  size_t rows = 0;
  for (auto _ : state) {
    claims::ClaimMatcher m(rules);
    for (size_t i = 0; i < a.docs.size(); ++i) m.Add(a.docs[i], a.facts[i]);
    std::vector<claims::ClaimRow> r = m.Finish();
    rows = r.size();
    benchmark::DoNotOptimize(r.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(a.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(a.docs.size()));
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ClaimMatcher)->ArgName("copies")->Arg(1)->Arg(4)->Arg(16)->Arg(64);

// A matcher with articles added as `claims extract` adds them: those under $CLAIMS_BENCH_CORPUS
// (a folder of outlet folders, such as bench/out/x1/en that bench/run.sh makes), else 64 copies
// of the seeds. The seeds give few rows with many members each; a corpus gives thousands.
struct Matched {
  std::unique_ptr<claims::ClaimMatcher> matcher;
  std::string label;
};
const Matched& MatchedInput() {
  static const Matched* m = [] {
    auto* out = new Matched();
    out->matcher = std::make_unique<claims::ClaimMatcher>(GetRules());
    const char* dir = std::getenv("CLAIMS_BENCH_CORPUS");
    if (dir && *dir) {
      claims::RunOptions opt;
      opt.paths = {dir};
      opt.find_facts = true;
      opt.prepare_quote_units = true;
      claims::RunStats stats;
      claims::RunPipeline(
          GetRules(), opt,
          [&](claims::RunItem& item) {
            if (item.doc) out->matcher->Add(*item.doc, *item.facts, item.quote_units);
          },
          &stats);
      out->label = dir;
    } else {
      const Analysed& a = SeedCopies(64);
      for (size_t i = 0; i < a.docs.size(); ++i) out->matcher->Add(a.docs[i], a.facts[i]);
      out->label = "seeds x64 (set CLAIMS_BENCH_CORPUS for a corpus)";
    }
    return out;
  }();
  return *m;
}

// Finish alone (joining the matched claims into rows and sorting them), on 1 and 2 threads.
void BM_ClaimMatcherFinish(benchmark::State& state) {
  const Matched& m = MatchedInput();
  const int threads = static_cast<int>(state.range(0));
  size_t rows = 0;
  for (auto _ : state) {
    std::vector<claims::ClaimRow> r = m.matcher->Finish(threads);
    rows = r.size();
    benchmark::DoNotOptimize(r.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(rows));
  state.SetLabel(m.label);
}
BENCHMARK(BM_ClaimMatcherFinish)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// The claims table as JSON Lines to /dev/null (what `claims extract --format jsonl` writes), on
// 1 and 2 threads.
void BM_PrintClaimsJsonl(benchmark::State& state) {
  const Matched& m = MatchedInput();
  const int threads = static_cast<int>(state.range(0));
  const std::vector<claims::ClaimRow> rows = m.matcher->Finish();
  std::FILE* out = std::fopen("/dev/null", "w");
  if (!out) {
    state.SkipWithError("cannot open /dev/null");
    return;
  }
  for (auto _ : state) {
    claims::PrintClaims(claims::Format::kJsonl, rows, {}, claims::TableOptions{}, out, threads);
    std::fflush(out);
  }
  std::fclose(out);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(rows.size()));
  state.SetLabel(m.label);
}
BENCHMARK(BM_PrintClaimsJsonl)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// JSON Lines mention printing to /dev/null (what `claims mentions --format jsonl` writes: a
// document line, its mentions, and its fact candidates).
void BM_PrintMentionsJsonl(benchmark::State& state) {
  const Analysed& a = AnalysedSeeds();
  std::FILE* out = std::fopen("/dev/null", "w");
  if (!out) {
    state.SkipWithError("cannot open /dev/null");
    return;
  }
  for (auto _ : state) {
    auto printer = claims::MakeMentionPrinter(claims::Format::kJsonl, out);
    printer->Begin();
    for (size_t i = 0; i < a.docs.size(); ++i) printer->Print(a.docs[i], &a.facts[i]);
    std::fflush(out);
  }
  std::fclose(out);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(a.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(a.docs.size()));
}
BENCHMARK(BM_PrintMentionsJsonl);

// The pre-scan RunPipeline makes of every file's first bytes to know the run's most common date.
void BM_FindOwnDate(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      auto d = claims::FindOwnDate(rules, in.doc.original);
      benchmark::DoNotOptimize(d);
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_FindOwnDate);

// Parsing data/ and compiling every regex: paid once per `claims` run.
void BM_LoadEmbeddedRules(benchmark::State& state) {
  for (auto _ : state) {
    claims::Rules rules;
    claims::Status s = claims::LoadEmbeddedRules(&rules);
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      break;
    }
    benchmark::DoNotOptimize(&rules);
  }
}
BENCHMARK(BM_LoadEmbeddedRules)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace claims_bench
