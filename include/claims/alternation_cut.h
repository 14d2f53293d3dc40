// AlternationCut: a rule's word-list alternations ({@class} macros of the rule files) cut down to
// the words that occur in one match, for the search of that match's groups.
//
// RE2 finds a match with its DFA, then the groups by running the rule's whole program again over
// the match (BitState, whose cost grows with the program). The speech-verb lists make the speaker
// rules' programs large: the English say-list alone is 137 words in one alternation. The same
// pattern with each alternation holding only the words that occur in the match gives the same
// groups over that match:
//  - every way the cut pattern can match is a way the whole one can, in the same order of
//    preference (RE2's leftmost-first, as Perl's), since only alternatives were taken out;
//  - the way the whole pattern prefers over the match takes each word of an alternation from the
//    match's text, so that word is kept, and the way is one of the cut pattern's;
//  - so over exactly that text (RE2::ANCHOR_BOTH between the match's ends, the whole text around
//    it as context for ^, $ and \b) the cut pattern prefers the same way, with the same groups.
// "Occurs" is tested loosely, so that a kept set holds at least the words that can match: a word is
// kept when each of its space-separated parts is in the match, ASCII case folded (a space of a word
// matches [\s-]+ in the pattern, see QuotePhrase). A word with a non-ASCII byte is always kept. A
// match holding a rune that RE2's case folding ties to an ASCII letter (U+017F to s, U+212A to k)
// is left to the whole rule. A test compares the groups both give on the embedded rules.
#ifndef CLAIMS_ALTERNATION_CUT_H_
#define CLAIMS_ALTERNATION_CUT_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace claims {

// A phrase of a word list as a regex: metacharacters escaped, a space matching any run of spaces
// or hyphens.
std::string QuotePhrase(std::string_view phrase);

// A pattern with its {@class} macros expanded: the text around them, and each one's words in the
// order of its alternation (longest first).
struct MacroPattern {
  std::vector<std::string> pieces;              // slots.size() + 1 of them
  std::vector<std::vector<std::string>> slots;  // one per macro, in pattern order

  // The pattern, each macro a case-insensitive alternation of its words: (?i:w1|w2|...). With
  // `keep`, the alternation of slot i holds only the words j with keep[i][j] (none: it never
  // matches).
  std::string Build(const std::vector<std::vector<bool>>* keep = nullptr) const;
};

class AlternationCut {
 public:
  // Cut rules compiled per rule, at most: past that, matches go to the whole rule. A cut English
  // speaker rule takes about 5 KB, so the nine cut rules hold some 50 MB at most; the 2,225 BBC
  // articles need 259 cuts in all (1.3 MB).
  static constexpr size_t kMaxCached = 1024;

  // Rules with smaller programs are left whole: their groups are found fast enough, and each cut
  // compiled costs about as much as a few hundred searches save.
  static constexpr int kMinProgram = 500;

  // Whether cutting pays for a rule whose whole program has program_size instructions
  // (RE2::ProgramSize): not under kMinProgram, and not when the alternations make up less than
  // about two thirds of it (the cut saves too little then to pay for its compiling: the
  // Indonesian rule with a speech-verb list owes half its size to a counted repetition, and
  // measured slower cut).
  static bool WorthCutting(const MacroPattern& pattern, int program_size);

  // Null when the pattern has no macro. `options` are the whole rule's.
  static std::unique_ptr<AlternationCut> Make(MacroPattern pattern, const RE2::Options& options);

  // The rule to search one match of the whole rule for its groups (over exactly the match, with
  // RE2::ANCHOR_BOTH): the pattern cut to the words that occur in `match`, compiled once per set
  // of words kept and shared by all threads; or null, meaning the whole rule (every word kept,
  // the match holds U+017F or U+212A, or the cache is full). Thread-safe.
  const RE2* For(std::string_view match) const;

  size_t cached() const;

 private:
  AlternationCut() = default;

  struct Word {
    std::vector<uint32_t> parts;  // indices into parts_
    bool always = false;          // a non-ASCII byte: always kept
  };
  MacroPattern pattern_;
  RE2::Options options_;
  static uint16_t Pair(char a, char b);

  std::vector<std::string> parts_;        // distinct lower-cased parts of every word
  std::vector<std::vector<Word>> words_;  // per slot, per word
  // Per part, the words that hold it, as slot << 16 | word; how many words are not always kept.
  std::vector<std::vector<uint32_t>> words_of_part_;
  size_t cuttable_ = 0;
  // The parts of two bytes or more, sorted by their first two (Pair); a bit per pair that starts
  // one; the parts of one byte, which are taken as present.
  std::vector<uint32_t> by_pair_;
  std::vector<uint64_t> pair_bits_;
  std::vector<uint32_t> short_parts_;
  // A pair's parts without a search: its rank among the pairs with a bit (rank_base_ of its word
  // of pair_bits_, plus the bits below it there) indexes pair_start_, where its parts start in
  // by_pair_ (the next entry: where they end).
  std::vector<uint32_t> rank_base_;
  std::vector<uint32_t> pair_start_;

  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, std::unique_ptr<RE2>> cache_;  // by the kept words
};

}  // namespace claims

#endif  // CLAIMS_ALTERNATION_CUT_H_
