// Run: the per-article stages over every input, in parallel, with results in input order so
// that output is byte-identical for any thread count. Documents that cannot be read are
// accounted for in `skipped`; the rest are analysed and their dates resolved against their own
// date, --reference-date, or the run's most common document date.
#ifndef CLAIMS_RUN_H_
#define CLAIMS_RUN_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "claims/dates.h"
#include "claims/document.h"
#include "claims/facts.h"
#include "claims/input.h"
#include "claims/rules.h"

namespace claims {

// What --outlets FILE says of one input (by path or file name).
struct OutletInfo {
  std::string outlet;
  std::optional<Ymd> date;
  std::string url;
};

struct RunOptions {
  std::vector<std::string> paths;
  std::optional<Ymd> reference_date;
  int threads = 0;  // 0: all cores
  size_t max_bytes = size_t{256} << 20;
  std::map<std::string, OutletInfo> outlets;  // key: path as given, or file name
  bool keep_buffers = false;  // keep tokens and texts (tests); otherwise freed after analysis
  bool find_facts = false;    // also find fact candidates (for claims)
};

struct RunResult {
  std::vector<Document> docs;  // analysed documents, in input order
  std::vector<std::vector<FactCandidate>> facts;  // per document, with find_facts
  std::vector<Skipped> skipped;
  std::vector<std::string> warnings;  // in input order
  std::optional<Ymd> run_date;        // the most common document date
  size_t bytes = 0;
};

// Reads --outlets FILE: TSV of path-or-name, outlet[, date YYYY-MM-DD[, url]].
Status LoadOutletsFile(const std::string& path, std::map<std::string, OutletInfo>* out);

void RunPipeline(const Rules& rules, const RunOptions& options, RunResult* result);

// Resolves dates of documents analysed separately (used by RunPipeline; exposed for tests).
void ResolveRunDates(const std::optional<Ymd>& reference, std::vector<Document>* docs,
                     std::optional<Ymd>* run_date);

}  // namespace claims

#endif  // CLAIMS_RUN_H_
