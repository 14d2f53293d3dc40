// The run over all inputs (see run.h).
#include "claims/run.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

namespace claims {

Status LoadOutletsFile(const std::string& path, std::map<std::string, OutletInfo>* out) {
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
      return Status::Corrupt(fmt::format("{}:{}: expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'", path, n));
    }
    OutletInfo info;
    info.outlet = f[1];
    if (f.size() >= 3 && !f[2].empty()) {
      Ymd d;
      if (!ParseIsoDate(f[2], &d)) {
        return Status::Corrupt(fmt::format("{}:{}: '{}' is not a date (YYYY-MM-DD)", path, n, f[2]));
      }
      info.date = d;
    }
    if (f.size() >= 4) info.url = f[3];
    (*out)[f[0]] = info;
  }
  return Status::Ok();
}

void ResolveRunDates(const std::optional<Ymd>& reference, std::vector<Document>* docs,
                     std::optional<Ymd>* run_date) {
  std::map<std::tuple<int, int, int>, int> counts;
  for (const auto& d : *docs) {
    if (d.own_date) ++counts[{d.own_date->y, d.own_date->m, d.own_date->d}];
  }
  int best = 0;
  for (const auto& [k, c] : counts) {
    if (c >= best) {  // ties: the later date
      best = c;
      *run_date = Ymd{std::get<0>(k), std::get<1>(k), std::get<2>(k)};
    }
  }
  for (auto& d : *docs) {
    Ymd ref{};
    if (reference) ref = *reference;
    else if (d.own_date) ref = *d.own_date;
    else if (*run_date) ref = **run_date;
    ResolveDocumentDates(&d, ref);
  }
}

void RunPipeline(const Rules& rules, const RunOptions& opt, RunResult* result) {
  std::vector<std::string> files = ExpandPaths(opt.paths, &result->skipped);
  struct Slot {
    std::optional<Document> doc;
    std::vector<FactCandidate> facts;
    std::optional<Skipped> skipped;
  };
  std::vector<Slot> slots(files.size());
  std::atomic<size_t> next{0};
  auto work = [&]() {
    while (true) {
      size_t i = next.fetch_add(1);
      if (i >= files.size()) break;
      const std::string& path = files[i];
      std::string bytes;
      Status s = ReadDocument(path, opt.max_bytes, &bytes);
      if (!s.ok()) {
        slots[i].skipped = Skipped{path, s.message(), true};
        continue;
      }
      std::string why = NotTextReason(bytes);
      if (!why.empty()) {
        slots[i].skipped = Skipped{path, why, false};
        continue;
      }
      Document d;
      d.path = path;
      d.name = path == "-" ? "-" : std::filesystem::path(path).filename().string();
      d.original = std::move(bytes);
      auto it = opt.outlets.find(path);
      if (it == opt.outlets.end()) it = opt.outlets.find(d.name);
      if (it != opt.outlets.end()) {
        d.outlet = it->second.outlet;
        d.given_date = it->second.date;
      }
      AnalyzeDocument(rules, &d);
      if (d.outlet.empty()) {
        std::string stem = std::filesystem::path(d.name).stem().string();
        d.outlet = stem.empty() ? d.name : stem;
      }
      if (d.norm.first_invalid != std::string_view::npos) {
        uint32_t line, col;
        LineCol(d.original, static_cast<uint32_t>(d.norm.first_invalid), &line, &col);
        d.warnings.insert(d.warnings.begin(),
                          fmt::format("{}:{}:{}: invalid UTF-8 at byte {}; decoded with U+FFFD",
                                      d.path, line, col, d.norm.first_invalid));
      }
      if (opt.find_facts) slots[i].facts = FindFacts(rules, d);
      if (!opt.keep_buffers) d.DropBuffers();
      slots[i].doc = std::move(d);
    }
  };
  int threads = opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, std::min<int>(threads, static_cast<int>(std::max<size_t>(files.size(), 1))));
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  for (auto& s : slots) {
    if (s.doc) {
      result->bytes += s.doc->original.size();
      result->docs.push_back(std::move(*s.doc));
      result->facts.push_back(std::move(s.facts));
    } else if (s.skipped) {
      result->skipped.push_back(std::move(*s.skipped));
    }
  }
  ResolveRunDates(opt.reference_date, &result->docs, &result->run_date);
  for (auto& d : result->docs) {
    for (auto& w : d.warnings) result->warnings.push_back(std::move(w));
    d.warnings.clear();
  }
}

}  // namespace claims
