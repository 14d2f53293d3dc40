// Stage 1, normalise: turns an article's original bytes into the text every later stage reads,
// keeping a map from each normalised byte back to the original byte it came from.
//
// What changes: a leading BOM goes; CRLF and lone CR become LF; invalid UTF-8 becomes U+FFFD;
// combining sequences are composed (NFC); curly and angle double quotes become '"', curly single
// quotes '\'', two apostrophes ('' as the NYT writes a double quote) one '"'; en, em and other
// dashes '-'; NBSP and other spaces ' '; zero-width characters and soft hyphens go. The quote
// detector asks the original character (via origin) whether a quote mark opened or closed.
#ifndef CLAIMS_NORMALIZE_H_
#define CLAIMS_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claims/span.h"

namespace claims {

struct NormalizedText {
  std::string text;
  // origin[i] is the offset in the original bytes of text[i]; origin[text.size()] is the
  // original's size, so spans map with ToOriginal.
  std::vector<uint32_t> origin;
  // Offset of the first invalid UTF-8 sequence in the original, or npos.
  size_t first_invalid = std::string_view::npos;
  // The original was not UTF-8 but a single-byte encoding (nearly every non-ASCII byte is invalid
  // as UTF-8): it was read as Windows-1252 (a superset of Latin-1 in its printable range).
  bool windows1252 = false;

  Span ToOriginal(Span s) const { return {origin[s.begin], origin[s.end]}; }
};

// REQUIRES: original.size() < 4 GiB (offsets are 32-bit; the reader enforces a smaller limit).
NormalizedText Normalize(std::string_view original);

// True when bytes are evidently a single-byte encoding rather than UTF-8: it has non-ASCII bytes,
// and at least 90% of them are invalid as UTF-8.
bool LooksWindows1252(std::string_view bytes);

// The offset in a Windows-1252 original that corresponds to `utf8_offset` bytes into its UTF-8
// conversion, counting from original[begin].
uint32_t Windows1252Offset(std::string_view original, uint32_t begin, size_t utf8_offset);

// How a quote mark was written in the original text.
enum class QuoteStyle : uint8_t {
  kNone,
  kStraightDouble,
  kOpenDouble,
  kCloseDouble,
  kStraightSingle,
  kOpenSingle,
  kCloseSingle,
  kDoubleApostrophe
};
// The style of the original character behind normalised offset pos (which holds '"' or '\'').
QuoteStyle OriginalQuoteStyle(std::string_view original, const NormalizedText& norm, size_t pos);

}  // namespace claims

#endif  // CLAIMS_NORMALIZE_H_
