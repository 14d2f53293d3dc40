// Per-stage micro-benchmarks: each stage of AnalyzeDocument on its own, fed the buffers the
// pipeline would feed it (see bench_common.h for the inputs). bytes/s is per byte of the
// article's original text, items/s per document, so the stages add up to BM_AnalyzeDocument.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "bench_common.h"
#include "claims/boilerplate.h"
#include "claims/dates.h"
#include "claims/entities.h"
#include "claims/facts.h"
#include "claims/names.h"
#include "claims/normalize.h"
#include "claims/numbers.h"
#include "claims/quotes.h"
#include "claims/speakers.h"
#include "claims/tokenize.h"
#include "claims/utf8.h"

namespace claims_bench {
namespace {

using claims::Document;

void TokenCounter(benchmark::State& state, const Corpus& c) {
  size_t tokens = 0;
  for (const auto& in : c.docs) tokens += in.doc.tokens.size();
  state.counters["tokens"] =
      benchmark::Counter(static_cast<double>(tokens) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// 1. Normalise: NFC, quote and dash folding, offset map.
void BM_Normalize(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      claims::NormalizedText n = claims::Normalize(in.doc.original);
      benchmark::DoNotOptimize(n.text.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_Normalize);

// 2. Boilerplate: the boilerplate.rules regexes line by line, then duplicate paragraphs. The copy
// of the normalised text that the stage blanks in place is included (AnalyzeDocument makes it too).
void BM_StripBoilerplate(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      std::string text = in.doc.norm.text;
      auto removed = claims::StripBoilerplate(rules, &text);
      benchmark::DoNotOptimize(removed.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_StripBoilerplate);

// 3a. Tokenise.
void BM_Tokenize(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      auto toks = claims::Tokenize(in.doc.clean);
      benchmark::DoNotOptimize(toks.data());
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_Tokenize);

// 3b. Word parts (hyphen splitting), the unit of gazetteer and phrase lookups.
void BM_SplitParts(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      auto parts = claims::SplitParts(in.doc.clean, in.doc.tokens);
      benchmark::DoNotOptimize(parts.data());
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_SplitParts);

// 3b'. The word-list flags of every part (LangRules::first_words), read by the later stages.
void BM_PartFlags(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      const Document& d = in.doc;
      const claims::LangRules& lang = rules.For(d.lang);
      std::vector<uint8_t> flags(d.parts.size());
      for (size_t i = 0; i < d.parts.size(); ++i) {
        flags[i] = lang.first_words.Get(d.parts[i].span.In(d.folded));
      }
      benchmark::DoNotOptimize(flags.data());
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_PartFlags);

// 3c. The same-length lower-cased copy every case-insensitive lookup reads (language
// identification, gazetteer, word lists).
void BM_FoldSameLength(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      std::string f = claims::FoldSameLength(in.doc.clean);
      benchmark::DoNotOptimize(f.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_FoldSameLength);

// 3d. Quotations: pairing quote marks.
void BM_FindQuotations(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      const Document& d = in.doc;
      auto q = claims::FindQuotations(d.clean, d.original, d.norm, d.tokens);
      benchmark::DoNotOptimize(q.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_FindQuotations);

// 3e. Sentences (abbreviation lookups in the word list, for the words the tokens' look-ups do not
// rule out, as the analysis splits them).
void BM_SplitSentences(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      const Document& d = in.doc;
      auto s =
          claims::SplitSentences(d.clean, d.tokens, rules.For(d.lang), in.protect, &d.token_words);
      benchmark::DoNotOptimize(s.data());
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_SplitSentences);

// 4a. Dates: the RE2::Set prefilter, then every matching date rule over the whole text.
void BM_FindDates(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& in : c.docs) {
      auto m = claims::FindDates(rules.For(in.doc.lang), in.doc.clean);
      found += m.size();
      benchmark::DoNotOptimize(m.data());
    }
  }
  SetCounters(state, c);
  state.counters["dates"] = static_cast<double>(found);
}
CLAIMS_STAGE_BENCHMARK(BM_FindDates);

// 4b. Laws: the rule set once over the whole text, then the rules it names, as AnalyzeDocument
// runs them (the loop is inside AnalyzeDocument, so it is reproduced here without the templates).

void BM_LawRules(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    size_t found = 0;
    for (const auto& in : c.docs) {
      std::string_view text(in.doc.clean);
      const claims::LangRules& lang = rules.For(in.doc.lang);
      std::vector<int> hits;
      if (!lang.law_set || (lang.law_filter && !lang.law_filter->MayMatch(in.doc.folded)) ||
          !lang.law_set->Match(re2::StringPiece(text.data(), text.size()), &hits))
        continue;
      std::sort(hits.begin(), hits.end());
      for (int hi : hits) {
        const claims::Rule& r = lang.laws[static_cast<size_t>(hi)];
        int ng = r.re->NumberOfCapturingGroups();
        std::vector<re2::StringPiece> g(static_cast<size_t>(ng) + 1);
        size_t pos = 0;
        re2::StringPiece input(text.data(), text.size());
        while (pos < text.size() &&
               r.re->Match(input, pos, text.size(), RE2::UNANCHORED, g.data(), ng + 1)) {
          size_t b = static_cast<size_t>(g[0].data() - text.data());
          size_t e = b + g[0].size();
          pos = e > b ? e : b + 1;
          ++found;
        }
      }
    }
    benchmark::DoNotOptimize(found);
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_LawRules);

// The law filter alone (AtomFilter::MayMatch over the folded text), the test that spares most
// documents the law set's pass; items: documents, `passed`: those sent on to the set.
void BM_LawFilter(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  size_t passed = 0;
  for (auto _ : state) {
    passed = 0;
    for (const auto& in : c.docs) {
      const claims::LangRules& lang = rules.For(in.doc.lang);
      passed += lang.law_filter && lang.law_filter->MayMatch(in.doc.folded);
    }
    benchmark::DoNotOptimize(passed);
  }
  SetCounters(state, c);
  state.counters["passed"] = static_cast<double>(passed);
}
CLAIMS_STAGE_BENCHMARK(BM_LawFilter);

// 4b. The word look-up: each part's entry in the table of every language's words
// (PartWords), then each entry read as language identification reads it.
void BM_PartWords(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      auto words = claims::PartWords(rules, in.doc.folded, in.doc.parts);
      unsigned langs = 0;
      for (const auto* w : words) langs += w ? w->stop_langs : 0;
      benchmark::DoNotOptimize(langs);
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_PartWords);

// 4c. Gazetteer lookup: longest alias match over word parts.
void BM_MatchGazetteer(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  // Each part's word entry, as the tokens' stage hands them on (not timed).
  std::vector<std::vector<const claims::Rules::WordInfo*>> words;
  for (const auto& in : c.docs)
    words.push_back(claims::PartWords(rules, in.doc.folded, in.doc.parts));
  for (auto _ : state) {
    for (size_t k = 0; k < c.docs.size(); ++k) {
      const Document& d = c.docs[k].doc;
      auto m = claims::MatchGazetteer(rules.gazetteer, d.lang, d.clean, d.folded, d.tokens, d.parts,
                                      &d.part_flags, &words[k]);
      benchmark::DoNotOptimize(m.data());
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_MatchGazetteer);

// 4d. Numbers with units and qualifiers.
void BM_FindNumbers(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      const Document& d = in.doc;
      auto m = claims::FindNumbers(rules.For(d.lang), d.clean, d.folded, d.tokens, d.parts,
                                   in.taken, &d.part_flags);
      benchmark::DoNotOptimize(m.data());
    }
  }
  SetCounters(state, c);
  TokenCounter(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_FindNumbers);

// 5a. Names the gazetteer does not know (titles, roles, speech verbs, short forms): each
// iteration restores the mentions as they stand before the stage (included in the time).
void BM_FindNames(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  std::vector<Document> work;
  for (const auto& in : c.docs) {
    Document d;
    d.lang = in.doc.lang;
    d.clean = in.doc.clean;
    d.folded = in.doc.folded;
    d.tokens = in.doc.tokens;
    d.parts = in.doc.parts;
    d.part_flags = in.doc.part_flags;
    d.token_words = in.doc.token_words;
    d.sentences = in.doc.sentences;
    d.quotes = in.doc.quotes;
    work.push_back(std::move(d));
  }
  for (auto _ : state) {
    for (size_t i = 0; i < work.size(); ++i) {
      work[i].mentions = c.docs[i].pre_names_mentions;
      claims::FindNames(rules, &work[i]);
      benchmark::DoNotOptimize(work[i].mentions.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_FindNames);

// 5b. Speakers on their own: each iteration restores the mentions as they stand before the stage
// (a vector copy, included in the time) and attributes every quotation.
void BM_AttributeSpeakers(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  // Working copies holding the buffers the stage reads (clean, tokens, sentences, quotes).
  std::vector<Document> work;
  for (const auto& in : c.docs) {
    Document d;
    d.lang = in.doc.lang;
    d.clean = in.doc.clean;
    d.folded = in.doc.folded;
    d.tokens = in.doc.tokens;
    d.parts = in.doc.parts;
    d.part_flags = in.doc.part_flags;
    d.token_words = in.doc.token_words;
    d.sentences = in.doc.sentences;
    d.quotes = in.doc.quotes;
    work.push_back(std::move(d));
  }
  for (auto _ : state) {
    for (size_t i = 0; i < work.size(); ++i) {
      work[i].mentions = c.docs[i].pre_speaker_mentions;
      claims::AttributeSpeakers(rules, &work[i]);
      benchmark::DoNotOptimize(work[i].mentions.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_AttributeSpeakers);

// Fact candidates (only `claims extract` runs this, per document after AnalyzeDocument).
void BM_FindFacts(benchmark::State& state, int mode) {
  const Corpus& c = InputFor(state, mode);
  const claims::Rules& rules = GetRules();
  for (auto _ : state) {
    for (const auto& in : c.docs) {
      auto f = claims::FindFacts(rules, in.doc);
      benchmark::DoNotOptimize(f.data());
    }
  }
  SetCounters(state, c);
}
CLAIMS_STAGE_BENCHMARK(BM_FindFacts);

}  // namespace
}  // namespace claims_bench
