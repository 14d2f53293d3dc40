// The streaming run over all inputs (see run.h).
#include "claims/run.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "claims/json.h"

namespace claims {
namespace {

constexpr size_t kWindow = 512;      // documents analysed between two hand-overs to the sink
constexpr size_t kHeadBytes = 4096;  // what the date pre-scan reads of each file

// One input before it is read: a file path, or a record of a JSON Lines stream.
struct Source {
  std::string path;  // file path, "-", or the record's id
  bool record = false;
  std::string text;  // the record's text
  std::string outlet;
  std::optional<Ymd> date;
  std::string where;  // "file:line" of the record, for messages
};

// Hands out sources in input order: file paths, or the records of JSON Lines inputs read one
// line at a time.
class SourceReader {
 public:
  SourceReader(const RunOptions& opt, std::vector<Skipped>* skipped)
      : opt_(opt), skipped_(skipped) {
    files_ = ExpandPaths(opt.paths, skipped);
  }
  ~SourceReader() {
    if (in_ && in_ != stdin) std::fclose(in_);
  }
  const std::vector<std::string>& files() const { return files_; }

  // Next source, or false at the end. Malformed records become skipped entries.
  bool Next(Source* out) {
    if (!opt_.input_jsonl) {
      if (next_file_ >= files_.size()) return false;
      *out = Source();
      out->path = files_[next_file_++];
      return true;
    }
    while (true) {
      if (!in_) {
        if (next_file_ >= files_.size()) return false;
        current_ = files_[next_file_++];
        line_no_ = 0;
        in_ = current_ == "-" ? stdin : std::fopen(current_.c_str(), "rb");
        if (!in_) {
          skipped_->push_back({current_, std::strerror(errno), true});
          continue;
        }
      }
      std::string line;
      int c;
      bool any = false;
      while ((c = std::fgetc(in_)) != EOF) {
        any = true;
        if (c == '\n') break;
        line.push_back(static_cast<char>(c));
        if (line.size() > opt_.max_bytes) {
          // Skip the rest of an over-long line.
          while ((c = std::fgetc(in_)) != EOF && c != '\n') {
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
        skipped_->push_back(
            {where,
             fmt::format("record larger than the limit of {} bytes (--max-bytes)", opt_.max_bytes),
             true});
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      JsonValue v;
      Status s = ParseJson(line, &v);
      if (!s.ok() || v.type != JsonValue::Type::kObject) {
        skipped_->push_back(
            {where, s.ok() ? "record is not a JSON object" : "bad JSON: " + s.message(), true});
        continue;
      }
      const JsonValue* text = v.Get("text");
      if (!text || text->type != JsonValue::Type::kString) {
        skipped_->push_back({where, "record has no \"text\" string", true});
        continue;
      }
      *out = Source();
      out->record = true;
      out->where = where;
      out->path = v.Str("id");
      if (out->path.empty()) out->path = where;
      out->text = text->string;
      out->outlet = v.Str("outlet");
      std::string date = v.Str("date");
      if (!date.empty()) {
        Ymd d;
        if (ParseIsoDate(date.substr(0, 10), &d)) out->date = d;
      }
      return true;
    }
  }

 private:
  const RunOptions& opt_;
  std::vector<Skipped>* skipped_;
  std::vector<std::string> files_;
  size_t next_file_ = 0;
  std::FILE* in_ = nullptr;
  std::string current_;
  size_t line_no_ = 0;
};

// Runs fn(i) for i in [0, n) on up to `threads` threads.
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn fn) {
  if (n == 0) return;
  int t = std::max(1, std::min<int>(threads, static_cast<int>(n)));
  if (t == 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int k = 0; k < t; ++k) {
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    });
  }
  for (auto& th : pool) th.join();
}

struct Slot {
  Source source;
  std::optional<std::optional<Ymd>> scanned_date;  // the pre-scan's result, when it ran
  std::optional<Document> doc;
  std::vector<FactCandidate> facts;
  std::optional<Skipped> skipped;
};

void Analyse(const Rules& rules, const RunOptions& opt, Slot* slot) {
  Source& src = slot->source;
  std::string bytes;
  if (src.record) {
    bytes = std::move(src.text);
  } else {
    Status s = ReadDocument(src.path, opt.max_bytes, &bytes);
    if (!s.ok()) {
      slot->skipped = Skipped{src.path, s.message(), true};
      return;
    }
  }
  std::string why = NotTextReason(bytes);
  if (!why.empty()) {
    slot->skipped = Skipped{src.record ? src.where : src.path, why, false};
    return;
  }
  Document d;
  d.path = src.path;
  d.name = src.record || src.path == "-" ? src.path
                                         : std::filesystem::path(src.path).filename().string();
  d.original = std::move(bytes);
  d.outlet = src.outlet;
  d.given_date = src.date;
  if (slot->scanned_date) {
    d.own_date = *slot->scanned_date;
    d.own_date_scanned = true;
  }
  if (!src.record) {
    auto it = opt.outlets.find(src.path);
    if (it == opt.outlets.end()) it = opt.outlets.find(d.name);
    if (it != opt.outlets.end()) {
      d.outlet = it->second.outlet;
      if (it->second.date) d.given_date = it->second.date;
    }
  }
  AnalyzeDocument(rules, &d);
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
  if (!opt.keep_buffers) d.DropBuffers();
  slot->doc = std::move(d);
}

// The run's date from the first bytes of every file (and the dates --outlets gives).
std::optional<Ymd> PreScanRunDate(const Rules& rules, const RunOptions& opt,
                                  const std::vector<std::string>& files, int threads,
                                  std::vector<std::optional<std::optional<Ymd>>>* own) {
  std::vector<std::optional<Ymd>> dates(files.size());
  own->assign(files.size(), std::nullopt);
  ParallelFor(files.size(), threads, [&](size_t i) {
    const std::string& path = files[i];
    if (path == "-") return;
    std::string name = std::filesystem::path(path).filename().string();
    auto it = opt.outlets.find(path);
    if (it == opt.outlets.end()) it = opt.outlets.find(name);
    if (it != opt.outlets.end() && it->second.date) {
      dates[i] = it->second.date;
      return;
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return;
    std::string head(kHeadBytes, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
    if (!NotTextReason(head).empty()) return;
    dates[i] = FindOwnDate(rules, head);
    (*own)[i] = dates[i];  // the analysis reuses it
  });
  std::vector<Ymd> found;
  for (const auto& d : dates) {
    if (d) found.push_back(*d);
  }
  return MostCommonDate(found);
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

}  // namespace

std::optional<Ymd> MostCommonDate(const std::vector<Ymd>& dates) {
  std::map<std::tuple<int, int, int>, int> counts;
  for (const auto& d : dates) ++counts[{d.y, d.m, d.d}];
  std::optional<Ymd> best;
  int n = 0;
  for (const auto& [k, c] : counts) {
    if (c >= n) {  // ties: the later date
      n = c;
      best = Ymd{std::get<0>(k), std::get<1>(k), std::get<2>(k)};
    }
  }
  return best;
}

Status LoadOutletsFile(const std::string& path, std::map<std::string, OutletInfo>* out) {
  constexpr uintmax_t kMaxOutletsFile = uintmax_t{64} << 20;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::IoError(fmt::format("{}: {}", path, ec ? ec.message() : "not a regular file"));
  }
  if (std::filesystem::file_size(path, ec) > kMaxOutletsFile) {
    return Status::TooLarge(
        fmt::format("{}: larger than {} bytes: not an outlets file", path, kMaxOutletsFile));
  }
  std::ifstream in(path);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the outlets file", path));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (f.size() < 2 || f[0].empty() || f[1].empty()) {
      return Status::Corrupt(
          fmt::format("{}:{}: expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'", path, n));
    }
    OutletInfo info;
    info.outlet = f[1];
    if (f.size() >= 3 && !f[2].empty()) {
      Ymd d;
      if (!ParseIsoDate(f[2], &d)) {
        return Status::Corrupt(
            fmt::format("{}:{}: '{}' is not a date (YYYY-MM-DD)", path, n, f[2]));
      }
      info.date = d;
    }
    if (f.size() >= 4) info.url = f[3];
    (*out)[f[0]] = info;
  }
  return Status::Ok();
}

void RunPipeline(const Rules& rules, const RunOptions& opt, const RunSink& sink, RunStats* stats) {
  int threads = opt.threads > 0
                    ? opt.threads
                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<Skipped> early;  // skipped while expanding paths: reported first, in order
  SourceReader reader(opt, &early);
  std::optional<Ymd> run_date;
  // Per file, in the order the reader hands them out: the pre-scan's own date, when it ran.
  std::vector<std::optional<std::optional<Ymd>>> scanned;
  bool prescanned = false;
  if (!opt.reference_date && !opt.input_jsonl) {
    run_date = PreScanRunDate(rules, opt, reader.files(), threads, &scanned);
    prescanned = true;
  }
  size_t file_index = 0;
  // Inputs skipped while expanding paths or reading records go to the sink before the documents
  // that follow them.
  auto hand_over_skipped = [&] {
    for (const auto& s : early) {
      RunItem item;
      item.skipped = &s;
      sink(item);
      stats->skipped.push_back(s);
    }
    early.clear();
  };
  hand_over_skipped();
  Progress progress(opt.progress, opt.input_jsonl ? 0 : reader.files().size());
  bool first_window = true;
  while (true) {
    std::vector<Slot> window;
    Source src;
    while (window.size() < kWindow && reader.Next(&src)) {
      window.emplace_back();
      window.back().source = std::move(src);
      if (prescanned && file_index < scanned.size())
        window.back().scanned_date = scanned[file_index];
      ++file_index;
    }
    hand_over_skipped();
    if (window.empty()) break;
    ParallelFor(window.size(), threads, [&](size_t i) { Analyse(rules, opt, &window[i]); });
    if (first_window && opt.input_jsonl && !opt.reference_date) {
      std::vector<Ymd> dates;
      for (const auto& s : window) {
        if (s.doc && s.doc->own_date) dates.push_back(*s.doc->own_date);
      }
      run_date = MostCommonDate(dates);
    }
    first_window = false;
    for (auto& slot : window) {
      RunItem item;
      if (slot.skipped) {
        stats->skipped.push_back(*slot.skipped);
        item.skipped = &stats->skipped.back();
        sink(item);
        continue;
      }
      Document& d = *slot.doc;
      if (opt.reference_date)
        ResolveDocumentDates(&d, *opt.reference_date, "reference");
      else if (d.own_date)
        ResolveDocumentDates(&d, *d.own_date, d.given_date ? "given" : "own");
      else if (run_date)
        ResolveDocumentDates(&d, *run_date, "run");
      else
        ResolveDocumentDates(&d, Ymd{}, "none");
      ++stats->documents;
      stats->bytes += d.original.size();
      for (const auto& m : d.mentions) ++stats->mentions[std::string(KindName(m.kind))];
      item.doc = &d;
      item.facts = &slot.facts;
      sink(item);
    }
    progress.Update(stats->documents, stats->bytes);
  }
  stats->run_date = run_date;
}

}  // namespace claims
