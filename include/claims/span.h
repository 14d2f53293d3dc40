// Span: a half-open byte range [begin, end) into one text. Stages pass spans, not copies.
#ifndef CLAIMS_SPAN_H_
#define CLAIMS_SPAN_H_

#include <cstdint>
#include <string_view>

namespace claims {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool Overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  std::string_view In(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace claims

#endif  // CLAIMS_SPAN_H_
