// Run: the per-article stages over every input, in parallel, handing each document to a sink in
// input order as soon as it and every document before it are done. A fixed set of workers, the
// calling thread one of them, each takes the next input, analyses it, and then hands over to the
// sink whatever is done in order. At most a fixed number of inputs are read ahead of the oldest
// one not yet handed over, so memory does not grow with the number of documents, and the output
// is byte-identical for any thread count.
//
// Dates: each document's relative dates resolve against --reference-date, else the document's
// own date (a date given with the input, its dateline, or a full date in its first lines), else
// the run's most common document date. For files that run date comes from a pre-scan of every
// file's first bytes; for JSON Lines input, from the first 512 records (a later
// `extract --from-mentions` resolves those again against the whole run), so no record goes to the
// sink before those records are analysed.
//
// Folders are walked twice (PathWalker): once before the run, for the inputs skipped while
// expanding the paths (they go to the sink first), the number of files and, with the pre-scan, the
// run's date; once as the run goes. No list of the files is kept between the walks, only the
// counts of dates, the first files' bytes (32 MiB) and their own dates (8 bytes a file, for the
// first 4 million), so memory does not grow with the number of files either. What changed between
// the walks is handled: a file not at the place the pre-scan saw it gets its own date found
// again, and an input skipped only by the second walk goes to the sink in its place.
#ifndef CLAIMS_RUN_H_
#define CLAIMS_RUN_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "claims/claims.h"
#include "claims/dates.h"
#include "claims/document.h"
#include "claims/facts.h"
#include "claims/input.h"
#include "claims/outlets.h"
#include "claims/rules.h"

namespace claims {

// Inputs a worker takes at once (RunPipeline), to analyse stage by stage (AnalyzeDocuments).
inline constexpr size_t kBatch = 64;
// Text a worker analyses at once, at most (more only when one input is longer).
inline constexpr size_t kBatchBytes = 256 << 10;

struct RunOptions {
  std::vector<std::string> paths;
  std::optional<Ymd> reference_date;
  int threads = 0;  // 0: all cores
  size_t max_bytes = size_t{256} << 20;
  // --outlets: by path as given, or file name.
  OutletTable outlets;
  bool keep_buffers = false;  // keep tokens and texts (tests); otherwise freed after analysis
  bool find_facts = false;    // also find fact candidates (for claims)
  bool prepare_quote_units = false;  // also PrepareQuoteUnits (for ClaimMatcher::Add)
  bool input_jsonl = false;          // inputs are JSON Lines of {"id","outlet","date","url","text"}
  bool progress = false;             // documents done, MB/s and ETA on standard error
  // When set, every document reaches the sink rendered (RunItem::rendered), after its dates are
  // resolved: by the worker that analysed it, in parallel, when the run's date is known before
  // analysis (files, or --reference-date); else at the hand-over (JSON Lines input without
  // --reference-date, whose run date comes from its first records).
  std::function<void(const Document&, const std::vector<FactCandidate>*, std::string*)> render;
};

// One input, handed to the sink in input order: a document with its fact candidates, or an
// input that was skipped and why. Inputs skipped while expanding the paths come first; a file or
// record skipped for what it holds keeps its place. Lines of JSON Lines input skipped while
// reading them (bad JSON, no "text" string, over --max-bytes; a file that cannot be opened) come
// at the head of the window of 512 records they were read in, before its documents.
struct RunItem {
  Document* doc = nullptr;
  std::vector<FactCandidate>* facts = nullptr;
  const QuoteUnits* quote_units = nullptr;  // with RunOptions::prepare_quote_units
  const Skipped* skipped = nullptr;
  const std::string* rendered = nullptr;  // what RunOptions::render made of doc, when it is set
};
// The sink is called one input at a time, never by two threads at once, always in input order,
// but on whichever worker thread finds the next inputs done (with one thread: the calling
// thread). The item and what it points to are valid only during the call.
using RunSink = std::function<void(RunItem& item)>;

struct RunStats {
  size_t documents = 0;
  size_t bytes = 0;
  std::vector<Skipped> skipped;
  std::map<std::string, size_t> mentions;  // by kind
  std::optional<Ymd> run_date;
};

// Returns once every input has gone to the sink. An exception thrown by the sink or the analysis
// stops the run (inputs not yet handed over are dropped) and is rethrown here.
void RunPipeline(const Rules& rules, const RunOptions& options, const RunSink& sink,
                 RunStats* stats);

// The most common of the given dates (ties: the later one).
std::optional<Ymd> MostCommonDate(const std::vector<Ymd>& dates);

}  // namespace claims

#endif  // CLAIMS_RUN_H_
