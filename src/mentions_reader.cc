// Reading mentions JSON Lines back into documents (see mentions_reader.h).
#include "claims/mentions_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "claims/json.h"
#include "claims/run.h"

namespace claims {

Status ReadMentionsFile(const std::string& path, size_t max_line, ReadDocuments* out) {
  if (path != "-") {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Status::IoError(fmt::format("{}: {}", path, ec ? ec.message() : "not a regular file"));
    }
  }
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  std::unordered_map<std::string, size_t> index;  // doc path -> position in out->docs
  for (size_t i = 0; i < out->docs.size(); ++i) index[out->docs[i].path] = i;
  std::string line;
  size_t n = 0;
  Status status;
  int c = 0;
  while (c != EOF) {
    line.clear();
    while ((c = std::fgetc(f)) != EOF && c != '\n' && line.size() <= max_line) {
      line.push_back(static_cast<char>(c));
    }
    if (line.empty() && c == EOF) break;
    ++n;
    if (line.size() > max_line) {
      status = Status::TooLarge(
          fmt::format("{}:{}: line longer than {} bytes (--max-bytes)", path, n, max_line));
      break;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    JsonValue v;
    Status s = ParseJson(line, &v);
    if (!s.ok()) {
      status = Status::Corrupt(fmt::format("{}:{}: not JSON: {}", path, n, s.message()));
      break;
    }
    std::string kind = v.Str("kind");
    std::string doc = v.Str("doc");
    if (doc.empty()) {
      status = Status::Corrupt(fmt::format("{}:{}: no \"doc\"", path, n));
      break;
    }
    if (kind == "document") {
      Document d;
      d.path = doc;
      d.outlet = v.Str("outlet");
      d.lang = v.Str("lang") == "en" ? Lang::kEn : Lang::kId;
      Ymd date;
      if (ParseIsoDate(v.Str("date"), &date)) d.own_date = date;
      index[doc] = out->docs.size();
      out->docs.push_back(std::move(d));
      out->facts.emplace_back();
      continue;
    }
    auto it = index.find(doc);
    if (it == index.end()) {
      status = Status::Corrupt(fmt::format(
          "{}:{}: mention of '{}' before its \"document\" line (was it written by claims mentions "
          "--format jsonl?)",
          path, n, doc));
      break;
    }
    Document& d = out->docs[it->second];
    if (kind == "fact") {
      FactCandidate fc;
      fc.event = v.Str("event");
      if (const JsonValue* a = v.Get("about"); a && a->type == JsonValue::Type::kArray) {
        for (const auto& x : a->array) fc.about.push_back(x.string);
      }
      if (!ParseKind(v.Str("value_kind"), &fc.value_kind)) {
        status = Status::Corrupt(fmt::format("{}:{}: unknown value_kind", path, n));
        break;
      }
      fc.unit = v.Str("unit");
      if (const JsonValue* law = v.Get("about_is_law")) fc.about_is_law = law->boolean;
      fc.value_orig = {static_cast<uint32_t>(v.Int("value_start")),
                       static_cast<uint32_t>(v.Int("value_end"))};
      fc.sentence_text = v.Str("text");
      out->facts[it->second].push_back(std::move(fc));
      continue;
    }
    Mention m;
    if (!ParseKind(kind, &m.kind)) continue;  // kinds of a later version: ignored
    m.text = v.Str("text");
    m.value = v.Str("value");
    m.speaker = v.Str("speaker");
    m.unit = v.Str("unit");
    m.qualifier = v.Str("qualifier");
    m.rule = v.Str("rule");
    m.spec = v.Str("spec");
    m.anchor = v.Str("anchor");
    m.orig = {static_cast<uint32_t>(v.Int("start")), static_cast<uint32_t>(v.Int("end"))};
    m.line = static_cast<uint32_t>(v.Int("line"));
    m.col = static_cast<uint32_t>(v.Int("col"));
    m.sentence = static_cast<uint32_t>(v.Int("sentence"));
    d.mentions.push_back(std::move(m));
  }
  if (f != stdin) std::fclose(f);
  return status;
}

void ResolveReadDates(const std::optional<Ymd>& reference, ReadDocuments* in) {
  std::vector<Ymd> dates;
  for (const auto& d : in->docs) {
    if (d.own_date) dates.push_back(*d.own_date);
  }
  std::optional<Ymd> run = MostCommonDate(dates);
  for (auto& d : in->docs) {
    for (auto& m : d.mentions) {
      if (m.kind != MentionKind::kDate || (m.anchor != "run" && m.anchor != "none")) continue;
      DateSpec spec;
      if (!ParseDateSpec(m.spec, &spec)) continue;
      Ymd ref = reference ? *reference : (run ? *run : Ymd{});
      Resolved r = ResolveDate(spec, ref);
      if (!r.value.empty()) m.value = r.value;
    }
  }
}

}  // namespace claims
