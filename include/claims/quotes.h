// Quotations: pairs quote marks into quotations, line by line. One quotation is one quote even
// when it holds several sentences. Marks that cannot pair are dropped, and only the broken quote is
// lost: an opening mark left open at the end of its line (a quote that goes on in the next
// paragraph, as English news writes it) closes there; a stray closing mark is ignored. Quotations
// inside a quotation are not reported on their own.
#ifndef CLAIMS_QUOTES_H_
#define CLAIMS_QUOTES_H_

#include <string_view>
#include <vector>

#include "claims/normalize.h"
#include "claims/span.h"
#include "claims/tokenize.h"

namespace claims {

struct Quotation {
  Span open;     // the opening mark
  Span content;  // between the marks
  Span close;    // the closing mark; empty when the quotation ran to the end of its line
  uint32_t first_token = 0;  // index of the opening mark's token
  uint32_t close_token = 0;  // index of the closing mark's token (or one past the last content)
  bool single = false;       // in single marks
};

// text is the normalised, boilerplate-blanked text; original and norm tell how each mark was
// written (curly opening, curly closing or straight). Runs in time linear in the number of tokens.
std::vector<Quotation> FindQuotations(std::string_view text, std::string_view original,
                                      const NormalizedText& norm, const std::vector<Token>& tokens);

}  // namespace claims

#endif  // CLAIMS_QUOTES_H_
