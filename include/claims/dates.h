// Dates: parsing date expressions (by the rules in lang/<xx>/dates.rules) into a DateSpec, and
// resolving a spec against a document's reference date into an ISO 8601 value at the precision
// the text gives: 2025-04-28, 2024-11, 2022, 195X, 2024-FA.
#ifndef CLAIMS_DATES_H_
#define CLAIMS_DATES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claims/rules.h"
#include "claims/span.h"

namespace claims {

struct Ymd {
  int y = 0, m = 0, d = 0;
  friend bool operator==(const Ymd&, const Ymd&) = default;
};

// A date in one non-negative int (y * 512 + m * 32 + d), for tables that keep one a row;
// UnpackYmd undoes it.
inline int32_t PackYmd(const Ymd& d) { return d.y * 512 + d.m * 32 + d.d; }
inline Ymd UnpackYmd(int32_t v) { return Ymd{v / 512, v / 32 % 16, v % 32}; }

// Parses "YYYY-MM-DD"; false when it is not a real calendar date.
bool ParseIsoDate(std::string_view s, Ymd* out);
std::string FormatIso(const Ymd& d);
// 1 = Monday ... 7 = Sunday.
int Weekday(const Ymd& d);
bool IsValidDate(const Ymd& d);

// What one date expression says, before it is resolved.
struct DateSpec {
  int y = 0;        // 4-digit year as written (0: none)
  int m = 0;        // month 1-12 (0: none)
  int d = 0;        // day (0: none)
  int weekday = 0;  // 1-7 (0: none)
  bool rel_year = false;
  int year_offset = 0;  // with rel_year: -1 last year, 0 this year, +1 next year
  bool rel_day = false;
  int day_offset = 0;        // with rel_day: -1 yesterday ...
  std::string season;        // SP SU FA WI
  bool most_recent = false;  // "Maret lalu", "last March": the latest such month before the date
  int decade = 0;            // 1950 for "1950-an"
  bool full() const { return y > 0 && m > 0 && d > 0; }
};

// "y=2025;m=4;d=26;wd=6;ry=-1;rd=0;s=FA;dec=1950" with only the fields that are set.
std::string SerializeDateSpec(const DateSpec& spec);
bool ParseDateSpec(std::string_view s, DateSpec* out);

struct DateMatch {
  Span span;  // in the text searched
  DateSpec spec;
  const Rule* rule = nullptr;
};

// Every date expression in text, leftmost-longest, not overlapping.
std::vector<DateMatch> FindDates(const LangRules& lang, std::string_view text);
// The matches of FindDates(lang, text) that lie in text[begin, end), where begin starts a line and
// end ends one (a newline or the end of text): dates never span a line, so these are exactly the
// ones the whole text gives there, with text as the context of ^, $ and \b.
std::vector<DateMatch> FindDatesInLines(const LangRules& lang, std::string_view text, size_t begin,
                                        size_t end);

// The matches of each rule named in `which` (indices into lang.dates), each rule on its own, in
// the line text[begin, end), by begin: what FindDatesInLines collects from those rules there
// before it drops the matches that a longer one overlaps. So every match it keeps from one of
// them is listed here.
std::vector<DateMatch> FindRuleMatchesInLine(const LangRules& lang, std::span<const int> which,
                                             std::string_view text, size_t begin, size_t end);

struct Resolved {
  std::string value;       // ISO value, empty when the spec cannot be resolved
  bool corrected = false;  // the written year contradicted its weekday and was replaced
  // The written date is not on its weekday, and its year was kept: no year on that weekday is
  // nearer the document date (the weekday or the day is the slip).
  bool weekday_slip = false;
};
// Resolves spec against ref (the document's date).
Resolved ResolveDate(const DateSpec& spec, const Ymd& ref);

// The document's own date, from a full date spec that is a real date (with a weekday that fits,
// when one is given); nullopt otherwise.
std::optional<Ymd> OwnDate(const DateSpec& spec);

}  // namespace claims

#endif  // CLAIMS_DATES_H_
