// The --outlets table: OutletTable (set, find, replace, growth, long keys, copies) and
// LoadOutletsFile (the file's format, its errors, lines split between the pieces it reads).
#include "claims/outlets.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

TEST(OutletTable, FindsWhatWasSetAndTheLastSetWins) {
  OutletTable t;
  EXPECT_TRUE(t.empty());
  EXPECT_FALSE(t.Find("a.txt").has_value());
  t.Set("a.txt", "Anadolu", Ymd{2025, 4, 28});
  t.Set("b.txt", "Fakta", std::nullopt);
  t.Set("a.txt", "Kompas", std::nullopt);
  ASSERT_EQ(t.size(), 2u);
  std::optional<OutletInfo> a = t.Find("a.txt");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->outlet, "Kompas");
  EXPECT_FALSE(a->date.has_value());
  std::optional<OutletInfo> b = t.Find("b.txt");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->outlet, "Fakta");
  EXPECT_FALSE(t.Find("a.tx").has_value());
  EXPECT_FALSE(t.Find("a.txt ").has_value());
  EXPECT_FALSE(t.Find("").has_value());
}

// 100,000 rows (the index grows many times; the keys fill several 1 MiB blocks), keys longer
// than a quarter of a block (a block of their own), dates at the ends of the calendar; then
// copies and moves, which must not share or lose a key.
TEST(OutletTable, ManyRowsLongKeysCopiesAndMoves) {
  OutletTable t;
  const std::string long_key = std::string(300'000, 'k') + "/long.txt";
  auto key = [](size_t i) {
    return "outlet-" + std::to_string(i % 64) + "/path/" + std::to_string(i) + ".txt";
  };
  for (size_t i = 0; i < 100'000; ++i) {
    t.Set(key(i), "o" + std::to_string(i % 640),
          i % 3
              ? std::optional<Ymd>(Ymd{1900 + static_cast<int>(i % 200),
                                       1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 31)})
              : std::nullopt);
    if (i == 50'000) t.Set(long_key, "Long", Ymd{9999, 12, 31});
  }
  auto check = [&](const OutletTable& u) {
    ASSERT_EQ(u.size(), 100'001u);
    for (size_t i = 0; i < 100'000; i += 7) {
      std::optional<OutletInfo> info = u.Find(key(i));
      ASSERT_TRUE(info.has_value()) << key(i);
      EXPECT_EQ(info->outlet, "o" + std::to_string(i % 640));
      if (i % 3) {
        ASSERT_TRUE(info->date.has_value()) << key(i);
        EXPECT_EQ(*info->date, (Ymd{1900 + static_cast<int>(i % 200), 1 + static_cast<int>(i % 12),
                                    1 + static_cast<int>(i % 31)}));
      } else {
        EXPECT_FALSE(info->date.has_value()) << key(i);
      }
    }
    std::optional<OutletInfo> l = u.Find(long_key);
    ASSERT_TRUE(l.has_value());
    EXPECT_EQ(l->outlet, "Long");
    EXPECT_EQ(FormatIso(*l->date), "9999-12-31");
    EXPECT_FALSE(u.Find(long_key.substr(1)).has_value());
  };
  check(t);
  OutletTable copy = t;
  OutletTable moved = std::move(t);
  EXPECT_TRUE(t.empty());  // NOLINT(bugprone-use-after-move): a moved-from table is empty
  t.Set("again.txt", "Again", std::nullopt);  // and usable
  EXPECT_EQ(t.Find("again.txt")->outlet, "Again");
  EXPECT_FALSE(t.Find(key(1)).has_value());
  check(copy);
  check(moved);
  copy.Set(key(1), "Changed", std::nullopt);
  EXPECT_EQ(moved.Find(key(1))->outlet, "o1");  // the copy shares nothing
}

// The --outlets table: comments and blank lines skipped, CRLF, fields past the fourth ignored (the
// URL is read, not kept), an empty date as none, the last line without its newline, a path given
// twice (its last line counts); a line without an outlet, or with a bad date, is an error naming
// its line.
TEST(LoadOutletsFile, ReadsTheTableAndNamesTheLineOfAnError) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "o.tsv",
                              "# path\toutlet\tdate\turl\r\n"
                              "\n"
                              "a/1.txt\tAnadolu\t2025-04-28\thttps://a/1\textra\tmore\r\n"
                              "b.txt\tFakta\t\thttps://b\n"
                              "c.txt\tKompas\n"
                              "b.txt\tFakta 2\t2024-11-05\n"
                              "d.txt\tDetik\t2025-01-02"));
  OutletTable m;
  Status s = LoadOutletsFile(tmp / "o.tsv", &m);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(m.size(), 4u);
  auto get = [&](std::string_view key) {
    std::optional<OutletInfo> info = m.Find(key);
    EXPECT_TRUE(info.has_value()) << key;
    return info.value_or(OutletInfo{"(none)", std::nullopt});
  };
  EXPECT_EQ(get("a/1.txt").outlet, "Anadolu");
  EXPECT_EQ(FormatIso(*get("a/1.txt").date), "2025-04-28");
  EXPECT_EQ(get("b.txt").outlet, "Fakta 2");
  EXPECT_EQ(FormatIso(*get("b.txt").date), "2024-11-05");
  EXPECT_EQ(get("c.txt").outlet, "Kompas");
  EXPECT_FALSE(get("c.txt").date.has_value());
  EXPECT_EQ(get("d.txt").outlet, "Detik");
  EXPECT_EQ(FormatIso(*get("d.txt").date), "2025-01-02");
  EXPECT_FALSE(m.Find("e.txt").has_value());
  EXPECT_FALSE(m.Find("a/1.tx").has_value());

  for (const auto& [text, want] : std::vector<std::pair<std::string, std::string>>{
           {"a.txt\tA\nb.txt\n", ":2: expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'"},
           {"# x\n\ta\n", ":2: expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'"},
           {"a.txt\t\t2025-01-01\n", ":1: expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'"},
           {"a.txt\tA\r\n\r\nb.txt\tB\t28/04/2025\r\n",
            ":3: '28/04/2025' is not a date (YYYY-MM-DD)"},
       }) {
    ASSERT_TRUE(test::WriteFile(tmp / "bad.tsv", text));
    OutletTable bad;
    EXPECT_EQ(LoadOutletsFile(tmp / "bad.tsv", &bad).message(), (tmp / "bad.tsv") + want) << text;
  }
}

// The file is read a piece (1 MiB) at a time: a line that starts in one piece and ends in the next
// is one line, and the line numbers of errors count across pieces.
TEST(LoadOutletsFile, LinesSplitBetweenPiecesAreWhole) {
  test::TempDir tmp;
  std::string text;
  size_t rows = 0;
  while (text.size() < (size_t{5} << 19)) {  // 2.5 MiB: two piece boundaries
    text += "outlet-" + std::to_string(rows % 64) + "/some/folder/" + std::to_string(rows) +
            ".txt\tOutlet " + std::to_string(rows % 7) + "\t2025-04-" +
            std::to_string(10 + rows % 19) + "\thttps://example.com/" + std::to_string(rows) + "\n";
    ++rows;
  }
  ASSERT_TRUE(test::WriteFile(tmp / "o.tsv", text));
  OutletTable t;
  Status s = LoadOutletsFile(tmp / "o.tsv", &t);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(t.size(), rows);
  for (size_t i = 0; i < rows; ++i) {
    const std::string key =
        "outlet-" + std::to_string(i % 64) + "/some/folder/" + std::to_string(i) + ".txt";
    std::optional<OutletInfo> info = t.Find(key);
    ASSERT_TRUE(info.has_value()) << key;
    ASSERT_EQ(info->outlet, "Outlet " + std::to_string(i % 7)) << key;
    ASSERT_EQ(FormatIso(*info->date), "2025-04-" + std::to_string(10 + i % 19)) << key;
  }
  // A bad line after the first piece is named by its number in the whole file.
  ASSERT_TRUE(test::WriteFile(tmp / "bad.tsv", text + "bad line\n"));
  OutletTable bad;
  EXPECT_EQ(LoadOutletsFile(tmp / "bad.tsv", &bad).message(),
            (tmp / "bad.tsv") + ":" + std::to_string(rows + 1) +
                ": expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'");
}

}  // namespace
}  // namespace claims
