// Fuzzes normalisation and quote pairing: Normalize + Tokenize + FindQuotations. Checks that the
// offset map back to the original is complete and in order, that the normalised text is valid
// UTF-8, and that quotations lie inside the text, in order, and never overlap.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claims/boilerplate.h"
#include "claims/normalize.h"
#include "claims/quotes.h"
#include "claims/tokenize.h"
#include "fuzz_common.h"

using namespace claims;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view original(reinterpret_cast<const char*>(data), size);
  NormalizedText norm = Normalize(original);
  fuzz::CheckNormalized(original, norm);
  FUZZ_CHECK(norm.windows1252 == LooksWindows1252(original), "encoding guessed two ways");
  if (norm.windows1252) {
    // Read as Windows-1252: first_invalid is the first non-ASCII byte after a BOM.
    size_t first = std::string_view::npos;
    for (size_t i = original.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; i < original.size(); ++i) {
      if (static_cast<unsigned char>(original[i]) >= 0x80) {
        first = i;
        break;
      }
    }
    FUZZ_CHECK(norm.first_invalid == first, "Windows-1252: first non-ASCII byte %zu, reported %zu",
               first, norm.first_invalid);
  } else if (FirstInvalidUtf8(original) == std::string_view::npos) {
    FUZZ_CHECK(norm.first_invalid == std::string_view::npos, "valid UTF-8 reported invalid at %zu",
               norm.first_invalid);
  } else {
    FUZZ_CHECK(norm.first_invalid == FirstInvalidUtf8(original),
               "first invalid byte %zu, FirstInvalidUtf8 says %zu", norm.first_invalid,
               FirstInvalidUtf8(original));
  }
  // As the pipeline does it: boilerplate blanked in place (offsets unchanged), then quotations.
  std::string clean = norm.text;
  StripBoilerplate(fuzz::EmbeddedRules(), &clean);
  FUZZ_CHECK(clean.size() == norm.text.size(), "boilerplate changed the size");
  for (const std::string* text : {&norm.text, &clean}) {
    std::vector<Token> tokens = Tokenize(*text);
    fuzz::CheckTokens(*text, tokens);
    std::vector<Quotation> quotes = FindQuotations(*text, original, norm, tokens);
    fuzz::CheckQuotations(*text, tokens, quotes);
  }
  return 0;
}
