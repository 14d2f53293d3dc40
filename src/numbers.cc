// Numbers with units (see numbers.h). Works on word parts with the word lists of words.tsv:
// qualifier, currency, numword, multiplier, rangesep, unit, percent.
#include "claims/numbers.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>

#include "claims/entities.h"
#include "claims/utf8.h"

namespace claims {

bool ParseNumberToken(std::string_view tok, Lang lang, double* out) {
  if (tok.empty()) return false;
  char thousands = lang == Lang::kId ? '.' : ',';
  char decimal = lang == Lang::kId ? ',' : '.';
  // Indonesian text sometimes writes decimals with a dot (13.6) and English thousands with a
  // dot never; a dot group that is not exactly three digits is a decimal point.
  std::string digits;
  bool seen_decimal = false;
  size_t group_len = 0;
  bool grouped = false;
  for (size_t i = 0; i < tok.size(); ++i) {
    char c = tok[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      ++group_len;
      continue;
    }
    if (c == thousands && !seen_decimal) {
      // must be followed by exactly three digits
      size_t j = i + 1;
      while (j < tok.size() && tok[j] >= '0' && tok[j] <= '9') ++j;
      if (j - (i + 1) == 3) {
        grouped = true;
        group_len = 0;
        continue;
      }
      if (lang == Lang::kId && c == '.' && !grouped) {
        seen_decimal = true;
        digits.push_back('.');
        continue;
      }
      return false;
    }
    if (c == decimal && !seen_decimal) {
      seen_decimal = true;
      digits.push_back('.');
      continue;
    }
    return false;
  }
  if (digits.empty() || digits == ".") return false;
  double v = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec != std::errc()) return false;
  *out = v;
  return true;
}

std::string FormatNumber(double v) {
  double r = std::round(v);
  if (std::fabs(v - r) < 1e-9 * std::max(1.0, std::fabs(v)) && std::fabs(r) < 9e18) {
    return fmt::format("{}", static_cast<long long>(r));
  }
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

namespace {

struct Ctx {
  const LangRules& lang;
  std::string_view text;
  std::string_view folded;
  const std::vector<Token>& tokens;
  const std::vector<Part>& parts;
  const std::vector<uint8_t>* part_flags;  // WordIndex flags per part, or null
};

// Whether a word-list phrase may start at part j: false when its flags (when the caller has them)
// say that no phrase starts with its word. The flag comes from the same folded word as the phrase
// key, so a part turned down here has no phrase, and most parts asked about (digits: "2025") start
// none.
bool MayStartPhrase(const Ctx& c, uint32_t j) {
  return !c.part_flags || j >= c.part_flags->size() || ((*c.part_flags)[j] & WordIndex::kPhrase);
}
// The word-list phrase of class cls that starts at part j.
PhraseMatch PhraseAt(const Ctx& c, std::string_view cls, uint32_t j) {
  if (!MayStartPhrase(c, j)) return PhraseMatch();
  return MatchFoldedPhrase(c.lang.words, cls, c.folded, c.parts, j);
}
// The same for several classes at once, in one walk (MatchFoldedPhrases).
void PhrasesAt(const Ctx& c, std::span<const std::string_view> classes, uint32_t j,
               std::span<PhraseMatch> out) {
  if (!MayStartPhrase(c, j)) {
    for (PhraseMatch& m : out) m = PhraseMatch();
    return;
  }
  MatchFoldedPhrases(c.lang.words, classes, c.folded, c.parts, j, out);
}

double ToDouble(const std::string& s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Parses a number starting at part i: digits, or number words ("empat", "dua puluh", "four").
// Applies following multipliers ("juta", "million", "T"). Returns the part after it, or i.
uint32_t ParseQuantity(const Ctx& c, uint32_t i, double* value, bool* words_only) {
  const uint32_t n = static_cast<uint32_t>(c.parts.size());
  uint32_t j = i;
  double v = 0;
  *words_only = false;
  if (j < n && c.tokens[c.parts[j].token].kind == TokenKind::kNumber) {
    if (!ParseNumberToken(c.parts[j].span.In(c.text), c.lang.lang, &v)) return i;
    ++j;
  } else {
    double total = 0, current = 0;
    bool any = false;
    while (j < n) {
      PhraseMatch w = PhraseAt(c, "numword", j);
      if (w.entry) {
        current += ToDouble(w.entry->value);
        any = true;
        j = w.end_part;
        continue;
      }
      if (!any) break;
      PhraseMatch m = PhraseAt(c, "multiplier", j);
      if (!m.entry) break;
      double mv = ToDouble(m.entry->value);
      if (mv >= 1000) {
        total += (current == 0 ? 1 : current) * mv;
        current = 0;
      } else {
        current = (current == 0 ? 1 : current) * mv;
      }
      j = m.end_part;
    }
    if (!any) return i;
    v = total + current;
    *words_only = true;
    *value = v;
    return j;
  }
  // Multipliers after digits: "35 ribu", "13,6 T", "4 million".
  while (j < n) {
    PhraseMatch m = PhraseAt(c, "multiplier", j);
    if (!m.entry) break;
    double mv = ToDouble(m.entry->value);
    if (mv < 1000) break;  // "2 ratus" is rare after digits; "puluh" never
    v *= mv;
    j = m.end_part;
  }
  *value = v;
  return j;
}

// taken is sorted by begin and its spans do not overlap.
bool Taken(const std::vector<Span>& taken, Span s) {
  auto it = std::lower_bound(taken.begin(), taken.end(), s.begin,
                             [](const Span& t, uint32_t b) { return t.end <= b; });
  return it != taken.end() && it->Overlaps(s);
}

}  // namespace

std::vector<NumberMatch> FindNumbers(const LangRules& lang, std::string_view text,
                                     const std::vector<Token>& tokens,
                                     const std::vector<Part>& parts,
                                     const std::vector<Span>& taken) {
  return FindNumbers(lang, text, FoldSameLength(text), tokens, parts, taken);
}

std::vector<NumberMatch> FindNumbers(const LangRules& lang, std::string_view text,
                                     std::string_view folded, const std::vector<Token>& tokens,
                                     const std::vector<Part>& parts, const std::vector<Span>& taken,
                                     const std::vector<uint8_t>* part_flags) {
  std::vector<NumberMatch> out;
  Ctx c{lang, text, folded, tokens, parts, part_flags};
  const uint32_t n = static_cast<uint32_t>(parts.size());
  for (uint32_t i = 0; i < n; ++i) {
    // Cheap test first: a number starts with digits or with a word of the word lists. With the
    // parts' flags, eight of them a step.
    if (part_flags) {
      i = static_cast<uint32_t>(
          NextWithFlag(*part_flags, i, n, WordIndex::kNumberStart | WordIndex::kNumberToken));
      if (i >= n) break;
    } else if (tokens[parts[i].token].kind != TokenKind::kNumber &&
               !lang.words.IsPrefix(parts[i].span.In(folded))) {
      continue;
    }
    uint32_t start = i;
    uint32_t j = i;
    // A qualifier, a currency and a number word as they would be looked for at i, in one walk:
    // each later look-up at a part the earlier ones did not move past is the walk's answer.
    static constexpr std::string_view kFirst[] = {"qualifier", "currency", "numword"};
    PhraseMatch at_i[3];
    PhrasesAt(c, kFirst, i, at_i);
    std::string qualifier;
    const PhraseMatch& q = at_i[0];
    if (q.entry) {
      qualifier = q.entry->value;
      j = q.end_part;
    }
    std::string currency;
    PhraseMatch cur = j == i ? at_i[1] : PhraseAt(c, "currency", j);
    if (cur.entry && j < n) {
      currency = cur.entry->value;
      j = cur.end_part;
    }
    if (j >= n) continue;
    bool is_digit = tokens[parts[j].token].kind == TokenKind::kNumber;
    if (!is_digit && !(j == i ? at_i[2] : PhraseAt(c, "numword", j)).entry) continue;
    double v1 = 0;
    bool words_only = false;
    uint32_t k = ParseQuantity(c, j, &v1, &words_only);
    if (k == j) continue;
    if (Taken(taken, {parts[j].span.begin, parts[k - 1].span.end})) {
      i = k - 1;
      continue;
    }
    // A range: "10.000-12.000", "10 hingga 12 ribu", "10 to 12".
    double v2 = -1;
    uint32_t after = k;
    if (k < n) {
      uint32_t sep_end = 0;
      std::string_view t = parts[k].span.In(text);
      if (t == "-" || t == "/")
        sep_end = k + 1;
      else if (PhraseMatch rs = PhraseAt(c, "rangesep", k); rs.entry)
        sep_end = rs.end_part;
      if (sep_end && sep_end < n) {
        double w = 0;
        bool wo = false;
        uint32_t e2 = ParseQuantity(c, sep_end, &w, &wo);
        if (e2 > sep_end && (t != "/")) {
          v2 = w;
          after = e2;
          // "10-12 ribu": the multiplier of the second applies to the first.
          if (w > v1 * 100 && v1 < 1000) {
            double scale = w;
            while (scale >= 10 && v1 * 10 <= w) {
              v1 *= 10;
              scale /= 10;
            }
          }
        }
      }
    }
    // Percent, or a unit (with the Indonesian possessive -nya: "tentaranya").
    std::string unit;
    uint32_t end = after;
    if (after < n) {
      std::string_view t = parts[after].span.In(text);
      if (t == "%") {
        unit = "percent";
        end = after + 1;
      } else {
        PhraseMatch u = PhraseAt(c, "unit", after);
        if (u.entry) {
          unit = u.entry->value;
          end = u.end_part;
        } else if (lang.lang == Lang::kId && t.size() > 5 && t.substr(t.size() - 3) == "nya") {
          std::string_view ft = parts[after].span.In(folded);
          if (const std::string* uv = lang.words.Value("unit", ft.substr(0, ft.size() - 3))) {
            unit = *uv;
            end = after + 1;
          }
        }
      }
    }
    if (unit.empty() && !currency.empty()) unit = currency;
    if (unit.empty()) {
      i = k - 1;
      continue;
    }
    if (words_only && unit.empty()) continue;
    NumberMatch m;
    m.span = {parts[start].span.begin, parts[end - 1].span.end};
    m.value = FormatNumber(v1);
    if (v2 >= 0) {
      m.value += '-';
      m.value += FormatNumber(v2);
    }
    m.unit = unit;
    m.qualifier = qualifier;
    out.push_back(std::move(m));
    i = end - 1;
  }
  return out;
}

}  // namespace claims
