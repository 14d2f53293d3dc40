// Inputs shared by the micro-benchmarks (see bench_common.h) and the benchmark main().
#include "bench_common.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#ifndef CLAIMS_SOURCE_DIR
#define CLAIMS_SOURCE_DIR "."
#endif

namespace claims_bench {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "claims_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) Die("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The seed texts, in file-name order.
const std::vector<std::pair<std::string, std::string>>& SeedTexts() {
  static const auto* texts = [] {
    auto* out = new std::vector<std::pair<std::string, std::string>>();
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(SeedDir(), ec)) {
      if (e.is_regular_file() && e.path().filename().string()[0] != '.') files.push_back(e.path());
    }
    if (ec) Die("cannot list " + SeedDir() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) Die("no seed articles in " + SeedDir());
    for (const auto& f : files) out->emplace_back(f.filename().string(), ReadFile(f));
    return out;
  }();
  return *texts;
}

Input Analyze(std::string path, std::string bytes) {
  Input in;
  in.doc.path = path;
  in.doc.name = std::filesystem::path(path).filename().string();
  in.doc.original = std::move(bytes);
  claims::AnalyzeDocument(GetRules(), &in.doc);
  for (const auto& q : in.doc.quotes) {
    if (!q.close.empty()) in.protect.push_back({q.open.begin, q.close.end});
  }
  for (const auto& m : in.doc.mentions) {
    if (m.kind == claims::MentionKind::kDate || m.kind == claims::MentionKind::kLaw) {
      in.taken.push_back(m.span);
    }
    // Quotes and the people named as their speakers come from AttributeSpeakers ("speaker-name"),
    // people found by how the text treats them from FindNames ("name:...").
    bool from_speakers = m.kind == claims::MentionKind::kQuote || m.rule == "speaker-name";
    bool from_names = m.rule.rfind("name:", 0) == 0;
    if (!from_speakers) in.pre_speaker_mentions.push_back(m);
    if (!from_speakers && !from_names) in.pre_names_mentions.push_back(m);
  }
  return in;
}

}  // namespace

const std::string& SeedDir() {
  static const std::string dir = [] {
    if (const char* d = std::getenv("CLAIMS_BENCH_SEEDS"); d && *d) return std::string(d);
    return std::string(CLAIMS_SOURCE_DIR) + "/examples/seeds";
  }();
  return dir;
}

const claims::Rules& GetRules() {
  static const claims::Rules* rules = [] {
    auto* r = new claims::Rules();
    claims::Status s = claims::LoadEmbeddedRules(r);
    if (!s.ok()) Die("cannot load the embedded rules: " + s.message());
    return r;
  }();
  return *rules;
}

const Corpus& Seeds() {
  static const Corpus* c = [] {
    auto* out = new Corpus();
    for (const auto& [name, text] : SeedTexts()) {
      out->bytes += text.size();
      out->docs.push_back(Analyze("seeds/" + name, text));
    }
    return out;
  }();
  return *c;
}

const Corpus& Repeat(int copies) {
  static std::map<int, std::unique_ptr<Corpus>> cache;
  auto& slot = cache[copies];
  if (!slot) {
    std::string text;
    for (int k = 0; k < copies; ++k) {
      for (const auto& [name, seed] : SeedTexts()) {
        std::string prefix = k == 0 ? "" : "[" + std::to_string(k) + "] ";
        size_t pos = 0;
        while (pos < seed.size()) {
          size_t nl = seed.find('\n', pos);
          if (nl == std::string::npos) nl = seed.size();
          std::string_view line(seed.data() + pos, nl - pos);
          if (line.find_first_not_of(" \t\r") != std::string_view::npos) text += prefix;
          text.append(line);
          text.push_back('\n');
          pos = nl + 1;
        }
        text.push_back('\n');  // a blank line between articles
      }
    }
    slot = std::make_unique<Corpus>();
    slot->bytes = text.size();
    slot->docs.push_back(Analyze("repeat-" + std::to_string(copies) + ".txt", std::move(text)));
  }
  return *slot;
}

const Corpus& InputFor(const benchmark::State& state, int mode) {
  if (mode == kSeeds) return Seeds();
  return Repeat(static_cast<int>(state.range(0)));
}

void SetCounters(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(c.docs.size()));
  state.counters["doc_bytes"] = static_cast<double>(c.bytes) / static_cast<double>(c.docs.size());
}

}  // namespace claims_bench

BENCHMARK_MAIN();
