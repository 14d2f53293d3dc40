// Speakers: who said each quotation. Tried in order, by the rules of lang/<xx>/speakers.rules:
//   1. a cue after the closing mark ("…," kata Putin / "…," he said / "…," said the spokesman),
//   2. a cue before the opening mark (menurut X, / X said: / according to X,),
//   3. the subject of the last speech verb before the quotation in its sentence (X menyatakan
//      bahwa … "…" / X called it "…"),
//   4. another quotation of the same sentence (partial quotes share their sentence's speaker),
//   5. the quotation just before, when this one opens a paragraph with no cue of its own
//      (a quote that goes on across paragraphs).
// A pronoun cue (imbuhnya, katanya, he added) takes the last named speaker; a role (kata presiden
// Rusia, the Kremlin spokesman) takes the person the document names with that role, else the
// gazetteer's holder of it; an unknown capitalised name becomes a person mention.
#ifndef CLAIMS_SPEAKERS_H_
#define CLAIMS_SPEAKERS_H_

#include "claims/document.h"
#include "claims/rules.h"

namespace claims {

// Adds a quote mention for each quotation of doc, with its speaker when one is found, and a person
// mention for each new name found as a speaker. REQUIRES: doc's entity mentions are in place.
void AttributeSpeakers(const Rules& rules, Document* doc);

}  // namespace claims

#endif  // CLAIMS_SPEAKERS_H_
