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

// Where each byte of a normalised text came from: map[i] is the offset in the original bytes of
// byte i. Nearly every byte is copied one for one from a run of plain ASCII, so the map keeps only
// the places where counting on from the byte before breaks (a character that changed length, a
// dropped one, a CRLF) and counts on between them: a few entries a document where a vector of
// offsets took four bytes for every byte of text. A lookup is a binary search over those places.
class OriginMap {
 public:
  // The original offset of byte i, for i < size().
  uint32_t operator[](size_t i) const {
    // The last place at or before i; there is one at 0 whenever the map is not empty.
    size_t lo = 0, hi = places_.size();
    while (hi - lo > 1) {
      const size_t mid = (lo + hi) / 2;
      (places_[mid].at <= i ? lo : hi) = mid;
    }
    const Place& p = places_[lo];
    return p.same ? p.origin : p.origin + static_cast<uint32_t>(i - p.at);
  }
  uint32_t back() const { return (*this)[size_ - 1]; }
  size_t size() const { return size_; }
  // Places where counting on breaks (what the map stores; for tests and benchmarks).
  size_t places() const { return places_.size(); }

  // Appends n bytes that came one for one from original[origin, origin + n).
  void AppendRun(uint32_t origin, size_t n) {
    if (n == 0) return;
    if (!counting_ || origin != next_) {
      places_.push_back({size_, origin, false});
      counting_ = true;
    }
    size_ += static_cast<uint32_t>(n);
    next_ = origin + static_cast<uint32_t>(n);
  }
  // Appends n bytes that all came from original offset `origin` (one character, rewritten).
  void AppendSame(uint32_t origin, size_t n) {
    if (n <= 1) return AppendRun(origin, n);
    places_.push_back({size_, origin, true});
    size_ += static_cast<uint32_t>(n);
    counting_ = false;
  }
  // Keeps the first n bytes' origins (n <= size()).
  void Truncate(size_t n) {
    while (!places_.empty() && places_.back().at >= n) places_.pop_back();
    size_ = static_cast<uint32_t>(n);
    counting_ = !places_.empty() && !places_.back().same;
    if (counting_) next_ = places_.back().origin + static_cast<uint32_t>(n - places_.back().at);
  }

 private:
  struct Place {
    uint32_t at;      // byte of the normalised text
    uint32_t origin;  // its original offset
    bool same;        // the bytes up to the next place all have that origin (else they count on)
  };
  std::vector<Place> places_;
  uint32_t size_ = 0;
  bool counting_ = false;  // the last place counts on, and the next byte may continue it
  uint32_t next_ = 0;      // the origin a byte that continues it has
};

struct NormalizedText {
  std::string text;
  // origin[i] is the offset in the original bytes of text[i]; origin[text.size()] is the
  // original's size, so spans map with ToOriginal.
  OriginMap origin;
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
