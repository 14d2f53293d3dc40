// Printers: escaping for JSON, TSV and CSV (checked by parsing the output back), the mention and
// claim formats, Ellipsize and DisplayWidth on non-ASCII text.
#include "claims/printer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "claims/facts.h"
#include "claims/utf8.h"
#include "test_util.h"

namespace claims {
namespace {

using test::Json;
using test::JsonParser;

// What fn writes to a FILE*.
std::string Capture(const std::function<void(std::FILE*)>& fn) {
  std::FILE* f = std::tmpfile();
  if (f == nullptr) return "tmpfile failed";
  fn(f);
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

std::string Json1(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string Csv1(std::string_view s) {
  std::string out;
  AppendCsvField(s, &out);
  return out;
}

std::string Tsv1(std::string_view s) {
  std::string out;
  AppendTsvField(s, &out);
  return out;
}

TEST(JsonEscape, QuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Json1("plain"), "\"plain\"");
  EXPECT_EQ(Json1("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(Json1("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(Json1("l1\nl2\r\tx"), "\"l1\\nl2\\r\\tx\"");
  EXPECT_EQ(Json1(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(Json1(std::string("nul\0byte", 8)), "\"nul\\u0000byte\"");
  EXPECT_EQ(Json1("Korea \xE5\xB9\xB3\xE5\xA3\xA4 \xE2\x80\x9Cq\xE2\x80\x9D"),
            "\"Korea \xE5\xB9\xB3\xE5\xA3\xA4 \xE2\x80\x9Cq\xE2\x80\x9D\"");
}

// Plain runs are read sixteen bytes at a time: a byte that needs escaping, at any offset of a
// long run, before, inside or after a block, is escaped as when it stands alone.
TEST(JsonEscape, EveryByteToEscapeIsFoundAtAnyOffset) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"\"", "\\\""},
                                                                  {"\\", "\\\\"},
                                                                  {"\n", "\\n"},
                                                                  {std::string(1, '\0'), "\\u0000"},
                                                                  {"\x1f", "\\u001f"},
                                                                  {"\x7f", "\\u007f"},
                                                                  {"\xC3\xA9", "\xC3\xA9"},
                                                                  {"\xFF", "\xEF\xBF\xBD"},
                                                                  {"\xE2\x80\xA8", "\\u2028"}};
  const size_t kAfter[] = {0, 1, 15, 16, 17, 33};
  for (const auto& [odd, escaped] : cases) {
    for (size_t before = 0; before <= 40; ++before) {
      for (size_t after : kAfter) {
        const std::string text = std::string(before, 'a') + odd + std::string(after, 'b');
        EXPECT_EQ(Json1(text),
                  "\"" + std::string(before, 'a') + escaped + std::string(after, 'b') + "\"")
            << before << " " << after;
      }
    }
  }
  EXPECT_EQ(Json1(std::string(100, 'x')), "\"" + std::string(100, 'x') + "\"");
}

TEST(JsonEscape, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Json1("a\xFF"
                  "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(Json1("trunc\xE2\x80"), "\"trunc\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(Json1("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong '/'
}

TEST(JsonEscape, LineSeparatorsAreEscaped) {
  EXPECT_EQ(Json1("a\xE2\x80\xA8"
                  "b\xE2\x80\xA9"),
            "\"a\\u2028b\\u2029\"");
}

TEST(JsonEscape, EveryByteValueRoundTripsThroughAParser) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  all += "\xE5\xB9\xB3 \xF0\x9F\x98\x80 \xED\xA0\x80";  // CJK, emoji, an encoded surrogate
  std::string out = Json1(all);
  Json v;
  std::string err;
  ASSERT_TRUE(JsonParser::Parse(out, &v, &err)) << err;
  ASSERT_EQ(v.type, Json::kString);
  // Every ASCII byte comes back as itself.
  EXPECT_EQ(v.str.substr(0, 128), all.substr(0, 128));
  EXPECT_NE(v.str.find("\xE5\xB9\xB3 \xF0\x9F\x98\x80"), std::string::npos);
}

TEST(TsvEscape, TabsNewlinesAndBackslashes) {
  EXPECT_EQ(Tsv1("plain text, with comma"), "plain text, with comma");
  EXPECT_EQ(Tsv1("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
  EXPECT_EQ(Tsv1(""), "");
}

TEST(TsvEscape, OutputIsValidUtf8) {
  EXPECT_EQ(Tsv1("a\xFF"
                 "b \xE5\xB9\xB3"),
            "a\xEF\xBF\xBD"
            "b \xE5\xB9\xB3");
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(Csv1("plain"), "plain");
  EXPECT_EQ(Csv1(""), "");
  EXPECT_EQ(Csv1("a,b"), "\"a,b\"");
  EXPECT_EQ(Csv1("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Csv1("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Csv1("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(Csv1(" padded "), "\" padded \"");
}

TEST(CsvEscape, OutputIsValidUtf8) {
  EXPECT_EQ(Csv1("a\xFF"
                 "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(Csv1("a,\xFF"), "\"a,\xEF\xBF\xBD\"");
}

TEST(CsvEscape, FieldsRoundTripThroughAnRfc4180Parser) {
  const std::vector<std::string> fields = {
      "plain", "", "a,b", "say \"hi\"", "two\r\nlines", " lead", "\"", ",", "Korea \xE5\xB9\xB3"};
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line.push_back(',');
    AppendCsvField(fields[i], &line);
  }
  line += "\r\n";
  std::vector<std::vector<std::string>> rows;
  std::string err;
  ASSERT_TRUE(test::ParseCsv(line, &rows, &err)) << err;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], fields);
}

TEST(Csv, ParserRejectsMalformedCsv) {
  // The test's own parser must catch what a bad printer would produce.
  std::vector<std::vector<std::string>> rows;
  std::string err;
  EXPECT_FALSE(test::ParseCsv("a,b\"c\r\n", &rows, &err));
  EXPECT_FALSE(test::ParseCsv("\"a\"b\r\n", &rows, &err));
  EXPECT_FALSE(test::ParseCsv("\"open\r\n", &rows, &err));
  ASSERT_TRUE(test::ParseCsv("a,\"b\r\nc\",d\r\ne,f,g\r\n", &rows, &err)) << err;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b\r\nc", "d"}));
}

TEST(Formats, ParseFormat) {
  Format f;
  struct {
    const char* name;
    Format want;
  } good[] = {{"table", Format::kTable}, {"tsv", Format::kTsv},    {"csv", Format::kCsv},
              {"jsonl", Format::kJsonl}, {"json", Format::kJsonl}, {"markdown", Format::kMarkdown},
              {"md", Format::kMarkdown}};
  for (const auto& g : good) {
    ASSERT_TRUE(ParseFormat(g.name, &f)) << g.name;
    EXPECT_EQ(f, g.want) << g.name;
  }
  EXPECT_FALSE(ParseFormat("nope", &f));
  EXPECT_FALSE(ParseFormat("", &f));
  EXPECT_FALSE(ParseFormat("TSV", &f));
}

// A document with awkward text in every field.
Document AwkwardDoc() {
  return test::AnalyzeText(
      "\"Kami bilang \xE2\x80\x98tidak\xE2\x80\x99, titik,\" kata Putin di Moskow.\n"
      "Korut mengirim lebih dari 10.000 tentara ke Rusia pada hari Senin (28/04).\n"
      "Tab\there \\ and a bad byte \xFF in \"a quote\".",
      test::kRef, "dir with space/a,b \"c\".txt");
}

TEST(MentionPrinter, JsonlLinesParseAndCarryTheSchema) {
  Document doc = AwkwardDoc();
  doc.outlet = "Outlet \"X\"";
  std::string out = Capture([&](std::FILE* f) {
    auto p = MakeMentionPrinter(Format::kJsonl, f);
    p->Begin();
    p->Print(doc, nullptr);
  });
  std::vector<std::string> lines = test::SplitLines(out);
  // One "document" line, then one line per mention (no facts were given).
  ASSERT_EQ(lines.size(), doc.mentions.size() + 1) << out;
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  Json head;
  std::string err;
  ASSERT_TRUE(JsonParser::Parse(lines[0], &head, &err)) << err << "\n" << lines[0];
  EXPECT_EQ(head.Get("kind")->str, "document");
  EXPECT_EQ(head.Get("doc")->str, "dir with space/a,b \"c\".txt");
  EXPECT_EQ(head.Get("mentions")->num, static_cast<double>(doc.mentions.size()));
  for (size_t i = 1; i < lines.size(); ++i) {
    Json v;
    ASSERT_TRUE(JsonParser::Parse(lines[i], &v, &err)) << err << "\n" << lines[i];
    ASSERT_EQ(v.type, Json::kObject);
    const Mention& m = doc.mentions[i - 1];
    EXPECT_EQ(v.Get("doc")->str, "dir with space/a,b \"c\".txt");
    EXPECT_EQ(v.Get("outlet")->str, "Outlet \"X\"");
    EXPECT_EQ(v.Get("kind")->str, KindName(m.kind));
    EXPECT_EQ(v.Get("text")->str, m.text);
    EXPECT_EQ(v.Get("start")->num, m.orig.begin);
    EXPECT_EQ(v.Get("end")->num, m.orig.end);
    EXPECT_EQ(v.Get("line")->num, m.line);
    EXPECT_TRUE(v.Has("value"));
    EXPECT_TRUE(v.Has("rule"));
    EXPECT_EQ(v.Has("speaker"), m.kind == MentionKind::kQuote) << lines[i];
    EXPECT_EQ(v.Has("unit"), m.kind == MentionKind::kNumber) << lines[i];
  }
}

TEST(MentionPrinter, JsonlFactLinesFollowTheMentions) {
  Document doc = test::AnalyzeText(
      "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan Juni 2024.");
  std::vector<FactCandidate> facts = FindFacts(test::EmbeddedRules(), doc);
  ASSERT_FALSE(facts.empty()) << test::Dump(doc);
  std::string out =
      Capture([&](std::FILE* f) { MakeMentionPrinter(Format::kJsonl, f)->Print(doc, &facts); });
  std::vector<std::string> lines = test::SplitLines(out);
  ASSERT_EQ(lines.size(), 1 + doc.mentions.size() + facts.size()) << out;
  Json v;
  std::string err;
  ASSERT_TRUE(JsonParser::Parse(lines.back(), &v, &err)) << err << "\n" << lines.back();
  EXPECT_EQ(v.Get("kind")->str, "fact");
  EXPECT_EQ(v.Get("event")->str, "signed");
  EXPECT_EQ(v.Get("value_kind")->str, "date");
}

TEST(MentionPrinter, RenderAppendsWhatPrintWrites) {
  // Workers render documents into buffers and the run writes them: the bytes must be Print's,
  // for every format, and Render appends (it never clears what the buffer holds).
  Document doc = test::AnalyzeText(
      "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan Juni 2024. "
      "\"Kami yakin,\" kata Putin.");
  std::vector<FactCandidate> facts = FindFacts(test::EmbeddedRules(), doc);
  for (Format format : {Format::kJsonl, Format::kTsv, Format::kCsv}) {
    std::string printed = Capture([&](std::FILE* f) {
      auto p = MakeMentionPrinter(format, f);
      p->Print(doc, &facts);
      p->Print(doc, &facts);
    });
    auto p = MakeMentionPrinter(format, stdout);
    std::string rendered = "head:";
    p->Render(doc, &facts, &rendered);
    p->Render(doc, &facts, &rendered);
    EXPECT_EQ(rendered, "head:" + printed) << static_cast<int>(format);
    EXPECT_FALSE(printed.empty());
  }
}

TEST(MentionPrinter, DelimitedFormatsHaveOneRowPerMention) {
  Document doc = AwkwardDoc();
  for (bool csv : {true, false}) {
    std::string out = Capture([&](std::FILE* f) {
      auto p = MakeMentionPrinter(csv ? Format::kCsv : Format::kTsv, f);
      p->Begin();
      p->Print(doc, nullptr);
    });
    std::vector<std::vector<std::string>> rows;
    if (csv) {
      std::string err;
      ASSERT_TRUE(test::ParseCsv(out, &rows, &err)) << err;
    } else {
      for (const std::string& l : test::SplitLines(out)) {
        rows.emplace_back();
        size_t start = 0;
        while (true) {
          size_t tab = l.find('\t', start);
          rows.back().push_back(
              l.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
          if (tab == std::string::npos) break;
          start = tab + 1;
        }
      }
    }
    ASSERT_EQ(rows.size(), doc.mentions.size() + 1) << out;
    EXPECT_EQ(rows[0][0], "doc");
    for (const auto& r : rows) {
      EXPECT_EQ(r.size(), rows[0].size()) << (csv ? "csv" : "tsv");
    }
    if (csv) {
      EXPECT_EQ(rows[1][0], "dir with space/a,b \"c\".txt");
    }
  }
}

ClaimRow QuoteRow() {
  ClaimRow r;
  r.kind = "quote";
  r.text = "Kami | bilang \"tidak\",\nlalu\tpergi";
  r.speaker = "Vladimir Putin";
  r.outlets = {"A, Inc.", "B"};
  ClaimMember a;
  a.doc = "a.txt";
  a.outlet = "A, Inc.";
  a.text = r.text;
  a.speaker = "Vladimir Putin";
  ClaimMember b = a;
  b.doc = "b.txt";
  b.outlet = "B";
  r.members = {a, b};
  return r;
}

ClaimRow FactRow() {
  ClaimRow r;
  r.kind = "fact";
  r.event = "signed";
  r.about = {"Comprehensive Strategic Partnership Treaty"};
  r.text = "Perjanjian itu diteken.";
  r.conflict = true;
  r.outlets = {"A, Inc.", "B"};
  ClaimMember a;
  a.doc = "a.txt";
  a.outlet = "A, Inc.";
  a.value = "2024-06";
  ClaimMember b = a;
  b.doc = "b.txt";
  b.outlet = "B";
  b.value = "10000";
  b.qualifier = "more than";
  r.members = {a, b};
  return r;
}

TEST(ClaimPrinter, JsonlRows) {
  std::string out = Capture([&](std::FILE* f) {
    PrintClaims(Format::kJsonl, {QuoteRow(), FactRow()}, {"A, Inc.", "B"}, TableOptions{}, f);
  });
  std::vector<std::string> lines = test::SplitLines(out);
  ASSERT_EQ(lines.size(), 2u);
  Json q, fct;
  std::string err;
  ASSERT_TRUE(JsonParser::Parse(lines[0], &q, &err)) << err << "\n" << lines[0];
  ASSERT_TRUE(JsonParser::Parse(lines[1], &fct, &err)) << err << "\n" << lines[1];
  EXPECT_EQ(q.Get("id")->num, 1);
  EXPECT_EQ(q.Get("kind")->str, "quote");
  EXPECT_EQ(q.Get("text")->str, QuoteRow().text);
  EXPECT_EQ(q.Get("speaker")->str, "Vladimir Putin");
  EXPECT_EQ(q.Get("conflict")->type, Json::kBool);
  ASSERT_EQ(q.Get("members")->items.size(), 2u);
  EXPECT_EQ(q.Get("members")->items[1].Get("at")->str, "b.txt:0:0");
  EXPECT_EQ(fct.Get("kind")->str, "fact");
  EXPECT_TRUE(fct.Get("conflict")->b);
  EXPECT_EQ(fct.Get("about")->items[0].str, "Comprehensive Strategic Partnership Treaty");
  EXPECT_EQ(fct.Get("members")->items[1].Get("qualifier")->str, "more than");
}

TEST(ClaimPrinter, CsvRowsHaveTheHeadersColumnCount) {
  std::string out = Capture([&](std::FILE* f) {
    PrintClaims(Format::kCsv, {QuoteRow(), FactRow()}, {"A, Inc.", "B"}, TableOptions{}, f);
  });
  std::vector<std::vector<std::string>> rows;
  std::string err;
  ASSERT_TRUE(test::ParseCsv(out, &rows, &err)) << err << "\n" << out;
  ASSERT_EQ(rows.size(), 3u) << out;
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "kind", "coverage", "conflict",
                                               "speaker_or_event", "claim", "A, Inc.", "B"}));
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows[0].size());
  EXPECT_EQ(rows[1][5], QuoteRow().text);
  EXPECT_EQ(rows[2][3], "conflict");
  EXPECT_EQ(rows[2][6], "2024-06");
  EXPECT_EQ(rows[2][7], "more than 10000");
}

// Rows rendered on several threads come out as on one, in order: enough rows for several windows
// of pieces (WriteRendered), each row different, so that a piece written twice, out of order or
// not at all shows.
TEST(ClaimPrinter, RowsRenderedOnThreadsAreTheRowsRenderedOnOne) {
  std::vector<ClaimRow> rows;
  for (int i = 0; i < 9000; ++i) {
    ClaimRow r = i % 3 ? QuoteRow() : FactRow();
    r.text = "row " + std::to_string(i);
    r.members.resize(1 + i % 2);
    rows.push_back(std::move(r));
  }
  const std::vector<std::string> outlets = {"A, Inc.", "B"};
  for (Format format : {Format::kJsonl, Format::kTsv, Format::kCsv}) {
    auto print = [&](int threads) {
      return Capture(
          [&](std::FILE* f) { PrintClaims(format, rows, outlets, TableOptions{}, f, threads); });
    };
    const std::string one = print(1);
    const size_t header = format == Format::kJsonl ? 0 : 1;
    ASSERT_EQ(test::SplitLines(one).size(), rows.size() + header);
    for (int threads : {2, 3, 8}) EXPECT_TRUE(print(threads) == one) << "threads " << threads;
    // One row at a time: the same bytes, line by line, but for the id.
    const std::vector<std::string> lines = test::SplitLines(one);
    for (size_t i : {size_t{0}, size_t{63}, size_t{64}, size_t{4095}, size_t{4096}, size_t{8999}}) {
      std::string alone = Capture(
          [&](std::FILE* f) { PrintClaims(format, {rows[i]}, outlets, TableOptions{}, f); });
      std::string want = test::SplitLines(alone)[header];
      const std::string id = std::to_string(i + 1);
      if (format == Format::kJsonl)
        want.replace(want.find("\"id\":1") + 5, 1, id);
      else
        want.replace(0, 1, id);
      EXPECT_EQ(lines[i + header], want) << "row " << i;
    }
  }
}

// The claims table of examples/seeds as CSV, from the built binary.
test::ProcResult SeedsCsv() {
  return test::RunClaims({"extract", "--format", "csv", "-q", "examples/seeds"}, test::SourceDir());
}

TEST(ClaimPrinter, SeedsCsvParsesWithAnRfc4180Parser) {
  test::ProcResult r = SeedsCsv();
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::vector<std::string>> rows;
  std::string err;
  ASSERT_TRUE(test::ParseCsv(r.out, &rows, &err)) << err;
  ASSERT_GT(rows.size(), 5u);
  EXPECT_EQ(rows[0][0], "id");
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].size(), rows[0].size()) << "record " << i + 1;
  }
  // Every record ends with CRLF.
  EXPECT_EQ(r.out.substr(r.out.size() - 2), "\r\n");
}

TEST(ClaimPrinter, SeedsCsvParsesWithPythonsCsvModule) {
  if (system("python3 -c 'import csv' >/dev/null 2>&1") != 0) GTEST_SKIP() << "no python3";
  test::TempDir tmp;
  test::ProcResult r = SeedsCsv();
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_TRUE(test::WriteFile(tmp / "claims.csv", r.out));
  ASSERT_TRUE(
      test::WriteFile(tmp / "check.py",
                      "import csv, sys\n"
                      "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                      "    rows = list(csv.reader(f, strict=True))\n"
                      "bad = [i + 1 for i, r in enumerate(rows) if len(r) != len(rows[0])]\n"
                      "print(len(rows), 'rows;', 'bad records:', bad)\n"
                      "sys.exit(1 if bad or len(rows) < 2 else 0)\n"));
  std::string cmd = "python3 '" + (tmp / "check.py") + "' '" + (tmp / "claims.csv") + "'";
  EXPECT_EQ(system(cmd.c_str()), 0) << cmd;
}

TEST(ClaimPrinter, MarkdownEscapesPipesAndNewlines) {
  std::string out = Capture([&](std::FILE* f) {
    PrintClaims(Format::kMarkdown, {QuoteRow()}, {"A, Inc.", "B|C"}, TableOptions{}, f);
  });
  std::vector<std::string> lines = test::SplitLines(out);
  ASSERT_EQ(lines.size(), 3u) << out;
  // Every line of the table has the same number of unescaped cell separators.
  auto bars = [](const std::string& l) {
    int n = 0;
    for (size_t i = 0; i < l.size(); ++i) n += l[i] == '|' && (i == 0 || l[i - 1] != '\\');
    return n;
  };
  EXPECT_EQ(bars(lines[0]), bars(lines[1])) << out;
  EXPECT_EQ(bars(lines[0]), bars(lines[2])) << out;
}

// Lines of a table of rows at this width that are wider than it.
std::string WideTableLines(int width) {
  std::string out = Capture([&](std::FILE* f) {
    TableOptions t;
    t.width = width;
    PrintClaims(Format::kTable, {QuoteRow(), FactRow()}, {"A, Inc.", "B"}, t, f);
  });
  std::string wide;
  for (const std::string& l : test::SplitLines(out)) {
    if (DisplayWidth(l) > width) wide += std::to_string(DisplayWidth(l)) + ": " + l + "\n";
  }
  return wide;
}

TEST(ClaimPrinter, TableFitsItsWidth) {
  EXPECT_EQ(WideTableLines(80), "");
  EXPECT_EQ(WideTableLines(120), "");
  EXPECT_EQ(WideTableLines(200), "");
}

// Regression (fixed in f1e7c80): below about 75 columns the summary line (72 columns) and a claim
// column of at least 20 columns overflowed the width.
TEST(ClaimPrinter, NarrowTableFitsItsWidth) {
  EXPECT_EQ(WideTableLines(60), "");
  EXPECT_EQ(WideTableLines(40), "");
}

TEST(ClaimPrinter, TableWithoutColorHasNoEscapes) {
  std::string out = Capture([&](std::FILE* f) {
    PrintClaims(Format::kTable, {FactRow()}, {"A, Inc.", "B"}, TableOptions{}, f);
  });
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  std::string colored = Capture([&](std::FILE* f) {
    TableOptions t;
    t.color = true;
    PrintClaims(Format::kTable, {FactRow()}, {"A, Inc.", "B"}, t, f);
  });
  EXPECT_NE(colored.find("\x1b[31m!"), std::string::npos);
}

TEST(Ellipsize, AsciiText) {
  EXPECT_EQ(Ellipsize("abc", 3), "abc");
  EXPECT_EQ(Ellipsize("abcdef", 4), "abc\xE2\x80\xA6");
  EXPECT_EQ(Ellipsize("two\nlines\there", 20), "two lines here");
}

TEST(Ellipsize, NeverCutsInsideACharacterAndFitsTheWidth) {
  const std::string cjk =
      "\xE5\xB9\xB3\xE5\xA3\xA4\xE5\xB9\xB3\xE5\xA3\xA4";  // 平壤平壤, 8 columns
  EXPECT_EQ(Ellipsize(cjk, 8), cjk);
  EXPECT_EQ(Ellipsize(cjk, 5), "\xE5\xB9\xB3\xE5\xA3\xA4\xE2\x80\xA6");  // 平壤…
  for (int w = 1; w <= 9; ++w) {
    std::string e = Ellipsize(cjk, w);
    EXPECT_LE(DisplayWidth(e), w) << "width " << w;
    EXPECT_EQ(FirstInvalidUtf8(e), std::string::npos) << "width " << w;
  }
  const std::string accented =
      "Caf\xC3\xA9 \xC3\xA9t\xC3\xA9 Pr\xC3\xA9sident";  // Café été Président
  std::string e = Ellipsize(accented, 10);
  EXPECT_EQ(DisplayWidth(e), 10);
  EXPECT_EQ(FirstInvalidUtf8(e), std::string::npos);
  EXPECT_EQ(e, "Caf\xC3\xA9 \xC3\xA9t\xC3\xA9 \xE2\x80\xA6");
}

TEST(DisplayWidth, CountsColumns) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("\xE5\xB9\xB3\xE5\xA3\xA4"), 4);  // CJK: 2 columns each
  EXPECT_EQ(DisplayWidth("\xC3\xA9"), 1);                  // é precomposed
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);                 // e + combining acute
  EXPECT_EQ(DisplayWidth("\xE2\x80\xA6"), 1);              // …
  EXPECT_EQ(DisplayWidth("\xE2\x9C\x93"), 1);              // ✓
  EXPECT_EQ(DisplayWidth("\x1b"), 0);
  EXPECT_EQ(DisplayWidth("\xEA\xB9\x80\xEC\xA0\x95\xEC\x9D\x80"), 6);  // 김정은 (Hangul)
}

}  // namespace
}  // namespace claims
