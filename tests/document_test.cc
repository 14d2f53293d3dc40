// AnalyzeDocuments, the per-article stages run one stage at a time over a batch: every document
// comes out exactly as AnalyzeDocument makes it alone, whatever else is in the batch and in
// whatever order.
#include "claims/document.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

namespace fs = std::filesystem;

// Everything AnalyzeDocument leaves in a document that a later stage or the printer reads.
std::string Describe(const Document& d) {
  std::string s = "lang=" + std::string(LangName(d.lang)) + " outlet=" + d.outlet +
                  (d.outlet_from_text ? " (from text)" : "") +
                  " own_date=" + (d.own_date ? FormatIso(*d.own_date) : "none") + "\n";
  s += "clean=" + d.clean + "\n";
  s += test::Numbered("removed=", d.removed.size()) + test::Numbered(" tokens=", d.tokens.size()) +
       test::Numbered(" sentences=", d.sentences.size()) +
       test::Numbered(" quotes=", d.quotes.size()) +
       test::Numbered(" pending_dates=", d.pending_dates.size()) + "\n";
  for (const std::string& w : d.warnings) s += "warning " + w + "\n";
  for (const Mention& m : d.mentions) {
    s += std::string(KindName(m.kind)) + test::Numbered(" ", m.span.begin) +
         test::Numbered("-", m.span.end) + test::Numbered(" orig ", m.orig.begin) +
         test::Numbered("-", m.orig.end) + test::Numbered(" line ", m.line) +
         test::Numbered(":", m.col) + test::Numbered(" sentence ", m.sentence) + " [" + m.text +
         "] = [" + m.value + "] speaker=[" + m.speaker + "] unit=[" + m.unit + "] qualifier=[" +
         m.qualifier + "] rule=" + m.rule + "\n";
  }
  return s;
}

Document Fresh(const std::string& path, const std::string& bytes) {
  Document d;
  d.path = path;
  d.name = fs::path(path).filename().string();
  d.original = bytes;
  return d;
}

// The seeds (Indonesian), English articles, an empty one and one read as Windows-1252.
std::vector<std::pair<std::string, std::string>> Inputs() {
  std::vector<std::pair<std::string, std::string>> in;
  std::vector<fs::path> seeds;
  for (const auto& e : fs::directory_iterator(test::SourceDir() + "/examples/seeds")) {
    seeds.push_back(e.path());
  }
  std::sort(seeds.begin(), seeds.end());
  for (const fs::path& p : seeds) in.emplace_back(p.string(), test::ReadFileOrDie(p.string()));
  in.emplace_back("en1.txt",
                  "WASHINGTON (Reuters) - Tuesday, 4 March 2025\n\n"
                  "\"We will not back down,\" Senator Jane Doe said on Monday, adding that 40 "
                  "percent of voters agreed. According to the Treasury, $3.5 billion was spent "
                  "in 2024.\n\nRead more: the latest news\n");
  in.emplace_back("empty.txt", "");
  in.emplace_back("en2.txt",
                  "Prime Minister Keir Starmer told MPs in London: \"The plan is working.\"\n"
                  "He said 12 schools would close by June 2026, the BBC reported.\n");
  in.emplace_back("cp1252.txt", "Caf\xe9 ol\xe9, said Budi Santoso on Monday in Jakarta.\n");
  return in;
}

TEST(AnalyzeDocuments, EachDocumentOfABatchIsWhatAnalyzeDocumentMakesOfItAlone) {
  const Rules& rules = test::EmbeddedRules();
  const auto inputs = Inputs();
  ASSERT_GE(inputs.size(), 9u) << "the seeds are missing from examples/seeds";
  std::vector<std::string> alone;
  for (const auto& [path, bytes] : inputs) {
    Document d = Fresh(path, bytes);
    AnalyzeDocument(rules, &d);
    alone.push_back(Describe(d));
  }
  // The whole batch in order, then reversed: no document's result depends on its neighbours.
  for (bool reversed : {false, true}) {
    SCOPED_TRACE(reversed ? "reversed" : "in order");
    std::vector<Document> docs;
    for (const auto& [path, bytes] : inputs) docs.push_back(Fresh(path, bytes));
    std::vector<Document*> batch;
    for (Document& d : docs) batch.push_back(&d);
    if (reversed) std::reverse(batch.begin(), batch.end());
    AnalyzeDocuments(rules, batch);
    for (size_t i = 0; i < docs.size(); ++i) {
      SCOPED_TRACE(inputs[i].first);
      EXPECT_EQ(Describe(docs[i]), alone[i]);
    }
  }
  // The English articles are read as English and the seeds as Indonesian, with mentions: the
  // comparison above is between real analyses.
  auto en1 = std::find_if(inputs.begin(), inputs.end(),
                          [](const auto& in) { return in.first == "en1.txt"; });
  ASSERT_NE(en1, inputs.end());
  Document en = Fresh(en1->first, en1->second);
  AnalyzeDocument(rules, &en);
  EXPECT_EQ(en.lang, Lang::kEn);
  EXPECT_FALSE(test::MentionsOf(en, MentionKind::kQuote).empty()) << test::Dump(en);
  EXPECT_NE(alone[0].find("lang=id"), std::string::npos);
  EXPECT_NE(alone[0].find("quote "), std::string::npos);
}

}  // namespace
}  // namespace claims

namespace claims {
namespace {

// Document::part_flags: each part's word-list flags in the document's language, and kNumberToken
// exactly on the parts of number tokens, from which the number search takes its starts.
TEST(AnalyzeDocument, PartFlagsMarkNumberTokensAndWordListStarts) {
  const Rules& rules = test::EmbeddedRules();
  size_t numbers = 0, flagged_words = 0;
  for (const auto& [path, bytes] : Inputs()) {
    Document d = test::AnalyzeText(bytes);
    ASSERT_EQ(d.part_flags.size(), d.parts.size()) << path;
    const LangRules& lang = rules.For(d.lang);
    for (size_t i = 0; i < d.parts.size(); ++i) {
      const bool number = d.tokens[d.parts[i].token].kind == TokenKind::kNumber;
      EXPECT_EQ((d.part_flags[i] & WordIndex::kNumberToken) != 0, number) << path << " part " << i;
      numbers += number;
      const uint8_t words = d.part_flags[i] & ~WordIndex::kNumberToken;
      EXPECT_EQ(words, lang.first_words.Get(d.parts[i].span.In(d.folded))) << path << " part " << i;
      flagged_words += words != 0;
    }
  }
  EXPECT_GT(numbers, 20u);
  EXPECT_GT(flagged_words, 200u);
}

// A document's mentions come out in text order, the longer of two that start together first, and
// mentions of one span by kind (a quote before the organisation it names), whatever order the
// stages found them in (the names stage appends its names; FinishMentions sorts once).
TEST(AnalyzeDocument, MentionsInTextOrderWithTiesByKind) {
  Document doc = test::AnalyzeText(
      "John Smith reads \"Reuters\" every day, said Mary Jones. Wayne Rooney met Gary Neville on "
      "Monday in London.");
  const auto& ms = doc.mentions;
  ASSERT_GE(ms.size(), 6u) << test::Dump(doc);
  for (size_t i = 1; i < ms.size(); ++i) {
    const Mention& a = ms[i - 1];
    const Mention& b = ms[i];
    const bool ordered =
        a.span.begin < b.span.begin ||
        (a.span.begin == b.span.begin &&
         (a.span.end > b.span.end || (a.span.end == b.span.end && a.kind <= b.kind)));
    EXPECT_TRUE(ordered) << i << "\n" << test::Dump(doc);
  }
  auto reuters = std::find_if(ms.begin(), ms.end(), [](const Mention& m) {
    return m.kind == MentionKind::kQuote && m.value == "Reuters";
  });
  ASSERT_NE(reuters, ms.end()) << test::Dump(doc);
  ASSERT_NE(reuters + 1, ms.end());
  EXPECT_EQ((reuters + 1)->kind, MentionKind::kOrg);
  EXPECT_EQ((reuters + 1)->span.begin, reuters->span.begin);
  EXPECT_EQ((reuters + 1)->span.end, reuters->span.end);
  EXPECT_EQ(test::Values(test::MentionsOf(doc, MentionKind::kPerson)),
            (std::vector<std::string>{"John Smith", "Mary Jones", "Wayne Rooney", "Gary Neville"}));
}

}  // namespace
}  // namespace claims
