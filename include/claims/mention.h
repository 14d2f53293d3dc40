// Mention: one thing found in one article — a quote with its speaker, a person, organisation,
// place, date, number or legal reference — with its canonical value and where it stands, both in
// the normalised text and in the original bytes, so any output can be traced back.
#ifndef CLAIMS_MENTION_H_
#define CLAIMS_MENTION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "claims/span.h"

namespace claims {

enum class MentionKind : uint8_t { kQuote, kPerson, kOrg, kPlace, kDate, kNumber, kLaw };
inline constexpr size_t kMentionKinds = 7;
std::string_view KindName(MentionKind k);
// Parses "quote", "person", ...; returns false for an unknown name.
bool ParseKind(std::string_view name, MentionKind* out);

struct Mention {
  MentionKind kind = MentionKind::kPerson;
  Span span;              // in the normalised text (for a quote: between its marks)
  Span orig;              // the same in the original bytes
  std::string text;       // the surface text, from the original bytes
  std::string value;      // canonical value; for a quote, its text
  std::string speaker;    // quotes: canonical speaker, empty when unknown
  std::string unit;       // numbers: what is counted
  std::string qualifier;  // numbers: about, more than, at least ...
  std::string rule;       // id of the rule that produced it
  uint32_t sentence = 0;  // 0-based sentence index in the document
  uint32_t line = 0;      // 1-based line of orig.begin in the original
  uint32_t col = 0;       // 1-based column (in bytes) of orig.begin
  // Dates: what the expression says before resolution (DateSpec, serialised) and what it was
  // resolved against ("own", "given", "reference", "run"), so that a later stage that knows the
  // whole run's date can resolve "run" dates again (extract --from-mentions).
  std::string spec;
  std::string anchor;
};

}  // namespace claims

#endif  // CLAIMS_MENTION_H_
