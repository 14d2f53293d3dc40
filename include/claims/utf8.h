// UTF-8 helpers shared by every stage: decoding one code point, character classes and case folding
// (utf8proc underneath, so classes follow Unicode, not ASCII).
#ifndef CLAIMS_UTF8_H_
#define CLAIMS_UTF8_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace claims {

namespace utf8_internal {  // the non-ASCII paths of the inline functions below
char32_t DecodeMultiByte(std::string_view text, size_t pos, int* len);
bool IsLetterNonAscii(char32_t cp);
bool IsUpperNonAscii(char32_t cp);
bool IsLowerNonAscii(char32_t cp);
bool IsDigitNonAscii(char32_t cp);
bool IsSpaceNonAscii(char32_t cp);
bool IsPunctNonAscii(char32_t cp);
}  // namespace utf8_internal

// The two runes RE2's case folding ties to ASCII letters: U+017F (long s, C5 BF, folds with s) and
// U+212A (the Kelvin sign, E2 84 AA, folds with k). A text lower-cased byte by byte (ASCII, or
// FoldSameLength) does not show them as their letters, so a literal test of a case-insensitive
// pattern must send a text holding one to the pattern itself (prefilter.h, alternation_cut.h).
inline constexpr std::string_view kRunesFoldingToAscii[] = {"\xC5\xBF", "\xE2\x84\xAA"};
inline bool HasRuneFoldingToAscii(std::string_view text) {
  for (std::string_view r : kRunesFoldingToAscii) {
    if (text.find(r) != std::string_view::npos) return true;
  }
  return false;
}

// The first position at or after pos that holds a byte >= 0x80 (or text.size()): eight bytes at
// a time, so that mostly ASCII text is crossed without a look at each byte.
inline size_t SkipAscii(std::string_view text, size_t pos) {
  const char* p = text.data();
  const size_t n = text.size();
  while (pos + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + pos, 8);
    if (w & 0x8080808080808080ull) break;
    pos += 8;
  }
  while (pos < n && !(static_cast<unsigned char>(p[pos]) & 0x80)) ++pos;
  return pos;
}

// Decodes the code point at text[pos]. Sets *len to its length in bytes (at least 1). An invalid
// or truncated sequence decodes as U+FFFD with *len = 1.
inline char32_t DecodeUtf8(std::string_view text, size_t pos, int* len) {
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  return utf8_internal::DecodeMultiByte(text, pos, len);
}
// Appends the UTF-8 encoding of cp.
void AppendUtf8(char32_t cp, std::string* out);
// Offset of the first invalid UTF-8 sequence in text, or npos when it is all valid.
size_t FirstInvalidUtf8(std::string_view text);

// Unicode character classes; ASCII is decided inline, the rest by utf8proc's tables.
inline bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return utf8_internal::IsLetterNonAscii(cp);
}
inline bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8_internal::IsUpperNonAscii(cp);
}
inline bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8_internal::IsLowerNonAscii(cp);
}
inline bool IsDigit(char32_t cp) {  // decimal digits of any script
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return utf8_internal::IsDigitNonAscii(cp);
}
inline bool IsSpace(char32_t cp) {  // Unicode white space, including NBSP
  if (cp < 0x80)
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
  return utf8_internal::IsSpaceNonAscii(cp);
}
inline bool IsPunct(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) ||
           (cp >= 123 && cp <= 126);
  return utf8_internal::IsPunctNonAscii(cp);
}

// Unicode case folding (utf8proc), NFC. ASCII input takes a fast path.
std::string CaseFold(std::string_view text);
// Appends the case-folded text to *out (no allocation when out has room).
void AppendCaseFold(std::string_view text, std::string* out);
// Lower-cases text keeping every byte offset: each character is replaced by its lower-case form
// when that has the same UTF-8 length (always for ASCII), else kept. Case-insensitive lookups then
// use slices of one folded copy of a document instead of folding each word again.
std::string FoldSameLength(std::string_view text);
// NFC of text (utf8proc). Invalid input is returned unchanged.
std::string Nfc(std::string_view text);

// Display width of text in terminal columns (East Asian wide = 2, combining marks = 0).
int DisplayWidth(std::string_view text);

}  // namespace claims

#endif  // CLAIMS_UTF8_H_
