// Fuzzes the whole per-article pipeline on one document, as `claims extract` runs it:
// AnalyzeDocument, ResolveDocumentDates, FindFacts, DropBuffers, ClaimMatcher (the document added
// under two outlets, so that matching and conflict checks run), and the printers (mentions as
// JSON Lines, every line of which must parse; the claims table in every format).
//
// Invariants: tokens, parts, sentences and quotations as in the other targets; every mention's
// span lies in the normalised text and its original span in the input, its text is exactly those
// original bytes (from a Windows-1252 original: as converted), its line and column are where that
// span starts; facts point inside both texts;
// claim members' offsets lie inside the input; the pre-scan's date (FindOwnDate) is the one the
// full analysis finds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "claims/claims.h"
#include "claims/document.h"
#include "claims/facts.h"
#include "claims/json.h"
#include "claims/printer.h"
#include "fuzz_common.h"

using namespace claims;

namespace {

// Runs print(FILE*) into memory and returns what it wrote.
template <typename Fn>
std::string Capture(Fn print) {
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  if (!f) return std::string();
  print(f);
  std::fclose(f);
  std::string out(buf, len);
  std::free(buf);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Rules& rules = fuzz::EmbeddedRules();
  Document doc;
  doc.path = "fuzz/in.txt";
  doc.name = "in.txt";
  doc.original.assign(reinterpret_cast<const char*>(data), size);
  AnalyzeDocument(rules, &doc);

  fuzz::CheckNormalized(doc.original, doc.norm);
  FUZZ_CHECK(doc.clean.size() == doc.norm.text.size(), "boilerplate changed the text's size");
  FUZZ_CHECK(doc.folded.size() == doc.clean.size(), "folded text has other offsets");
  fuzz::CheckTokens(doc.clean, doc.tokens);
  fuzz::CheckParts(doc.clean, doc.tokens, doc.parts);
  fuzz::CheckSentences(doc.clean, doc.tokens, doc.sentences);
  fuzz::CheckQuotations(doc.clean, doc.tokens, doc.quotes);
  fuzz::CheckMentions(doc);
  for (const auto& p : doc.pending_dates) fuzz::CheckSpan(p.span, doc.clean.size(), "pending date");
  std::optional<Ymd> prescan = FindOwnDate(rules, doc.original);
  FUZZ_CHECK(
      prescan.has_value() == doc.own_date.has_value() && (!prescan || *prescan == *doc.own_date),
      "FindOwnDate (%s) disagrees with AnalyzeDocument (%s)",
      prescan ? FormatIso(*prescan).c_str() : "none",
      doc.own_date ? FormatIso(*doc.own_date).c_str() : "none");

  if (doc.own_date)
    ResolveDocumentDates(&doc, *doc.own_date, "own");
  else
    ResolveDocumentDates(&doc, Ymd{2025, 4, 28}, "run");
  fuzz::CheckMentions(doc);
  doc.outlet = "A";

  std::vector<FactCandidate> facts = FindFacts(rules, doc);
  for (const FactCandidate& f : facts) {
    fuzz::CheckSpan(f.value_span, doc.clean.size(), "fact value");
    fuzz::CheckSpan(f.value_orig, doc.original.size(), "fact value (original)");
    fuzz::CheckSpan(f.cue, doc.clean.size(), "fact cue");
    fuzz::CheckSpan(f.sentence, doc.clean.size(), "fact sentence");
    FUZZ_CHECK(f.sentence_index < doc.sentences.size(), "fact sentence %u of %zu", f.sentence_index,
               doc.sentences.size());
  }

  std::string mentions_jsonl = Capture([&](std::FILE* out) {
    auto printer = MakeMentionPrinter(Format::kJsonl, out);
    printer->Begin();
    printer->Print(doc, &facts);
  });
  size_t lines = 0;
  for (size_t pos = 0; pos < mentions_jsonl.size();) {
    size_t nl = mentions_jsonl.find('\n', pos);
    FUZZ_CHECK(nl != std::string::npos, "JSON Lines output does not end with a newline");
    JsonValue v;
    Status s = ParseJson(std::string_view(mentions_jsonl).substr(pos, nl - pos), &v);
    FUZZ_CHECK(s.ok() && v.type == JsonValue::Type::kObject, "line %zu is not a JSON object: %s",
               lines + 1, s.message().c_str());
    ++lines;
    pos = nl + 1;
  }
  FUZZ_CHECK(lines == 1 + doc.mentions.size() + facts.size(), "%zu JSON lines for %zu mentions",
             lines, doc.mentions.size());
  for (Format f : {Format::kTsv, Format::kCsv}) {
    Capture([&](std::FILE* out) { MakeMentionPrinter(f, out)->Print(doc, &facts); });
  }

  doc.DropBuffers();
  Document copy = doc;
  copy.path = "fuzz/copy.txt";
  copy.outlet = "B";
  ClaimMatcher matcher(rules);
  matcher.Add(doc, facts);
  matcher.Add(copy, facts);
  std::vector<ClaimRow> rows = matcher.Finish();
  for (const ClaimRow& row : rows) {
    FUZZ_CHECK(!row.members.empty(), "a claim row without members");
    FUZZ_CHECK(row.kind == "quote" || row.kind == "fact", "row kind '%s'", row.kind.c_str());
    for (const ClaimMember& m : row.members) {
      FUZZ_CHECK(m.start <= m.end && m.end <= doc.original.size(),
                 "claim member [%u,%u) outside the %zu-byte document", m.start, m.end,
                 doc.original.size());
    }
  }
  std::vector<std::string> outlets{"A", "B"};
  for (Format f : {Format::kTable, Format::kTsv, Format::kCsv, Format::kJsonl, Format::kMarkdown}) {
    TableOptions table;
    table.width = 1 + static_cast<int>(size % 200);
    table.color = (size & 1) != 0;
    Capture([&](std::FILE* out) { PrintClaims(f, rows, outlets, table, out); });
  }
  return 0;
}
