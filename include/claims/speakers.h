// Speakers: who said each quotation. Each quotation's own cues are read first, by the rules of
// lang/<xx>/speakers.rules, in this order:
//   0. a speaker label in capitals opening the quotation ("PENCE: Well, …"),
//   1. a cue after the closing mark: right after it ("…," kata Putin / "…," he said / "…," said
//      Ryan Ellis, a tax consultant / "…" ― Christina Lastra) or closing its sentence (a "…" is
//      held accountable, Warren said.); after a quotation that ends its sentence only a name
//      can follow as its cue, and only when the quotation is a sentence of its own,
//   2. a cue before the opening mark (menurut X, / X said: / according to X, / Said Ellis: /
//      a headline's "Rush Limbaugh: … '…'"),
//   3. the subject of the last speech verb before the quotation in its sentence (X menyatakan
//      bahwa … "…" / X called it "…"): for a participle ("…, saying") the clause's subject or
//      the name right before it; "X, <appositive>, said" gives X; "was asked by X" gives X.
// Then, in text order, a quotation with no cue of its own takes
//   4. the speaker of another quotation of its sentence (partial quotes share their speaker),
//   5. if it opens its sentence, the speaker before it: a speech verb of the sentence just before
//      ("…, Schiff said. "…""), the last quotation of its paragraph ("…," Flynn said. "…"), or, at
//      a paragraph's start, the last sentence of the paragraph before (a quotation going on
//      across paragraphs, "Cruz continued:", "Carter said that …"),
//   6. else the subject of its sentence ("Reid has gone after Trump as a "con artist"").
// A pronoun cue (imbuhnya, katanya, he added) takes the subject of its own sentence when it has
// one ("Clinton says she appreciated … what she calls a "…""), else the last named speaker (the
// last person for he/she/katanya), else the latest person subject before it. In the names of a
// cue, a name qualifying another ("Trump campaign spokesman Jason Miller", "Kepala Dikbud Kendari
// Saemina"), a possessive and the object of a preposition are not the speaker; a role (kata
// presiden Rusia, the Kremlin spokesman) takes the person the document names with that role,
// else the gazetteer's holder of it; a surname alone takes the document's full name for it; an
// unknown capitalised name becomes a person (or an organisation) mention.
// Cost: linear in the document; a sentence's names and speech verbs are read once however many
// quotations it holds.
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
