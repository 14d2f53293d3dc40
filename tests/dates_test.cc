// Dates: every form of data/lang/{id,en}/dates.rules, found in a sentence and resolved against a
// reference date, table-driven (each failure names its input); then ResolveDate, OwnDate and the
// calendar helpers on their own.
#include "claims/dates.h"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "claims/document.h"
#include "claims/embedded_data.h"
#include "test_util.h"

namespace claims {
namespace {

struct DateCase {
  const char* text;     // the whole article
  const char* surface;  // the date mention's text, as written
  const char* value;    // its resolved value
  Ymd ref = test::kRef;
};

// Checks that text holds exactly one date mention, with this surface text and value.
void ExpectOneDate(const DateCase& c) {
  Document doc = test::AnalyzeText(c.text, c.ref);
  std::vector<Mention> dates = test::MentionsOf(doc, MentionKind::kDate);
  SCOPED_TRACE(std::string("input: ") + c.text + "\nref: " + FormatIso(c.ref) + "\nmentions:\n" +
               test::Dump(doc));
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].text, c.surface);
  EXPECT_EQ(dates[0].value, c.value);
}

constexpr Ymd kMonday{2025, 4, 28};

const DateCase kIndonesian[] = {
    // id.date.wd-paren
    {"Putin berbicara pada hari Senin (28/04) di Moskow.", "hari Senin (28/04)", "2025-04-28"},
    {"Putin berbicara Minggu (27/4/2025) di Moskow.", "Minggu (27/4/2025)", "2025-04-27"},
    {"Putin berbicara Jumat (25/04) di Moskow.", "Jumat (25/04)", "2025-04-25"},
    // The weekday beside day and month fixes the year: 28/04 is a Monday in 2025, not in 2024.
    {"Putin berbicara Senin (28/04) di Moskow.", "Senin (28/04)", "2025-04-28", {2024, 6, 1}},
    // id.date.numeric
    {"Putin berbicara 27/4/2025 di Moskow.", "27/4/2025", "2025-04-27"},
    // id.date.full
    {"Putin berbicara Senin 28 April 2025 di Moskow.", "Senin 28 April 2025", "2025-04-28"},
    {"Putin berbicara Senin,28 April 2025 di Moskow.", "Senin,28 April 2025", "2025-04-28"},
    {"Putin berbicara pada 6 Agustus 2024 di Moskow.", "6 Agustus 2024", "2024-08-06"},
    {"Putin berbicara tgl 5 Mei 2023 di Moskow.", "tgl 5 Mei 2023", "2023-05-05"},
    {"Putin berbicara pada tanggal 26 April di Moskow.", "tanggal 26 April", "2025-04-26"},
    // No year: the most recent such day, so an August date read in April is last year's.
    {"Ukraina menyerang pada 6 Agustus di Kursk.", "6 Agustus", "2024-08-06"},
    // id.date.mdy (English order in an Indonesian article, as embedded tweets sign off)
    {"Faktacom menulis pada April 28, 2025 di Jakarta.", "April 28, 2025", "2025-04-28"},
    // id.date.dm-lalu: the most recent such day
    {"Ukraina menyerang pada 10 Oktober lalu di Kursk.", "10 Oktober lalu", "2024-10-10"},
    {"Operasi berakhir 26 April lalu di Kursk.", "26 April lalu", "2025-04-26"},
    // id.date.month-year
    {"Perjanjian itu diteken pada bulan November 2024 di Pyongyang.", "bulan November 2024",
     "2024-11"},
    {"Mereka bertemu di Pyongyang, Juni 2024.", "Juni 2024", "2024-06"},
    // id.date.month-rel
    {"Ukraina menyerang pada bulan Agustus tahun lalu di Kursk.", "bulan Agustus tahun lalu",
     "2024-08"},
    {"Ukraina menyerang pada Agustus tahun lalu di Kursk.", "Agustus tahun lalu", "2024-08"},
    // id.date.month-past: the most recent such month before the document's
    {"Ukraina menyerang Mei lalu di Kursk.", "Mei lalu", "2024-05"},
    {"Ukraina menyerang Maret lalu di Kursk.", "Maret lalu", "2025-03"},
    {"Mereka akan bertemu Mei tahun depan di Moskow.", "Mei tahun depan", "2026-05"},
    // id.date.rel-year
    {"Perjanjian itu diteken tahun lalu oleh kedua negara.", "tahun lalu", "2024"},
    {"Perjanjian itu diteken akhir tahun lalu oleh kedua negara.", "akhir tahun lalu", "2024"},
    {"Perjanjian itu diteken tahun ini oleh kedua negara.", "tahun ini", "2025"},
    {"Perjanjian itu diteken tahun depan oleh kedua negara.", "tahun depan", "2026"},
    // id.date.weekday (the most recent such day, the reference day included)
    {"Pada hari Sabtu, Gerasimov berbicara.", "Pada hari Sabtu", "2025-04-26", kMonday},
    {"Gerasimov berbicara hari Minggu di Moskow.", "hari Minggu", "2025-04-27", kMonday},
    {"Gerasimov berbicara hari Senin di Moskow.", "hari Senin", "2025-04-28", kMonday},
    // id.date.weekday-pada
    {"Gerasimov berbicara hingga Jumat di Moskow.", "hingga Jumat", "2025-04-25", kMonday},
    // id.date.relday
    {"Gerasimov berbicara kemarin di Moskow.", "kemarin", "2025-04-27"},
    {"Gerasimov berbicara besok di Moskow.", "besok", "2025-04-29"},
    // id.date.season, id.date.season-year
    {"Ukraina menyerang musim gugur lalu di Kursk.", "musim gugur lalu", "2024-FA"},
    {"Ukraina menyerang musim semi 2023 di Kursk.", "musim semi 2023", "2023-SP"},
    // id.date.decade
    {"Ini pertama kali sejak Perang Korea tahun 1950-an.", "tahun 1950-an", "195X"},
    {"Ini pertama kali sejak era 2000-an.", "2000-an", "200X"},
    // id.date.year
    {"Ini pertama kali sejak tahun 2019 di sana.", "tahun 2019", "2019"},
    {"Ini direncanakan awal 2024 di sana.", "awal 2024", "2024"},
};

const DateCase kEnglish[] = {
    // en.date.mdy
    {"The president spoke on April 28, 2025 in Moscow, the officials said.", "April 28, 2025",
     "2025-04-28"},
    {"The president spoke on Monday, April 28, 2025 in Moscow, the officials said.",
     "Monday, April 28, 2025", "2025-04-28"},
    {"The president spoke on Friday, April 25 in Moscow, the officials said.", "Friday, April 25",
     "2025-04-25"},
    // en.date.dmy
    {"The president spoke on 28 April 2025 in Moscow, the officials said.", "28 April 2025",
     "2025-04-28"},
    // No year: the most recent such day (August 2025 is more than a month after the reference).
    {"The president spoke on the 6th of August in Moscow, the officials said.", "the 6th of August",
     "2024-08-06"},
    // en.date.numeric, en.date.iso
    {"The president spoke on 4/28/2025 in Moscow, the officials said.", "4/28/2025", "2025-04-28"},
    {"The president spoke on 2025-04-28 in Moscow, the officials said.", "2025-04-28",
     "2025-04-28"},
    // en.date.month-year
    {"The war began in February 2022 and it is not over, the officials said.", "February 2022",
     "2022-02"},
    {"The war began in March 2022 and it is not over, the officials said.", "March 2022",
     "2022-03"},
    // en.date.month-past
    {"The troops arrived last December and they are still there, the officials said.",
     "last December", "2024-12"},
    // en.date.month-rel
    {"The troops will leave next March, the officials said.", "next March", "2026-03"},
    // en.date.rel-year
    {"The treaty was signed last year and it is in force, the officials said.", "last year",
     "2024"},
    {"The treaty was signed late last year and it is in force, the officials said.",
     "late last year", "2024"},
    {"The treaty was signed earlier this year and it is in force, the officials said.",
     "earlier this year", "2025"},
    {"The treaty will be signed next year and it will be in force, the officials said.",
     "next year", "2026"},
    // en.date.weekday
    {"The general spoke on Saturday and he thanked the troops, the officials said.", "on Saturday",
     "2025-04-26", kMonday},
    // en.date.relday
    {"The general spoke yesterday and he thanked the troops, the officials said.", "yesterday",
     "2025-04-27"},
    {"The general will speak tomorrow and he will thank the troops, the officials said.",
     "tomorrow", "2025-04-29"},
    // en.date.season, en.date.season-year
    {"The offensive began last fall and it is not over, the officials said.", "last fall",
     "2024-FA"},
    {"The offensive began this summer and it is not over, the officials said.", "this summer",
     "2025-SU"},
    {"The offensive began in autumn 2023 and it is not over, the officials said.", "autumn 2023",
     "2023-FA"},
    // en.date.decade
    {"It is the first time since the Korean War in the 1950s that they fought, the officials said.",
     "the 1950s", "195X"},
    // en.date.year
    {"It is the first time since 2019 that they fought there, the officials said.", "since 2019",
     "2019"},
    {"It was planned in early 2023 and it is the case, the officials said.", "early 2023", "2023"},
};

TEST(Dates, IndonesianForms) {
  for (const DateCase& c : kIndonesian) ExpectOneDate(c);
}

TEST(Dates, EnglishForms) {
  for (const DateCase& c : kEnglish) ExpectOneDate(c);
}

// Every rule of data/lang/*/dates.rules has at least one case above: a new rule needs a test.
TEST(Dates, TablesCoverEveryDateRule) {
  std::set<std::string> used;
  auto collect = [&](const DateCase& c) {
    for (const Mention& m : test::Mentions(c.text, MentionKind::kDate, c.ref)) used.insert(m.rule);
  };
  for (const DateCase& c : kIndonesian) collect(c);
  for (const DateCase& c : kEnglish) collect(c);
  for (Lang l : {Lang::kId, Lang::kEn}) {
    for (const Rule& r : test::EmbeddedRules().For(l).dates) {
      EXPECT_TRUE(used.count(r.id))
          << r.id << " (" << r.file << ":" << r.line << ") has no case in dates_test.cc";
    }
  }
}

TEST(Dates, LowerCaseEnglishMonthsAreVerbs) {
  // "may" and "march" are verbs: no dates.
  Document doc = test::AnalyzeText(
      "They may march to the capital and they will be there, the officials said.");
  EXPECT_TRUE(test::MentionsOf(doc, MentionKind::kDate).empty()) << test::Dump(doc);
}

TEST(Dates, ImpossibleDatesAreNotDates) {
  for (const char* text :
       {"Putin berbicara pada 31 Februari 2024 di Moskow.",
        "Putin berbicara Rabu (30/02) di Moskow.", "Putin berbicara 45/13/2024 di Moskow."}) {
    Document doc = test::AnalyzeText(text);
    EXPECT_TRUE(test::MentionsOf(doc, MentionKind::kDate).empty()) << "input: " << text << "\n"
                                                                   << test::Dump(doc);
  }
}

TEST(Dates, YearContradictingItsWeekdayIsCorrectedWithAWarning) {
  // "Sabtu 26 April 1025" (a typo in one of the seeds): 26 April is a Saturday in 2025.
  Document doc = test::AnalyzeText("Operasi itu berakhir Sabtu 26 April 1025 di Kursk.", kMonday);
  std::vector<Mention> dates = test::MentionsOf(doc, MentionKind::kDate);
  ASSERT_EQ(dates.size(), 1u) << test::Dump(doc);
  EXPECT_EQ(dates[0].text, "Sabtu 26 April 1025");
  EXPECT_EQ(dates[0].value, "2025-04-26");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_NE(doc.warnings[0].find("test.txt:1:"), std::string::npos) << doc.warnings[0];
  EXPECT_NE(doc.warnings[0].find("contradicts its weekday"), std::string::npos) << doc.warnings[0];
}

TEST(Dates, FindDatesGivesTheSpec) {
  const LangRules& id = test::EmbeddedRules().For(Lang::kId);
  const std::string text = "Ia datang Sabtu 26 April 1025 dan bulan November 2024.";
  std::vector<DateMatch> found = FindDates(id, text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].span.In(text), "Sabtu 26 April 1025");
  EXPECT_EQ(found[0].spec.y, 1025);
  EXPECT_EQ(found[0].spec.m, 4);
  EXPECT_EQ(found[0].spec.d, 26);
  EXPECT_EQ(found[0].spec.weekday, 6);
  ASSERT_NE(found[0].rule, nullptr);
  EXPECT_EQ(found[0].rule->id, "id.date.full");
  EXPECT_EQ(found[1].span.In(text), "bulan November 2024");
  EXPECT_EQ(found[1].spec.m, 11);
  EXPECT_EQ(found[1].spec.y, 2024);
  EXPECT_EQ(found[1].spec.d, 0);
}

TEST(Dates, FindDatesNeedsWordBoundaries) {
  const LangRules& id = test::EmbeddedRules().For(Lang::kId);
  // "kemarin" inside another word is not a date.
  EXPECT_TRUE(FindDates(id, "Ia menangkemarinan itu.").empty());
}

TEST(ResolveDate, CorrectsAYearThatContradictsItsWeekday) {
  DateSpec s;
  s.y = 1025;
  s.m = 4;
  s.d = 26;
  s.weekday = 6;  // Saturday
  Resolved r = ResolveDate(s, kMonday);
  EXPECT_EQ(r.value, "2025-04-26");
  EXPECT_TRUE(r.corrected);
}

TEST(ResolveDate, KeepsAYearThatFitsItsWeekday) {
  DateSpec s;
  s.y = 2025;
  s.m = 4;
  s.d = 26;
  s.weekday = 6;
  Resolved r = ResolveDate(s, Ymd{2030, 1, 1});
  EXPECT_EQ(r.value, "2025-04-26");
  EXPECT_FALSE(r.corrected);
}

// A written year that contradicts its weekday is replaced only by a year nearer the document
// date; when the written year is the nearest (the document's own year), the weekday or the day
// is the slip, and the date stays as written.
TEST(ResolveDate, KeepsAWrittenYearNoFartherFromTheDocumentThanTheWeekdaysYear) {
  DateSpec s;
  s.y = 2025;
  s.m = 10;
  s.d = 19;       // a Sunday in 2025
  s.weekday = 1;  // "Senin": Monday, which 19 October is in 2026
  Resolved r = ResolveDate(s, Ymd{2025, 10, 20});
  EXPECT_EQ(r.value, "2025-10-19");
  EXPECT_FALSE(r.corrected);
  EXPECT_TRUE(r.weekday_slip);
  // A year one off the document's, where the weekday fits the document's year: that one.
  s.y = 2024;
  s.d = 7;
  s.weekday = 2;  // "Selasa (7/10/2024)": 7 October 2025 is a Tuesday
  r = ResolveDate(s, Ymd{2025, 10, 20});
  EXPECT_EQ(r.value, "2025-10-07");
  EXPECT_TRUE(r.corrected);
  EXPECT_FALSE(r.weekday_slip);
  // 13 October is a Monday in 2025, not in 2024: in a document of 2025 the written 2024 goes, in
  // one of 2024 it stays.
  s.y = 2024;
  s.d = 13;
  s.weekday = 1;
  r = ResolveDate(s, Ymd{2025, 1, 1});
  EXPECT_EQ(r.value, "2025-10-13");
  EXPECT_TRUE(r.corrected);
  r = ResolveDate(s, Ymd{2024, 12, 31});
  EXPECT_EQ(r.value, "2024-10-13");
  EXPECT_TRUE(r.weekday_slip);
  // A weekday that fits: no slip.
  s.y = 2025;
  EXPECT_FALSE(ResolveDate(s, Ymd{2025, 10, 20}).weekday_slip);
}

TEST(ResolveDate, WeekdayBesideDayAndMonthPicksTheNearestFittingYear) {
  DateSpec s;
  s.m = 4;
  s.d = 28;
  s.weekday = 1;  // Monday: 28 April is a Monday in 2025 (and 2014, 2031)
  EXPECT_EQ(ResolveDate(s, Ymd{2024, 6, 1}).value, "2025-04-28");
  EXPECT_EQ(ResolveDate(s, Ymd{2025, 4, 28}).value, "2025-04-28");
  EXPECT_FALSE(ResolveDate(s, Ymd{2024, 6, 1}).corrected);  // no year was written
}

TEST(ResolveDate, RelativeForms) {
  DateSpec yesterday;
  yesterday.rel_day = true;
  yesterday.day_offset = -1;
  EXPECT_EQ(ResolveDate(yesterday, Ymd{2025, 3, 1}).value, "2025-02-28");
  DateSpec last_year;
  last_year.rel_year = true;
  last_year.year_offset = -1;
  EXPECT_EQ(ResolveDate(last_year, kMonday).value, "2024");
  DateSpec saturday;
  saturday.weekday = 6;
  EXPECT_EQ(ResolveDate(saturday, kMonday).value, "2025-04-26");
  DateSpec decade;
  decade.decade = 1950;
  EXPECT_EQ(ResolveDate(decade, kMonday).value, "195X");
}

TEST(ResolveDate, LastSeasonIsTheMostRecentOneThatHasBegun) {
  DateSpec s;
  s.season = "FA";
  s.rel_year = true;
  s.year_offset = -1;
  EXPECT_EQ(ResolveDate(s, Ymd{2025, 4, 28}).value, "2024-FA");
  EXPECT_EQ(ResolveDate(s, Ymd{2025, 11, 15}).value, "2025-FA");
}

TEST(ResolveDate, NeedsAReferenceForRelativeDates) {
  DateSpec s;
  s.rel_day = true;
  s.day_offset = -1;
  EXPECT_EQ(ResolveDate(s, Ymd{}).value, "");
  DateSpec full;
  full.y = 2024;
  full.m = 8;
  full.d = 6;
  EXPECT_EQ(ResolveDate(full, Ymd{}).value, "2024-08-06");
}

TEST(OwnDate, OnlyFromAFullRealDateWithAFittingWeekday) {
  DateSpec s;
  s.y = 2025;
  s.m = 4;
  s.d = 28;
  ASSERT_TRUE(OwnDate(s).has_value());
  EXPECT_EQ(*OwnDate(s), (Ymd{2025, 4, 28}));
  s.weekday = 1;
  EXPECT_TRUE(OwnDate(s).has_value());
  s.weekday = 6;  // 28 April 2025 is not a Saturday
  EXPECT_FALSE(OwnDate(s).has_value());
  DateSpec no_year;
  no_year.m = 4;
  no_year.d = 28;
  EXPECT_FALSE(OwnDate(no_year).has_value());
  DateSpec typo;
  typo.y = 1025;
  typo.m = 4;
  typo.d = 26;
  EXPECT_FALSE(OwnDate(typo).has_value());
}

TEST(Calendar, ParseIsoDate) {
  Ymd d;
  EXPECT_TRUE(ParseIsoDate("2025-04-28", &d));
  EXPECT_EQ(d, (Ymd{2025, 4, 28}));
  EXPECT_TRUE(ParseIsoDate("2024-02-29", &d));
  struct {
    const char* in;
  } bad[] = {{"2025-02-30"}, {"2025-02-29"},  {"2025-13-01"}, {"2025-00-10"},
             {"2025-04-00"}, {"2025-4-28"},   {"25-04-28"},   {"2025/04/28"},
             {""},           {"2025-04-28x"}, {"abcd-ef-gh"}, {"2025-04-3a"}};
  for (const auto& b : bad) {
    Ymd untouched{1, 2, 3};
    EXPECT_FALSE(ParseIsoDate(b.in, &untouched)) << "input: '" << b.in << "'";
    EXPECT_EQ(untouched, (Ymd{1, 2, 3})) << "input: '" << b.in << "'";
  }
}

TEST(Calendar, WeekdayFormatAndValidity) {
  EXPECT_EQ(Weekday(Ymd{2025, 4, 28}), 1);
  EXPECT_EQ(Weekday(Ymd{2025, 4, 26}), 6);
  EXPECT_EQ(Weekday(Ymd{2025, 4, 27}), 7);
  EXPECT_EQ(FormatIso(Ymd{2025, 4, 8}), "2025-04-08");
  EXPECT_TRUE(IsValidDate(Ymd{2024, 2, 29}));
  EXPECT_FALSE(IsValidDate(Ymd{2023, 2, 29}));
  EXPECT_FALSE(IsValidDate(Ymd{2025, 4, 31}));
}

// Regression (fixed in f1e7c80): "kemarin lusa" (the day before yesterday) was read as two dates,
// "kemarin" (yesterday) and "lusa" (the day after tomorrow).
TEST(Dates, KemarinLusaIsTheDayBeforeYesterday) {
  ExpectOneDate({"Gerasimov berbicara kemarin lusa di Moskow.", "kemarin lusa", "2025-04-26"});
}

// Regression (fixed in f1e7c80): abbreviated months with their period ("Aug.", "Sept.") were
// looked up as "aug ." in the month words and the date was dropped.
TEST(Dates, AbbreviatedEnglishMonthsWithAPeriod) {
  ExpectOneDate({"The troops crossed the border on Aug. 6, 2024 at dawn, the officials said.",
                 "Aug. 6, 2024", "2024-08-06"});
  // A day and month with no year more than a month after the document's date is last year's.
  ExpectOneDate({"The troops crossed the border on Sept. 6 at dawn, the officials said.", "Sept. 6",
                 "2024-09-06"});
}

// Regression (fixed in f1e7c80): "Maret lalu" ("this past March") written on 2025-04-28 is March
// 2025, the most recent March, not 2024-03. ("Agustus tahun lalu", with an explicit "tahun lalu",
// is rightly 2024-08.)
TEST(Dates, MonthLaluIsTheMostRecentSuchMonth) {
  ExpectOneDate({"Ukraina menyerang Maret lalu di Kursk.", "Maret lalu", "2025-03"});
}

// ---- Searching line by line ----

// Rules from the embedded data/ with some files replaced.
Rules RulesWith(const std::map<std::string, std::string>& replaced) {
  std::map<std::string, std::string> files;
  for (const EmbeddedFile& f : EmbeddedData()) files.emplace(f.path, f.bytes);
  for (const auto& [path, bytes] : replaced) files[path] = bytes;
  Rules rules;
  Status s = LoadRulesFromFiles(files, &rules);
  EXPECT_TRUE(s.ok()) << s.message();
  return rules;
}

std::vector<std::string> Described(std::string_view text, const std::vector<DateMatch>& ms) {
  std::vector<std::string> out;
  for (const DateMatch& m : ms) {
    out.push_back(std::string(m.span.In(text)) + " @" + std::to_string(m.span.begin) + " " +
                  m.rule->id + " " + SerializeDateSpec(m.spec));
  }
  return out;
}

// FindDatesInLines over a range of whole lines gives exactly FindDates' matches in that range.
TEST(Dates, FindDatesInLinesIsFindDatesOfThoseLines) {
  const Rules& rules = test::EmbeddedRules();
  const std::string text =
      "LONDON, Monday 5 January 2015\n\nOn Tuesday, January 6, 2015, talks began.\n"
      "They ended last year, in 2014, and again yesterday.\nNo date here.\n6/1/2015";
  const LangRules& en = rules.For(Lang::kEn);
  std::vector<DateMatch> all = FindDates(en, text);
  ASSERT_GE(all.size(), 6u) << ::testing::PrintToString(Described(text, all));
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  starts.push_back(text.size() + 1);
  for (size_t a = 0; a + 1 < starts.size(); ++a) {
    for (size_t b = a + 1; b < starts.size(); ++b) {
      size_t begin = starts[a], end = starts[b] - 1;
      std::vector<DateMatch> want;
      for (const DateMatch& m : all) {
        if (m.span.begin >= begin && m.span.end <= end) want.push_back(m);
      }
      EXPECT_EQ(Described(text, FindDatesInLines(en, text, begin, end)), Described(text, want))
          << "lines [" << begin << ", " << end << ")";
    }
  }
}

// Each line is searched with the whole text as its context: ^ and $ (not in multi-line mode) hold
// only at the ends of the text, not at the ends of every line.
TEST(Dates, LineSearchKeepsTheTextAsContext) {
  Rules rules = RulesWith({{"lang/en/dates.rules",
                            "t.start\tdate\t^(?P<y>\\d{4})\n"
                            "t.end\tdate\t(?P<y>\\d{4})$\n"}});
  const std::string text = "1999 a 2000\n2001 b 2002\nc 2003";
  EXPECT_EQ(Described(text, FindDates(rules.For(Lang::kEn), text)),
            (std::vector<std::string>{"1999 @0 t.start y=1999", "2003 @26 t.end y=2003"}));
}

// The own date: a line where no rule that can give a full date matches is skipped, but where one
// does, every rule runs, so a longer match of a rule that cannot give a full date still hides the
// full date it overlaps, as it does in the analysis.
TEST(Dates, OwnDateRunsEveryRuleOnTheLinesAFullDateRuleMatches) {
  Rules rules = RulesWith({
      {"lang/en/dates.rules",
       "t.full\tdate\t(?P<d>\\d{1,2}) (?P<m>\\d{1,2}) (?P<y>\\d{4})\n"
       "t.long\tdate\t(?P<y>\\d{4}) and more words\n"
       "t.year\tdate\tin (?P<y>\\d{4})\n"},
      {"lang/id/dates.rules", "t.none\tdate\t(?P<y>QQQ\\d{4})\n"},
  });
  ASSERT_NE(rules.own_date_set, nullptr);
  EXPECT_EQ(rules.For(Lang::kEn).own_date_rules, std::vector<int>{0});
  EXPECT_TRUE(rules.For(Lang::kId).own_date_rules.empty());  // no rule of it gives a full date
  ASSERT_EQ(rules.own_date_at.size(), 1u);
  const std::string text = "Said in 2020.\n5 6 2024 and more words\n7 8 2023\n";
  // What the analysis sees on the second line: only the longer, yearly match.
  std::vector<DateMatch> second =
      FindDatesInLines(rules.For(Lang::kEn), text, 14, text.find('\n', 14));
  EXPECT_EQ(Described(text, second),
            (std::vector<std::string>{"2024 and more words @18 t.long y=2024"}));
  std::optional<Ymd> own = FindOwnDate(rules, text);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(FormatIso(*own), "2023-08-07");
  // Without the longer match the first full date is the second line's.
  own = FindOwnDate(rules, "Said in 2020.\n5 6 2024 and fewer\n7 8 2023\n");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(FormatIso(*own), "2024-06-05");
}

// FindRuleMatchesInLine lists, for the rules asked about, every match that FindDatesInLines keeps
// from them (and the ones it drops for a longer overlapping date), by begin: the own-date search
// skips a line's whole pass when none of these would count. Over every line of the seeds and of
// dated English lines, in both languages, with each rule asked about alone and all together.
TEST(Dates, RuleMatchesInALineHoldWhatTheWholePassKeepsOfThoseRules) {
  std::vector<std::string> texts = test::SeedTexts();
  texts.push_back(
      "On Monday, 21 April 2025, talks resumed; by 5/3/2024 and 2024-03-05 it was over.\n"
      "Last year, in 2004, sales rose; March 2005 and the 1990s were worse. Jan. 5, 2006\n");
  size_t kept_total = 0;
  for (Lang l : {Lang::kEn, Lang::kId}) {
    const LangRules& lang = test::EmbeddedRules().For(l);
    std::vector<int> all(lang.dates.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    for (const std::string& text : texts) {
      for (size_t lb = 0; lb < text.size();) {
        size_t le = std::min(text.find('\n', lb), text.size());
        const std::vector<DateMatch> kept = FindDatesInLines(lang, text, lb, le);
        kept_total += kept.size();
        const std::vector<DateMatch> alone = FindRuleMatchesInLine(lang, all, text, lb, le);
        for (size_t i = 1; i < alone.size(); ++i) {
          EXPECT_LE(alone[i - 1].span.begin, alone[i].span.begin);
        }
        for (const DateMatch& k : kept) {
          const int rule = static_cast<int>(k.rule - lang.dates.data());
          const std::vector<DateMatch> one =
              FindRuleMatchesInLine(lang, std::vector<int>{rule}, text, lb, le);
          for (const auto* list : {&alone, &one}) {
            EXPECT_TRUE(std::any_of(list->begin(), list->end(),
                                    [&](const DateMatch& a) {
                                      return a.span == k.span && a.rule == k.rule &&
                                             SerializeDateSpec(a.spec) == SerializeDateSpec(k.spec);
                                    }))
                << k.rule->id << " at " << k.span.begin;
          }
        }
        lb = le + 1;
      }
    }
  }
  EXPECT_GE(kept_total, 20u);  // the texts hold dates in both languages
}

// Lines without a four-digit year are skipped in the search for the own date, unless a rule that
// can give a full date reads a two-digit year: then no line (nor the head) is skipped for that.
TEST(Dates, OwnDateSkipsLinesWithoutAYearUnlessARuleReadsTwoDigitYears) {
  Rules four = RulesWith(
      {{"lang/en/dates.rules", "t.full\tdate\t(?P<d>\\d{1,2})/(?P<m>\\d{1,2})/(?P<y>\\d{4})\n"}});
  EXPECT_FALSE(four.For(Lang::kEn).own_date_two_digit_year);
  // The year on the third line; the lines before have digits but no year.
  std::optional<Ymd> own = FindOwnDate(four, "Title 12 of 99\n\nUpdated 5/3 at 10:45\n5/3/2024\n");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(FormatIso(*own), "2024-03-05");
  EXPECT_FALSE(FindOwnDate(four, "Title\n5/3/24\n").has_value());

  Rules two = RulesWith({{"lang/en/dates.rules",
                          "t.short\tdate\t(?P<d>\\d{1,2})/(?P<m>\\d{1,2})/(?P<yy>\\d{2})\\b\n"}});
  EXPECT_TRUE(two.For(Lang::kEn).own_date_two_digit_year);
  own = FindOwnDate(two, "Title\n5/3/24\n");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(FormatIso(*own), "2024-03-05");
}

// The four-digit-year check before the own-date search skips ahead over text without digits; a
// year at any offset in a line, and right at its end, is still found; four digits that cannot
// start a year (3024) are not one.
TEST(Dates, OwnDateFindsTheYearAtAnyOffsetOfTheLine) {
  Rules four = RulesWith(
      {{"lang/en/dates.rules", "t.full\tdate\t(?P<d>\\d{1,2})/(?P<m>\\d{1,2})/(?P<y>\\d{4})\n"}});
  for (size_t pad = 0; pad < 9; ++pad) {
    SCOPED_TRACE(pad);
    std::optional<Ymd> own = FindOwnDate(four, "Title\n" + std::string(pad, 'X') + " 5/3/2024\n");
    ASSERT_TRUE(own.has_value());
    EXPECT_EQ(FormatIso(*own), "2024-03-05");
    EXPECT_FALSE(FindOwnDate(four, "Title\n" + std::string(pad, 'X') + " 5/3/3024\n").has_value());
  }
}

// A short document is all there, so its last line counts for the own date with or without a
// newline at its end. In a longer one the last line read may go on past the bytes read: when it is
// the first line (an article on one line), it counts up to its last space there, so that a date
// cut off is not read as a shorter one; a first line without a space there, or a later line that
// goes on (deep in the body), does not count.
TEST(Dates, OwnDateReadsTheLastLineUpToTheBytesRead) {
  Rules four = RulesWith(
      {{"lang/en/dates.rules", "t.full\tdate\t(?P<d>\\d{1,2})/(?P<m>\\d{1,2})/(?P<y>\\d{4})\n"}});
  auto own = [&](const std::string& text) {
    std::optional<Ymd> d = FindOwnDate(four, text);
    return d ? FormatIso(*d) : std::string("none");
  };
  for (const std::string text : {"Jakarta 5/3/2024", "Title\n\nJakarta 5/3/2024", "5/3/2024"}) {
    EXPECT_EQ(own(text), "2024-03-05") << text;
  }
  // One line, as long as the bytes read and longer: its start is read.
  std::string line = "Jakarta 5/3/2024 ";
  line.append(kOwnDateBytes - line.size(), 'x');
  EXPECT_EQ(own(line), "2024-03-05");
  line.append(" and 6/4/2025 after the bytes read\n");
  EXPECT_EQ(own(line), "2024-03-05");
  // No space in what is read of it: the line is not read at all.
  std::string word = "5/3/2024";
  word.append(kOwnDateBytes, 'x');
  word.append(" 6/4/2025\n");
  EXPECT_EQ(own(word), "none");
  // A date cut off at the end of the bytes read is not read, at any offset; one before it is.
  for (size_t back = 1; back <= 8; ++back) {
    std::string cut(kOwnDateBytes + 1 - back, 'X');
    cut.append(" 5/3/2024 more\n");
    EXPECT_EQ(own(cut), "none") << back;
    cut.replace(10, 10, " 7/8/2023 ");
    EXPECT_EQ(own(cut), "2023-08-07") << back;
  }
  // A later line that goes on past the bytes read does not count; ended within them, it does.
  std::string later = "Title\nJakarta 5/3/2024 ";
  later.append(kOwnDateBytes, 'x');
  EXPECT_EQ(own(later), "none");
  std::string ended = "Title\nJakarta 5/3/2024\n";
  ended.append(kOwnDateBytes, 'x');
  EXPECT_EQ(own(ended), "2024-03-05");
  // On the seventh line with text a date is not the document's own; on the sixth it is.
  EXPECT_EQ(own("a\nb\nc\nd\ne\nf\n5/3/2024"), "none");
  EXPECT_EQ(own("a\nb\nc\nd\ne\n5/3/2024"), "2024-03-05");
}

// A full date is the document's own only when it names its weekday or opens a dateline (at most
// four capitalised words before it in its line, none a stopword); one in the body without a
// weekday is an event's. With the shipped rules of both languages, table-driven.
TEST(Dates, OwnDateNamesItsWeekdayOrOpensADateline) {
  struct Case {
    const char* text;
    const char* own;
  } cases[] = {
      // Datelines.
      {"Title\nJAKARTA, KOMPAS.com - Senin 28 April 2025. Presiden datang.\n", "2025-04-28"},
      {"Title\nDISWAYPROBOLINGGO.ID.Korea Selatan,Senin 28 April 2025.Dengan kunjungan\n",
       "2025-04-28"},
      {"Title\nPublished: 5 May 2025\nBody.\n", "2025-05-05"},
      {"Title\n21 April 2025\nBody.\n", "2025-04-21"},
      {"Title\nLONDON, 21 April 2025 - Ministers met.\n", "2025-04-21"},
      {"W X Y Z 21 April 2025\n", "2025-04-21"},
      // A weekday anywhere in the first lines: the report's day.
      {"Title\nItu penting,\" ujar Prabowo dalam keterangannya, Selasa (21/10/2025).\n",
       "2025-10-21"},
      {"Title\nOfficials said on Monday, 21 April 2025, that talks would resume.\n", "2025-04-21"},
      // In the body without a weekday: an event, not the article's date.
      {"Title\nThe claim was filed on 15 December 1953 by the government.\n", "none"},
      {"Title\nPada 20 Oktober 2025 rapat digelar di Jakarta.\n", "none"},
      {"Title\nOn 5 April 1920 the club was founded.\n", "none"},
      {"Title\nupdated 5/3/2024\n", "none"},
      {"V W X Y Z 21 April 2025\n", "none"},
      {"Eko lahir di Malang pada 7 Januari 1952 dengan nama asli Eko.\n", "none"},
      // An event first, then the report's day on the same line.
      {"Title\nPada 20 Oktober 2025 rapat digelar, kata Budi, Senin (27/10/2025).\n", "2025-10-27"},
  };
  for (const Case& c : cases) {
    std::optional<Ymd> own = FindOwnDate(test::EmbeddedRules(), c.text);
    EXPECT_EQ(own ? FormatIso(*own) : std::string("none"), c.own) << c.text;
  }
}

// A match that the word-boundary check turns down ("on Monday" inside "Washington Monday") does
// not hide a date that starts inside it.
TEST(Dates, ARejectedMatchDoesNotHideTheDateInsideIt) {
  ExpectOneDate({"The president arrived in Washington Monday.", "Monday", "2025-04-28"});
  ExpectOneDate({"Officials met in London Tuesday to talk.", "Tuesday", "2025-04-22"});
  ExpectOneDate({"The bacon Monday sale was cancelled.", "Monday", "2025-04-28"});
  ExpectOneDate({"The talks took place in Boston on Friday.", "on Friday", "2025-04-25"});
}

// The date sets are compiled from the rules' cores (MatchCore): on every line they must name the
// rules that the whole patterns name. Checked on the seeds, every case above and lines made to
// sit on the cores' edges (a weekday or "on" before a date, a suffix or a year after it, the runes
// RE2 folds to ASCII letters), for the per-language sets and the own-date set over both languages.
TEST(Dates, SetsFromTheRulesCoresNameTheRulesTheWholePatternsName) {
  std::vector<std::string> lines;
  auto add_lines = [&](std::string_view text) {
    for (size_t b = 0; b <= text.size();) {
      size_t e = text.find('\n', b);
      if (e == std::string_view::npos) e = text.size();
      if (e > b) lines.emplace_back(text.substr(b, e - b));
      b = e + 1;
    }
  };
  for (const std::string& t : test::SeedTexts()) add_lines(t);
  for (const DateCase& c : kIndonesian) add_lines(c.text);
  for (const DateCase& c : kEnglish) add_lines(c.text);
  for (const char* t : {
           "on Monday, May 5th, 2025 and Tuesday , 6 May",
           "Sunday ,  the 12th of March , 2024 (late last year)",
           "this past March; next June; last spring; spring of 2019; the 1990s; in 1999",
           "early last year; later this year; on Friday 3 Oct. 2025",
           "Senin (28/4/2025), hari Senin, 28 April 2025, Selasa 29/4",
           "tanggal 5 Mei lalu; bulan Mei tahun lalu; pertengahan tahun lalu; tahun 1990-an",
           "pada Jum'at; sabtu-minggu Senin; musim semi tahun 2020; kemarin lusa; 3 Agt. 2025",
           "\xC5\xBFunday \xE2\x84\xAA in 2025; ye\xC5\xBFterday; to\xC5\xBF; Mei 12, 2024",
           "5/4/2025 and 2025-04-05 and 12/31/1999",
           "Monday",
           "May",
           "2025",
           "tahun",
           "(",
           ")",
           "",
       }) {
    add_lines(t);
  }
  ASSERT_GT(lines.size(), 100u);
  // A set over the whole patterns, made as BuildSet makes the date sets.
  auto whole_set = [](const std::vector<const Rule*>& rules) {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(256 << 20);
    opts.set_never_nl(true);
    auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
    for (const Rule* r : rules) EXPECT_GE(set->Add(r->re->pattern(), nullptr), 0) << r->id;
    EXPECT_TRUE(set->Compile());
    return set;
  };
  auto named = [](const RE2::Set& set, const std::string& line) {
    std::vector<int> which;
    if (!set.Match(line, &which)) which.clear();
    std::sort(which.begin(), which.end());
    return which;
  };
  const Rules& rules = test::EmbeddedRules();
  std::vector<const Rule*> own;
  size_t compared = 0, found = 0;
  for (Lang l : {Lang::kId, Lang::kEn}) {
    const LangRules& lr = rules.For(l);
    std::vector<const Rule*> all;
    for (const Rule& r : lr.dates) all.push_back(&r);
    for (int k : lr.own_date_rules) own.push_back(&lr.dates[static_cast<size_t>(k)]);
    auto reference = whole_set(all);
    ASSERT_TRUE(lr.date_set);
    for (const std::string& line : lines) {
      const std::vector<int> want = named(*reference, line);
      EXPECT_EQ(named(*lr.date_set, line), want) << LangName(l) << ": " << line;
      ++compared;
      found += !want.empty();
    }
  }
  auto reference = whole_set(own);
  ASSERT_TRUE(rules.own_date_set);
  for (const std::string& line : lines) {
    EXPECT_EQ(named(*rules.own_date_set, line), named(*reference, line)) << line;
  }
  EXPECT_GT(found, compared / 10);  // the lines hold dates, not only other text
}

}  // namespace
}  // namespace claims
