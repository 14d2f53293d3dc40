// The streaming run over all inputs (see run.h).
#include "claims/run.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>

#include "claims/hash.h"
#include "claims/json.h"
#include "claims/parallel.h"

namespace claims {
namespace {

// JSON Lines: the records whose own dates make the run date, and the unit in which the inputs
// skipped while reading records go to the sink (at the head of the window they fall in).
constexpr size_t kWindow = 512;
// Inputs held at most, from the oldest one not yet handed to the sink to the newest read (lines
// skipped while reading records aside): what bounds memory. No smaller than kWindow, or a window
// of records could never be complete.
constexpr size_t kMaxAhead = kWindow;
static_assert(kBatch <= kMaxAhead);
// What the date pre-scan reads of each file: all of nearly every news article. More than
// FindOwnDate reads, so that a file it gets no more than kOwnDateBytes of is all there.
constexpr size_t kHeadBytes = 16 << 10;
static_assert(kHeadBytes > kOwnDateBytes);
// Files the pre-scan read whole are kept for the analysis, so that it does not open them again,
// up to this many bytes in all (the first files, about: the ones analysed first): a run over a
// few thousand articles reads each once, and memory stays bounded however many there are.
constexpr size_t kKeepBytes = 32 << 20;
// Files whose first bytes the pre-scan reads together (ReadHeads: one system call for a batch),
// taken by one thread at a time.
constexpr size_t kReadBatch = 64;
// FindOwnDate's answers from the pre-scan are kept for the analysis for this many files at most
// (8 bytes a file: 32 MB), so that it does not find them again (a tenth of an English run's time
// at x16); later files' dates are found again, so memory stays bounded however many files.
constexpr size_t kOwnDateFiles = size_t{4} << 20;

// One input before it is analysed: a file path, or a record of a JSON Lines stream.
struct Source {
  std::string path;  // file path, "-", or the record's id
  bool record = false;
  std::string text;  // the record's raw line until it is parsed, then the record's text
  std::string outlet;
  std::optional<Ymd> date;
  std::string where;  // "file:line" of the record, for messages
};

// Where a slot is: taken by a worker, parsed (a JSON Lines record known to be good), analysed.
enum SlotState : int { kTaken = 0, kParsed = 1, kDone = 2 };

// FindOwnDate's answer for one file, as the pre-scan keeps it (kOwnDateFiles): the high half a
// hash of the path, so that a file that is not the one scanned at its place (the folder changed
// between the walks) is not given another's date; the low half 0 when it was not asked, 1 when
// there is none, else PackYmd + 2.
uint64_t PackOwnDate(std::string_view path, const std::optional<Ymd>& d) {
  const uint64_t date = d ? static_cast<uint64_t>(PackYmd(*d)) + 2 : 1;
  return (HashBytes(path) & ~uint64_t{0xFFFFFFFF}) | date;
}

// The answer PackOwnDate packed for path, when there is one.
std::optional<std::optional<Ymd>> UnpackOwnDate(std::string_view path, uint64_t v) {
  const uint64_t date = v & 0xFFFFFFFF;
  if (date == 0 || (v ^ HashBytes(path)) >> 32) return std::nullopt;
  if (date == 1) return std::optional<Ymd>();
  return std::optional<Ymd>(UnpackYmd(static_cast<int32_t>(date - 2)));
}

// What the first walk over the inputs found (FirstWalk), before any is analysed. Nothing in it
// is kept per file but the files kept whole, so it does not grow with the number of files.
struct Walked {
  bool keys = false;  // the walk needed keys (PathWalker): the main walk starts with them
  size_t files = 0;
  std::vector<Skipped> skipped;     // in the order met
  std::optional<Ymd> run_date;      // with the pre-scan: the most common date of the files
  StringMap<std::string> kept;      // files read whole (kKeepBytes), by path
  std::vector<uint64_t> own_dates;  // PackOwnDate, by place in the walk (kOwnDateFiles)
};

// One input in input order, from the moment the reader hands it out until it has gone to the sink.
struct Slot {
  Source source;
  std::optional<std::optional<Ymd>> own_date;  // FindOwnDate's answer, from the pre-scan
  // The file's bytes when read before Load: kept by the pre-scan, or read with the worker's batch
  // (Pipeline::ReadAhead). Load takes them.
  std::optional<std::string> contents;
  std::optional<Document> doc;
  std::vector<FactCandidate> facts;
  QuoteUnits quote_units;
  std::optional<Skipped> skipped;
  bool completed = false;  // Complete ran: dates resolved, `bytes` rendered (with render)
  std::string bytes;
  // Skipped while reading or parsing JSON Lines (a file that cannot be opened, an over-long line,
  // a bad record): not one of the records a window of kWindow counts.
  bool not_source = false;
  bool counted = true;  // counts against the look-ahead bound (guarded by the pipeline's mutex)
  std::atomic<int> state{kTaken};
};

// Hands out inputs in input order: file paths, or the raw lines of JSON Lines inputs read one at a
// time (a worker parses them; see ParseRecord). The paths come from a second walk (PathWalker)
// over what the first one (FirstWalk) read; what it finds skipped that the first did not say
// (a folder gone since) comes out in place, so that nothing is dropped unsaid.
class SourceReader {
 public:
  SourceReader(const RunOptions& opt, const Walked& first)
      : opt_(opt), walker_(opt.paths, first.keys) {
    for (const Skipped& s : first.skipped) said_.insert({s.path, s.reason});
  }
  ~SourceReader() {
    if (in_ && in_ != stdin) std::fclose(in_);
  }

  // Fills *out with the next input, or returns false at the end. A JSON Lines file that cannot be
  // opened and a line over --max-bytes come out as not_source slots with their skipped entry; an
  // input the walk skipped that the first walk did not, as a slot with its skipped entry.
  bool Next(Slot* out) {
    if (!opt_.input_jsonl) {
      std::string path;
      if (!NextPath(&path, &out->skipped)) return false;
      if (!out->skipped) out->source.path = std::move(path);
      return true;
    }
    while (true) {
      if (!in_) {
        std::string path;
        if (!NextPath(&path, &out->skipped)) return false;
        if (out->skipped) {
          out->not_source = true;
          return true;
        }
        current_ = std::move(path);
        line_no_ = 0;
        in_ = current_ == "-" ? stdin : std::fopen(current_.c_str(), "rb");
        if (!in_) {
          out->skipped = Skipped{current_, std::strerror(errno), true};
          out->not_source = true;
          return true;
        }
      }
      // Only this reader touches the stream, and only under the pipeline's mutex.
      std::string line;
      int c;
      bool any = false;
      while ((c = getc_unlocked(in_)) != EOF) {
        any = true;
        if (c == '\n') break;
        line.push_back(static_cast<char>(c));
        if (line.size() > opt_.max_bytes) {
          // Skip the rest of an over-long line.
          while ((c = getc_unlocked(in_)) != EOF && c != '\n') {
          }
          break;
        }
      }
      if (!any) {
        if (in_ != stdin) std::fclose(in_);
        in_ = nullptr;
        continue;
      }
      ++line_no_;
      std::string where = fmt::format("{}:{}", current_, line_no_);
      if (line.size() > opt_.max_bytes) {
        out->skipped = Skipped{
            where,
            fmt::format("record larger than the limit of {} bytes (--max-bytes)", opt_.max_bytes),
            true};
        out->not_source = true;
        return true;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      out->source.record = true;
      out->source.where = std::move(where);
      out->source.text = std::move(line);
      return true;
    }
  }

 private:
  // The walk's next path into *path, or a skipped input the first walk did not say into *fresh;
  // false at the end.
  bool NextPath(std::string* path, std::optional<Skipped>* fresh) {
    while (true) {
      if (!fresh_.empty()) {
        *fresh = std::move(fresh_.front());
        fresh_.pop_front();
        return true;
      }
      if (held_) {
        *path = std::move(*held_);
        held_.reset();
        return true;
      }
      std::vector<Skipped> said;
      const bool got = walker_.Next(path, &said);
      for (Skipped& s : said) {
        auto it = said_.find({s.path, s.reason});
        if (it != said_.end())
          said_.erase(it);
        else
          fresh_.push_back(std::move(s));
      }
      if (got) {
        if (fresh_.empty()) return true;
        held_ = std::move(*path);  // after the skipped inputs met before it
        continue;
      }
      if (fresh_.empty()) return false;
    }
  }

  const RunOptions& opt_;
  ResumingPathWalker walker_;  // walks on with keys through a link the first walk did not meet
  std::multiset<std::pair<std::string, std::string>> said_;  // the first walk's skipped inputs
  std::deque<Skipped> fresh_;
  std::optional<std::string> held_;
  std::FILE* in_ = nullptr;
  std::string current_;
  size_t line_no_ = 0;
};

// Parses a record's raw line into its source; false (with the slot's skipped entry) for a bad one.
bool ParseRecord(Slot* slot) {
  Source& src = slot->source;
  JsonValue v;
  Status s = ParseJson(src.text, &v);
  const char* why = nullptr;
  std::string bad;
  if (!s.ok()) {
    bad = "bad JSON: " + s.message();
  } else if (v.type != JsonValue::Type::kObject) {
    why = "record is not a JSON object";
  } else {
    auto text = v.object.find("text");
    if (text == v.object.end() || text->second.type != JsonValue::Type::kString) {
      why = "record has no \"text\" string";
    } else {
      src.path = v.Str("id");
      if (src.path.empty()) src.path = src.where;
      src.text = std::move(text->second.string);
      src.outlet = v.Str("outlet");
      std::string date = v.Str("date");
      if (!date.empty()) {
        Ymd d;
        if (ParseIsoDate(date.substr(0, 10), &d)) src.date = d;
      }
      return true;
    }
  }
  slot->skipped = Skipped{src.where, why ? std::string(why) : std::move(bad), true};
  slot->not_source = true;
  std::string().swap(src.text);
  return false;
}

// Resolves the document's relative dates against what the run knows: --reference-date, else its
// own (or given) date, else the run's most common date.
void ResolveDates(const RunOptions& opt, const std::optional<Ymd>& run_date, Document* d) {
  if (opt.reference_date)
    ResolveDocumentDates(d, *opt.reference_date, "reference");
  else if (d->own_date)
    ResolveDocumentDates(d, *d->own_date, d->given_date ? "given" : "own");
  else if (run_date)
    ResolveDocumentDates(d, *run_date, "run");
  else
    ResolveDocumentDates(d, Ymd{}, "none");
}

// A path's file name: what follows its last '/' (std::filesystem::path::filename on POSIX, without
// parsing the path into its parts).
std::string_view FileName(std::string_view path) { return path.substr(path.rfind('/') + 1); }

// The --outlets entry of a file: by its path as given, else by its file name.
std::optional<OutletInfo> OutletFor(const RunOptions& opt, std::string_view path) {
  if (opt.outlets.empty()) return std::nullopt;
  std::optional<OutletInfo> info = opt.outlets.Find(path);
  return info ? info : opt.outlets.Find(FileName(path));
}

// Brings the slot's document to what the sink gets: its dates resolved and, with
// RunOptions::render, its bytes rendered. Done once, by the worker or at the hand-over.
void Complete(const RunOptions& opt, const std::optional<Ymd>& run_date, Slot* slot) {
  if (slot->completed) return;
  slot->completed = true;
  ResolveDates(opt, run_date, &*slot->doc);
  if (opt.render) opt.render(*slot->doc, opt.find_facts ? &slot->facts : nullptr, &slot->bytes);
}

// The slot's input read into *out, ready for AnalyzeDocument; false when it is skipped
// (unreadable, or not text), with slot->skipped saying why.
bool Load(const RunOptions& opt, Slot* slot, Document* out) {
  Source& src = slot->source;
  std::string bytes;
  if (src.record) {
    bytes = std::move(src.text);
  } else if (slot->contents) {
    bytes = std::move(*slot->contents);
    slot->contents.reset();
  } else {
    Status s = ReadDocument(src.path, opt.max_bytes, &bytes);
    if (!s.ok()) {
      slot->skipped = Skipped{src.path, s.message(), true};
      return false;
    }
  }
  std::string why = NotTextReason(bytes);
  if (!why.empty()) {
    slot->skipped = Skipped{src.record ? src.where : src.path, why, false};
    return false;
  }
  Document& d = *out;
  d.path = src.path;
  d.name = src.record || src.path == "-" ? src.path : std::string(FileName(src.path));
  d.original = std::move(bytes);
  d.outlet = src.outlet;
  d.given_date = src.date;
  if (slot->own_date) {
    d.own_date = *slot->own_date;
    d.own_date_scanned = true;
  }
  if (!src.record) {
    const std::optional<OutletInfo> info = OutletFor(opt, src.path);
    if (info) {
      d.outlet = info->outlet;
      if (info->date) d.given_date = info->date;
    }
  }
  return true;
}

// After AnalyzeDocument: the slot's document with its warnings and what the run asks for
// (facts, quote units, rendered bytes). run_date: the run's date when it is known before any
// document is analysed (files with the pre-scan, or --reference-date), else null: with it the
// worker completes the document.
void Finish(const Rules& rules, const RunOptions& opt, const std::optional<Ymd>* run_date,
            Slot* slot, Document&& d) {
  if (d.outlet.empty()) {
    std::string stem = std::filesystem::path(d.name).stem().string();
    d.outlet = stem.empty() ? d.name : stem;
  }
  if (d.norm.windows1252) {
    uint32_t line, col;
    LineCol(d.original, static_cast<uint32_t>(d.norm.first_invalid), &line, &col);
    d.warnings.insert(d.warnings.begin(),
                      fmt::format("{}:{}:{}: not UTF-8 (first at byte {}); read as Windows-1252",
                                  d.path, line, col, d.norm.first_invalid));
  } else if (d.norm.first_invalid != std::string_view::npos) {
    uint32_t line, col;
    LineCol(d.original, static_cast<uint32_t>(d.norm.first_invalid), &line, &col);
    d.warnings.insert(d.warnings.begin(),
                      fmt::format("{}:{}:{}: invalid UTF-8 at byte {}; decoded with U+FFFD", d.path,
                                  line, col, d.norm.first_invalid));
  }
  if (opt.find_facts) slot->facts = FindFacts(rules, d);
  if (opt.prepare_quote_units) slot->quote_units = PrepareQuoteUnits(rules, d);
  if (!opt.keep_buffers) d.DropBuffers();
  slot->doc = std::move(d);
  if (run_date) Complete(opt, *run_date, slot);
}

// Whether a head read (ReadHeads) is all of its file within --max-bytes: the document itself, as
// ReadDocument would read it. Any other file is left to ReadDocument, which reads it whole or says
// why not (over --max-bytes, say).
bool HeadIsDocument(const Head& h, size_t max_bytes) {
  return h.ok && h.whole && h.bytes.size() <= max_bytes;
}

// Counts of dates, to find the most common (ties: the later one).
using DateCounts = std::map<std::tuple<int, int, int>, size_t>;

std::optional<Ymd> MostCommon(const DateCounts& counts) {
  std::optional<Ymd> best;
  size_t n = 0;
  for (const auto& [k, c] : counts) {
    if (c >= n) {  // ties: the later date
      n = c;
      best = Ymd{std::get<0>(k), std::get<1>(k), std::get<2>(k)};
    }
  }
  return best;
}

// The first walk over the inputs: what is skipped, how many files there are, whether the walk
// needs keys (PathWalker), and with prescan the run's date from the first bytes of every file (and
// the dates --outlets gives), keeping the first files read whole (kKeepBytes). Threads take
// kReadBatch paths of the walk at a time, whose first bytes are read together (ReadHeads). Memory:
// the walk's folders, the counts of dates and the files kept, however many files there are.
Walked FirstWalk(const Rules& rules, const RunOptions& opt, int threads, bool prescan) {
  if (!prescan) threads = 1;  // only the walk: nothing to share
  Walked out;
  ResumingPathWalker walker(opt.paths);
  std::mutex mu;  // guards the walker, out and counts
  DateCounts counts;
  std::atomic<size_t> kept{0};
  ParallelFor(static_cast<size_t>(std::max(1, threads)), threads, [&](size_t) {
    DateCounts local;
    std::vector<std::string> paths;
    std::vector<const std::string*> read;
    std::vector<std::pair<std::string, std::string>> keep;
    std::vector<std::pair<size_t, uint64_t>> dates;  // place in the walk, PackOwnDate
    while (true) {
      paths.clear();
      size_t first = 0;  // the batch's first place in the walk
      {
        std::lock_guard<std::mutex> lock(mu);
        std::string path;
        while (paths.size() < kReadBatch && walker.Next(&path, &out.skipped))
          paths.push_back(std::move(path));
        first = out.files;
        out.files += paths.size();
      }
      if (paths.empty()) break;
      if (!prescan) continue;
      read.clear();
      for (const std::string& path : paths) {
        if (path == "-") continue;
        const std::optional<OutletInfo> info = OutletFor(opt, path);
        if (info && info->date) {
          ++local[{info->date->y, info->date->m, info->date->d}];
          continue;
        }
        read.push_back(&path);
      }
      std::vector<Head> heads = ReadHeads(read, kHeadBytes);
      keep.clear();
      dates.clear();
      for (size_t k = 0; k < read.size(); ++k) {
        Head& head = heads[k];
        if (!head.ok || !NotTextReason(head.bytes).empty()) continue;
        std::optional<Ymd> date = FindOwnDate(rules, head.bytes);
        if (date) ++local[{date->y, date->m, date->d}];
        const size_t place = first + static_cast<size_t>(read[k] - paths.data());
        if (place < kOwnDateFiles) dates.emplace_back(place, PackOwnDate(*read[k], date));
        if (HeadIsDocument(head, opt.max_bytes) &&
            kept.fetch_add(head.bytes.size(), std::memory_order_relaxed) + head.bytes.size() <=
                kKeepBytes) {
          keep.emplace_back(*read[k], std::move(head.bytes));
        }
      }
      if (!keep.empty() || !dates.empty()) {
        std::lock_guard<std::mutex> lock(mu);
        for (auto& [path, bytes] : keep)
          out.kept.insert_or_assign(std::move(path), std::move(bytes));
        if (out.own_dates.size() < out.files)  // std::vector grows its capacity geometrically
          out.own_dates.resize(std::min(kOwnDateFiles, out.files));
        for (const auto& [place, v] : dates) out.own_dates[place] = v;
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [d, n] : local) counts[d] += n;
  });
  out.keys = walker.keys();
  out.run_date = MostCommon(counts);
  return out;
}

class Progress {
 public:
  explicit Progress(bool on, size_t total) : on_(on && isatty(STDERR_FILENO)), total_(total) {
    start_ = std::chrono::steady_clock::now();
  }
  void Update(size_t docs, size_t bytes) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mbs = secs > 0 ? static_cast<double>(bytes) / 1e6 / secs : 0;
    std::string eta;
    if (total_ && docs && docs < total_) {
      double left = secs * static_cast<double>(total_ - docs) / static_cast<double>(docs);
      eta =
          fmt::format(", ETA {}m{:02}s", static_cast<int>(left) / 60, static_cast<int>(left) % 60);
    }
    std::string total = total_ ? fmt::format("/{}", total_) : "";
    std::fprintf(stderr, "\rclaims: %zu%s documents, %.1f MB/s%s   ", docs, total.c_str(), mbs,
                 eta.c_str());
    shown_ = true;
  }
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r\x1b[K");
  }

 private:
  bool on_;
  size_t total_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// The run: `threads` workers, the calling thread one of them, each taking the next input from the
// reader, analysing it outside any lock, and then handing over to the sink, in input order, every
// input that is done, unless another worker is already doing so (that one then picks them up).
class Pipeline {
 public:
  Pipeline(const Rules& rules, const RunOptions& opt, const RunSink& sink, RunStats* stats,
           SourceReader* reader, Walked* first, Progress* progress)
      : rules_(rules),
        opt_(opt),
        sink_(sink),
        stats_(stats),
        reader_(reader),
        kept_(std::move(first->kept)),
        own_dates_(std::move(first->own_dates)),
        files_(first->files),
        jsonl_(opt.input_jsonl),
        run_date_from_records_(opt.input_jsonl && !opt.reference_date),
        run_date_(first->run_date),
        // Files: the pre-scan found it, or --reference-date makes it moot.
        run_date_known_(!opt.input_jsonl || opt.reference_date),
        progress_(progress) {}

  // Runs the workers; returns once every input has gone to the sink. Rethrows what a worker threw.
  std::optional<Ymd> Run(int threads) {
    threads_ = static_cast<size_t>(std::max(1, threads));
    std::vector<std::thread> pool;
    for (int k = 1; k < threads; ++k) {
      try {
        pool.emplace_back([this] { Work(); });
      } catch (const std::system_error&) {
        break;  // no more threads: run with those there are
      }
    }
    Work();
    for (auto& t : pool) t.join();
    if (error_) std::rethrow_exception(error_);
    Drain();  // only this thread is left: whatever the others left undrained
    return run_date_;
  }

 private:
  void Work() {
    try {
      std::vector<Slot*> batch;
      while (Take(&batch)) {
        Process(batch);
        RequestDrain();
      }
      RequestDrain();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu_);
      if (!error_) error_ = std::current_exception();
      aborted_ = true;
      cv_.notify_all();
    }
  }

  // The next inputs to analyse into *batch: false at the end. Waits while kMaxAhead inputs are
  // between the oldest one not yet handed over and the newest read, but only for the first: it
  // goes on with up to kBatch inputs (AnalyzeDocuments) while that many are within the window. One
  // worker reads at a time, without holding mu_, so a read that waits on a pipe holds up no
  // hand-over. (A record read waits with the batch while the next is read from a pipe; its output
  // would wait anyway, for its window of kWindow records.)
  bool Take(std::vector<Slot*>* batch) {
    batch->clear();
    std::lock_guard<std::mutex> reading(read_mu_);
    // Smaller batches towards the end of the list of files, so that the workers finish together
    // (a stream's end is not known ahead).
    size_t most = kBatch;
    if (!jsonl_) {
      const size_t left = files_ - std::min(file_index_, files_);
      most = std::clamp(left / (2 * threads_), size_t{1}, kBatch);
    }
    {
      std::unique_lock<std::mutex> lock(mu_);
      while (!ended_ && !aborted_ && counted_ >= kMaxAhead) {
        ++waiters_;
        cv_.wait(lock);
        --waiters_;
      }
      if (ended_ || aborted_) return false;
    }
    while (batch->size() < most) {
      auto slot = std::make_unique<Slot>();
      bool more = reader_->Next(slot.get());
      Slot* s = slot.get();
      std::lock_guard<std::mutex> lock(mu_);
      if (!more) {
        ended_ = true;
        cv_.notify_all();
        break;
      }
      if (s->skipped) {  // skipped while reading: nothing to analyse
        s->counted = false;
        s->state.store(kDone, std::memory_order_release);
        slots_.push_back(std::move(slot));
        continue;
      }
      if (!kept_.empty()) {
        if (auto it = kept_.find(s->source.path); it != kept_.end()) {
          s->contents = std::move(it->second);
          kept_.erase(it);
        }
      }
      if (file_index_ < own_dates_.size())
        s->own_date = UnpackOwnDate(s->source.path, own_dates_[file_index_]);
      ++file_index_;
      ++counted_;
      slots_.push_back(std::move(slot));
      batch->push_back(s);
      if (counted_ >= kMaxAhead || aborted_) break;
    }
    return !batch->empty();
  }

  // Analyses the batch's inputs in order, in runs of up to kBatchBytes of text (AnalyzeDocuments;
  // a longer input alone), so that memory stays bounded however long the files.
  void Process(const std::vector<Slot*>& batch) {
    std::vector<Document> docs(batch.size());
    ReadAhead(batch);
    std::vector<Document*> loaded;
    std::vector<Slot*> loaded_slots;
    for (size_t i = 0; i < batch.size();) {
      loaded.clear();
      loaded_slots.clear();
      size_t bytes = 0;
      for (; i < batch.size() && bytes < kBatchBytes; ++i) {
        Slot* slot = batch[i];
        if (slot->source.record && !ParseRecord(slot)) {
          {
            std::lock_guard<std::mutex> lock(mu_);
            slot->counted = false;
            --counted_;
            if (waiters_) cv_.notify_all();
          }
          slot->state.store(kDone, std::memory_order_release);
          continue;
        }
        slot->state.store(kParsed, std::memory_order_release);
        if (Load(opt_, slot, &docs[i])) {
          bytes += docs[i].original.size();
          loaded.push_back(&docs[i]);
          loaded_slots.push_back(slot);
        } else {
          slot->state.store(kDone, std::memory_order_release);
        }
      }
      AnalyzeDocuments(rules_, loaded);
      for (size_t k = 0; k < loaded.size(); ++k) {
        Finish(rules_, opt_, run_date_known_ ? &run_date_ : nullptr, loaded_slots[k],
               std::move(*loaded[k]));
        loaded_slots[k]->state.store(kDone, std::memory_order_release);
      }
    }
  }

  // The files of the batch that nothing has read yet (the pre-scan did not run, or did not keep
  // them), read together (ReadHeads) into their slots' contents where a head is the document
  // (HeadIsDocument); the others are left to ReadDocument, which says why.
  void ReadAhead(const std::vector<Slot*>& batch) const {
    std::vector<Slot*> unread;
    std::vector<const std::string*> paths;
    for (Slot* s : batch) {
      if (s->source.record || s->source.path == "-" || s->contents) continue;
      unread.push_back(s);
      paths.push_back(&s->source.path);
    }
    if (unread.size() < 2) return;  // one file alone: as cheap read by ReadDocument
    std::vector<Head> heads = ReadHeads(paths, kHeadBytes);
    for (size_t k = 0; k < unread.size(); ++k) {
      if (HeadIsDocument(heads[k], opt_.max_bytes)) unread[k]->contents = std::move(heads[k].bytes);
    }
  }

  // Drains now, or leaves it to the worker that is draining: that one drains again before it
  // stops. So the sink is never called by two threads at once and nothing done is left waiting.
  void RequestDrain() {
    drain_wanted_.store(true);
    while (drain_wanted_.load()) {
      bool idle = false;
      if (!draining_.compare_exchange_strong(idle, true)) return;
      while (drain_wanted_.exchange(false)) Drain();
      draining_.store(false);
    }
  }

  // Hands over to the sink every input that is done and comes before any that is not. Only the
  // thread that holds draining_ (or the last one left) calls it; the members below mu_'s are its.
  void Drain() {
    while (!aborted_) {
      batch_.clear();
      bool window_head = false;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (jsonl_ && !window_ready_) {
          if (!ScanWindow()) return;
          window_head = true;
        } else {
          size_t sources = 0;
          for (const auto& p : slots_) {
            Slot* s = p.get();
            if (s->state.load(std::memory_order_acquire) != kDone) break;
            batch_.push_back(s);
            // A window's last record: the next window's skipped inputs go first.
            if (jsonl_ && !s->not_source && (sunk_sources_ + ++sources) % kWindow == 0) break;
          }
          if (batch_.empty()) return;
        }
      }
      if (window_head) {
        // The inputs skipped while reading this window's records, before its documents.
        for (Slot* s : batch_) {
          RunItem item;
          item.skipped = &*s->skipped;
          sink_(item);
          stats_->skipped.push_back(*s->skipped);
        }
        continue;
      }
      for (Slot* s : batch_) HandOver(s);
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (size_t i = 0; i < batch_.size(); ++i) {
          if (slots_.front()->counted) --counted_;
          done_.push_back(std::move(slots_.front()));
          slots_.pop_front();
        }
        if (waiters_) cv_.notify_all();
      }
      done_.clear();  // frees the documents outside the lock
      progress_->Update(stats_->documents, stats_->bytes);
    }
  }

  // JSON Lines: true once the next window's kWindow records (or all that are left) are parsed,
  // with the inputs skipped among them in batch_; for the first window without --reference-date,
  // once they are analysed, with the run date taken from them. Called under mu_.
  bool ScanWindow() {
    const bool first = run_date_from_records_ && sunk_sources_ == 0;
    while (scan_sources_ < kWindow) {
      if (scan_index_ == slots_.size()) {
        if (ended_) break;
        return false;
      }
      Slot* s = slots_[scan_index_].get();
      int state = s->state.load(std::memory_order_acquire);
      if (state == kTaken || (first && state != kDone)) return false;
      if (s->not_source)
        window_skipped_.push_back(s);
      else
        ++scan_sources_;
      ++scan_index_;
    }
    if (first) {
      std::vector<Ymd> dates;
      for (size_t i = 0; i < scan_index_; ++i) {
        const Slot& s = *slots_[i];
        if (s.doc && s.doc->own_date) dates.push_back(*s.doc->own_date);
      }
      run_date_ = MostCommonDate(dates);
    }
    window_ready_ = true;
    batch_.swap(window_skipped_);
    window_skipped_.clear();
    return true;
  }

  void HandOver(Slot* slot) {
    if (slot->not_source) return;  // went to the sink at the head of its window
    if (jsonl_ && ++sunk_sources_ % kWindow == 0) {
      window_ready_ = false;
      scan_index_ = 0;
      scan_sources_ = 0;
    }
    RunItem item;
    if (slot->skipped) {
      stats_->skipped.push_back(*slot->skipped);
      item.skipped = &stats_->skipped.back();
      sink_(item);
      return;
    }
    Complete(opt_, run_date_, slot);
    Document& d = *slot->doc;
    ++stats_->documents;
    stats_->bytes += d.original.size();
    size_t by_kind[kMentionKinds] = {};
    for (const auto& m : d.mentions) ++by_kind[static_cast<size_t>(m.kind)];
    for (size_t k = 0; k < kMentionKinds; ++k) {
      if (by_kind[k])
        stats_->mentions[std::string(KindName(static_cast<MentionKind>(k)))] += by_kind[k];
    }
    item.doc = &d;
    item.facts = &slot->facts;
    if (opt_.prepare_quote_units) item.quote_units = &slot->quote_units;
    if (opt_.render) item.rendered = &slot->bytes;
    sink_(item);
  }

  const Rules& rules_;
  const RunOptions& opt_;
  const RunSink& sink_;
  RunStats* stats_;
  SourceReader* reader_;
  size_t threads_ = 1;  // workers
  // The files the pre-scan kept, by path: moved to their slots when they are taken.
  StringMap<std::string> kept_;
  const std::vector<uint64_t> own_dates_;  // the pre-scan's FindOwnDate answers, by place
  const size_t files_;                     // files the first walk found
  const bool jsonl_;
  const bool run_date_from_records_;

  std::mutex read_mu_;     // held by the worker that reads: guards reader_ and file_index_
  size_t file_index_ = 0;  // inputs read (not skipped ones)
  std::mutex mu_;          // guards the members below up to draining_
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Slot>> slots_;  // from the oldest not yet handed over
  size_t counted_ = 0;                       // slots with counted set
  size_t waiters_ = 0;
  bool ended_ = false;
  std::atomic<bool> aborted_{false};
  std::exception_ptr error_;

  std::atomic<bool> draining_{false};
  std::atomic<bool> drain_wanted_{false};

  // The drainer's.
  std::optional<Ymd> run_date_;
  // run_date_ is known before any document is analysed (and never changes): workers resolve.
  const bool run_date_known_;
  Progress* progress_;
  std::vector<Slot*> batch_;
  std::vector<std::unique_ptr<Slot>> done_;
  std::vector<Slot*> window_skipped_;
  size_t sunk_sources_ = 0;  // JSON Lines records handed over
  bool window_ready_ = false;
  size_t scan_index_ = 0;  // ScanWindow's progress through slots_
  size_t scan_sources_ = 0;
};

}  // namespace

std::optional<Ymd> MostCommonDate(const std::vector<Ymd>& dates) {
  DateCounts counts;
  for (const auto& d : dates) ++counts[{d.y, d.m, d.d}];
  return MostCommon(counts);
}

void RunPipeline(const Rules& rules, const RunOptions& opt, const RunSink& sink, RunStats* stats) {
  const int threads = ThreadCount(opt.threads);
  // The first walk: the inputs skipped while expanding the paths (reported first, in order), the
  // count of files and, for files without --reference-date, the pre-scan's run date.
  Walked first = FirstWalk(rules, opt, threads, !opt.reference_date && !opt.input_jsonl);
  for (const auto& s : first.skipped) {
    RunItem item;
    item.skipped = &s;
    sink(item);
    stats->skipped.push_back(s);
  }
  SourceReader reader(opt, first);
  std::vector<Skipped>().swap(first.skipped);
  Progress progress(opt.progress, opt.input_jsonl ? 0 : first.files);
  Pipeline pipeline(rules, opt, sink, stats, &reader, &first, &progress);
  stats->run_date = pipeline.Run(threads);
}

}  // namespace claims
