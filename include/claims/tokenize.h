// Stage 3, tokenise and split sentences. Tokens are spans into the normalised, boilerplate-masked
// text; nothing is copied. Words keep internal hyphens (Kim Jong-un, bahu-membahu) and apostrophes
// (don't), dotted abbreviations (U.S.) stay whole, numbers keep their separators (10.000, 13,6).
#ifndef CLAIMS_TOKENIZE_H_
#define CLAIMS_TOKENIZE_H_

#include <string_view>
#include <vector>

#include "claims/rules.h"
#include "claims/span.h"

namespace claims {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kQuote };

struct Token {
  enum Flag : uint8_t {
    kCapitalised = 1,  // first character is an upper-case letter
    kAllCaps = 2,      // every letter is upper case (and there are at least two)
    kLineStart = 4,    // first token on its line
    kSpaceBefore = 8,  // preceded by white space (or the start of the text)
    kHyphenated = 16,  // a word with an internal hyphen
    kHasDigit = 32,
  };
  Span span;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  bool Is(Flag f) const { return (flags & f) != 0; }
};

// Tokens of text in order. Every byte that is not white space belongs to exactly one token.
std::vector<Token> Tokenize(std::string_view text);

// The index of the first token that starts at or after offset (tokens.size() when none does):
// std::lower_bound by span.begin, written so that each halving step is a conditional move, not a
// branch taken either way about as often (the later stages ask it tens of times a document).
inline uint32_t FirstTokenAt(const std::vector<Token>& tokens, uint32_t offset) {
  if (tokens.empty()) return 0;
  // Every token before base starts before offset; the answer is in [base, base + n].
  const Token* base = tokens.data();
  size_t n = tokens.size();
  while (n > 1) {
    const size_t half = n / 2;
    base = base[half].span.begin < offset ? base + half : base;
    n -= half;
  }
  return static_cast<uint32_t>(base - tokens.data()) + (base->span.begin < offset ? 1 : 0);
}

// The classes of ASCII word bytes that AsciiWordRunEnd reports.
enum : uint8_t { kRunLetter = 1, kRunUpper = 2, kRunLower = 4, kRunDigit = 8 };
// The end of the run of ASCII letters and digits that starts at p, no further than end (p itself
// when *p is neither); the classes of the run's bytes are ORed into *seen (a capital adds
// kRunLetter | kRunUpper, a small letter kRunLetter | kRunLower, a digit kRunDigit). The word loop
// of Tokenize.
const char* AsciiWordRunEnd(const char* p, const char* end, uint8_t* seen);

struct Sentence {
  Span span;           // from its first token's start to its last token's end
  uint32_t first = 0;  // index of its first token
  uint32_t last = 0;   // one past its last token
};

// Splits tokens into sentences. A sentence never crosses a line break; it ends after . ! ? or …
// (with any closing quotes or brackets) when the next token starts a new sentence, unless the
// period ends an abbreviation from the language's `abbrev` word class or a single initial.
// `protect` spans (quotations) are not split inside when they close on the same line.
// `words`, when given, holds the `lang.first_words` look-up of each token (Document::token_words):
// a word that starts no phrase of the language is no listed abbreviation, without a look-up.
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens,
                                     const LangRules& lang, const std::vector<Span>& protect,
                                     const std::vector<WordIndex::Info>* words = nullptr);

// A word part: a word token split at its hyphens, or a punctuation token. Gazetteer and phrase
// lookups run over parts, so "Rusia-Ukraina" holds Russia and Ukraine and "Kim Jong-un" matches
// the alias "Kim Jong Un".
struct Part {
  Span span;
  uint32_t token = 0;
};
std::vector<Part> SplitParts(std::string_view text, const std::vector<Token>& tokens);

// Whether the analysis's look-up of token t (Document::token_words, made on its FoldSameLength
// text) is the look-up of its word-list key: t is one part and ASCII, so its text lower-cased is
// its FoldKey.
bool LookedUpByKey(const Token& t, std::string_view text);

// The lookup key of a phrase: its parts case-folded and joined by single spaces. Gazetteer aliases
// and word lists are keyed this way, so they match text exactly as the tokeniser cuts it.
std::string MatchKey(std::string_view phrase);
// The same without case folding (for aliases that must match case-sensitively).
std::string RawKey(std::string_view phrase);

}  // namespace claims

#endif  // CLAIMS_TOKENIZE_H_
