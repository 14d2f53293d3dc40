// UTF-8 helpers shared by every stage: decoding one code point, character classes and case folding
// (utf8proc underneath, so classes follow Unicode, not ASCII).
#ifndef CLAIMS_UTF8_H_
#define CLAIMS_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace claims {

// Decodes the code point at text[pos]. Sets *len to its length in bytes (at least 1). An invalid
// or truncated sequence decodes as U+FFFD with *len = 1.
char32_t DecodeUtf8(std::string_view text, size_t pos, int* len);
// Appends the UTF-8 encoding of cp.
void AppendUtf8(char32_t cp, std::string* out);
// Offset of the first invalid UTF-8 sequence in text, or npos when it is all valid.
size_t FirstInvalidUtf8(std::string_view text);

bool IsLetter(char32_t cp);
bool IsUpper(char32_t cp);
bool IsLower(char32_t cp);
bool IsDigit(char32_t cp);  // decimal digits of any script
bool IsSpace(char32_t cp);  // Unicode white space, including NBSP
bool IsPunct(char32_t cp);

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
