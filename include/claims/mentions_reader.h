// Reading mentions back: `claims extract --from-mentions FILE…` rebuilds documents (their
// mentions and fact candidates) from the JSON Lines that `claims mentions --format jsonl` wrote,
// possibly in shards on other machines, and resolves again every date that was resolved against
// a shard's run date, now against the whole run's. The claims table then comes out exactly as
// from one run over all the articles.
#ifndef CLAIMS_MENTIONS_READER_H_
#define CLAIMS_MENTIONS_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "claims/dates.h"
#include "claims/document.h"
#include "claims/facts.h"
#include "claims/status.h"

namespace claims {

struct ReadDocuments {
  std::vector<Document> docs;  // in the order of their "document" lines
  std::vector<std::vector<FactCandidate>> facts;
};

// Appends what path holds ("-" for standard input) to *out. A malformed line, a line longer than
// max_line bytes or a path that is not a regular file stops the read with "path[:line]: why".
Status ReadMentionsFile(const std::string& path, size_t max_line, ReadDocuments* out);

// Resolves "run"-anchored dates against the run date of all documents read (or reference).
void ResolveReadDates(const std::optional<Ymd>& reference, ReadDocuments* in);

}  // namespace claims

#endif  // CLAIMS_MENTIONS_READER_H_
