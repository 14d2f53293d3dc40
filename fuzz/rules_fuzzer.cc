// Fuzzes the rule loader: LoadRulesFromFiles with the built-in data/ files, one of them replaced
// (or extended) by the input. It must return a Status, never crash, hang or blow up memory; when
// the fuzzed rules load, they must analyse a short article without breaking any invariant.
//
// Input: the first line names the file ("lang/id/dates.rules", "gazetteer/people.tsv", ...; a
// name that is not a data/ file picks one by its bytes). A first line starting with '+' appends
// the rest to that file instead of replacing it; one starting with '/' adds a new file of that
// name. The rest of the input is the file's content. The gazetteers the input does not touch are
// trimmed to the entries the test article needs (loading them whole is most of the time).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "claims/document.h"
#include "claims/embedded_data.h"
#include "claims/rules.h"
#include "fuzz_common.h"

using namespace claims;

namespace {

const char kArticle[] =
    "FAKTA.COM, Jakarta - Presiden Rusia Vladimir Putin mengatakan pada Senin (28/04/2025) bahwa "
    "\"Korea Utara mengirim 12.000 tentara\" ke wilayah Kursk, menurut Pasal 4 perjanjian.\n"
    "\"Kami berterima kasih,\" kata Putin. Pada 6 Agustus 2024, Ukraina menyerang Kursk.\n"
    "BACA JUGA: Berita lain\n"
    "WASHINGTON (Reuters) - \"We are concerned,\" the U.S. State Department said on Saturday, "
    "adding that more than 10,000 troops were sent in November 2024.\n";

// The gazetteers are most of the loading time: the files the input does not replace keep their
// first lines and the entries the article names, so that each run is fast and still finds names.
std::string TrimGazetteer(std::string_view bytes) {
  static const char* kKeep[] = {
      "Putin",   "Korea",   "Rusia",      "Russia", "Ukrain", "Kursk", "State Department",
      "Reuters", "Jakarta", "Washington", "FAKTA"};
  std::string out;
  size_t lines = 0;
  for (size_t pos = 0; pos < bytes.size();) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    bool keep = ++lines <= 30;
    for (const char* k : kKeep) keep = keep || line.find(k) != std::string_view::npos;
    if (keep) {
      out.append(line);
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::map<std::string, std::string>* base = [] {
    auto* m = new std::map<std::string, std::string>;
    for (const auto& f : EmbeddedData()) {
      std::string path(f.path);
      m->emplace(path,
                 path.rfind("gazetteer/", 0) == 0 ? TrimGazetteer(f.bytes) : std::string(f.bytes));
    }
    return m;
  }();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view name = in.substr(0, nl);
  std::string_view content = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  std::map<std::string, std::string> files = *base;
  bool append = false, add = false;
  if (!name.empty() && name[0] == '+') {
    append = true;
    name.remove_prefix(1);
  } else if (!name.empty() && name[0] == '/') {
    add = true;
    name.remove_prefix(1);
  }
  std::string key(name);
  if (!add && files.find(key) == files.end()) {
    size_t h = 0;
    for (char c : name) h = h * 31 + static_cast<unsigned char>(c);
    auto it = files.begin();
    std::advance(it, static_cast<long>(h % files.size()));
    key = it->first;
  }
  if (append)
    files[key] += std::string(content);
  else
    files[key] = std::string(content);

  Rules rules;
  Status s = LoadRulesFromFiles(files, &rules);
  if (!s.ok()) {
    FUZZ_CHECK(!s.message().empty(), "a failed load without a message");
    return 0;
  }
  Document doc;
  doc.path = doc.name = "fuzz.txt";
  doc.original = kArticle;
  AnalyzeDocument(rules, &doc);
  ResolveDocumentDates(&doc, Ymd{2025, 4, 28}, "reference");
  fuzz::CheckTokens(doc.clean, doc.tokens);
  fuzz::CheckQuotations(doc.clean, doc.tokens, doc.quotes);
  fuzz::CheckMentions(doc);
  return 0;
}
