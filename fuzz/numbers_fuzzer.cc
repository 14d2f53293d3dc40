// Fuzzes numbers: ParseNumberToken on the input and on every number token, in both languages'
// conventions, and FindNumbers over the normalised text with dates taken out, as the pipeline
// runs it. Checks that matches lie in the text, in order, outside the taken spans, and that every
// value is digits (with one decimal point, or a range a-b) as the README's schema promises.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "claims/dates.h"
#include "claims/normalize.h"
#include "claims/numbers.h"
#include "claims/tokenize.h"
#include "fuzz_common.h"

using namespace claims;

namespace {

// "4000000", "13.6", "10000-12000": digits, at most one '.' per number, one '-' between two.
bool IsDigitsValue(std::string_view v) {
  if (v.empty()) return false;
  size_t dash = v.find('-');
  if (dash != std::string_view::npos) {
    return IsDigitsValue(v.substr(0, dash)) && IsDigitsValue(v.substr(dash + 1));
  }
  int dots = 0;
  for (char c : v) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots <= 1 && v.front() != '.' && v.back() != '.';
}

void CheckToken(std::string_view tok) {
  for (Lang lang : {Lang::kId, Lang::kEn}) {
    double v = -1;
    if (ParseNumberToken(tok, lang, &v)) {
      FUZZ_CHECK(v >= 0, "negative number from '%.*s'", static_cast<int>(tok.size()), tok.data());
      std::string f = FormatNumber(v);
      FUZZ_CHECK(IsDigitsValue(f), "FormatNumber gave '%s'", f.c_str());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const Rules& rules = fuzz::EmbeddedRules();
  if (size <= 512) CheckToken(in);
  NormalizedText norm = Normalize(in);
  const std::string& text = norm.text;
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Part> parts = SplitParts(text, tokens);
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kNumber) CheckToken(t.span.In(text));
  }
  for (Lang lang : {Lang::kId, Lang::kEn}) {
    const LangRules& lr = rules.For(lang);
    std::vector<Span> taken;
    for (const DateMatch& dm : FindDates(lr, text)) taken.push_back(dm.span);
    uint32_t prev_begin = 0;
    for (const NumberMatch& nm : FindNumbers(lr, text, tokens, parts, taken)) {
      fuzz::CheckSpan(nm.span, text.size(), "number");
      FUZZ_CHECK(!nm.span.empty(), "empty number at %u", nm.span.begin);
      FUZZ_CHECK(nm.span.begin >= prev_begin, "numbers out of order at %u", nm.span.begin);
      prev_begin = nm.span.begin;
      FUZZ_CHECK(IsDigitsValue(nm.value), "number '%s' has value '%s'",
                 std::string(nm.span.In(text)).c_str(), nm.value.c_str());
      // Dates do not overlap each other: only the last one starting at or before it can hold it.
      auto it = std::upper_bound(taken.begin(), taken.end(), nm.span.begin,
                                 [](uint32_t b, const Span& t) { return b < t.begin; });
      if (it != taken.begin()) {
        FUZZ_CHECK(!std::prev(it)->Contains(nm.span), "number [%u,%u) inside a date", nm.span.begin,
                   nm.span.end);
      }
    }
  }
  return 0;
}
