// Document: one article as it goes through the per-article stages, and AnalyzeDocument, the pure
// function of (article bytes, rules) that runs them in order:
//   normalise -> strip boilerplate -> tokenise -> pair quotations -> split sentences ->
//   entities, dates, numbers, laws -> speakers -> mentions.
// Dates that need the document's date wait in `pending_dates` until ResolveDocumentDates, because
// a document with no date of its own takes the run's most common date.
#ifndef CLAIMS_DOCUMENT_H_
#define CLAIMS_DOCUMENT_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "claims/boilerplate.h"
#include "claims/dates.h"
#include "claims/mention.h"
#include "claims/normalize.h"
#include "claims/quotes.h"
#include "claims/rules.h"
#include "claims/tokenize.h"

namespace claims {

struct Document {
  // Inputs.
  std::string path;      // as given on the command line (or "-")
  std::string name;      // file name
  std::string original;  // the bytes as read
  std::string outlet;    // set by the caller (--outlets) or found in the text; else the file name
  std::optional<Ymd> given_date;  // from --outlets or the input record
  bool own_date_scanned = false;  // own_date already holds FindOwnDate(original) (the pre-scan)

  // Results of AnalyzeDocument.
  Lang lang = Lang::kId;
  NormalizedText norm;
  std::string clean;   // norm.text with boilerplate blanked
  std::string folded;  // clean lower-cased, same offsets (FoldSameLength)
  std::vector<Removed> removed;
  std::vector<Token> tokens;
  std::vector<Part> parts;
  // WordIndex flags of each part (LangRules::first_words), and kNumberToken on number tokens'.
  std::vector<uint8_t> part_flags;
  // What each token that is one part is in the document's language: its LangRules::first_words
  // flags and its word classes (PhraseTable::Mask of its folded text); zero for a hyphenated
  // token. One lookup per word serves every later stage.
  std::vector<WordIndex::Info> token_words;
  std::vector<Sentence> sentences;
  std::vector<Quotation> quotes;
  std::vector<Mention> mentions;  // in text order
  std::optional<Ymd> own_date;    // dateline or first full date
  struct PendingDate {
    Span span;  // of its date mention, in the normalised text
    DateSpec spec;
  };
  std::vector<PendingDate> pending_dates;
  std::vector<std::string> warnings;  // "file:line:col: message"
  bool outlet_from_text = false;

  // Frees the per-stage buffers, keeping what printing and matching need.
  void DropBuffers();
};

// Runs the per-article stages on doc->original.
void AnalyzeDocument(const Rules& rules, Document* doc);

// AnalyzeDocument on every document of a batch, with the same result for each, but one stage over
// all of them before the next: a stage's rules and tables (RE2's DFA states, the word and
// gazetteer maps) then stay in the caches from one article to the next, rather than being
// pushed out by the other stages' in between. A batch of some tens of articles is enough.
void AnalyzeDocuments(const Rules& rules, std::span<Document* const> docs);

// Gives every pending date its value against ref and records a warning for each corrected year.
// anchor says what ref is: "reference" (--reference-date), "own" (the document's date), "run"
// (the run's most common date) or "none" (no date known: ref is zero). A date that cannot be
// resolved is dropped.
void ResolveDocumentDates(Document* doc, const Ymd& ref, std::string_view anchor);

// What FindOwnDate reads of a document: its first lines within this many bytes.
inline constexpr size_t kOwnDateBytes = 2048;

// The document's own date (the first full date in its first lines that names its weekday or opens
// a dateline) from the first bytes of the original alone: what AnalyzeDocument finds too, at a
// fraction of the cost.
// The run pre-scans every input with it to know its most common date before analysing. original:
// all of the document, or its first bytes, more than kOwnDateBytes of them.
std::optional<Ymd> FindOwnDate(const Rules& rules, std::string_view original);

// 1-based line and byte column of an original offset.
void LineCol(std::string_view original, uint32_t offset, uint32_t* line, uint32_t* col);

}  // namespace claims

#endif  // CLAIMS_DOCUMENT_H_
