// Stage 2, boilerplate: finds what is not the article (read-also links, bylines, related-headline
// lists, comment disclaimers, share and subscribe prompts, tweet picture links) by the rules of
// data/boilerplate.rules, plus every paragraph that repeats an earlier one in the same document.
// The found ranges are blanked with spaces in the normalised text (newlines stay), so offsets do
// not move and no later stage can make a mention out of them.
#ifndef CLAIMS_BOILERPLATE_H_
#define CLAIMS_BOILERPLATE_H_

#include <string>
#include <vector>

#include "claims/rules.h"
#include "claims/span.h"

namespace claims {

struct Removed {
  Span span;             // in the normalised text
  std::string_view why;  // rule id, or "duplicate-paragraph"
};

// Blanks boilerplate in *text and returns what was removed, in text order.
std::vector<Removed> StripBoilerplate(const Rules& rules, std::string* text);

}  // namespace claims

#endif  // CLAIMS_BOILERPLATE_H_
