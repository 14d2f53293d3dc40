// Stage 2, boilerplate: finds what is not the article (read-also links, bylines, related-headline
// lists, comment disclaimers, share and subscribe prompts, tweet picture links) by the rules of
// data/boilerplate.rules, plus every paragraph that repeats an earlier one in the same document.
// The found ranges are blanked with spaces in the normalised text (newlines stay), so offsets do
// not move and no later stage can make a mention out of them.
#ifndef CLAIMS_BOILERPLATE_H_
#define CLAIMS_BOILERPLATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "claims/rules.h"
#include "claims/span.h"

namespace claims {

struct Removed {
  Span span;             // in the normalised text
  std::string_view why;  // rule id, or "duplicate-paragraph"
};

// The boilerplate rules (indices into rules.boilerplate, ascending) that match some line of text
// holding more than spaces: the only ones StripBoilerplate tries on each line. Rules anchored at a
// line's start are looked for at the start of each such line, the others in one pass over the
// text when their prefilter lets it run (Rules::boilerplate_line_start, boilerplate_rest).
std::vector<int> BoilerplateCandidates(const Rules& rules, std::string_view text);

// Blanks boilerplate in *text and returns what was removed, in text order. folded_text, when not
// null, receives FoldSameLength of the blanked text (the prefilter folds the text anyway).
std::vector<Removed> StripBoilerplate(const Rules& rules, std::string* text,
                                      std::string* folded_text = nullptr);

}  // namespace claims

#endif  // CLAIMS_BOILERPLATE_H_
