// Stage 6, match claims across outlets: the one corpus-wide stage. Documents are Add()ed one at
// a time; Finish() joins
//   - quote claims: the same statement by the same speaker, compared sentence by sentence so that
//     trimmed, split and translated variants meet (token containment), and near-identical long
//     statements given to different speakers (the row says the speakers differ);
//   - fact claims: the same event about the same things (facts.h), whatever the wording; a row
//     whose outlets give incompatible values is a conflict.
// Candidates come from inverted indexes with capped posting lists, so the work grows linearly
// with the number of mentions, never with all pairs.
#ifndef CLAIMS_CLAIMS_H_
#define CLAIMS_CLAIMS_H_

#include <memory>
#include <string>
#include <vector>

#include "claims/document.h"
#include "claims/facts.h"
#include "claims/rules.h"

namespace claims {

struct ClaimMember {
  std::string doc;  // path as given
  std::string outlet;
  std::string text;       // quote: the quoted words (one sentence of them); fact: the sentence
  std::string value;      // fact: the normalised date or number this report gives
  std::string qualifier;  // fact numbers: about, more than ...
  std::string speaker;    // quote: the speaker this outlet names
  uint32_t start = 0, end = 0;  // byte offsets in the original file
  uint32_t line = 0, col = 0;
};

struct ClaimRow {
  std::string kind;     // "quote" or "fact"
  std::string text;     // representative wording
  std::string speaker;  // quote: the speaker most members name
  bool speakers_differ = false;
  std::string event;               // fact
  std::vector<std::string> about;  // fact
  std::string unit;                // fact numbers
  bool conflict = false;
  std::vector<ClaimMember> members;  // by document order, then offset
  std::vector<std::string> outlets;  // distinct, in document order
};

// Whether two values of one fact agree. Dates agree when one is a prefix of the other (2024-08 and
// 2024-08-06) or a season holds the month; numbers when their intervals meet, qualifiers taken
// into account ("more than 10000" and "10000-12000").
bool DatesCompatible(const std::string& a, const std::string& b);
bool NumbersCompatible(const std::string& a, const std::string& qa, const std::string& b,
                       const std::string& qb);

// A document's quotation sentences as claim matching reads them (each sentence's content words,
// case-folded), worked out from the document alone: the workers prepare them in parallel, and
// ClaimMatcher::Add, called in document order, only looks the words up.
struct QuoteUnits {
  struct Piece {
    uint32_t begin = 0, end = 0;    // the sentence's bytes in its quotation's text
    std::vector<std::string> keys;  // its content words in order
  };
  std::vector<Piece> pieces;  // every quotation's sentences, in mention order
};
QuoteUnits PrepareQuoteUnits(const Rules& rules, const Document& doc);

class ClaimMatcher {
 public:
  explicit ClaimMatcher(const Rules& rules);
  ~ClaimMatcher();
  ClaimMatcher(const ClaimMatcher&) = delete;
  ClaimMatcher& operator=(const ClaimMatcher&) = delete;

  // Adds one document's quotes and fact candidates. The document's buffers may have been dropped;
  // its mentions, original bytes and outlet must be there.
  // prepared: PrepareQuoteUnits of the document, or null to work them out here.
  void Add(const Document& doc, const std::vector<FactCandidate>& facts,
           const QuoteUnits* prepared = nullptr);
  // Joins everything added so far into rows, in a deterministic order: the same for any number of
  // threads it may use.
  std::vector<ClaimRow> Finish(int threads = 1);
  // Finish, moving the members into the rows instead of copying them: the matcher is left empty,
  // as if just made. What `claims extract` uses, once everything is added.
  std::vector<ClaimRow> TakeRows(int threads = 1);

 private:
  std::vector<ClaimRow> Rows(int threads, bool take);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claims

#endif  // CLAIMS_CLAIMS_H_
