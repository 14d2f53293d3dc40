// Numbers with what they count, table-driven (each failure names its input): qualifiers, ranges,
// number words, multipliers, currencies and units in Indonesian and English; years and bare
// numbers are not numbers. Then ParseNumberToken and FormatNumber on their own.
#include "claims/numbers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

struct NumberCase {
  const char* text;
  const char* surface;
  const char* value;
  const char* unit;
  const char* qualifier;
};

void ExpectOneNumber(const NumberCase& c) {
  Document doc = test::AnalyzeText(c.text);
  std::vector<Mention> nums = test::MentionsOf(doc, MentionKind::kNumber);
  SCOPED_TRACE(std::string("input: ") + c.text + "\nmentions:\n" + test::Dump(doc));
  ASSERT_EQ(nums.size(), 1u);
  EXPECT_EQ(nums[0].text, c.surface);
  EXPECT_EQ(nums[0].value, c.value);
  EXPECT_EQ(nums[0].unit, c.unit);
  EXPECT_EQ(nums[0].qualifier, c.qualifier);
}

const NumberCase kIndonesian[] = {
    {"Rusia menembakkan sedikitnya empat juta peluru artileri ke Ukraina.",
     "sedikitnya empat juta peluru artileri", "4000000", "artillery shells", "at least"},
    {"Korut mengirim sekitar 10.000\xE2\x80\x93"
     "12.000 tentara ke Rusia.",
     "sekitar 10.000\xE2\x80\x93"
     "12.000 tentara",
     "10000-12000", "troops", "about"},
    {"Korut mengirim sekitar 10.000-12.000 tentara ke Rusia.", "sekitar 10.000-12.000 tentara",
     "10000-12000", "troops", "about"},
    {"Korut mengirim lebih dari 10.000 tentaranya ke Rusia.", "lebih dari 10.000 tentaranya",
     "10000", "troops", "more than"},
    {"Ukraina merebut 1.000 kilometer wilayah Rusia.", "1.000 kilometer", "1000", "km", ""},
    // 13,6 T = 13.6 triliun (10^12) rupiah.
    {"Anggarannya Rp 13,6 T untuk pertahanan.", "Rp 13,6 T", "13600000000000", "IDR", ""},
    {"Anggarannya Rp 5 miliar untuk pertahanan.", "Rp 5 miliar", "5000000000", "IDR", ""},
    {"Sebanyak 35 ribu orang hadir di Moskow.", "35 ribu orang", "35000", "people", ""},
    {"Ada dua puluh lima orang di Moskow.", "dua puluh lima orang", "25", "people", ""},
    {"Ada 10 hingga 12 ribu tentara di Kursk.", "10 hingga 12 ribu tentara", "10000-12000",
     "troops", ""},
    {"Harga minyak naik 5 persen di Moskow.", "5 persen", "5", "percent", ""},
    {"Harga minyak naik 7,5% di Moskow.", "7,5%", "7.5", "percent", ""},
    {"Ia membayar US$ 5 juta untuk itu.", "US$ 5 juta", "5000000", "USD", ""},
    {"Hampir 200 warga mengungsi dari Kursk.", "Hampir 200 warga", "200", "residents", "nearly"},
};

const NumberCase kEnglish[] = {
    {"North Korea sent more than 10,000 troops to Russia, the officials said.",
     "more than 10,000 troops", "10000", "troops", "more than"},
    {"The government paid $5 million for the deal, the officials said.", "$5 million", "5000000",
     "USD", ""},
    {"Prices rose 5 percent in the year, the officials said.", "5 percent", "5", "percent", ""},
    {"About 1.5 million people live in the city, the officials said.", "About 1.5 million people",
     "1500000", "people", "about"},
    {"They fired at least four million artillery shells at the city, the officials said.",
     "at least four million artillery shells", "4000000", "artillery shells", "at least"},
    {"Between 10,000 and 12,000 troops were sent to the front, the officials said.",
     "10,000 and 12,000 troops", "10000-12000", "troops", ""},
};

TEST(Numbers, IndonesianForms) {
  for (const NumberCase& c : kIndonesian) ExpectOneNumber(c);
}

TEST(Numbers, EnglishForms) {
  for (const NumberCase& c : kEnglish) ExpectOneNumber(c);
}

TEST(Numbers, YearsAndBareNumbersAreNotNumbers) {
  for (const char* text : {
           "Pada 2024 ada 15 di sana dan 3 lainnya.",
           "Perang dimulai pada Februari 2022 di Ukraina.",
           "Ia melanggar Pasal 4 dan UU Nomor 1 Tahun 2023.",
           "It was in 2024 and there were 15 of them at the meeting, the officials said.",
           "The score was 3-1 on page 12 of the report, the officials said.",
       }) {
    Document doc = test::AnalyzeText(text);
    EXPECT_TRUE(test::MentionsOf(doc, MentionKind::kNumber).empty()) << "input: " << text << "\n"
                                                                     << test::Dump(doc);
  }
}

TEST(Numbers, DatesAreNotCountedAgain) {
  Document doc = test::AnalyzeText("Pada 6 Agustus 2024 Ukraina mengirim 1.000 tentara ke Kursk.");
  EXPECT_EQ(test::Values(test::MentionsOf(doc, MentionKind::kNumber)),
            std::vector<std::string>{"1000"})
      << test::Dump(doc);
  EXPECT_EQ(test::Values(test::MentionsOf(doc, MentionKind::kDate)),
            std::vector<std::string>{"2024-08-06"})
      << test::Dump(doc);
}

TEST(ParseNumberToken, Indonesian) {
  struct {
    const char* tok;
    double want;
  } good[] = {{"10.000", 10000}, {"13,6", 13.6}, {"1.302.000", 1302000}, {"4", 4},
              {"0,5", 0.5},      {"13.6", 13.6}, {"1.000,25", 1000.25}};
  for (const auto& g : good) {
    double v = -1;
    EXPECT_TRUE(ParseNumberToken(g.tok, Lang::kId, &v)) << "input: " << g.tok;
    EXPECT_DOUBLE_EQ(v, g.want) << "input: " << g.tok;
  }
  for (const char* bad : {"", "abc", "10.000,5,5", "1,2,3", "10-12", "Rp"}) {
    double v = -1;
    EXPECT_FALSE(ParseNumberToken(bad, Lang::kId, &v)) << "input: '" << bad << "'";
  }
}

TEST(ParseNumberToken, English) {
  struct {
    const char* tok;
    double want;
  } good[] = {
      {"10,000", 10000}, {"1.5", 1.5}, {"1,302,000", 1302000}, {"4", 4}, {"1,000.25", 1000.25}};
  for (const auto& g : good) {
    double v = -1;
    EXPECT_TRUE(ParseNumberToken(g.tok, Lang::kEn, &v)) << "input: " << g.tok;
    EXPECT_DOUBLE_EQ(v, g.want) << "input: " << g.tok;
  }
  // A comma not followed by exactly three digits is not an English thousands separator.
  for (const char* bad : {"", "abc", "13,6", "1,00", "1.5.5"}) {
    double v = -1;
    EXPECT_FALSE(ParseNumberToken(bad, Lang::kEn, &v)) << "input: '" << bad << "'";
  }
}

TEST(ParseNumberToken, SameTokenDiffersByLanguage) {
  double id = 0, en = 0;
  ASSERT_TRUE(ParseNumberToken("10.000", Lang::kId, &id));
  ASSERT_TRUE(ParseNumberToken("10.000", Lang::kEn, &en));
  EXPECT_DOUBLE_EQ(id, 10000);
  EXPECT_DOUBLE_EQ(en, 10);
}

TEST(FormatNumber, DigitsOnly) {
  EXPECT_EQ(FormatNumber(4000000), "4000000");
  EXPECT_EQ(FormatNumber(13.6), "13.6");
  EXPECT_EQ(FormatNumber(13.6e12), "13600000000000");
  EXPECT_EQ(FormatNumber(0.5), "0.5");
  EXPECT_EQ(FormatNumber(7.25), "7.25");
  EXPECT_EQ(FormatNumber(0), "0");
}

}  // namespace
}  // namespace claims

namespace claims {
namespace {

// The pipeline hands FindNumbers each part's word-list flags, which let it skip phrase look-ups
// that cannot succeed; without them it looks every one up. Both must find the same numbers: on
// the seeds and on text made of number words, units and ranges.
TEST(Numbers, PartFlagsChangeNothingFound) {
  std::vector<std::string> texts = {
      "Rusia menembakkan sedikitnya empat juta peluru artileri, sekitar 10.000-12.000 tentara.",
      "More than 4 million people, about two hundred soldiers and $13.6 billion in 2024.",
      "antara 10 hingga 12 ribu orang, Rp 5 triliun, 3,5 persen"};
  for (std::string& t : test::SeedTexts()) texts.push_back(std::move(t));
  size_t found = 0;
  for (const std::string& text : texts) {
    Document doc = test::AnalyzeText(text);
    const LangRules& lang = test::EmbeddedRules().For(doc.lang);
    std::vector<Span> taken;  // no dates or laws held back: every number is looked for
    auto with =
        FindNumbers(lang, doc.clean, doc.folded, doc.tokens, doc.parts, taken, &doc.part_flags);
    auto without = FindNumbers(lang, doc.clean, doc.folded, doc.tokens, doc.parts, taken);
    ASSERT_EQ(with.size(), without.size()) << text.substr(0, 80);
    for (size_t i = 0; i < with.size(); ++i) {
      EXPECT_EQ(with[i].span, without[i].span);
      EXPECT_EQ(with[i].value, without[i].value);
      EXPECT_EQ(with[i].unit, without[i].unit);
      EXPECT_EQ(with[i].qualifier, without[i].qualifier);
    }
    found += with.size();
  }
  EXPECT_GE(found, 10u);  // the texts do hold numbers
}

}  // namespace
}  // namespace claims
