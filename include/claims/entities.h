// Entities: people, organisations, places and named laws found by gazetteer lookup over word
// parts, longest match first, with each alias's case and language conditions (rules.h).
#ifndef CLAIMS_ENTITIES_H_
#define CLAIMS_ENTITIES_H_

#include <span>
#include <string_view>
#include <vector>

#include "claims/rules.h"
#include "claims/tokenize.h"

namespace claims {

struct EntityMatch {
  Span span;  // in the text
  uint32_t first_token = 0;
  uint32_t last_token = 0;  // inclusive
  uint32_t entry = 0;       // gazetteer entry
  bool nested = false;      // inside a longer name
};

// Each part's Rules::words_all_langs entry, or null when it has none: the one look-up a word of
// the analysis gets, which language identification, the word lists' flags and the gazetteer's
// search (MatchGazetteer's part_words) all read. folded: the text by FoldSameLength.
std::vector<const Rules::WordInfo*> PartWords(const Rules& rules, std::string_view folded,
                                              const std::vector<Part>& parts);

// Longest matches in text order, each followed by the names of other entries nested inside it
// (an organisation's country, a party inside a commission's name). parts = SplitParts(...).
std::vector<EntityMatch> MatchGazetteer(const Gazetteer& gaz, Lang lang, std::string_view text,
                                        const std::vector<Token>& tokens,
                                        const std::vector<Part>& parts);
// The same with text already lower-cased by FoldSameLength (folded has text's offsets), and
// optionally each part's WordIndex flags: a part without kName starts no match; and each part's
// Rules::words_all_langs entry (PartWords of the rules `gaz` belongs to), which holds
// the part's own gazetteer key (WordInfo::gaz) and so spares a look-up per match started.
std::vector<EntityMatch> MatchGazetteer(
    const Gazetteer& gaz, Lang lang, std::string_view text, std::string_view folded,
    const std::vector<Token>& tokens, const std::vector<Part>& parts,
    const std::vector<uint8_t>* part_flags = nullptr,
    const std::vector<const Rules::WordInfo*>* part_words = nullptr);

// A match of a word-list phrase (words.tsv) starting at part `at`: the longest phrase of class cls.
struct PhraseMatch {
  const PhraseEntry* entry = nullptr;
  uint32_t first_part = 0;
  uint32_t end_part = 0;  // one past
};
PhraseMatch MatchPhrase(const PhraseTable& table, const std::string& cls, std::string_view text,
                        const std::vector<Part>& parts, uint32_t at);
// The same over text already lower-cased by FoldSameLength: no folding per lookup.
PhraseMatch MatchFoldedPhrase(const PhraseTable& table, std::string_view cls,
                              std::string_view folded, const std::vector<Part>& parts, uint32_t at);
// The same for several classes at once, in one walk of the phrases starting at `at`: out[k] is
// MatchFoldedPhrase(table, classes[k], ...).
void MatchFoldedPhrases(const PhraseTable& table, std::span<const std::string_view> classes,
                        std::string_view folded, const std::vector<Part>& parts, uint32_t at,
                        std::span<PhraseMatch> out);

}  // namespace claims

#endif  // CLAIMS_ENTITIES_H_
