// AtomFilter: an exact test, much cheaper than a pass of a regex set, that tells when none of a
// set's patterns can match a text. RE2's FilteredRE2 reduces each pattern to an AND/OR formula
// over literal strings ("atoms", lower-cased) that any match must contain: `[Pp]asal\s+\d+` needs
// "pasal", `Section\s+\d+ of the (...Act)` needs "section", "the" and "act". From each formula the
// filter keeps a clause, a few atoms at least one of which every match contains ("section" alone
// for the second; ".com", ".id", ... for a list of domains), preferring long atoms, which are rare.
// It looks for the clauses' atoms (the needles) in the text lower-cased by FoldSameLength; when
// none is there, no pattern matches and the set's pass (a DFA walk of every byte, several times
// slower) can be skipped. When one is there, the set runs as before, so what the set reports never
// changes: the filter only ever answers "none can match" or "ask the set".
//
// Exactness rests on two facts, each checked by a test (prefilter_test.cc): FilteredRE2's formula
// holds for every text a pattern matches, once that text is lower-cased rune by rune; and the
// lower-cased text's ASCII bytes are FoldSameLength's, except where the text holds a rune that
// RE2's case folding ties to an ASCII letter (U+017F ſ to s, U+212A Kelvin sign to k). A text with
// one of those, or a pattern whose formula needs a non-ASCII atom, is always sent to the set.
//
// The same filter stands in front of each speaker cue rule (LangRules::speaker_filter), built from
// the rule's word lists by MacroNeedles, over the short texts around a quotation.
#ifndef CLAIMS_PREFILTER_H_
#define CLAIMS_PREFILTER_H_

#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claims/alternation_cut.h"
#include "claims/status.h"

namespace claims {

class AtomFilter {
 public:
  // Atoms shorter than this count as present everywhere (they would pass too many texts to be
  // worth a look-up): "uu" or "no" drop out of a formula, "tahun" stays.
  static constexpr int kMinAtomLen = 3;

  // Builds the filter for these patterns, compiled with `options` as the set is. An error names
  // the pattern's index: the caller has already compiled each pattern, so it does not happen in
  // practice.
  // min_atom_len: kMinAtomLen, or less for patterns whose only literal is short and rare (the
  // boilerplate table rule's `|`).
  static Status Build(const std::vector<std::string>& patterns, const RE2::Options& options,
                      std::unique_ptr<AtomFilter>* out, int min_atom_len = kMinAtomLen);

  // The needles of one rule with {@class} macros (MacroPattern::Build's pattern), or *always when
  // it may match any text. FilteredRE2 finds no atoms in a long alternation of words: RE2 factors
  // it into shared prefixes ("s" + "aid|ays") too short to count. So each macro is taken as a
  // placeholder literal first; the clause's atoms that hold a placeholder give way to every
  // macro's placeholder and the first part (up to its first space) of each of its words,
  // lower-cased. Exact: a match that runs through a macro holds one of its words, so the word's
  // first part (ASCII case folded; a text with a rune folding to ASCII always passes); a match
  // that runs through none is a match of the placeholder pattern in the same text, which holds an
  // atom of the clause. A macro with a word whose first part is non-ASCII or shorter than
  // kMinAtomLen makes the rule pass every text.
  static Status MacroNeedles(const MacroPattern& pattern, const RE2::Options& options,
                             std::vector<std::string>* needles, bool* always);
  // The filter that passes the texts holding one of these needles (lower-cased, as
  // FoldSameLength's text holds them), or a rune folding to ASCII; none: it passes no text. It is
  // made for short texts (a speaker cue's): with many needles it looks for grams (IndexGrams).
  static std::unique_ptr<AtomFilter> ForNeedles(std::vector<std::string> needles);

  // Whether some pattern may match the text whose FoldSameLength form is `folded`. False means
  // that no pattern matches the text; true means nothing (run the set).
  bool MayMatch(std::string_view folded) const;

  // Whether every text passes (some pattern has no formula, or needs a non-ASCII atom).
  bool always() const { return always_; }
  // The strings looked for: at least one of them is in every text some pattern matches.
  const std::vector<std::string>& needles() const { return needles_; }

 private:
  AtomFilter() = default;

  // FilteredRE2's clause for the patterns: into *needles, or *always when some pattern has no
  // formula or needs a non-ASCII atom.
  static Status Clause(const std::vector<std::string>& patterns, const RE2::Options& options,
                       int min_atom_len, std::vector<std::string>* needles, bool* always);
  // The anchors of needles_ (and the two runes), and the scan that looks for them: the blocks'
  // kernels, or with short_texts (a speaker cue's, tens of bytes), the grams (IndexGrams) when
  // no unrolled kernel fits.
  void Index(bool short_texts);

  bool always_ = false;
  bool empty_ = false;  // no pattern: nothing matches
  std::vector<std::string> needles_;
  // Each needle is looked for at its anchor: its rarest byte when that is punctuation (".com",
  // "(reuters)"), else its rarest pair of neighbouring bytes ("pasal" at "pa"), so that few places
  // of a text need a closer look; the two runes that fold to ASCII letters (see prefilter.cc) are
  // needles too. A text is read 16 bytes at a time for the anchors; only where one stands are the
  // needles anchored there compared.
  struct Anchored {
    uint32_t needle;  // index into all_needles_
    uint32_t offset;  // of the anchor's first byte in the needle
  };
  struct Anchor {
    unsigned char first = 0;
    int second = -1;  // the byte after `first`, or -1: `first` alone
    std::vector<Anchored> needles;
  };
  std::vector<Anchor> anchors_;
  std::array<uint64_t, 256> anchors_by_first_{};  // bit k: anchors_[k].first is the byte
  // For short texts, too many anchors for an unrolled kernel (a rule's word lists, see
  // MacroNeedles), every needle three bytes or more: each needle is looked for at its rarest three
  // bytes (its gram) instead. The text is read a byte at a time, each three bytes hashed into a bit
  // table of the grams; where a bit is set, the gram is found by a binary search and its needles
  // compared. The two runes are looked for at each byte with its top bit set. For the short texts
  // of a speaker cue this costs less than the blocks' compares, one per anchor.
  void IndexGrams();
  static constexpr int kGramBits = 16;
  bool grams_mode_ = false;
  std::vector<uint64_t> gram_bits_;                  // 1 << kGramBits bits
  std::vector<uint32_t> grams_;                      // three bytes each, ascending
  std::vector<std::vector<Anchored>> gram_needles_;  // the needles anchored at grams_[k]
  static uint32_t Gram(const char* t) {
    return static_cast<uint32_t>(static_cast<unsigned char>(t[0])) |
           static_cast<uint32_t>(static_cast<unsigned char>(t[1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(t[2])) << 16;
  }
  static uint32_t GramHash(uint32_t gram) { return (gram * 0x9E3779B1u) >> (32 - kGramBits); }
  bool FoundAtGram(const char* t, size_t n, size_t at, uint32_t gram) const;
  // Whether one of the needles stands with its anchor at position `at` of t[0, n).
  bool NeedleAt(const std::vector<Anchored>& needles, const char* t, size_t n, size_t at) const;
  std::vector<std::string_view> all_needles_;  // needles_, then the two runes
  // The ASCII anchors' bytes, for the 16-byte blocks: single bytes, and pairs (first, second).
  // The runes' anchors (non-ASCII first bytes) come from each block's top bits instead.
  std::vector<unsigned char> singles_, pair_firsts_, pair_seconds_;

  // Whether a needle stands with its anchor at position `at` of t[0, n).
  bool FoundAt(const char* t, size_t n, size_t at) const;
  // Reads the whole blocks of t[0, n) from *pos for the anchors, NS single bytes and NP pairs
  // (a kernel per small count, so that the compares unroll; -1 for any count); true when a
  // needle is found, else *pos is where the blocks end.
  template <int NS, int NP>
  bool ScanBlocks(const char* t, size_t n, size_t* pos) const;
  struct Kernels;  // the table of ScanBlocks instances (prefilter.cc)
  // The ScanBlocks instance for this filter's anchor counts, chosen by Build.
  bool (AtomFilter::*scan_)(const char*, size_t, size_t*) const = nullptr;
};

}  // namespace claims

#endif  // CLAIMS_PREFILTER_H_
