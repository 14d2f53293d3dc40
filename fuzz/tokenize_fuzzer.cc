// Fuzzes the tokeniser and the sentence splitter: Tokenize + SplitParts + SplitSentences, on the
// raw bytes (invalid UTF-8 included) and on the normalised text with its quotations protected, in
// both languages. Checks that tokens are in order, inside the text and cover every non-space
// byte; that parts lie in their tokens; that sentences are in order over whole tokens.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "claims/normalize.h"
#include "claims/quotes.h"
#include "claims/tokenize.h"
#include "fuzz_common.h"

using namespace claims;

namespace {

void Run(std::string_view text, const std::vector<Span>& protect) {
  const Rules& rules = fuzz::EmbeddedRules();
  std::vector<Token> tokens = Tokenize(text);
  fuzz::CheckTokens(text, tokens);
  std::vector<Part> parts = SplitParts(text, tokens);
  fuzz::CheckParts(text, tokens, parts);
  for (Lang lang : {Lang::kId, Lang::kEn}) {
    std::vector<Sentence> sentences = SplitSentences(text, tokens, rules.For(lang), protect);
    fuzz::CheckSentences(text, tokens, sentences);
    // Every token is in exactly one sentence: together they cover all tokens.
    size_t covered = 0;
    for (const Sentence& s : sentences) covered += s.last - s.first;
    FUZZ_CHECK(covered == tokens.size(), "sentences cover %zu of %zu tokens", covered,
               tokens.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  Run(raw, {});
  NormalizedText norm = Normalize(raw);
  std::vector<Token> tokens = Tokenize(norm.text);
  std::vector<Quotation> quotes = FindQuotations(norm.text, raw, norm, tokens);
  std::vector<Span> protect;
  for (const Quotation& q : quotes) {
    if (!q.close.empty()) protect.push_back({q.open.begin, q.close.end});
  }
  Run(norm.text, protect);
  return 0;
}
