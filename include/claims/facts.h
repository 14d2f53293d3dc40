// Fact candidates: statements that carry a value, found per document so that outlets can be
// compared by what they are about rather than by wording. A candidate is an event cue (the
// `event` class of words.tsv: signed, began, attacked, ended, sent ...), the entities near it
// (a named law when there is one, else the places, organisations and people around the cue) and
// the date or number the sentence gives for it (the value nearest after the cue, else before).
#ifndef CLAIMS_FACTS_H_
#define CLAIMS_FACTS_H_

#include <string>
#include <vector>

#include "claims/document.h"
#include "claims/rules.h"

namespace claims {

struct FactCandidate {
  std::string event;  // event class, e.g. "signed"
  std::vector<std::string>
      about;                  // sorted canonical entities, e.g. {"Comprehensive Strategic ..."}
  bool about_is_law = false;  // about holds named laws or treaties
  MentionKind value_kind = MentionKind::kDate;
  Span value_span;   // the value mention's span in the normalised text
  Span value_orig;   // the same in the original bytes
  std::string unit;  // numbers
  Span cue;          // the event cue
  Span sentence;     // the sentence (normalised text)
  uint32_t sentence_index = 0;
  std::string sentence_text;  // the sentence as written in the original
};

// REQUIRES: AnalyzeDocument has run and the buffers are still there.
std::vector<FactCandidate> FindFacts(const Rules& rules, const Document& doc);

}  // namespace claims

#endif  // CLAIMS_FACTS_H_
