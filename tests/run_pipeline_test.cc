// RunPipeline through its public interface: the sink sees the same inputs in the same order, with
// skipped inputs in their places, for any number of threads; it is never called by two threads at
// once; with one thread everything runs on the calling thread; with JSON Lines input the run date
// is the most common date of the first 512 records.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "claims/run.h"
#include "test_util.h"

namespace claims {
namespace {

namespace fs = std::filesystem;

// What the sink saw of one input.
struct Seen {
  bool skipped = false;
  std::string path;  // the document's path, or the skipped input's
  std::string reason;
  bool error = false;
  size_t mentions = 0;
  size_t facts = 0;
  std::string date;  // the document's first date mention: "value/anchor"

  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Seen& s) {
  if (s.skipped)
    return os << "skipped " << s.path << ": " << s.reason << (s.error ? " (error)" : "");
  return os << "doc " << s.path << " mentions=" << s.mentions << " facts=" << s.facts
            << " date=" << s.date;
}

struct Result {
  std::vector<Seen> seen;
  RunStats stats;
  bool concurrent = false;          // two sink calls overlapped
  bool off_calling_thread = false;  // a sink call ran on another thread than RunPipeline's caller
};

Result Run(RunOptions opt, int threads) {
  opt.threads = threads;
  Result r;
  std::atomic<int> in_sink{0};
  const std::thread::id caller = std::this_thread::get_id();
  RunPipeline(
      test::EmbeddedRules(), opt,
      [&](RunItem& item) {
        if (in_sink.fetch_add(1) != 0) r.concurrent = true;
        if (std::this_thread::get_id() != caller) r.off_calling_thread = true;
        Seen s;
        if (item.skipped) {
          s.skipped = true;
          s.path = item.skipped->path;
          s.reason = item.skipped->reason;
          s.error = item.skipped->error;
        } else {
          s.path = item.doc->path;
          s.mentions = item.doc->mentions.size();
          s.facts = item.facts ? item.facts->size() : 0;
          for (const Mention& m : item.doc->mentions) {
            if (m.kind == MentionKind::kDate) {
              s.date = m.value + "/" + m.anchor;
              break;
            }
          }
        }
        r.seen.push_back(std::move(s));
        std::this_thread::yield();  // give another thread the chance to step in, were it allowed
        in_sink.fetch_sub(1);
      },
      &r.stats);
  return r;
}

// Each input's document as `take` makes it, in order, from a run with `threads` threads; an input
// that is skipped fails the test, naming why.
template <typename Take>
auto DocumentsOf(RunOptions opt, int threads, Take take) {
  opt.threads = threads;
  std::vector<std::invoke_result_t<Take, const Document&>> docs;
  RunStats stats;
  RunPipeline(
      test::EmbeddedRules(), opt,
      [&](RunItem& item) {
        ASSERT_NE(item.doc, nullptr) << (item.skipped ? item.skipped->reason : "");
        docs.push_back(take(*item.doc));
      },
      &stats);
  return docs;
}

// The same run with 1, 2, 3 and 8 threads: identical sequences and statistics, never concurrent.
Result RunWithEveryThreadCount(const RunOptions& opt) {
  Result one = Run(opt, 1);
  EXPECT_FALSE(one.concurrent);
  EXPECT_FALSE(one.off_calling_thread) << "with one thread, the calling thread does everything";
  for (int threads : {2, 3, 8}) {
    SCOPED_TRACE(test::Numbered("threads=", static_cast<size_t>(threads)));
    Result r = Run(opt, threads);
    EXPECT_FALSE(r.concurrent);
    EXPECT_EQ(r.seen, one.seen);
    EXPECT_EQ(r.stats.documents, one.stats.documents);
    EXPECT_EQ(r.stats.bytes, one.stats.bytes);
    EXPECT_EQ(r.stats.mentions, one.stats.mentions);
    EXPECT_EQ(r.stats.run_date, one.stats.run_date);
    EXPECT_EQ(r.stats.skipped.size(), one.stats.skipped.size());
    for (size_t i = 0; i < std::min(r.stats.skipped.size(), one.stats.skipped.size()); ++i) {
      EXPECT_EQ(r.stats.skipped[i].path, one.stats.skipped[i].path);
      EXPECT_EQ(r.stats.skipped[i].reason, one.stats.skipped[i].reason);
    }
  }
  // The statistics agree with what the sink saw.
  size_t docs = 0, mentions = 0, skipped = 0;
  for (const Seen& s : one.seen) {
    if (s.skipped) {
      if (skipped < one.stats.skipped.size()) {
        EXPECT_EQ(one.stats.skipped[skipped].path, s.path);
      }
      ++skipped;
    } else {
      ++docs;
      mentions += s.mentions;
    }
  }
  size_t counted = 0;
  for (const auto& [kind, n] : one.stats.mentions) counted += n;
  EXPECT_EQ(one.stats.documents, docs);
  EXPECT_EQ(one.stats.skipped.size(), skipped);
  EXPECT_EQ(counted, mentions);
  return one;
}

std::string Article(int i) {
  static const char* const kNames[] = {"Budi Santoso", "Sri Mulyani", "Joko Widodo",
                                       "Ani Yudhoyono"};
  static const char* const kPlaces[] = {"Jakarta", "Surabaya", "Bandung", "Medan"};
  std::string s = "Article " + std::to_string(i) + "\n\n";
  for (int k = 0; k <= i % 5; ++k) {
    s += std::string(kNames[(i + k) % 4]) + " said on Monday in " + kPlaces[(i * 3 + k) % 4] +
         " that " + std::to_string(10 + i * 7 + k) + " new schools would open. \"We will finish " +
         std::to_string(i + k) + " bridges by 2026,\" " + kNames[(i + k + 1) % 4] + " said.\n";
  }
  return s;
}

TEST(RunPipeline, FilesGoToTheSinkInOrderWithSkippedInputsInPlaceForAnyThreadCount) {
  test::TempDir tmp;
  std::vector<std::string> order;  // the files as ExpandPaths sorts them
  for (int i = 0; i < 100; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/%03d.txt", i);
    std::string body = Article(i);
    if (i == 7) body = std::string("GIF89a\0\0\x01\x02", 10);  // binary: skipped on purpose
    if (i == 31) body = "";                                    // empty
    if (i == 42) body = std::string(5000, 'x');                // over max_bytes: an error
    if (i == 64) body = "Caf\xe9 ol\xe9, said Budi Santoso on Monday in Jakarta.\n";  // not UTF-8
    ASSERT_TRUE(test::WriteFile(tmp / name, body));
    order.push_back(tmp / name);
  }
  fs::create_symlink(tmp / "nowhere", tmp / "in/050b.txt");  // broken: skipped while expanding
  RunOptions opt;
  opt.paths = {tmp / "in", tmp / "missing.txt", tmp / "in/010.txt"};
  opt.max_bytes = 4000;
  opt.find_facts = true;
  Result r = RunWithEveryThreadCount(opt);

  // Inputs skipped while expanding paths come first, then every file in order.
  ASSERT_EQ(r.seen.size(), 2u + 100u);  // a file named twice is read once
  EXPECT_TRUE(r.seen[0].skipped);
  EXPECT_EQ(r.seen[0].path, tmp / "in/050b.txt");
  EXPECT_TRUE(r.seen[1].skipped);
  EXPECT_EQ(r.seen[1].path, tmp / "missing.txt");
  for (size_t i = 0; i < order.size(); ++i) {
    SCOPED_TRACE(order[i]);
    const Seen& s = r.seen[2 + i];
    EXPECT_EQ(s.path, order[i]);
    bool skip = i == 7 || i == 42;
    EXPECT_EQ(s.skipped, skip);
    if (!skip) {
      EXPECT_EQ(s.mentions > 0, i != 31);
    }
  }
  EXPECT_FALSE(r.seen[2 + 7].error);
  EXPECT_TRUE(r.seen[2 + 42].error);
  EXPECT_EQ(r.stats.documents, 98u);
  EXPECT_EQ(r.stats.skipped.size(), 4u);
}

// The pre-scan reads the first 16 KiB of every file and keeps the files it read whole, so that
// the analysis does not read them again; a longer file is read again. Both come to the sink whole,
// with the same analysis as a run without the pre-scan (--reference-date) would give them.
TEST(RunPipeline, FilesThePreScanReadWholeAndLongerOnesComeOutWhole) {
  test::TempDir tmp;
  std::vector<std::string> bodies;
  for (size_t size : {size_t{300}, size_t{16383}, size_t{16384}, size_t{16385}, size_t{40000}}) {
    std::string body;
    for (int i = 0; body.size() < size; ++i) body += Article(i);
    body.resize(size);
    bodies.push_back(body);
  }
  std::vector<std::string> paths;
  for (size_t i = 0; i < bodies.size(); ++i) {
    paths.push_back(tmp / ("in/" + std::to_string(i) + ".txt"));
    ASSERT_TRUE(test::WriteFile(paths.back(), bodies[i]));
  }
  struct Doc {
    std::string path, original;
    size_t mentions = 0;
    bool operator==(const Doc&) const = default;
  };
  auto run = [](const RunOptions& opt, int threads) {
    return DocumentsOf(opt, threads, [](const Document& d) {
      return Doc{d.path, d.original, d.mentions.size()};
    });
  };
  RunOptions opt;
  opt.paths = {tmp / "in"};
  RunOptions no_prescan = opt;
  no_prescan.reference_date = Ymd{2025, 4, 28};
  std::vector<Doc> plain = run(no_prescan, 1);
  ASSERT_EQ(plain.size(), bodies.size());
  for (int threads : {1, 2}) {
    SCOPED_TRACE(test::Numbered("threads=", static_cast<size_t>(threads)));
    std::vector<Doc> got = run(opt, threads);
    ASSERT_EQ(got.size(), bodies.size());
    for (size_t i = 0; i < bodies.size(); ++i) {
      SCOPED_TRACE(paths[i]);
      EXPECT_EQ(got[i].path, paths[i]);
      EXPECT_EQ(got[i].original.size(), bodies[i].size());
      EXPECT_TRUE(got[i].original == bodies[i]);
      EXPECT_GT(got[i].mentions, 0u);
      EXPECT_EQ(got[i].mentions, plain[i].mentions);  // no relative date differs here
    }
  }
  // Under --max-bytes, a file the pre-scan read whole is still refused, naming the limit.
  RunOptions small = opt;
  small.max_bytes = 1000;
  std::vector<std::string> refused;
  RunStats stats;
  small.threads = 1;
  RunPipeline(
      test::EmbeddedRules(), small,
      [&](RunItem& item) {
        if (item.skipped) refused.push_back(item.skipped->reason);
      },
      &stats);
  EXPECT_EQ(stats.documents, 1u);
  ASSERT_EQ(refused.size(), 4u);
  for (const auto& why : refused) EXPECT_NE(why.find("--max-bytes"), std::string::npos) << why;
}

// Without the pre-scan (a reference date, or dates from --outlets), a worker reads its batch's
// files together (ReadHeads); a file read whole within --max-bytes is the document, the others
// are read by ReadDocument, which refuses those over the limit and says why. The sink sees the
// same with io_uring and without it (CLAIMS_NO_URING=1), for any thread count.
TEST(RunPipeline, FilesReadAheadInBatchesAreTheDocumentsReadOneByOne) {
  test::TempDir tmp;
  std::vector<std::string> bodies;
  for (size_t size : {size_t{0}, size_t{300}, size_t{999}, size_t{1000}, size_t{1001},
                      size_t{16383}, size_t{16384}, size_t{16385}, size_t{40000}}) {
    for (int copy = 0; copy < 4; ++copy) {
      std::string body;
      for (int i = copy; body.size() < size; ++i) body += Article(i);
      body.resize(size);
      bodies.push_back(body);
    }
  }
  bodies[5] = std::string("GIF89a\0\0\x01\x02", 10);  // not text: skipped on purpose
  for (size_t i = 0; i < bodies.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/%02zu.txt", i);
    ASSERT_TRUE(test::WriteFile(tmp / name, bodies[i]));
  }
  RunOptions opt;
  opt.paths = {tmp / "in"};
  opt.reference_date = Ymd{2025, 4, 28};
  opt.max_bytes = 1000;
  struct Got {
    std::vector<std::string> originals, refused;
    bool operator==(const Got&) const = default;
  };
  auto run = [&](int threads) {
    Got got;
    RunOptions o = opt;
    o.threads = threads;
    RunStats stats;
    RunPipeline(
        test::EmbeddedRules(), o,
        [&](RunItem& item) {
          if (item.skipped) {
            got.refused.push_back(item.skipped->path + ": " + item.skipped->reason);
          } else {
            got.originals.push_back(item.doc->original);
          }
        },
        &stats);
    return got;
  };
  ASSERT_EQ(setenv("CLAIMS_NO_URING", "1", 1), 0);
  const Got plain = run(1);
  unsetenv("CLAIMS_NO_URING");
  // Bodies 0-15 are within the limit (one of them not text); 16-35 are over it.
  ASSERT_EQ(plain.originals.size(), 15u);
  for (size_t i = 0; i < plain.originals.size(); ++i) {
    EXPECT_TRUE(plain.originals[i] == bodies[i < 5 ? i : i + 1]) << i;
  }
  ASSERT_EQ(plain.refused.size(), 21u);
  EXPECT_NE(plain.refused[0].find("image"), std::string::npos) << plain.refused[0];
  for (size_t i = 1; i < plain.refused.size(); ++i) {
    EXPECT_NE(plain.refused[i].find("--max-bytes"), std::string::npos) << plain.refused[i];
  }
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(test::Numbered("threads=", static_cast<size_t>(threads)));
    EXPECT_TRUE(run(threads) == plain);
  }
}

// One JSON Lines record; text_json is the text already as a JSON string's contents.
std::string RawRecord(const std::string& id, const std::string& text_json,
                      const std::string& date = "") {
  std::string r = "{\"id\":\"" + id + "\",";
  if (!date.empty()) r += "\"date\":\"" + date + "\",";
  return r + "\"text\":\"" + text_json + "\"}\n";
}

std::string Record(const std::string& id, const std::string& text, const std::string& date = "") {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return RawRecord(id, escaped, date);
}

TEST(RunPipeline, JsonLinesRecordsKeepTheirOrderAndTheRunDateIsTheFirst512Records) {
  // Records 0-198 are dated B, 199-311 undated, 312-511 dated A, 512 onwards dated B again: the
  // first 512 records have 200 A against 199 B; one record more or less and B would win.
  const std::string a = "2020-05-05", b = "2020-05-06";
  const int kRecords = 1100;
  test::TempDir tmp;
  const std::string file = tmp / "in.jsonl";
  std::string lines;
  int line = 0;
  // What the sink must see: per window of 512 records, the lines skipped while reading them, then
  // the records (a record skipped for what it holds in its place, named by its line).
  std::vector<std::vector<std::string>> bad_in_window(kRecords / 512 + 1);
  std::vector<std::string> records;
  auto bad = [&](const std::string& l, int records_before) {
    lines += l;
    ++line;
    bad_in_window[static_cast<size_t>(records_before / 512)].push_back(file + ":" +
                                                                       std::to_string(line));
  };
  for (int i = 0; i < kRecords; ++i) {
    std::string date = i < 199 ? b : i < 312 ? "" : i < 512 ? a : b;
    std::string id = test::Numbered("r", static_cast<size_t>(i));
    if (i == 900) date = "";
    if (i == 250) {
      lines += RawRecord(id, "\\u0000\\u0001 binary", date);
      records.push_back(file + ":" + std::to_string(++line));
    } else {
      std::string text = Article(i);
      if (i == 300 || i == 900) text = "Officials met yesterday in Jakarta, said Budi Santoso.";
      lines += Record(id, text, date);
      ++line;
      records.push_back(id);
    }
    if (i % 97 == 3) bad("{\"id\":\"broken\",\"text\":\n", i + 1);
    if (i % 131 == 5) bad("[1,2,3]\n", i + 1);
    if (i % 173 == 9) bad("{\"id\":\"notext\"}\n", i + 1);
    if (i == 510 || i == 511) bad("{bad\n", i + 1);
    if (i == 700) bad(Record("long", std::string(3000, 'y')), i + 1);
    if (i % 50 == 0) {
      lines += "  \t\r\n";  // a blank line is no record
      ++line;
    }
  }
  bad("{\"trailing\":\n", kRecords);
  ASSERT_TRUE(test::WriteFile(file, lines));
  std::vector<std::string> expected;
  for (size_t w = 0; w < bad_in_window.size(); ++w) {
    for (const auto& l : bad_in_window[w]) expected.push_back(l);
    for (size_t i = w * 512; i < std::min(records.size(), (w + 1) * 512); ++i)
      expected.push_back(records[i]);
  }

  RunOptions opt;
  opt.paths = {file};
  opt.input_jsonl = true;
  opt.max_bytes = 2000;
  opt.find_facts = true;
  Result r = RunWithEveryThreadCount(opt);

  ASSERT_TRUE(r.stats.run_date.has_value());
  EXPECT_EQ(FormatIso(*r.stats.run_date), a);
  std::vector<std::string> paths;
  for (const Seen& s : r.seen) paths.push_back(s.path);
  EXPECT_EQ(paths, expected);
  EXPECT_EQ(r.stats.documents, static_cast<size_t>(kRecords - 1));
  for (const Seen& s : r.seen) {
    // The undated records with "yesterday" resolve against the run date, wherever they are.
    if (s.path == "r300" || s.path == "r900") {
      EXPECT_EQ(s.date, "2020-05-04/run") << s.path;
    }
    if (s.path == "r100") {
      EXPECT_EQ(s.date, "2020-05-04/given") << s.path;  // "on Monday" before Wednesday 6 May
    }
    if (s.skipped) {
      bool binary = s.path == records[250];
      EXPECT_EQ(s.error, !binary) << s;
      if (s.path == file + ":1") {
        EXPECT_EQ(s.reason, "bad JSON: byte 2: expected a string key");
      }
    }
  }
  size_t reasons[4] = {0, 0, 0, 0};
  for (const Skipped& s : r.stats.skipped) {
    if (s.reason.rfind("bad JSON: ", 0) == 0) ++reasons[0];
    if (s.reason == "record is not a JSON object") ++reasons[1];
    if (s.reason == "record has no \"text\" string") ++reasons[2];
    if (s.reason == "record larger than the limit of 2000 bytes (--max-bytes)") ++reasons[3];
  }
  EXPECT_GT(reasons[0], 3u);
  EXPECT_GT(reasons[1], 3u);
  EXPECT_GT(reasons[2], 3u);
  EXPECT_EQ(reasons[3], 1u);
}

// An article on one line, with no newline at its end (a JSON Lines record's text, or a file),
// short or longer than what the search for the own date reads: its dateline is its own date, in
// the pre-scan of a file as in the analysis.
TEST(RunPipeline, AnArticleOnOneLineHasItsDatelineAsItsOwnDate) {
  const std::string text = "Jakarta, Monday 21 April 2025 - Officials met yesterday in Bandung.";
  std::string longer = text;
  while (longer.size() < 3 * kOwnDateBytes) longer.append(" They spoke of roads and schools.");
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "in.jsonl", Record("r0", text)));
  ASSERT_TRUE(test::WriteFile(tmp / "long.jsonl", Record("r0", longer)));
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", text));
  ASSERT_TRUE(test::WriteFile(tmp / "b.txt", text + "\n"));
  ASSERT_TRUE(test::WriteFile(tmp / "long.txt", longer));
  for (const std::string input : {"in.jsonl", "long.jsonl", "a.txt", "b.txt", "long.txt"}) {
    SCOPED_TRACE(input);
    RunOptions opt;
    opt.paths = {tmp / input};
    opt.input_jsonl = input.find(".jsonl") != std::string::npos;
    Result r = RunWithEveryThreadCount(opt);
    ASSERT_EQ(r.seen.size(), 1u);
    EXPECT_EQ(r.seen[0].date, "2025-04-21/own");
    ASSERT_TRUE(r.stats.run_date.has_value());
    EXPECT_EQ(FormatIso(*r.stats.run_date), "2025-04-21");
  }
}

TEST(RunPipeline, JsonLinesWithoutGoodRecordsOrWithAWholeWindow) {
  test::TempDir tmp;
  // Only bad lines: all go to the sink, and there is no run date.
  ASSERT_TRUE(test::WriteFile(tmp / "bad.jsonl", "{x\n[]\n\n{\"id\":\"a\"}\n"));
  // Exactly 512 records and a bad line after the last: that line comes after them.
  std::string whole;
  for (int i = 0; i < 512; ++i)
    whole += Record(test::Numbered("w", static_cast<size_t>(i)), Article(i), "2021-02-03");
  whole += "{x\n";
  ASSERT_TRUE(test::WriteFile(tmp / "whole.jsonl", whole));
  RunOptions opt;
  opt.input_jsonl = true;
  opt.paths = {tmp / "bad.jsonl"};
  Result r = RunWithEveryThreadCount(opt);
  ASSERT_EQ(r.seen.size(), 3u);
  EXPECT_EQ(r.seen[2].path, tmp / "bad.jsonl:4");
  EXPECT_FALSE(r.stats.run_date.has_value());

  opt.paths = {tmp / "whole.jsonl", tmp / "bad.jsonl"};
  r = RunWithEveryThreadCount(opt);
  ASSERT_EQ(r.seen.size(), 512u + 1u + 3u);
  for (size_t i = 0; i < 512; ++i) EXPECT_EQ(r.seen[i].path, test::Numbered("w", i));
  EXPECT_EQ(r.seen[512].path, tmp / "whole.jsonl:513");
  EXPECT_EQ(r.seen[513].path, tmp / "bad.jsonl:1");
  ASSERT_TRUE(r.stats.run_date.has_value());
  EXPECT_EQ(FormatIso(*r.stats.run_date), "2021-02-03");
}

TEST(RunPipeline, WhatTheSinkThrowsComesOutOfRunPipeline) {
  test::TempDir tmp;
  for (int i = 0; i < 40; ++i)
    ASSERT_TRUE(
        test::WriteFile(tmp / test::Numbered("in/", static_cast<size_t>(100 + i)), Article(i)));
  RunOptions opt;
  opt.paths = {tmp / "in"};
  for (int threads : {1, 2, 8}) {
    SCOPED_TRACE(test::Numbered("threads=", static_cast<size_t>(threads)));
    opt.threads = threads;
    RunStats stats;
    int calls = 0;
    EXPECT_THROW(RunPipeline(
                     test::EmbeddedRules(), opt,
                     [&](RunItem&) {
                       if (++calls == 5) throw std::runtime_error("sink failed");
                     },
                     &stats),
                 std::runtime_error);
    EXPECT_EQ(calls, 5) << "the run stops at the first exception";
  }
}

}  // namespace
}  // namespace claims

namespace claims {
namespace {

// With RunOptions::render set, every document reaches the sink rendered, after its dates are
// resolved (the bytes equal rendering it in the sink), for files (rendered by the workers) and
// for JSON Lines without --reference-date (rendered at the hand-over), for any thread count.
// Records are analysed in batches (bad lines among them, and one record long enough to end a run
// of text on its own): each comes out as the same article read from a file does, for any number
// of threads.
TEST(RunPipeline, JsonLinesRecordsInBatchesComeOutAsTheSameArticlesReadFromFiles) {
  test::TempDir tmp;
  std::string jsonl;
  std::vector<std::string> files;
  for (int i = 0; i < 300; ++i) {
    std::string text = Article(i);
    if (i == 77) {  // over the 256 KB a batch analyses at once
      for (int k = 0; text.size() < (300u << 10); ++k) text += Article(k) + "Kemarin hujan.\n";
    }
    const std::string name = test::Numbered("f", static_cast<size_t>(1000 + i));
    ASSERT_TRUE(test::WriteFile(tmp / (name + ".txt"), text));
    files.push_back(tmp / (name + ".txt"));
    jsonl += Record(name, text, "");
    if (i % 41 == 7) jsonl += "{\"id\":\"broken\",\"text\":\n";
  }
  ASSERT_TRUE(test::WriteFile(tmp / "in.jsonl", jsonl));
  RunOptions as_files;
  as_files.paths = files;
  as_files.reference_date = Ymd{2025, 4, 28};
  as_files.find_facts = true;
  RunOptions as_records = as_files;
  as_records.paths = {tmp / "in.jsonl"};
  as_records.input_jsonl = true;
  // Per document: its name (a file's stem, a record's id), mentions, facts and first date.
  auto documents = [](const Result& r) {
    std::vector<Seen> out;
    for (Seen s : r.seen) {
      if (s.skipped) continue;
      s.path = std::filesystem::path(s.path).stem().string();
      out.push_back(s);
    }
    return out;
  };
  const std::vector<Seen> want = documents(claims::Run(as_files, 1));
  ASSERT_EQ(want.size(), 300u);
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    Result r = claims::Run(as_records, threads);
    EXPECT_EQ(documents(r), want);
    EXPECT_EQ(r.stats.skipped.size(), 8u);  // the broken lines
  }
}

// The folders are walked twice: once before the run (the pre-scan: skipped inputs, the run's date,
// the files' own dates and the first files' bytes), once as the run goes, so that no list of every
// file is kept. What changed in between is neither lost nor mixed up: a file renamed is read under
// its new name with its own date (not the date the pre-scan found at its place), a file turned into
// a FIFO is reported in its place, and a symbolic link that appeared (the second walk then needs
// keys) gives no file twice. The sink's first call, for the missing path, comes between the walks.
TEST(RunPipeline, WhatChangesBetweenTheTwoWalksIsNeitherLostNorMixedUp) {
  for (int threads : {1, 2}) {
    SCOPED_TRACE(test::Numbered("threads=", static_cast<size_t>(threads)));
    test::TempDir tmp;
    ASSERT_TRUE(test::WriteFile(tmp / "in/a.txt", "1 Mei 2025\n\n" + Article(1)));
    ASSERT_TRUE(test::WriteFile(tmp / "in/b.txt", "2 Mei 2025\n\n" + Article(2)));
    ASSERT_TRUE(test::WriteFile(tmp / "in/c.txt", "3 Mei 2025\n\n" + Article(3)));
    ASSERT_TRUE(test::WriteFile(tmp / "in/sub/d.txt", "4 Mei 2025\n\n" + Article(4)));
    // Skipped in both walks: said once, with what the first walk skipped.
    ASSERT_EQ(mkfifo((tmp / "in/0-pipe").c_str(), 0600), 0);
    ASSERT_EQ(mkfifo((tmp / "in/sub/a-pipe").c_str(), 0600), 0);
    RunOptions opt;
    opt.paths = {tmp / "missing", tmp / "in"};
    opt.threads = threads;
    std::vector<std::string> seen;
    RunStats stats;
    RunPipeline(
        test::EmbeddedRules(), opt,
        [&](RunItem& item) {
          if (item.skipped) {
            seen.push_back("skipped " + item.skipped->path + ": " + item.skipped->reason);
            if (item.skipped->path != tmp / "missing") return;
            fs::remove(tmp / "in/b.txt");
            ASSERT_TRUE(test::WriteFile(tmp / "in/b2.txt", "9 Juni 2025\n\n" + Article(5)));
            fs::remove(tmp / "in/c.txt");
            ASSERT_EQ(mkfifo((tmp / "in/c.txt").c_str(), 0600), 0);
            fs::create_symlink(tmp / "in/a.txt", tmp / "in/sub/link.txt");
            return;
          }
          const Document& d = *item.doc;
          seen.push_back(d.path + " " + (d.own_date ? FormatIso(*d.own_date) : "no date"));
        },
        &stats);
    EXPECT_EQ(
        seen,
        (std::vector<std::string>{
            "skipped " + (tmp / "missing") + ": no such file or directory",
            "skipped " + (tmp / "in/0-pipe") + ": not a regular file (device, FIFO or socket)",
            "skipped " + (tmp / "in/sub/a-pipe") + ": not a regular file (device, FIFO or socket)",
            (tmp / "in/a.txt") + " 2025-05-01",
            (tmp / "in/b2.txt") + " 2025-06-09",
            "skipped " + (tmp / "in/c.txt") + ": not a regular file (device, FIFO or socket)",
            (tmp / "in/sub/d.txt") + " 2025-05-04",
        }));
    // The run's date is the pre-scan's: the most common of 1, 2, 3 and 4 May (ties: the later).
    ASSERT_TRUE(stats.run_date.has_value());
    EXPECT_EQ(FormatIso(*stats.run_date), "2025-05-04");
  }
}

// An --outlets entry names a file by its path as given or by its file name (the path first); the
// outlet and the date come from it, with or without the pre-scan, for any number of threads.
TEST(RunPipeline, OutletsEntriesMatchByPathOrByFileName) {
  test::TempDir tmp;
  for (const char* name : {"in/a.txt", "in/sub/b.txt", "in/c.txt", "in/sub/d.txt"}) {
    ASSERT_TRUE(test::WriteFile(tmp / name, Article(static_cast<int>(std::string(name).size()))));
  }
  RunOptions opt;
  opt.paths = {tmp / "in"};
  opt.outlets.Set(tmp / "in/a.txt", "By Path", Ymd{2025, 4, 28});
  opt.outlets.Set("b.txt", "By Name", Ymd{2024, 11, 5});
  opt.outlets.Set(tmp / "in/sub/d.txt", "Path First", std::nullopt);
  opt.outlets.Set("d.txt", "Name Second", Ymd{2020, 1, 1});
  opt.outlets.Set("sub/b.txt", "Not A Path Given", std::nullopt);
  struct Doc {
    std::string name, outlet, given;
    bool operator==(const Doc&) const = default;
  };
  auto run = [](const RunOptions& o, int threads) {
    return DocumentsOf(o, threads, [](const Document& d) {
      return Doc{d.name, d.outlet, d.given_date ? FormatIso(*d.given_date) : ""};
    });
  };
  const std::vector<Doc> want = {{"a.txt", "By Path", "2025-04-28"},
                                 {"c.txt", "c", ""},  // no entry: the file's stem
                                 {"b.txt", "By Name", "2024-11-05"},
                                 {"d.txt", "Path First", ""}};
  RunOptions no_prescan = opt;
  no_prescan.reference_date = Ymd{2025, 4, 28};
  for (int threads : {1, 2}) {
    SCOPED_TRACE(test::Numbered("threads=", static_cast<size_t>(threads)));
    EXPECT_EQ(run(opt, threads), want);
    EXPECT_EQ(run(no_prescan, threads), want);
  }
}

TEST(RunPipeline, RenderedDocumentsEqualWhatTheSinkWouldRender) {
  test::TempDir tmp;
  std::string jsonl;
  for (int i = 0; i < 40; ++i) {
    std::string text = Article(i) + "Kemarin, Budi Santoso tiba di Jakarta.\n";
    ASSERT_TRUE(test::WriteFile(
        tmp / test::Numbered("f", static_cast<size_t>(100 + i)).append(".txt"), text));
    jsonl += Record(test::Numbered("r", static_cast<size_t>(i)), text, i % 3 ? "2025-04-28" : "");
  }
  ASSERT_TRUE(test::WriteFile(tmp / "in.jsonl", jsonl));
  auto render = [](const Document& d, const std::vector<FactCandidate>* facts, std::string* out) {
    *out += d.path;
    for (const Mention& m : d.mentions) *out += "|" + m.value + "/" + m.anchor;
    *out += facts ? "|facts=" + std::to_string(facts->size()) : "|no facts";
    *out += "\n";
  };
  for (bool records : {false, true}) {
    for (int threads : {1, 2, 8}) {
      SCOPED_TRACE(test::Numbered(records ? "jsonl threads=" : "files threads=",
                                  static_cast<size_t>(threads)));
      RunOptions opt;
      opt.threads = threads;
      opt.find_facts = true;
      opt.input_jsonl = records;
      if (records) {
        opt.paths = {tmp / "in.jsonl"};
      } else {
        for (int i = 0; i < 40; ++i) {
          opt.paths.push_back(tmp /
                              test::Numbered("f", static_cast<size_t>(100 + i)).append(".txt"));
        }
      }
      opt.render = render;
      size_t docs = 0;
      RunStats stats;
      RunPipeline(
          test::EmbeddedRules(), opt,
          [&](RunItem& item) {
            if (item.skipped) return;
            ++docs;
            ASSERT_NE(item.rendered, nullptr) << item.doc->path;
            std::string again;
            render(*item.doc, item.facts, &again);
            EXPECT_EQ(*item.rendered, again);
            EXPECT_NE(item.rendered->find("/"), std::string::npos) << *item.rendered;
          },
          &stats);
      EXPECT_EQ(docs, 40u);
    }
  }
}

}  // namespace
}  // namespace claims
