// Numbers with what they count: "sedikitnya empat juta peluru artileri" = 4000000 artillery
// shells (at least), "10.000–12.000 tentara" = 10000-12000 troops, "Rp 13,6 T". A bare number with
// no unit, currency or percent is not reported (it is usually a year, a page or a score).
#ifndef CLAIMS_NUMBERS_H_
#define CLAIMS_NUMBERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "claims/rules.h"
#include "claims/tokenize.h"

namespace claims {

struct NumberMatch {
  Span span;
  std::string value;      // digits only: "4000000", "13.6", "10000-12000"
  std::string unit;       // canonical unit
  std::string qualifier;  // canonical qualifier, empty when exact
};

// Parses one number token written in lang's convention ("10.000" = 10000 in Indonesian, "13,6" =
// 13.6; "10,000" = 10000 in English). False when it is not a number.
bool ParseNumberToken(std::string_view tok, Lang lang, double* out);
// Digits only, no separators; integers without a decimal point.
std::string FormatNumber(double v);

// Numbers in text. `taken` spans (dates, laws) are skipped.
std::vector<NumberMatch> FindNumbers(const LangRules& lang, std::string_view text,
                                     const std::vector<Token>& tokens,
                                     const std::vector<Part>& parts,
                                     const std::vector<Span>& taken);
// The same with text's FoldSameLength copy already made, and optionally each part's flags as
// Document::part_flags holds them: WordIndex flags (a word part without kPhrase starts no
// number, one without kNumberStart starts none either) and kNumberToken on number tokens' parts.
std::vector<NumberMatch> FindNumbers(const LangRules& lang, std::string_view text,
                                     std::string_view folded, const std::vector<Token>& tokens,
                                     const std::vector<Part>& parts, const std::vector<Span>& taken,
                                     const std::vector<uint8_t>* part_flags = nullptr);

}  // namespace claims

#endif  // CLAIMS_NUMBERS_H_
