// Stage 2: boilerplate removal (see boilerplate.h).
#include "claims/boilerplate.h"

#include <algorithm>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "claims/hash.h"
#include "claims/utf8.h"

namespace claims {
namespace {

constexpr size_t kMinDuplicateParagraph = 25;  // shorter repeats ("Foto:", a dateline) stay

void Blank(std::string* text, Span s) {
  for (uint32_t i = s.begin; i < s.end; ++i) {
    if ((*text)[i] != '\n') (*text)[i] = ' ';
  }
}

// A hash of the line with runs of white space folded, and the length of that folded line: the
// line's words joined by single spaces (leading and trailing white space dropped). A line that is
// already spaced that way (the usual case) is hashed as it stands, eight bytes at a time; only
// the others are folded into *buf first. Equal folded lines give equal keys.
std::pair<uint64_t, size_t> ParagraphKey(std::string_view line, std::string* buf) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  size_t b = 0, e = line.size();
  while (b < e && is_space(line[b])) ++b;
  while (e > b && is_space(line[e - 1])) --e;
  std::string_view core = line.substr(b, e - b);
  // Whether core holds a tab or two spaces in a row (its last byte is neither): 16 places at a
  // time (GCC 12 left the one-byte loop scalar: 9 instructions a byte of every line);
  // find("  ") stopped at every space.
  bool unspaced = false;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i tabs = _mm_set1_epi8('\t'), spaces = _mm_set1_epi8(' ');
  for (; i + 17 <= core.size() && !unspaced; i += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(core.data() + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(core.data() + i + 1));
    const __m128i hit =
        _mm_or_si128(_mm_cmpeq_epi8(here, tabs),
                     _mm_and_si128(_mm_cmpeq_epi8(here, spaces), _mm_cmpeq_epi8(next, spaces)));
    unspaced = _mm_movemask_epi8(hit) != 0;
  }
#endif
  for (; i + 1 < core.size() && !unspaced; ++i) {
    unspaced = core[i] == '\t' || (core[i] == ' ' && core[i + 1] == ' ');
  }
  if (unspaced) {
    buf->clear();
    bool space = false;
    for (char c : core) {
      if (is_space(c)) {
        space = true;
        continue;
      }
      if (space) buf->push_back(' ');
      space = false;
      buf->push_back(c);
    }
    core = *buf;
  }
  return {HashBytes(core) ^ core.size(), core.size()};
}

}  // namespace

namespace {

// The text's lines, without their newlines (none after a final newline).
std::vector<Span> LinesOf(std::string_view text) {
  std::vector<Span> lines;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(nl)});
    pos = nl + 1;
  }
  return lines;
}

// BoilerplateCandidates over the text's lines. folded: the text by FoldSameLength, or null (then
// it is folded here if the prefilter needs it).
std::vector<int> Candidates(const Rules& rules, std::string_view text,
                            const std::vector<Span>& lines, const std::string* folded = nullptr) {
  std::vector<int> candidates, hits;
  if (const Rules::BoilerplateSet& start = rules.boilerplate_line_start; start.set) {
    for (const Span& line : lines) {
      const std::string_view l = line.In(text);
      if (l.find_first_not_of(' ') == std::string_view::npos) continue;
      // Whether any rule matches first: without the rules' list RE2 allocates nothing and stops
      // at the first match, and the rules, all anchored at the line's start, turn down nearly
      // every line within its first bytes, so the call is mostly its own overhead.
      const re2::StringPiece piece(l.data(), l.size());
      if (start.set->Match(piece, nullptr) && start.set->Match(piece, &hits)) {
        for (int h : hits) candidates.push_back(start.rules[static_cast<size_t>(h)]);
      }
    }
  }
  if (const Rules::BoilerplateSet& rest = rules.boilerplate_rest;
      rest.set &&
      (!rest.filter || rest.filter->MayMatch(folded ? *folded : FoldSameLength(text))) &&
      rest.set->Match(re2::StringPiece(text.data(), text.size()), &hits)) {
    for (int h : hits) candidates.push_back(rest.rules[static_cast<size_t>(h)]);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace

std::vector<int> BoilerplateCandidates(const Rules& rules, std::string_view text) {
  return Candidates(rules, text, LinesOf(text));
}

std::vector<Removed> StripBoilerplate(const Rules& rules, std::string* text,
                                      std::string* folded_text) {
  std::vector<Removed> removed;
  std::unordered_set<uint64_t> seen;
  std::string folded;  // ParagraphKey's buffer
  const std::string_view all(*text);
  const std::vector<Span> lines = LinesOf(all);
  if (folded_text) *folded_text = FoldSameLength(all);
  // The rules that match some line of the text (usually none): only those are tried on each line.
  const std::vector<int> candidates = Candidates(rules, all, lines, folded_text);
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
    auto [key, len] = ParagraphKey(l, &folded);
    if (len >= kMinDuplicateParagraph && !seen.insert(key).second) {
      removed.push_back({line, "duplicate-paragraph"});
    }
  }
  std::sort(removed.begin(), removed.end(),
            [](const Removed& a, const Removed& b) { return a.span.begin < b.span.begin; });
  for (const auto& r : removed) Blank(text, r.span);
  if (folded_text) {
    // FoldSameLength folds each character on its own, so the folded text blanked where the text
    // was is the blanked text folded, when every blanked span starts and ends between characters
    // (the lines and rule matches do); else it is folded again.
    auto between = [&](uint32_t i) {
      return i >= text->size() || (static_cast<unsigned char>((*text)[i]) & 0xC0) != 0x80;
    };
    if (std::all_of(removed.begin(), removed.end(), [&](const Removed& r) {
          return between(r.span.begin) && between(r.span.end);
        })) {
      for (const auto& r : removed) Blank(folded_text, r.span);
    } else {
      *folded_text = FoldSameLength(*text);
    }
  }
  return removed;
}

}  // namespace claims
