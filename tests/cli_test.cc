// The built `claims` binary: exit statuses, messages on standard error, the JSON Lines schema, the
// table width, and byte-identical output at any thread count. Runs on examples/seeds inside the
// repository (never ../shared).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "claims/embedded_data.h"
#include "claims/utf8.h"
#include "test_util.h"

namespace claims {
namespace {

using test::Json;
using test::JsonParser;
using test::ProcResult;
using test::RunClaims;

// Paths relative to the repository root, which is the working folder of every run below, so
// that output names documents the same way in any clone.
const char kSeeds[] = "examples/seeds";
const char kSeed0[] = "examples/seeds/000_98bf82339018c866.txt";

ProcResult Claims(const std::vector<std::string>& args, const std::string& stdin_data = "") {
  return RunClaims(args, test::SourceDir(), stdin_data);
}

// Mentions JSON Lines hold three kinds of record: a "document" line, its mentions (kind = a
// mention kind), then its "fact" lines.
bool IsMentionRecord(const Json& v) {
  MentionKind k;
  return v.Get("kind") != nullptr && ParseKind(v.Get("kind")->str, &k);
}

std::string Show(const ProcResult& r) {
  return "exit status " + std::to_string(r.status) + "\n--- stderr ---\n" + r.err +
         "--- stdout (first 2000 bytes) ---\n" + r.out.substr(0, 2000);
}

// ---- Usage ----

TEST(Cli, HelpListsBothSubcommands) {
  ProcResult r = Claims({"--help"});
  EXPECT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.out.find("mentions"), std::string::npos) << Show(r);
  EXPECT_NE(r.out.find("extract"), std::string::npos) << Show(r);
}

TEST(Cli, SubcommandHelp) {
  ProcResult r = Claims({"extract", "--help"});
  EXPECT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.out.find("--min-outlets"), std::string::npos) << Show(r);
}

TEST(Cli, Version) {
  ProcResult r = Claims({"--version"});
  EXPECT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.out.find("claims"), std::string::npos) << Show(r);
}

TEST(Cli, NoSubcommandIsAUsageError) {
  ProcResult r = Claims({});
  EXPECT_EQ(r.status, 3) << Show(r);
  EXPECT_FALSE(r.err.empty());
  EXPECT_TRUE(r.out.empty()) << Show(r);
}

TEST(Cli, UnknownSubcommandIsAUsageError) {
  ProcResult r = Claims({"summarise", kSeeds});
  EXPECT_EQ(r.status, 3) << Show(r);
}

TEST(Cli, UnknownFlagIsAUsageError) {
  ProcResult r = Claims({"mentions", "--no-such-flag", kSeeds});
  EXPECT_EQ(r.status, 3) << Show(r);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << Show(r);
  EXPECT_TRUE(r.out.empty()) << Show(r);
}

TEST(Cli, MissingPathsArgumentIsAUsageError) {
  ProcResult r = Claims({"mentions"});
  EXPECT_EQ(r.status, 3) << Show(r);
}

TEST(Cli, UnknownFormat) {
  for (const char* cmd : {"mentions", "extract"}) {
    ProcResult r = Claims({cmd, "--format", "nope", kSeeds});
    EXPECT_EQ(r.status, 3) << cmd << "\n" << Show(r);
    EXPECT_EQ(r.err, "claims: --format: unknown format 'nope'\n") << cmd;
    EXPECT_TRUE(r.out.empty()) << cmd;
  }
}

TEST(Cli, MentionsCannotPrintATable) {
  ProcResult r = Claims({"mentions", "--format", "table", kSeeds});
  EXPECT_EQ(r.status, 3) << Show(r);
  EXPECT_EQ(r.err, "claims: --format: mentions print as jsonl, tsv or csv, not 'table'\n");
}

TEST(Cli, BadReferenceDate) {
  ProcResult r = Claims({"mentions", "--reference-date", "2025-13-01", kSeeds});
  EXPECT_EQ(r.status, 3) << Show(r);
  EXPECT_EQ(r.err, "claims: --reference-date: '2025-13-01' is not a date in the form YYYY-MM-DD\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, EveryUsageProblemIsReportedAtOnce) {
  ProcResult r = Claims({"extract", "--format", "nope", "--reference-date", "2025-02-30", "--kind",
                         "opinion", "--color", "sometimes", kSeeds});
  EXPECT_EQ(r.status, 3) << Show(r);
  EXPECT_EQ(r.err,
            "claims: --format: unknown format 'nope'\n"
            "claims: --reference-date: '2025-02-30' is not a date in the form YYYY-MM-DD\n"
            "claims: --color: expected auto, always or never, not 'sometimes'\n"
            "claims: --kind: expected quote or fact, not 'opinion'\n");
}

TEST(Cli, BadOutletsFile) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "outlets.tsv",
                              "# path\toutlet\tdate\nseed.txt\tAnadolu\t2025-02-30\n"));
  ProcResult r = Claims({"mentions", "--outlets", tmp / "outlets.tsv", kSeeds});
  EXPECT_EQ(r.status, 3) << Show(r);
  EXPECT_EQ(r.err, "claims: --outlets: " + (tmp / "outlets.tsv") +
                       ":2: '2025-02-30' is not a date (YYYY-MM-DD)\n");
}

// ---- Inputs ----

TEST(Cli, MissingPathIsReportedAndTheOthersStillPrint) {
  ProcResult r = Claims({"mentions", "--format", "jsonl", "no/such/file.txt", kSeed0});
  EXPECT_EQ(r.status, 2) << Show(r);
  EXPECT_NE(r.err.find("claims: no/such/file.txt: no such file or directory\n"), std::string::npos)
      << Show(r);
  ASSERT_FALSE(r.out.empty()) << Show(r);
  for (const std::string& line : test::SplitLines(r.out)) {
    Json v;
    std::string err;
    ASSERT_TRUE(JsonParser::Parse(line, &v, &err)) << err << "\n" << line;
    EXPECT_EQ(v.Get("doc")->str, kSeed0);
  }
}

TEST(Cli, BinaryFileIsSkippedWithoutFailing) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", "\"Kami siap,\" kata Putin.\n"));
  ASSERT_TRUE(test::WriteFile(tmp / "b.png", "\x89PNG\r\n\x1a\n"));
  ProcResult r = Claims({"mentions", "--format", "jsonl", tmp.path()});
  EXPECT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.err.find("claims: " + (tmp / "b.png") + ": skipped: binary file (PNG image)"),
            std::string::npos)
      << Show(r);
  EXPECT_NE(r.out.find("\"Kami siap,\""), std::string::npos) << Show(r);
  // --quiet hides skips that are not failures.
  ProcResult q = Claims({"mentions", "-q", "--format", "jsonl", tmp.path()});
  EXPECT_EQ(q.status, 0);
  EXPECT_EQ(q.err, "");
}

TEST(Cli, StandardInput) {
  ProcResult r = Claims({"mentions", "--format", "jsonl", "--reference-date", "2025-04-28", "-"},
                        "\"Kami siap,\" kata Putin pada hari Sabtu.\n");
  EXPECT_EQ(r.status, 0) << Show(r);
  std::set<std::string> kinds;
  for (const std::string& line : test::SplitLines(r.out)) {
    Json v;
    std::string err;
    ASSERT_TRUE(JsonParser::Parse(line, &v, &err)) << err << "\n" << line;
    EXPECT_EQ(v.Get("doc")->str, "-");
    if (!IsMentionRecord(v)) continue;
    kinds.insert(v.Get("kind")->str);
    if (v.Get("kind")->str == "date") {
      EXPECT_EQ(v.Get("value")->str, "2025-04-26");
    } else if (v.Get("kind")->str == "quote") {
      EXPECT_EQ(v.Get("speaker")->str, "Vladimir Putin");
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"quote", "person", "date"})) << r.out;
}

TEST(Cli, InvalidUtf8IsAWarningNotAFailure) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(
      tmp / "bad.txt", "Putin \xFF berbicara di Moskow pada hari Senin, kata Jos\xC3\xA9.\n"));
  ProcResult r = Claims({"mentions", "--format", "jsonl", tmp / "bad.txt"});
  EXPECT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.err.find("claims: warning: " + (tmp / "bad.txt") +
                       ":1:7: invalid UTF-8 at byte 6; decoded with U+FFFD"),
            std::string::npos)
      << Show(r);
  for (const std::string& line : test::SplitLines(r.out)) {
    Json v;
    std::string err;
    EXPECT_TRUE(JsonParser::Parse(line, &v, &err)) << err << "\n" << line;
  }
}

TEST(Cli, Windows1252IsConvertedWithAWarning) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "latin1.txt",
                              "\x93"
                              "Caf\xE9 bagus,\x94 kata Putin di Moskow.\n"));
  for (const char* format : {"jsonl", "csv", "tsv"}) {
    ProcResult r = Claims({"mentions", "--format", format, tmp / "latin1.txt"});
    EXPECT_EQ(r.status, 0) << Show(r);
    EXPECT_NE(r.err.find("claims: warning: " + (tmp / "latin1.txt") +
                         ":1:1: not UTF-8 (first at byte 0); read as Windows-1252"),
              std::string::npos)
        << Show(r);
    // The output is valid UTF-8 and holds the converted text.
    EXPECT_EQ(FirstInvalidUtf8(r.out), std::string::npos) << format << "\n" << r.out;
    EXPECT_NE(r.out.find("Caf\xC3\xA9 bagus,"), std::string::npos) << format << "\n" << r.out;
  }
}

// ---- Rules ----

TEST(Cli, BrokenRulesFolderExitsFourAndPrintsNothing) {
  test::TempDir tmp;
  for (const EmbeddedFile& f : EmbeddedData()) {
    ASSERT_TRUE(test::WriteFile(tmp / f.path, f.bytes));
  }
  ASSERT_TRUE(test::WriteFile(tmp / "lang/id/dates.rules", "# dates\nid.date.x\tdate\t{@nope}\n"));
  ProcResult r = Claims({"mentions", "--rules", tmp.path(), kSeeds});
  EXPECT_EQ(r.status, 4) << Show(r);
  EXPECT_EQ(r.err,
            "claims: " + (tmp / "lang/id/dates.rules") + ":2: unknown word class '{@nope}'\n");
  EXPECT_TRUE(r.out.empty()) << Show(r);
}

TEST(Cli, MissingRulesFolderExitsFour) {
  test::TempDir tmp;
  ProcResult r = Claims({"extract", "--rules", tmp / "none", kSeeds});
  EXPECT_EQ(r.status, 4) << Show(r);
  EXPECT_EQ(r.err, "claims: " + (tmp / "none") + ": not a folder of rules\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, RulesFolderCopyGivesTheSameOutput) {
  test::TempDir tmp;
  for (const EmbeddedFile& f : EmbeddedData()) {
    ASSERT_TRUE(test::WriteFile(tmp / f.path, f.bytes));
  }
  ProcResult a = Claims({"mentions", "--format", "tsv", kSeeds});
  ProcResult b = Claims({"mentions", "--format", "tsv", "--rules", tmp.path(), kSeeds});
  EXPECT_EQ(a.status, 0);
  EXPECT_EQ(b.status, 0) << Show(b);
  EXPECT_EQ(a.out, b.out);
}

// ---- Output ----

TEST(Cli, MentionsJsonlSchema) {
  ProcResult r = Claims({"mentions", "--format", "jsonl", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  std::vector<std::string> lines = test::SplitLines(r.out);
  ASSERT_GT(lines.size(), 50u);
  std::set<std::string> docs, kinds;
  std::string current_doc;
  long expected_mentions = -1;  // announced by the current "document" line
  long seen_mentions = 0;
  for (const std::string& line : lines) {
    Json v;
    std::string err;
    ASSERT_TRUE(JsonParser::Parse(line, &v, &err)) << err << "\n" << line;
    ASSERT_EQ(v.type, Json::kObject) << line;
    ASSERT_TRUE(v.Has("doc") && v.Has("kind")) << line;
    const std::string& kind = v.Get("kind")->str;
    if (kind == "document") {
      EXPECT_EQ(seen_mentions, expected_mentions < 0 ? 0 : expected_mentions) << current_doc;
      current_doc = v.Get("doc")->str;
      EXPECT_TRUE(docs.insert(current_doc).second) << "two document lines for " << current_doc;
      ASSERT_TRUE(v.Has("mentions")) << line;
      expected_mentions = static_cast<long>(v.Get("mentions")->num);
      seen_mentions = 0;
      continue;
    }
    EXPECT_EQ(v.Get("doc")->str, current_doc) << "record before its document line: " << line;
    if (kind == "fact") {
      for (const char* field : {"event", "about", "value_kind", "value_start", "value_end"}) {
        EXPECT_TRUE(v.Has(field)) << "no '" << field << "' in " << line;
      }
      continue;
    }
    ASSERT_TRUE(IsMentionRecord(v)) << "unknown record kind: " << line;
    ++seen_mentions;
    for (const char* field : {"value", "start", "end"}) {
      ASSERT_TRUE(v.Has(field)) << "no '" << field << "' in " << line;
    }
    EXPECT_TRUE(v.Get("value")->type == Json::kString || v.Get("value")->type == Json::kNull)
        << line;
    EXPECT_EQ(v.Get("start")->type, Json::kNumber);
    EXPECT_EQ(v.Get("end")->type, Json::kNumber);
    EXPECT_LE(v.Get("start")->num, v.Get("end")->num) << line;
    kinds.insert(kind);
    if (kind == "quote") {
      ASSERT_TRUE(v.Has("speaker")) << line;
      EXPECT_TRUE(v.Get("speaker")->type == Json::kString || v.Get("speaker")->type == Json::kNull)
          << line;
    } else {
      EXPECT_FALSE(v.Has("speaker")) << line;
    }
  }
  EXPECT_EQ(seen_mentions, expected_mentions) << current_doc;
  EXPECT_EQ(docs.size(), 5u);
  for (const char* k : {"quote", "person", "org", "place", "date", "number"}) {
    EXPECT_TRUE(kinds.count(k)) << "no " << k << " mention in the seeds";
  }
}

TEST(Cli, MentionOffsetsPointAtTheirTextInTheFile) {
  ProcResult r = Claims({"mentions", "--format", "jsonl", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  std::map<std::string, std::string> files;
  for (const std::string& line : test::SplitLines(r.out)) {
    Json v;
    std::string err;
    ASSERT_TRUE(JsonParser::Parse(line, &v, &err)) << err;
    if (!IsMentionRecord(v)) continue;
    const std::string& doc = v.Get("doc")->str;
    if (!files.count(doc)) files[doc] = test::ReadFileOrDie(test::SourceDir() + "/" + doc);
    size_t start = static_cast<size_t>(v.Get("start")->num);
    size_t end = static_cast<size_t>(v.Get("end")->num);
    ASSERT_LE(end, files[doc].size());
    EXPECT_EQ(files[doc].substr(start, end - start), v.Get("text")->str) << line;
  }
}

TEST(Cli, ExtractJsonlSchema) {
  ProcResult r = Claims({"extract", "--format", "jsonl", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  std::vector<std::string> lines = test::SplitLines(r.out);
  ASSERT_GT(lines.size(), 5u);
  int id = 0;
  for (const std::string& line : lines) {
    Json v;
    std::string err;
    ASSERT_TRUE(JsonParser::Parse(line, &v, &err)) << err << "\n" << line;
    EXPECT_EQ(v.Get("id")->num, ++id);
    ASSERT_TRUE(v.Has("kind")) << line;
    ASSERT_TRUE(v.Has("conflict")) << line;
    ASSERT_TRUE(v.Has("members")) << line;
    EXPECT_TRUE(v.Get("kind")->str == "quote" || v.Get("kind")->str == "fact") << line;
    EXPECT_EQ(v.Get("conflict")->type, Json::kBool);
    ASSERT_EQ(v.Get("members")->type, Json::kArray);
    EXPECT_FALSE(v.Get("members")->items.empty());
    std::set<std::string> outlets;
    for (const Json& m : v.Get("members")->items) {
      EXPECT_TRUE(m.Has("doc") && m.Has("outlet") && m.Has("start") && m.Has("end")) << line;
      outlets.insert(m.Get("outlet")->str);
    }
    EXPECT_EQ(v.Get("coverage")->num, static_cast<double>(outlets.size())) << line;
  }
}

TEST(Cli, ExtractFilters) {
  ProcResult quotes = Claims({"extract", "--format", "jsonl", "--kind", "quote", kSeeds});
  ASSERT_EQ(quotes.status, 0) << Show(quotes);
  ProcResult wide = Claims({"extract", "--format", "jsonl", "--min-outlets", "3", kSeeds});
  ASSERT_EQ(wide.status, 0) << Show(wide);
  ProcResult conflicts = Claims({"extract", "--format", "jsonl", "--conflicts", kSeeds});
  ASSERT_EQ(conflicts.status, 0) << Show(conflicts);
  ASSERT_FALSE(quotes.out.empty());
  for (const std::string& line : test::SplitLines(quotes.out)) {
    Json v;
    ASSERT_TRUE(JsonParser::Parse(line, &v, nullptr));
    EXPECT_EQ(v.Get("kind")->str, "quote");
  }
  for (const std::string& line : test::SplitLines(wide.out)) {
    Json v;
    ASSERT_TRUE(JsonParser::Parse(line, &v, nullptr));
    EXPECT_GE(v.Get("coverage")->num, 3);
  }
  for (const std::string& line : test::SplitLines(conflicts.out)) {
    Json v;
    ASSERT_TRUE(JsonParser::Parse(line, &v, nullptr));
    EXPECT_TRUE(v.Get("conflict")->b);
  }
}

TEST(Cli, MentionsCsvParses) {
  ProcResult r = Claims({"mentions", "--format", "csv", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  std::vector<std::vector<std::string>> rows;
  std::string err;
  ASSERT_TRUE(test::ParseCsv(r.out, &rows, &err)) << err;
  ASSERT_GT(rows.size(), 50u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].size(), 14u) << "record " << i + 1;
  }
}

// Lines of out wider than width display columns.
std::string WideLines(const std::string& out, int width) {
  std::string wide;
  for (const std::string& l : test::SplitLines(out)) {
    if (DisplayWidth(l) > width) wide += std::to_string(DisplayWidth(l)) + ": " + l + "\n";
  }
  return wide;
}

TEST(Cli, TableFitsAWideTerminal) {
  ProcResult r =
      Claims({"extract", "--format", "table", "--width", "120", "--color", "never", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  EXPECT_EQ(WideLines(r.out, 120), "");
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

// Regression (fixed in f1e7c80): with the seeds' 5 outlets the table was 84 columns wide at
// --width 80, because the claim column never got fewer than 20 columns.
TEST(Cli, TableFitsEightyColumns) {
  ProcResult r =
      Claims({"extract", "--format", "table", "--width", "80", "--color", "never", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  EXPECT_EQ(WideLines(r.out, 80), "");
}

TEST(Cli, ColorAlwaysUsesEscapes) {
  ProcResult r =
      Claims({"extract", "--format", "table", "--width", "120", "--color", "always", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.out.find("\x1b["), std::string::npos);
}

// Two runs that must agree: both succeed, print something, and print the same bytes and the same
// messages. what: names the pair in a failure.
void ExpectSameRuns(const ProcResult& a, const ProcResult& b, const std::string& what) {
  ASSERT_EQ(a.status, 0) << Show(a);
  ASSERT_EQ(b.status, 0) << Show(b);
  EXPECT_FALSE(a.out.empty());
  EXPECT_TRUE(a.out == b.out) << what << ": the outputs differ";
  EXPECT_EQ(a.err, b.err) << what;
}

TEST(Cli, OutputIsTheSameAtAnyThreadCount) {
  for (std::vector<std::string> args : {std::vector<std::string>{"mentions", "--format", "jsonl"},
                                        std::vector<std::string>{"extract", "--format", "tsv"}}) {
    std::vector<std::string> one = args, four = args;
    // The folder, then two of its files again: 7 documents for the workers to share.
    for (auto* v : {&one, &four}) {
      v->insert(v->end(), {"-j", v == &one ? "1" : "4", kSeeds, kSeed0,
                           "examples/seeds/003_dc3ba7d39dcb4567.txt"});
    }
    ExpectSameRuns(Claims(one), Claims(four), args[0] + " at -j 1 and -j 4");
  }
}

// The heap's growth pre-faulted or not, in huge pages or not (heap.h; CLAIMS_NO_PREFAULT and
// CLAIMS_NO_HUGEPAGES turn them off): the same bytes out, at one thread and at four, for a pass
// that allocates from every thread.
TEST(Cli, OutputIsTheSameWithTheHeapPrefaultedOrNot) {
  for (const char* j : {"1", "4"}) {
    const std::vector<std::string> args{"mentions", "--format", "jsonl", "-j", j, kSeeds, kSeed0};
    const ProcResult usual = Claims(args);
    ExpectSameRuns(usual, RunClaims(args, test::SourceDir(), "", 60, {"CLAIMS_NO_PREFAULT=1"}),
                   std::string("pre-faulted or not at -j ") + j);
    ExpectSameRuns(usual, RunClaims(args, test::SourceDir(), "", 60, {"CLAIMS_NO_HUGEPAGES=1"}),
                   std::string("in huge pages or not at -j ") + j);
  }
}

// --version names how the heap grows (heap.h). With tcmalloc linked, the pre-faulting allocator is
// in place from tcmalloc's own start-up, through its hook (heap.cc's tc_get_sysalloc_override):
// a link that lost the hook, or a tcmalloc that no longer calls it, says "from main" instead. The
// two switches of the environment turn the pre-faulting and the huge pages off.
TEST(Cli, VersionSaysHowTheHeapGrows) {
  const ProcResult usual = Claims({"--version"});
  ASSERT_EQ(usual.status, 0) << Show(usual);
  const ProcResult off =
      RunClaims({"--version"}, test::SourceDir(), "", 60, {"CLAIMS_NO_PREFAULT=1"});
  const ProcResult small =
      RunClaims({"--version"}, test::SourceDir(), "", 60, {"CLAIMS_NO_HUGEPAGES=1"});
#if CLAIMS_TESTS_TCMALLOC
  EXPECT_NE(usual.out.find("\nheap: tcmalloc, growth "), std::string::npos) << Show(usual);
  EXPECT_NE(usual.out.find(" from tcmalloc's start-up, "), std::string::npos) << Show(usual);
  EXPECT_NE(off.out.find("\nheap: tcmalloc, growth not pre-faulted\n"), std::string::npos)
      << Show(off);
  EXPECT_NE(small.out.find(" from tcmalloc's start-up, in small pages\n"), std::string::npos)
      << Show(small);
#else
  // The sanitizers' builds, and a machine without tcmalloc: the switches change nothing.
  EXPECT_NE(usual.out.find("\nheap: the C library's malloc\n"), std::string::npos) << Show(usual);
  EXPECT_EQ(off.out, usual.out);
  EXPECT_EQ(small.out, usual.out);
#endif
}

// Differential: mentions written per file (as shards on other machines would) and read back with
// `extract --from-mentions` give the same claims table as one run over the folder, dates that
// depend on the run's date included.
TEST(Cli, ClaimsFromShardedMentionsEqualOneRun) {
  test::TempDir tmp;
  std::vector<std::string> shards;
  for (const auto& entry : std::filesystem::directory_iterator(test::SourceDir() + "/" + kSeeds)) {
    std::string rel = std::string(kSeeds) + "/" + entry.path().filename().string();
    ProcResult m = Claims({"mentions", "--format", "jsonl", "-q", rel});
    ASSERT_EQ(m.status, 0) << Show(m);
    std::string shard = tmp / (entry.path().filename().string() + ".jsonl");
    ASSERT_TRUE(test::WriteFile(shard, m.out));
    shards.push_back(shard);
  }
  ASSERT_EQ(shards.size(), 5u);
  std::sort(shards.begin(), shards.end());
  std::vector<std::string> args = {"extract", "--format", "tsv", "-q", "--from-mentions"};
  args.insert(args.end(), shards.begin(), shards.end());
  ProcResult from = Claims(args);
  ProcResult direct = Claims({"extract", "--format", "tsv", "-q", kSeeds});
  ASSERT_EQ(from.status, 0) << Show(from);
  ASSERT_EQ(direct.status, 0) << Show(direct);
  EXPECT_FALSE(direct.out.empty());
  EXPECT_TRUE(from.out == direct.out) << "--from-mentions:\n"
                                      << from.out << "\ndirect:\n"
                                      << direct.out;
}

TEST(Cli, FromMentionsReportsAMalformedLine) {
  test::TempDir tmp;
  ASSERT_TRUE(
      test::WriteFile(tmp / "bad.jsonl", "{\"kind\":\"document\",\"doc\":\"a\"}\n{not json\n"));
  ProcResult r = Claims({"extract", "--format", "tsv", "--from-mentions", tmp / "bad.jsonl"});
  EXPECT_EQ(r.status, 2) << Show(r);
  EXPECT_NE(r.err.find((tmp / "bad.jsonl") + ":2: not JSON"), std::string::npos) << Show(r);
}

// Regression (fixed in f1e7c80): the message named the file twice, "claims: F: F:2: not JSON";
// it reads like every other file error, "claims: F:2: not JSON: ...".
TEST(Cli, FromMentionsNamesTheBadLineOnce) {
  test::TempDir tmp;
  ASSERT_TRUE(
      test::WriteFile(tmp / "bad.jsonl", "{\"kind\":\"document\",\"doc\":\"a\"}\n{not json\n"));
  ProcResult r = Claims({"extract", "--format", "tsv", "--from-mentions", tmp / "bad.jsonl"});
  EXPECT_EQ(r.err.rfind("claims: " + (tmp / "bad.jsonl") + ":2: not JSON", 0), 0u) << Show(r);
}

TEST(Cli, StatsOnStandardError) {
  ProcResult r = Claims({"extract", "--format", "tsv", "--stats", "-q", kSeeds});
  ASSERT_EQ(r.status, 0) << Show(r);
  EXPECT_NE(r.err.find("claims: 5 documents read ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" bytes), 0 skipped\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" quote"), std::string::npos) << r.err;
  size_t rows = test::SplitLines(r.out).size() - 1;  // minus the header
  EXPECT_NE(r.err.find("claims: " + std::to_string(rows) + " claims\n"), std::string::npos)
      << r.err;
  // Without --stats there are no counts.
  ProcResult plain = Claims({"extract", "--format", "tsv", "-q", kSeeds});
  EXPECT_EQ(plain.err, "");
  EXPECT_EQ(plain.out, r.out);
}

TEST(Cli, StatsCountSkips) {
  ProcResult r = Claims({"mentions", "--format", "tsv", "--stats", "-q", "nope.txt", kSeed0});
  EXPECT_EQ(r.status, 2) << Show(r);
  EXPECT_NE(r.err.find("claims: 1 documents read ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 skipped\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("claims:   skipped 1: no such file or directory\n"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace claims
