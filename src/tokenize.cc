// Stage 3: tokeniser and sentence splitter (see tokenize.h).
#include "claims/tokenize.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>

#include "claims/utf8.h"

namespace claims {
namespace {

// Classes of the ASCII characters, so that the common case of the word loop is one table load.
// kEnds: a byte that ends a word wherever it is (ASCII, neither a letter or digit nor one of the
// joiners - ' . , _ that may go on with a word); kBlank: white space within a line.
enum : uint8_t {
  kLetter = kRunLetter,
  kUpper = kRunUpper,
  kLower = kRunLower,
  kDigit = kRunDigit,
  kEnds = 16,
  kBlank = 32,
  kNewline = 64,
};
constexpr uint8_t kWordClasses = kLetter | kDigit;
constexpr auto kAsciiClass = [] {
  std::array<uint8_t, 256> t{};  // 0 for every byte >= 0x80
  for (int c = 0; c < 0x80; ++c) t[c] = kEnds;
  for (char c : {'-', '\'', '.', ',', '_'}) t[static_cast<unsigned char>(c)] = 0;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter | kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter | kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (char c : {' ', '\t', '\r'}) t[static_cast<unsigned char>(c)] |= kBlank;
  t['\n'] |= kNewline;
  return t;
}();

// An ASCII character is a word character exactly when it is a letter or a digit (the table);
// only the others need Unicode's classes.
bool IsWordCharSlow(char32_t cp) {
  return IsLetter(cp) || IsDigit(cp) ||
         (cp >= 0x300 && !IsPunct(cp) && !IsSpace(cp) && cp != 0xFFFD && cp < 0x2000);
}
inline bool IsWordChar(char32_t cp) {
  return cp < 0x80 ? (kAsciiClass[cp] & kWordClasses) != 0 : IsWordCharSlow(cp);
}
// The joiners: the ASCII bytes the table leaves without a class.
inline bool IsJoiner(char32_t cp) { return cp < 0x80 && kAsciiClass[cp] == 0; }

// AsciiWordRunEnd, inlined into Tokenize's word loop (a call a word is no small part of it).
[[gnu::always_inline]] inline const char* WordRunEnd(const char* p, const char* end,
                                                     uint8_t* seen) {
#if defined(__SSE2__)
  // Sixteen bytes at a time: a word's end is then found from a mask, not by a loop whose exit
  // (after a few letters, a different number each time) the processor mispredicts once a word.
  // Signed compares: bytes >= 0x80 are negative, so they are in none of the ranges.
  const __m128i a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1);
  const __m128i ua = _mm_set1_epi8('A' - 1), uz = _mm_set1_epi8('Z' + 1);
  const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
  while (end - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto lower = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, a), _mm_cmplt_epi8(x, z))));
    const auto upper = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, ua), _mm_cmplt_epi8(x, uz))));
    const auto digit = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, d0), _mm_cmplt_epi8(x, d9))));
    const unsigned stop = ~(lower | upper | digit) & 0xFFFFu;
    const unsigned run = stop != 0 ? (stop & (0u - stop)) - 1 : 0xFFFFu;  // the bytes before it
    *seen |= static_cast<uint8_t>(((lower & run) != 0 ? kLetter | kLower : 0) |
                                  ((upper & run) != 0 ? kLetter | kUpper : 0) |
                                  ((digit & run) != 0 ? kDigit : 0));
    if (stop != 0) return p + __builtin_ctz(stop);
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    const uint8_t cls = kAsciiClass[static_cast<unsigned char>(*p)];
    if (!(cls & kWordClasses)) break;
    *seen |= cls;
  }
  return p;
}

}  // namespace

const char* AsciiWordRunEnd(const char* p, const char* end, uint8_t* seen) {
  return WordRunEnd(p, end, seen);
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 1);
  size_t i = 0;
  bool line_start = true;
  bool space_before = true;
  const size_t n = text.size();
  const unsigned char* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (i < n) {
    unsigned char c = bytes[i];
    if (kAsciiClass[c] & (kBlank | kNewline)) {
      if (kAsciiClass[c] & kNewline) line_start = true;
      space_before = true;
      ++i;
      continue;
    }
    int len = 1;
    char32_t cp = c < 0x80 ? c : DecodeUtf8(text, i, &len);
    if (c >= 0x80 && IsSpace(cp)) {
      space_before = true;
      i += static_cast<size_t>(len);
      continue;
    }
    Token t;
    t.span.begin = static_cast<uint32_t>(i);
    if (line_start) t.flags |= Token::kLineStart;
    if (space_before) t.flags |= Token::kSpaceBefore;
    line_start = false;
    space_before = false;
    if (IsWordChar(cp)) {
      // What the word's characters have been so far: kLetter, kDigit, kLower (any small letter).
      uint8_t seen = 0;
      bool hyphen = false;
      int upper_letters = 0;
      // A flag set by arithmetic: a word is capitalised or not in no order to predict.
      t.flags |= static_cast<uint8_t>(IsUpper(cp) ? Token::kCapitalised : 0);
      size_t j = i;
      while (j < n) {
        // The common case: a run of ASCII letters and digits, ended by a byte that ends any word.
        j = static_cast<size_t>(WordRunEnd(text.data() + j, text.data() + n, &seen) - text.data());
        if (j >= n || (kAsciiClass[bytes[j]] & kEnds)) break;
        const bool letters = (seen & kLetter) != 0;
        unsigned char b = static_cast<unsigned char>(text[j]);
        int l;
        char32_t d = b < 0x80 ? b : DecodeUtf8(text, j, &l);
        if (b < 0x80) l = 1;
        if (IsWordChar(d)) {
          if (IsLetter(d)) {
            seen |= kLetter;
            if (IsUpper(d)) ++upper_letters;
            if (IsLower(d)) seen |= kLower;
          } else if (IsDigit(d)) {
            seen |= kDigit;
          }
          j += static_cast<size_t>(l);
          continue;
        }
        // Joiners: keep going only when a word character follows.
        if (IsJoiner(d) && j + 1 < n) {
          int l2;
          char32_t e = DecodeUtf8(text, j + 1, &l2);
          if (!IsWordChar(e)) break;
          if (d == '-') {
            // 10.000-12.000 is a range of two numbers, not one token.
            if (!letters && !IsLetter(e)) break;
            hyphen = true;
          } else if (d == ',') {
            if (!(IsDigit(e) && !letters)) break;  // 13,6 but not "Senin,28"
          } else if (d == '.') {
            // 10.000 and 1.302 (digits) or U.S. / a.m. (single letters between dots).
            bool ok = false;
            if (!letters && IsDigit(e)) ok = true;
            if (letters && !(seen & kDigit) && j - i == static_cast<size_t>(len) && IsLetter(e)) {
              // single letter before the dot: U.S, a.m
              size_t k = j + 1 + static_cast<size_t>(l2);
              ok = k >= n || text[k] == '.';
            }
            if (!ok && letters && j >= 2 && text[j - 2] == '.' && IsLetter(e)) {
              size_t k = j + 1 + static_cast<size_t>(l2);
              ok = k >= n || text[k] == '.';
            }
            if (!ok) break;
          } else if (d == '\'') {
            if (!letters || !IsLetter(e)) break;
          } else if (d == '_') {
            if (!letters) break;
          }
          j += 1;
          continue;
        }
        break;
      }
      const bool letters = (seen & kLetter) != 0;
      const bool digits = (seen & kDigit) != 0;
      // Dotted abbreviations (U.S.) keep their final dot.
      if (j < n && text[j] == '.' && j >= 2 && text[j - 2] == '.' && letters && !digits) ++j;
      t.span.end = static_cast<uint32_t>(j);
      t.kind = letters ? TokenKind::kWord : TokenKind::kNumber;
      if (hyphen) t.flags |= Token::kHyphenated;
      if (digits) t.flags |= Token::kHasDigit;
      // Capitals are counted only for a word without small letters (all capitals, or one
      // capital among digits): the ASCII ones here, the others (upper_letters) as they came.
      if (letters && !(seen & kLower)) {
        for (size_t k = i; k < j && upper_letters < 2; ++k) {
          upper_letters += (kAsciiClass[static_cast<unsigned char>(text[k])] & kUpper) != 0;
        }
        if (upper_letters >= 2) t.flags |= Token::kAllCaps;
      }
      out.push_back(t);
      i = j;
      continue;
    }
    // Punctuation and symbols: one code point each; '"' and '\'' are quote marks.
    t.span.end = static_cast<uint32_t>(i + static_cast<size_t>(len));
    t.kind = (cp == '"' || cp == '\'') ? TokenKind::kQuote : TokenKind::kPunct;
    out.push_back(t);
    i += static_cast<size_t>(len);
  }
  return out;
}

namespace {

bool IsTerminal(std::string_view tok) {
  if (tok.size() == 1) return tok[0] == '.' || tok[0] == '!' || tok[0] == '?';
  return tok == "\xE2\x80\xA6";  // …
}

bool IsCloser(std::string_view tok) {
  return tok == "\"" || tok == "'" || tok == ")" || tok == "]";
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens,
                                     const LangRules& lang, const std::vector<Span>& protect,
                                     const std::vector<WordIndex::Info>* words) {
  std::vector<Sentence> out;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  uint32_t start = 0;
  size_t pi = 0;  // protect spans are sorted by begin
  auto emit = [&](uint32_t first, uint32_t last) {
    if (last <= first) return;
    Sentence s;
    s.first = first;
    s.last = last;
    s.span = {tokens[first].span.begin, tokens[last - 1].span.end};
    out.push_back(s);
  };
  for (uint32_t i = 0; i < n; ++i) {
    if (i > start && tokens[i].Is(Token::kLineStart)) {
      emit(start, i);
      start = i;
    }
    if (tokens[i].kind != TokenKind::kPunct) continue;
    std::string_view tok = tokens[i].span.In(text);
    if (!IsTerminal(tok)) continue;
    // Inside a protected span (a quotation on one line)? Then no break.
    while (pi < protect.size() && protect[pi].end <= tokens[i].span.begin) ++pi;
    bool inside = false;
    for (size_t k = pi; k < protect.size() && protect[k].begin <= tokens[i].span.begin; ++k) {
      if (protect[k].begin < tokens[i].span.begin && tokens[i].span.end < protect[k].end) {
        inside = true;
        break;
      }
    }
    if (inside) continue;
    if (tok == "." && i > 0 && tokens[i - 1].span.end == tokens[i].span.begin) {
      std::string_view prev = tokens[i - 1].span.In(text);
      // A single capital initial (J. Smith) or a listed abbreviation (Dr., Jl., Mr.).
      if (tokens[i - 1].kind == TokenKind::kWord) {
        int l;
        char32_t first = DecodeUtf8(prev, 0, &l);
        if (static_cast<size_t>(l) == prev.size() && IsUpper(first)) continue;
        // "word ." is listed only when the word starts a phrase.
        const bool starts_none = words && words->size() == tokens.size() &&
                                 ((*words)[i - 1].flags & WordIndex::kPhrase) == 0 &&
                                 LookedUpByKey(tokens[i - 1], text);
        if (!starts_none && lang.words.Value("abbrev", FoldKey(prev) + " .") != nullptr) continue;
      }
    }
    uint32_t end = i + 1;
    while (end < n && !tokens[end].Is(Token::kLineStart) && IsCloser(tokens[end].span.In(text)) &&
           !tokens[end].Is(Token::kSpaceBefore)) {
      ++end;
    }
    if (end < n && !tokens[end].Is(Token::kLineStart)) {
      // The next sentence must start like one: capital, digit, quote or bracket.
      const Token& next = tokens[end];
      if (!next.Is(Token::kSpaceBefore) && next.kind == TokenKind::kWord) continue;
      int l;
      char32_t c = DecodeUtf8(text, next.span.begin, &l);
      bool starts = IsUpper(c) || IsDigit(c) || next.kind == TokenKind::kQuote || c == '(' ||
                    c == '[' || c == '-';
      if (!starts) continue;
    }
    emit(start, end);
    start = end;
    i = end - 1;
  }
  emit(start, n);
  return out;
}

bool LookedUpByKey(const Token& t, std::string_view text) {
  if (t.Is(Token::kHyphenated)) return false;
  std::string_view w = t.span.In(text);
  return std::all_of(w.begin(), w.end(), [](char c) { return (c & 0x80) == 0; });
}

std::vector<Part> SplitParts(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<Part> parts;
  parts.reserve(tokens.size() + tokens.size() / 8);
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.Is(Token::kHyphenated)) {
      parts.push_back({t.span, i});
      continue;
    }
    uint32_t b = t.span.begin;
    for (uint32_t j = t.span.begin; j <= t.span.end; ++j) {
      if (j == t.span.end || text[j] == '-') {
        if (j > b) parts.push_back({{b, j}, i});
        b = j + 1;
      }
    }
  }
  return parts;
}

namespace {

// Whether phrase is ASCII letters and digits in words joined by single spaces ("Kim Jong Un",
// "G20"): then its tokens are its words and each is one part, so its key is the phrase itself,
// ASCII lower-cased when folded. Most gazetteer aliases and word-list phrases are such.
bool IsPlainWords(std::string_view phrase) {
  if (phrase.empty() || phrase.front() == ' ' || phrase.back() == ' ') return false;
  char prev = 0;
  for (char c : phrase) {
    if (c == ' ') {
      if (prev == ' ') return false;
    } else if (!(kAsciiClass[static_cast<unsigned char>(c)] & kWordClasses)) {
      return false;
    }
    prev = c;
  }
  return true;
}

std::string KeyOf(std::string_view phrase, bool fold) {
  if (IsPlainWords(phrase)) {
    if (!fold) return std::string(phrase);
    std::string key;
    AppendCaseFold(phrase, &key);
    return key;
  }
  std::vector<Token> toks = Tokenize(phrase);
  std::vector<Part> parts = SplitParts(phrase, toks);
  std::string key;
  for (const Part& p : parts) {
    if (!key.empty()) key.push_back(' ');
    if (fold)
      AppendCaseFold(p.span.In(phrase), &key);
    else
      key.append(p.span.In(phrase));
  }
  return key;
}
}  // namespace

std::string MatchKey(std::string_view phrase) { return KeyOf(phrase, true); }
std::string RawKey(std::string_view phrase) { return KeyOf(phrase, false); }

}  // namespace claims
