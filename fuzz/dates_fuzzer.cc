// Fuzzes date expressions: FindDates with the Indonesian and the English rules, ResolveDate of
// every match (against a reference date, and with none), OwnDate, ParseIsoDate, and
// ParseDateSpec (the `spec` field that `extract --from-mentions` reads back) with ResolveDate.
//
// Input: the whole input is searched for dates. Its first 10 bytes, when they are a date
// (YYYY-MM-DD), are the reference date; else 2025-04-28. Its first line is also parsed as a
// serialised DateSpec ("y=2025;m=4;d=26;wd=6").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claims/dates.h"
#include "claims/normalize.h"
#include "fuzz_common.h"

using namespace claims;

namespace {

void CheckResolved(const DateSpec& spec, const Ymd& ref) {
  Resolved r = ResolveDate(spec, ref);
  // A resolved value is never longer than an ISO date, a season or a decade needs.
  FUZZ_CHECK(r.value.size() <= 16, "resolved value '%s' is too long", r.value.c_str());
  FUZZ_CHECK(!r.corrected || !r.value.empty(), "corrected without a value");
  if (r.value.size() == 10 && r.value[4] == '-' && r.value[7] == '-' && r.value[0] != '-') {
    Ymd back;
    FUZZ_CHECK(ParseIsoDate(r.value, &back), "resolved '%s' is not a real date", r.value.c_str());
  }
  if (auto own = OwnDate(spec)) {
    FUZZ_CHECK(IsValidDate(*own), "OwnDate gave an invalid date");
  }
}

void Search(const LangRules& lang, std::string_view text, const Ymd& ref) {
  uint32_t prev_end = 0;
  for (const DateMatch& dm : FindDates(lang, text)) {
    fuzz::CheckSpan(dm.span, text.size(), "date match");
    FUZZ_CHECK(!dm.span.empty(), "empty date match at %u", dm.span.begin);
    FUZZ_CHECK(dm.span.begin >= prev_end, "date matches overlap at %u", dm.span.begin);
    FUZZ_CHECK(dm.rule != nullptr, "date match without a rule");
    prev_end = dm.span.end;
    // What is serialised is what is read back (mentions JSON Lines keep the spec).
    DateSpec back;
    std::string ser = SerializeDateSpec(dm.spec);
    FUZZ_CHECK(ParseDateSpec(ser, &back), "spec '%s' does not parse back", ser.c_str());
    FUZZ_CHECK(SerializeDateSpec(back) == ser, "spec '%s' changes when read back", ser.c_str());
    CheckResolved(dm.spec, ref);
    CheckResolved(dm.spec, Ymd{});
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const Rules& rules = fuzz::EmbeddedRules();
  Ymd ref{2025, 4, 28};
  Ymd parsed;
  if (ParseIsoDate(in.substr(0, 10), &parsed)) {
    FUZZ_CHECK(IsValidDate(parsed), "ParseIsoDate accepted an invalid date");
    FUZZ_CHECK(FormatIso(parsed) == in.substr(0, 10), "ISO date does not format back");
    ref = parsed;
  }
  std::string_view first_line = in.substr(0, in.find('\n'));
  DateSpec spec;
  if (ParseDateSpec(first_line, &spec)) {
    CheckResolved(spec, ref);
    CheckResolved(spec, Ymd{});
  }
  Search(rules.For(Lang::kId), in, ref);
  Search(rules.For(Lang::kEn), in, ref);
  // The pipeline searches the normalised text.
  NormalizedText norm = Normalize(in);
  Search(rules.For(Lang::kId), norm.text, ref);
  return 0;
}
