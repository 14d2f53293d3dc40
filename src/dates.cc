// Date expressions: matching by rule, then resolution against the document's date (see dates.h).
#include "claims/dates.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <map>

#include "claims/tokenize.h"

namespace claims {

bool IsValidDate(const Ymd& d) {
  using namespace std::chrono;
  if (d.y < 1 || d.m < 1 || d.m > 12 || d.d < 1) return false;
  return year_month_day{year{d.y}, month{static_cast<unsigned>(d.m)},
                        day{static_cast<unsigned>(d.d)}}
      .ok();
}

int Weekday(const Ymd& d) {
  using namespace std::chrono;
  sys_days days{year{d.y} / month{static_cast<unsigned>(d.m)} / day{static_cast<unsigned>(d.d)}};
  unsigned wd = weekday{days}.iso_encoding();  // 1 = Monday
  return static_cast<int>(wd);
}

bool ParseIsoDate(std::string_view s, Ymd* out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  Ymd d;
  auto num = [&](size_t b, size_t e, int* v) {
    return std::from_chars(s.data() + b, s.data() + e, *v).ptr == s.data() + e;
  };
  if (!num(0, 4, &d.y) || !num(5, 7, &d.m) || !num(8, 10, &d.d)) return false;
  if (!IsValidDate(d)) return false;
  *out = d;
  return true;
}

std::string FormatIso(const Ymd& d) { return fmt::format("{:04}-{:02}-{:02}", d.y, d.m, d.d); }

namespace {

int ToInt(std::string_view s) {
  int v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() ? v : 0;
}

Ymd AddDays(const Ymd& d, int n) {
  using namespace std::chrono;
  sys_days days{year{d.y} / month{static_cast<unsigned>(d.m)} / day{static_cast<unsigned>(d.d)}};
  year_month_day r{days + std::chrono::days{n}};
  return {static_cast<int>(r.year()), static_cast<int>(static_cast<unsigned>(r.month())),
          static_cast<int>(static_cast<unsigned>(r.day()))};
}

int SeasonStartMonth(std::string_view s) {
  if (s == "SP") return 3;
  if (s == "SU") return 6;
  if (s == "FA") return 9;
  return 12;  // WI
}

}  // namespace

namespace {
void FindRuleDates(const LangRules& lang, const Rule& rule, std::string_view text, size_t begin,
                   size_t end, std::vector<DateMatch>* found);
// The matches of each rule named in `which` (indices into lang.dates) in the line
// text[begin, end), rule after rule.
void AppendRuleDates(const LangRules& lang, std::span<const int> which, std::string_view text,
                     size_t begin, size_t end, std::vector<DateMatch>* found) {
  for (int wi : which)
    FindRuleDates(lang, lang.dates[static_cast<size_t>(wi)], text, begin, end, found);
}
}  // namespace

std::vector<DateMatch> FindDates(const LangRules& lang, std::string_view text) {
  return FindDatesInLines(lang, text, 0, text.size());
}

std::vector<DateMatch> FindDatesInLines(const LangRules& lang, std::string_view text, size_t begin,
                                        size_t end) {
  std::vector<DateMatch> found;
  if (lang.dates.empty() || !lang.date_set) return found;
  end = std::min(end, text.size());
  // Date patterns never match a newline (rules.h), so a date never spans two lines, and each line
  // can be searched on its own: the rule set says which rules match in the line (a line searched
  // alone, without the text around it, can only match more: ^ and $ hold at its ends), and only
  // those run, over that line only, with the whole text as context for ^, $ and \b.
  std::vector<int> which;
  for (size_t lb = begin; lb < end;) {
    size_t le = text.find('\n', lb);
    if (le == std::string_view::npos || le > end) le = end;
    // An empty line holds no date (an empty match is never one).
    if (le > lb && lang.date_set->Match(re2::StringPiece(text.data() + lb, le - lb), &which)) {
      std::sort(which.begin(), which.end());
      AppendRuleDates(lang, which, text, lb, le, &found);
    }
    lb = le + 1;
  }
  // Longest first (then leftmost, then the earlier rule); drop what overlaps a kept match.
  std::sort(found.begin(), found.end(), [](const DateMatch& a, const DateMatch& b) {
    if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.rule->line < b.rule->line;
  });
  // Kept spans by begin: each candidate checks only its neighbours, O(n log n) in all.
  std::map<uint32_t, uint32_t> kept;
  std::vector<DateMatch> out;
  for (const auto& dm : found) {
    auto next = kept.lower_bound(dm.span.begin);
    if (next != kept.end() && next->first < dm.span.end) continue;
    if (next != kept.begin() && std::prev(next)->second > dm.span.begin) continue;
    kept.emplace(dm.span.begin, dm.span.end);
    out.push_back(dm);
  }
  std::sort(out.begin(), out.end(),
            [](const DateMatch& a, const DateMatch& b) { return a.span.begin < b.span.begin; });
  return out;
}

std::vector<DateMatch> FindRuleMatchesInLine(const LangRules& lang, std::span<const int> which,
                                             std::string_view text, size_t begin, size_t end) {
  std::vector<DateMatch> found;
  AppendRuleDates(lang, which, text, begin, end, &found);
  std::stable_sort(found.begin(), found.end(), [](const DateMatch& a, const DateMatch& b) {
    return a.span.begin < b.span.begin;
  });
  return found;
}

namespace {

// The matches of one rule in the line text[begin, end).
void FindRuleDates(const LangRules& lang, const Rule& rule, std::string_view text, size_t begin,
                   size_t end, std::vector<DateMatch>* found_out) {
  std::vector<DateMatch>& found = *found_out;
  {
    const RE2& re = *rule.re;
    int ngroups = re.NumberOfCapturingGroups();
    // The groups on the stack for a rule with few of them (all of today's), else on the heap.
    std::array<re2::StringPiece, 16> few;
    std::vector<re2::StringPiece> many;
    re2::StringPiece* groups = few.data();
    if (static_cast<size_t>(ngroups) + 1 > few.size()) {
      many.resize(static_cast<size_t>(ngroups) + 1);
      groups = many.data();
    }
    const auto& names = re.NamedCapturingGroups();
    size_t pos = begin;
    re2::StringPiece input(text.data(), text.size());
    while (pos <= end && re.Match(input, pos, end, RE2::UNANCHORED, groups, ngroups + 1)) {
      const re2::StringPiece& whole = groups[0];
      size_t b = static_cast<size_t>(whole.data() - text.data());
      size_t e = b + whole.size();
      pos = e > b ? e : b + 1;
      // Word boundaries on both sides (RE2 \b is ASCII-only; check letters/digits ourselves).
      auto is_word = [&](size_t i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        return std::isalnum(c) || c >= 0x80;
      };
      if (whole.empty() || (b > 0 && is_word(b - 1) && is_word(b)) ||
          (e < text.size() && is_word(e - 1) && is_word(e))) {
        // A match turned down does not hide the ones that start inside it: in "in Washington
        // Monday" the weekday rule's leftmost match is "on Monday", inside "Washington"; the
        // search goes on from its second byte and finds "Monday".
        pos = b + 1;
        continue;
      }
      DateSpec spec;
      bool bad = false;
      for (const auto& [name, idx] : names) {
        std::string_view g(groups[static_cast<size_t>(idx)].data(),
                           groups[static_cast<size_t>(idx)].size());
        if (g.empty() && groups[static_cast<size_t>(idx)].data() == nullptr) continue;
        if (g.empty()) continue;
        // The group's value in a word list: its key is spelled out only by the groups that
        // look one up.
        auto listed = [&](const char* cls) { return lang.words.Value(cls, MatchKey(g)); };
        if (name == "d") {
          spec.d = ToInt(g);
        } else if (name == "m") {
          // "Aug." is the month word with its abbreviation dot.
          std::string key = MatchKey(g);
          if (key.size() > 2 && key.compare(key.size() - 2, 2, " .") == 0)
            key.resize(key.size() - 2);
          if (const std::string* v = lang.words.Value("month", key))
            spec.m = ToInt(*v);
          else
            spec.m = ToInt(g);
        } else if (name == "past") {
          spec.most_recent = true;
        } else if (name == "y") {
          spec.y = ToInt(g);
        } else if (name == "yy") {
          spec.y = 2000 + ToInt(g);
        } else if (name == "wd") {
          if (const std::string* v = listed("weekday")) spec.weekday = ToInt(*v);
        } else if (name == "rel") {
          const std::string* v = listed("relyear");
          if (!v) {
            bad = true;
            continue;
          }
          spec.rel_year = true;
          spec.year_offset = ToInt(*v);
        } else if (name == "relday") {
          const std::string* v = listed("relday");
          if (!v) {
            bad = true;
            continue;
          }
          spec.rel_day = true;
          spec.day_offset = ToInt(*v);
        } else if (name == "season") {
          const std::string* v = listed("season");
          if (!v) {
            bad = true;
            continue;
          }
          spec.season = *v;
        } else if (name == "decade") {
          spec.decade = ToInt(g);
        }
      }
      if (bad) continue;
      if (spec.m > 12 || spec.d > 31 || (spec.m == 0 && spec.d > 0)) continue;
      if (spec.most_recent && spec.m == 0 && spec.season.empty()) continue;
      if (spec.m == 0 && spec.d == 0 && spec.y == 0 && !spec.rel_year && !spec.rel_day &&
          spec.weekday == 0 && spec.season.empty() && spec.decade == 0) {
        continue;
      }
      DateMatch dm;
      dm.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      dm.spec = spec;
      dm.rule = &rule;
      found.push_back(dm);
    }
  }
}

}  // namespace

std::string SerializeDateSpec(const DateSpec& s) {
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!out.empty()) out.push_back(';');
    out += k;
    out.push_back('=');
    out += v;
  };
  if (s.y) add("y", std::to_string(s.y));
  if (s.m) add("m", std::to_string(s.m));
  if (s.d) add("d", std::to_string(s.d));
  if (s.weekday) add("wd", std::to_string(s.weekday));
  if (s.rel_year) add("ry", std::to_string(s.year_offset));
  if (s.rel_day) add("rd", std::to_string(s.day_offset));
  if (!s.season.empty()) add("s", s.season);
  if (s.decade) add("dec", std::to_string(s.decade));
  if (s.most_recent) add("mr", "1");
  return out;
}

bool ParseDateSpec(std::string_view in, DateSpec* out) {
  *out = DateSpec();
  size_t pos = 0;
  while (pos < in.size()) {
    size_t semi = in.find(';', pos);
    if (semi == std::string_view::npos) semi = in.size();
    std::string_view kv = in.substr(pos, semi - pos);
    pos = semi + 1;
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view k = kv.substr(0, eq), v = kv.substr(eq + 1);
    int n = 0;
    bool num = std::from_chars(v.data(), v.data() + v.size(), n).ec == std::errc();
    if (k == "s") {
      if (v != "SP" && v != "SU" && v != "FA" && v != "WI") return false;
      out->season = std::string(v);
      continue;
    }
    if (!num) return false;
    if (k == "y")
      out->y = n;
    else if (k == "m")
      out->m = n;
    else if (k == "d")
      out->d = n;
    else if (k == "wd")
      out->weekday = n;
    else if (k == "ry") {
      out->rel_year = true;
      out->year_offset = n;
    } else if (k == "rd") {
      out->rel_day = true;
      out->day_offset = n;
    } else if (k == "dec")
      out->decade = n;
    else if (k == "mr")
      out->most_recent = n != 0;
    else
      return false;
  }
  return true;
}

std::optional<Ymd> OwnDate(const DateSpec& s) {
  if (!s.full()) return std::nullopt;
  Ymd d{s.y, s.m, s.d};
  if (d.y < 1900 || d.y > 2200 || !IsValidDate(d)) return std::nullopt;
  if (s.weekday && Weekday(d) != s.weekday) return std::nullopt;
  return d;
}

Resolved ResolveDate(const DateSpec& s, const Ymd& ref) {
  Resolved r;
  if (s.decade) {
    r.value = fmt::format("{:03}X", s.decade / 10);
    return r;
  }
  if (!s.season.empty()) {
    int y = s.y ? s.y : ref.y + (s.rel_year ? s.year_offset : 0);
    if (!s.y && (s.most_recent || (s.rel_year && s.year_offset == -1))) {
      // "last autumn": the most recent such season that has begun before the reference date.
      y = ref.y;
      if (SeasonStartMonth(s.season) >= ref.m) --y;
    }
    r.value = fmt::format("{:04}-{}", y, s.season);
    return r;
  }
  if (s.rel_day && ref.y) {
    r.value = FormatIso(AddDays(ref, s.day_offset));
    return r;
  }
  if (s.m && s.d) {
    Ymd d{s.y, s.m, s.d};
    if (d.y && s.weekday && IsValidDate(d) && Weekday(d) == s.weekday) {
      r.value = FormatIso(d);
      return r;
    }
    if (d.y && !s.weekday) {
      if (!IsValidDate(d)) return r;
      r.value = FormatIso(d);
      return r;
    }
    if (!ref.y) return r;
    // No year, or a year that contradicts the weekday: the year nearest the document date in
    // which this day falls on that weekday (or the document's year when no weekday is given).
    int best = 0;
    if (s.weekday) {
      for (int delta : {0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6}) {
        Ymd c{ref.y + delta, s.m, s.d};
        if (IsValidDate(c) && Weekday(c) == s.weekday) {
          best = c.y;
          break;
        }
      }
    }
    if (!best) best = d.y ? d.y : ref.y;
    // A written year no farther from the document date than the weekday's is kept: the weekday
    // or the day is the slip then ("Senin (19/10/2025)" in an article of 20 October 2025, not
    // 19 October 2026), as a year far from it is ("Sabtu 26 April 1025").
    if (d.y && std::abs(best - ref.y) >= std::abs(d.y - ref.y)) {
      best = d.y;
      r.weekday_slip = s.weekday != 0;
    }
    // A day and month with no year is the most recent such day: news reports what happened
    // ("pada 26 April", "10 Oktober lalu"); one more than a month ahead of the document is last
    // year's.
    if (!d.y && !s.weekday) {
      Ymd c{best, s.m, s.d};
      if (IsValidDate(c) && (c.m - ref.m) * 31 + (c.d - ref.d) > 31) --best;
    }
    if (d.y && best != d.y) r.corrected = true;
    d.y = best;
    if (!IsValidDate(d)) return Resolved{};
    r.value = FormatIso(d);
    return r;
  }
  if (s.m && s.most_recent && ref.y) {
    // "Maret lalu", "last March": the most recent such month before the document's.
    r.value = fmt::format("{:04}-{:02}", s.m < ref.m ? ref.y : ref.y - 1, s.m);
    return r;
  }
  if (s.m) {
    int y = s.y ? s.y : (s.rel_year ? ref.y + s.year_offset : 0);
    if (!y) {
      if (!ref.y) return r;
      y = ref.y;  // a month on its own: this year's
    }
    r.value = fmt::format("{:04}-{:02}", y, s.m);
    return r;
  }
  if (s.y) {
    r.value = fmt::format("{:04}", s.y);
    return r;
  }
  if (s.rel_year && ref.y) {
    r.value = fmt::format("{:04}", ref.y + s.year_offset);
    return r;
  }
  if (s.weekday && ref.y) {
    int back = (Weekday(ref) - s.weekday + 7) % 7;  // the most recent such day, today included
    r.value = FormatIso(AddDays(ref, -back));
    return r;
  }
  return r;
}

}  // namespace claims
