// Quotations: pairing of straight, curly and single marks; one quotation is one quote however
// many sentences it holds; a broken mark loses only its own quote; apostrophes are not quotes.
#include "claims/quotes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "claims/normalize.h"
#include "claims/tokenize.h"
#include "test_util.h"

namespace claims {
namespace {

struct Found {
  NormalizedText norm;
  std::vector<Token> tokens;
  std::vector<Quotation> quotes;
  std::vector<std::string> contents;  // normalised text between the marks
};

Found Find(const std::string& original) {
  Found f;
  f.norm = Normalize(original);
  f.tokens = Tokenize(f.norm.text);
  f.quotes = FindQuotations(f.norm.text, original, f.norm, f.tokens);
  for (const Quotation& q : f.quotes) f.contents.emplace_back(q.content.In(f.norm.text));
  return f;
}

using Strings = std::vector<std::string>;

TEST(Quotes, StraightDoubleQuotes) {
  Found f = Find("Ia berkata \"kami menang\" kemarin.");
  EXPECT_EQ(f.contents, Strings{"kami menang"});
  ASSERT_EQ(f.quotes.size(), 1u);
  EXPECT_FALSE(f.quotes[0].single);
  EXPECT_EQ(f.quotes[0].open.In(f.norm.text), "\"");
  EXPECT_EQ(f.quotes[0].close.In(f.norm.text), "\"");
  EXPECT_EQ(f.quotes[0].content.begin, f.quotes[0].open.end);
  EXPECT_EQ(f.quotes[0].content.end, f.quotes[0].close.begin);
  EXPECT_EQ(f.tokens[f.quotes[0].first_token].span, f.quotes[0].open);
  EXPECT_EQ(f.tokens[f.quotes[0].close_token].span, f.quotes[0].close);
}

TEST(Quotes, CurlyDoubleAndSingleQuotes) {
  Found f = Find(
      "He said \xE2\x80\x9Cone thing\xE2\x80\x9D and \xE2\x80\x98two things\xE2\x80\x99 here.");
  EXPECT_EQ(f.contents, (Strings{"one thing", "two things"}));
  ASSERT_EQ(f.quotes.size(), 2u);
  EXPECT_FALSE(f.quotes[0].single);
  EXPECT_TRUE(f.quotes[1].single);
}

TEST(Quotes, CurlySingleQuotesAroundAWholeHeadline) {
  Found f = Find(
      "\xE2\x80\x98Teman-teman Korea Utara bertindak berdasarkan rasa solidaritas,\xE2\x80\x99 "
      "kata "
      "presiden Rusia");
  EXPECT_EQ(f.contents, Strings{"Teman-teman Korea Utara bertindak berdasarkan rasa solidaritas,"});
}

TEST(Quotes, StraightSingleQuotes) {
  Found f = Find("Mereka bilang 'Tidak' kepada kami.");
  EXPECT_EQ(f.contents, Strings{"Tidak"});
}

TEST(Quotes, TwoSentencesInOneQuotationAreOneQuote) {
  Found f = Find("\"Kami menang. Kami pulang sekarang,\" kata Putin.");
  EXPECT_EQ(f.contents, Strings{"Kami menang. Kami pulang sekarang,"});
}

TEST(Quotes, WrongWayClosingMarkBeforeAWordOpens) {
  // Some outlets type ” for both marks.
  Found f = Find("Ia berkata \xE2\x80\x9Dkami menang\xE2\x80\x9D kemarin.");
  EXPECT_EQ(f.contents, Strings{"kami menang"});
}

TEST(Quotes, UnbalancedMarkLosesOnlyTheBrokenQuote) {
  Found f = Find(
      "Ia berkata \"rusak di sini dan \"yang lain\" lalu.\n"
      "Baris berikut \"kutipan baik\" di sini.\n"
      "Lalu \xE2\x80\x9C"
      "satu lagi\xE2\x80\x9D juga.");
  EXPECT_EQ(f.contents, (Strings{"yang lain", "kutipan baik", "satu lagi"}));
}

TEST(Quotes, StrayClosingMarkIsIgnored) {
  Found f = Find("Harga naik 5\" kemarin. Ia berkata \"cukup\" lalu pergi.");
  EXPECT_EQ(f.contents, Strings{"cukup"});
}

TEST(Quotes, UnclosedQuoteEndsAtItsLineEnd) {
  Found f = Find(
      "Ia berkata \"ini berlanjut sampai akhir baris\n"
      "dan baris berikut \"ok\" di sini.");
  EXPECT_EQ(f.contents, (Strings{"ini berlanjut sampai akhir baris", "ok"}));
  ASSERT_EQ(f.quotes.size(), 2u);
  EXPECT_TRUE(f.quotes[0].close.empty());
  EXPECT_FALSE(f.quotes[1].close.empty());
}

TEST(Quotes, EnglishParagraphContinuationQuote) {
  // English news leaves a quote open at a paragraph end when the next paragraph goes on with it.
  Found f = Find(
      "\"We will not retreat.\n"
      "\"We will win,\" he said.");
  EXPECT_EQ(f.contents, (Strings{"We will not retreat.", "We will win,"}));
}

TEST(Quotes, ApostrophesAreNotQuotes) {
  EXPECT_TRUE(Find("I don't know what the students' books are.").contents.empty());
  EXPECT_TRUE(Find("It's the '90s and Jum'at is a day.").contents.empty());
  EXPECT_TRUE(Find("The ministers' meeting and the soldiers' families waited.").contents.empty());
  // An apostrophe next to a real quotation does not disturb it.
  EXPECT_EQ(Find("The students' teacher said 'no way' today.").contents, Strings{"no way"});
}

TEST(Quotes, NestedQuotesAreNotSeparateQuotes) {
  EXPECT_EQ(Find("He said \"the word 'nested' is here\" today.").contents,
            Strings{"the word 'nested' is here"});
  // (Contents are normalised text: the curly single marks read as straight ones.)
  EXPECT_EQ(Find("He said \xE2\x80\x9Cthe word \xE2\x80\x98nested\xE2\x80\x99 is here\xE2\x80\x9D.")
                .contents,
            Strings{"the word 'nested' is here"});
}

TEST(Quotes, EmptyQuotationsAreSkipped) {
  EXPECT_TRUE(Find("Ia berkata \"\" lalu \" \" pergi.").contents.empty());
}

TEST(Quotes, ContentMapsBackToTheOriginalBytes) {
  const std::string original = "Putin: \xE2\x80\x9CTerima kasih, Kamerad.\xE2\x80\x9D";
  Found f = Find(original);
  ASSERT_EQ(f.quotes.size(), 1u);
  EXPECT_EQ(f.norm.ToOriginal(f.quotes[0].content).In(original), "Terima kasih, Kamerad.");
}

TEST(Quotes, QuoteMentionsCarryTheirText) {
  Document doc = test::AnalyzeText("\"Kami menang. Kami pulang,\" kata Putin.");
  std::vector<Mention> qs = test::MentionsOf(doc, MentionKind::kQuote);
  ASSERT_EQ(qs.size(), 1u) << test::Dump(doc);
  EXPECT_EQ(qs[0].text, "Kami menang. Kami pulang,");
  EXPECT_EQ(qs[0].value, "Kami menang. Kami pulang,");
  EXPECT_EQ(qs[0].orig.begin, 1u);
  EXPECT_EQ(qs[0].line, 1u);
  EXPECT_EQ(qs[0].col, 2u);
}

TEST(Quotes, ManyQuoteMarksFinish) {
  // 100k marks in one line and across lines: must finish (linear time), whatever it finds.
  std::string one_line;
  for (int i = 0; i < 50000; ++i) one_line += "\"a ";
  for (int i = 0; i < 50000; ++i) one_line += "' ";
  Found f = Find(one_line);
  EXPECT_LE(f.quotes.size(), 50000u);
  std::string many_lines;
  for (int i = 0; i < 100000; ++i) many_lines += (i % 7 == 0) ? "\"\n" : "\"x\" ";
  Found g = Find(many_lines);
  EXPECT_GT(g.quotes.size(), 0u);
}

TEST(Quotes, ManyQuoteMarksThroughTheWholePipeline) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += (i % 2 == 0) ? "\"Kami " : "menang\" kata Putin. ";
  Document doc = test::AnalyzeText(text);
  EXPECT_FALSE(test::MentionsOf(doc, MentionKind::kQuote).empty());
}

}  // namespace
}  // namespace claims
