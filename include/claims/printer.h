// Stage 7, print. The printers know nothing of how mentions and claims were found: they take
// documents and claim rows and write one format. Mentions print as they come (streaming); the
// claims table needs all rows first. The JSON Lines fields are a stable schema (README.md).
#ifndef CLAIMS_PRINTER_H_
#define CLAIMS_PRINTER_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claims/claims.h"
#include "claims/document.h"
#include "claims/facts.h"
#include "claims/status.h"

namespace claims {

enum class Format { kTable, kTsv, kCsv, kJsonl, kMarkdown };
bool ParseFormat(std::string_view name, Format* out);

// Escaping for the three text formats. Invalid UTF-8 becomes U+FFFD in JSON.
void AppendJsonString(std::string_view s, std::string* out);
void AppendCsvField(std::string_view s, std::string* out);
void AppendTsvField(std::string_view s, std::string* out);

class MentionPrinter {
 public:
  explicit MentionPrinter(std::FILE* out) : out_(out) {}
  virtual ~MentionPrinter() = default;
  virtual void Begin() {}
  // Appends doc's mentions, as Print would write them, to *out. JSON Lines also gets one
  // "document" line before them and one "fact" line per fact candidate after them (facts may be
  // null), which is all `extract --from-mentions` needs to rebuild the claims table; TSV and CSV
  // print mentions only. Const and thread-safe: workers render documents in parallel and the
  // run hands the bytes over in input order.
  virtual void Render(const Document& doc, const std::vector<FactCandidate>* facts,
                      std::string* out) const = 0;
  // Renders doc and writes it.
  void Print(const Document& doc, const std::vector<FactCandidate>* facts);
  // Writes bytes Render made.
  void Write(std::string_view bytes);

 protected:
  std::FILE* out_;

 private:
  std::string buffer_;
};
// REQUIRES: format is kTsv, kCsv or kJsonl.
std::unique_ptr<MentionPrinter> MakeMentionPrinter(Format format, std::FILE* out);

struct TableOptions {
  int width = 80;  // terminal columns
  bool color = false;
};

// outlets: the table's outlet columns, distinct. threads: how many may render JSON Lines, TSV and
// CSV rows (the output is the same for any number).
void PrintClaims(Format format, const std::vector<ClaimRow>& rows,
                 const std::vector<std::string>& outlets, const TableOptions& table, std::FILE* out,
                 int threads = 1);

// Truncates s to at most `width` display columns, ending with an ellipsis when cut.
std::string Ellipsize(std::string_view s, int width);

}  // namespace claims

#endif  // CLAIMS_PRINTER_H_
