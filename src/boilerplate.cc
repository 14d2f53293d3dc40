// Stage 2: boilerplate removal (see boilerplate.h).
#include "claims/boilerplate.h"

#include <algorithm>
#include <unordered_set>

namespace claims {
namespace {

constexpr size_t kMinDuplicateParagraph = 25;  // shorter repeats ("Foto:", a dateline) stay

void Blank(std::string* text, Span s) {
  for (uint32_t i = s.begin; i < s.end; ++i) {
    if ((*text)[i] != '\n') (*text)[i] = ' ';
  }
}

// A hash of the line with runs of white space folded, and the length of that folded line: FNV-1a
// over the line's words joined by single spaces (leading and trailing white space dropped), one
// word at a time.
std::pair<uint64_t, size_t> ParagraphKey(std::string_view line) {
  constexpr uint64_t kPrime = 1099511628211ull;
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  size_t n = 0;
  const char* p = line.data();
  const char* const end = p + line.size();
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (true) {
    while (p < end && is_space(*p)) ++p;
    if (p == end) break;
    if (n > 0) {
      h = (h ^ static_cast<unsigned char>(' ')) * kPrime;
      ++n;
    }
    const char* word = p;
    for (; p < end && !is_space(*p); ++p) h = (h ^ static_cast<unsigned char>(*p)) * kPrime;
    n += static_cast<size_t>(p - word);
  }
  return {h ^ n, n};
}

}  // namespace

std::vector<Removed> StripBoilerplate(const Rules& rules, std::string* text) {
  std::vector<Removed> removed;
  std::unordered_set<uint64_t> seen;
  const std::string_view all(*text);
  std::vector<Span> lines;
  for (size_t pos = 0; pos < all.size();) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    lines.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(nl)});
    pos = nl + 1;
  }
  // The rules that match some line of the text (one pass; usually none): only those are tried on
  // each line.
  std::vector<int> candidates;
  if (rules.boilerplate_set &&
      !rules.boilerplate_set->Match(re2::StringPiece(all.data(), all.size()), &candidates)) {
    candidates.clear();
  }
  std::sort(candidates.begin(), candidates.end());
  bool blank_next = false;
  for (const Span& line : lines) {
    std::string_view l = line.In(all);
    if (l.find_first_not_of(' ') == std::string_view::npos) continue;
    if (blank_next) {
      blank_next = false;
      // A byline's name on the line after "Editor:" — short, no sentence punctuation.
      size_t words = 1 + static_cast<size_t>(std::count(l.begin(), l.end(), ' '));
      if (words <= 5 && l.find_first_of(".!?\"") == std::string_view::npos) {
        removed.push_back({line, "line+next"});
        continue;
      }
    }
    bool whole = false;
    for (int wi : candidates) {
      const Rule& r = rules.boilerplate[static_cast<size_t>(wi)];
      re2::StringPiece input(l.data(), l.size());
      re2::StringPiece m;
      if (r.kind == "span") {
        size_t offset = 0;
        while (offset <= l.size() && r.re->Match(input, offset, l.size(), RE2::UNANCHORED, &m, 1)) {
          uint32_t b = line.begin + static_cast<uint32_t>(m.data() - l.data());
          removed.push_back({{b, b + static_cast<uint32_t>(m.size())}, r.id});
          offset = static_cast<size_t>(m.data() - l.data()) + std::max<size_t>(m.size(), 1);
        }
        continue;
      }
      if (RE2::PartialMatch(input, *r.re)) {
        removed.push_back({line, r.id});
        if (r.kind == "line+next") blank_next = true;
        whole = true;
        break;
      }
    }
    if (whole) continue;
    auto [key, len] = ParagraphKey(l);
    if (len >= kMinDuplicateParagraph && !seen.insert(key).second) {
      removed.push_back({line, "duplicate-paragraph"});
    }
  }
  std::sort(removed.begin(), removed.end(),
            [](const Removed& a, const Removed& b) { return a.span.begin < b.span.begin; });
  for (const auto& r : removed) Blank(text, r.span);
  return removed;
}

}  // namespace claims
