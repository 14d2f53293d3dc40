// Claims across outlets: ClaimMatcher joins the same statement by the same speaker (translated,
// trimmed or split) and keeps apart short fragments by other speakers; facts join by event and
// subject, and a row whose values disagree is a conflict. DatesCompatible and NumbersCompatible
// table-driven.
#include "claims/claims.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "claims/facts.h"
#include "test_util.h"

namespace claims {
namespace {

Document Doc(const std::string& outlet, std::string_view text) {
  Document d = test::AnalyzeText(text, test::kRef, outlet + ".txt");
  d.outlet = outlet;
  return d;
}

// Matches the quotes (and, with facts, the fact candidates) of docs.
std::vector<ClaimRow> Match(const std::vector<Document>& docs, bool facts = false) {
  ClaimMatcher m(test::EmbeddedRules());
  for (const Document& d : docs) {
    m.Add(d, facts ? FindFacts(test::EmbeddedRules(), d) : std::vector<FactCandidate>{});
  }
  return m.Finish();
}

std::string Describe(const std::vector<ClaimRow>& rows) {
  std::string s;
  for (const ClaimRow& r : rows) {
    s += r.kind + " [" + r.speaker + r.event + "] " + r.text + (r.conflict ? " CONFLICT" : "") +
         "\n";
    for (const ClaimMember& m : r.members) {
      s += "    " + m.outlet + ": [" + m.speaker + "] " + m.text + " = " + m.value + "\n";
    }
  }
  return s;
}

// The row holding a member from outlet whose text contains needle, or nullptr.
const ClaimRow* RowWith(const std::vector<ClaimRow>& rows, const std::string& outlet,
                        const std::string& needle) {
  for (const ClaimRow& r : rows) {
    for (const ClaimMember& m : r.members) {
      if (m.outlet == outlet && m.text.find(needle) != std::string::npos) return &r;
    }
  }
  return nullptr;
}

bool HasOutlet(const ClaimRow& r, const std::string& outlet) {
  return std::find(r.outlets.begin(), r.outlets.end(), outlet) != r.outlets.end();
}

const char kAnadolu[] =
    "\"Teman-teman Korea Utara bertindak berdasarkan rasa solidaritas, keadilan, dan persahabatan "
    "sejati,\" kata Putin.";
const char kFakta[] =
    "\"Langkah teman-teman Korea Utara kami dipandu oleh rasa solidaritas, keadilan, dan "
    "persahabatan sejati,\" kata Putin dalam pernyataan yang dirilis Kremlin.";

TEST(ClaimMatcher, JoinsTranslationVariantsBySameSpeaker) {
  std::vector<ClaimRow> rows = Match({Doc("anadolu", kAnadolu), Doc("fakta", kFakta)});
  const ClaimRow* r = RowWith(rows, "anadolu", "bertindak berdasarkan");
  ASSERT_NE(r, nullptr) << Describe(rows);
  EXPECT_EQ(r->kind, "quote");
  EXPECT_EQ(r->speaker, "Vladimir Putin");
  EXPECT_FALSE(r->speakers_differ);
  EXPECT_EQ(r->outlets, (std::vector<std::string>{"anadolu", "fakta"})) << Describe(rows);
  ASSERT_EQ(r->members.size(), 2u);
  EXPECT_EQ(r->members[0].doc, "anadolu.txt");
  EXPECT_EQ(r->members[1].speaker, "Vladimir Putin");
  // The representative text is the longest wording.
  EXPECT_EQ(r->text, r->members[1].text);
  EXPECT_EQ(rows.size(), 1u) << Describe(rows);
}

TEST(ClaimMatcher, JoinsAFragmentToTheWholeForTheSameSpeaker) {
  std::vector<ClaimRow> rows =
      Match({Doc("anadolu", kAnadolu),
             Doc("sindo",
                 "Putin memuji \"rasa solidaritas, keadilan, dan persahabatan sejati\" "
                 "tentara Korea Utara.")});
  const ClaimRow* r = RowWith(rows, "sindo", "solidaritas");
  ASSERT_NE(r, nullptr) << Describe(rows);
  EXPECT_TRUE(HasOutlet(*r, "anadolu")) << Describe(rows);
  EXPECT_EQ(r->outlets.size(), 2u);
}

TEST(ClaimMatcher, DoesNotJoinAOneWordFragmentByAnotherSpeaker) {
  std::vector<ClaimRow> rows =
      Match({Doc("anadolu", kAnadolu), Doc("other", "\"Solidaritas,\" kata Andi Wijaya.")});
  const ClaimRow* r = RowWith(rows, "other", "Solidaritas");
  ASSERT_NE(r, nullptr) << Describe(rows);
  EXPECT_EQ(r->outlets, std::vector<std::string>{"other"}) << Describe(rows);
  EXPECT_EQ(r->speaker, "Andi Wijaya");
  EXPECT_EQ(rows.size(), 2u) << Describe(rows);
}

TEST(ClaimMatcher, DoesNotJoinAShortFragmentByAnotherSpeakerEvenIfAllWordsMatch) {
  std::vector<ClaimRow> rows =
      Match({Doc("anadolu", kAnadolu), Doc("other", "\"Persahabatan sejati,\" kata Andi Wijaya.")});
  const ClaimRow* r = RowWith(rows, "other", "Persahabatan");
  ASSERT_NE(r, nullptr) << Describe(rows);
  EXPECT_EQ(r->outlets.size(), 1u) << Describe(rows);
}

TEST(ClaimMatcher, LongIdenticalStatementsByDifferentSpeakersJoinAndSaySo) {
  const char* quote =
      "\"Teman-teman Korea Utara bertindak berdasarkan rasa solidaritas, keadilan, dan "
      "persahabatan sejati,\"";
  std::vector<ClaimRow> rows = Match({Doc("a", std::string(quote) + " kata Putin."),
                                      Doc("b", std::string(quote) + " kata Andi Wijaya.")});
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  EXPECT_TRUE(rows[0].speakers_differ);
  EXPECT_EQ(rows[0].outlets.size(), 2u);
}

TEST(ClaimMatcher, QuotesOfOneDocumentDoNotJoinEachOther) {
  // (Not as a repeated paragraph: that would be blanked as boilerplate.)
  std::vector<ClaimRow> rows =
      Match({Doc("a", std::string(kAnadolu) + "\nIa mengulang: " + kAnadolu)});
  EXPECT_EQ(rows.size(), 2u) << Describe(rows);
}

TEST(ClaimMatcher, SplitsQuotesIntoSentences) {
  std::vector<ClaimRow> rows =
      Match({Doc("a",
                 "\"Kami menang di Kursk. Kami sangat berterima kasih kepada Korea Utara,\" kata "
                 "Putin."),
             Doc("b", "\"Kami sangat berterima kasih kepada Korea Utara,\" kata Putin.")});
  const ClaimRow* r = RowWith(rows, "b", "berterima kasih");
  ASSERT_NE(r, nullptr) << Describe(rows);
  EXPECT_EQ(r->outlets.size(), 2u) << Describe(rows);
  const ClaimRow* other = RowWith(rows, "a", "Kursk");
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other, r);
  // A member's offsets point at its sentence in the original file.
  for (const ClaimMember& m : r->members) {
    EXPECT_EQ(m.end - m.start, m.text.size());
  }
}

TEST(ClaimMatcher, RowsWithMoreOutletsComeFirst) {
  std::vector<ClaimRow> rows =
      Match({Doc("a", "\"Kami sendirian di sini,\" kata Andi Wijaya.\n" + std::string(kAnadolu)),
             Doc("b", kFakta)});
  ASSERT_EQ(rows.size(), 2u) << Describe(rows);
  EXPECT_EQ(rows[0].outlets.size(), 2u);
  EXPECT_EQ(rows[1].outlets.size(), 1u);
}

TEST(ClaimMatcher, FactsWithDisagreeingValuesConflict) {
  std::vector<ClaimRow> rows =
      Match({Doc("a",
                 "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan "
                 "Juni 2024."),
             Doc("b",
                 "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan "
                 "November 2024.")},
            /*facts=*/true);
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  EXPECT_EQ(rows[0].kind, "fact");
  EXPECT_EQ(rows[0].event, "signed");
  EXPECT_EQ(rows[0].about, std::vector<std::string>{"Comprehensive Strategic Partnership Treaty"});
  EXPECT_TRUE(rows[0].conflict);
  ASSERT_EQ(rows[0].members.size(), 2u);
  EXPECT_EQ(rows[0].members[0].value, "2024-06");
  EXPECT_EQ(rows[0].members[1].value, "2024-11");
}

TEST(ClaimMatcher, FactsWithCompatibleValuesDoNotConflict) {
  std::vector<ClaimRow> rows = Match(
      {Doc("a",
           "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan "
           "Juni 2024."),
       Doc("b",
           "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada 19 Juni "
           "2024.")},
      /*facts=*/true);
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  EXPECT_FALSE(rows[0].conflict) << Describe(rows);
  EXPECT_EQ(rows[0].outlets.size(), 2u);
}

// Many outlets reporting one claim (the shape of a replicated corpus, and of wire copy): one row
// with every outlet once, in document order, and a single dissenting value among many agreeing
// ones is still a conflict.
const char kJune[] =
    "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan Juni 2024.";
const char kNovember[] =
    "Rusia dan Korea Utara menandatangani kesepakatan kemitraan strategis pada bulan November "
    "2024.";

TEST(ClaimMatcher, ManyOutletsOneQuoteIsOneRowWithEveryOutletInOrder) {
  std::vector<Document> docs;
  for (int i = 0; i < 100; ++i) docs.push_back(Doc(test::Numbered("o", i), kAnadolu));
  docs.push_back(Doc("o7", kAnadolu));  // an outlet's second report, at the end
  std::vector<ClaimRow> rows = Match(docs);
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  ASSERT_EQ(rows[0].members.size(), 101u);
  ASSERT_EQ(rows[0].outlets.size(), 100u);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(rows[0].outlets[static_cast<size_t>(i)], test::Numbered("o", i));
  // The second report is the same file name as the first (o7.txt): in document order, beside it.
  EXPECT_EQ(rows[0].members[7].outlet, "o7");
  EXPECT_EQ(rows[0].members[8].outlet, "o7");
  EXPECT_EQ(rows[0].members[100].outlet, "o99");
}

TEST(ClaimMatcher, OneDissenterAmongManyAgreeingOutletsIsAConflict) {
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) docs.push_back(Doc(test::Numbered("a", i), kJune));
  std::vector<ClaimRow> rows = Match(docs, /*facts=*/true);
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  EXPECT_FALSE(rows[0].conflict);
  docs.push_back(Doc("z", kNovember));
  rows = Match(docs, /*facts=*/true);
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  EXPECT_TRUE(rows[0].conflict);
  EXPECT_EQ(rows[0].outlets.size(), 41u);
  EXPECT_EQ(rows[0].members.back().value, "2024-11");
}

TEST(ClaimMatcher, AnOutletThatContradictsItselfIsNoConflictAmongManyAgreeing) {
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) docs.push_back(Doc(test::Numbered("a", i), kJune));
  docs.push_back(Doc("z", std::string(kJune) + " " + kNovember));
  std::vector<ClaimRow> rows = Match(docs, /*facts=*/true);
  ASSERT_EQ(rows.size(), 1u) << Describe(rows);
  ASSERT_EQ(rows[0].members.size(), 42u) << Describe(rows);
  EXPECT_FALSE(rows[0].conflict) << Describe(rows);
}

// The workers prepare each document's quotation sentences (PrepareQuoteUnits); Add given them
// makes the rows it makes when it works them out itself.
TEST(ClaimMatcher, PreparedQuoteUnitsGiveTheSameRows) {
  std::vector<Document> docs = {
      Doc("anadolu", kAnadolu), Doc("fakta", kFakta),
      Doc("other", "\"Solidaritas. Keadilan dan persahabatan sejati,\" kata Andi Wijaya."),
      Doc("none", "Tidak ada kutipan di sini.")};
  const Rules& rules = test::EmbeddedRules();
  ClaimMatcher with(rules);
  size_t pieces = 0;
  for (const Document& d : docs) {
    QuoteUnits units = PrepareQuoteUnits(rules, d);
    pieces += units.pieces.size();
    with.Add(d, {}, &units);
  }
  EXPECT_EQ(pieces, 4u);  // one sentence each for two quotations, two for the third
  EXPECT_EQ(Describe(with.Finish()), Describe(Match(docs)));
  QuoteUnits other = PrepareQuoteUnits(rules, docs[2]);
  EXPECT_EQ(other.pieces[0].keys, (std::vector<std::string>{"solidaritas"}));
}

TEST(ClaimMatcher, FinishIsDeterministic) {
  std::vector<Document> docs = {Doc("anadolu", kAnadolu), Doc("fakta", kFakta),
                                Doc("other", "\"Solidaritas,\" kata Andi Wijaya.")};
  EXPECT_EQ(Describe(Match(docs)), Describe(Match(docs)));
}

// Finish joins and sorts the rows on the threads it is given: the rows are the same. Many
// outlets (copies of the seed texts) so that there are more rows than one piece of work holds.
TEST(ClaimMatcher, FinishOnThreadsGivesTheRowsFinishOnOneGives) {
  const Rules& rules = test::EmbeddedRules();
  std::vector<Document> base = {Doc("anadolu", kAnadolu), Doc("fakta", kFakta)};
  ClaimMatcher m(rules);
  size_t added = 0;
  for (int copy = 0; copy < 100; ++copy) {
    for (const Document& b : base) {
      Document d = b;
      d.outlet = b.outlet + "-" + std::to_string(copy);
      d.path = d.outlet + ".txt";
      m.Add(d, FindFacts(rules, d));
      ++added;
    }
    // And one quote of its own per copy, in words no other copy writes: a row of one outlet.
    std::string words;
    for (int k = 0; k < 6; ++k) {
      words += std::string(words.empty() ? "" : " ") + (words.empty() ? "Q" : "q") +
               static_cast<char>('a' + copy % 26) + static_cast<char>('a' + copy / 26) +
               static_cast<char>('a' + k) + "zot";
    }
    Document own = Doc("own-" + std::to_string(copy), "\"" + words + ",\" kata Budi Santoso.");
    m.Add(own, FindFacts(rules, own));
  }
  ASSERT_EQ(added, 200u);
  const std::vector<ClaimRow> one = m.Finish(1);
  ASSERT_GT(one.size(), 64u);
  EXPECT_EQ(one.front().outlets.size(), 200u);
  const std::string want = Describe(one);
  for (int threads : {2, 3, 8}) EXPECT_EQ(Describe(m.Finish(threads)), want) << threads;
  EXPECT_EQ(Describe(m.Finish()), want);  // and again: Finish leaves the matcher as it was
  // TakeRows gives the same rows, moved out, and leaves the matcher empty and usable.
  EXPECT_EQ(Describe(m.TakeRows(2)), want);
  EXPECT_TRUE(m.Finish().empty());
  m.Add(base[0], FindFacts(rules, base[0]));
  m.Add(base[1], FindFacts(rules, base[1]));
  EXPECT_EQ(Describe(m.TakeRows()), Describe(Match(base, /*facts=*/true)));
}

// ---- Value compatibility ----

TEST(DatesCompatible, Table) {
  struct {
    const char* a;
    const char* b;
    bool want;
  } cases[] = {
      {"2024-08", "2024-08-06", true},
      {"2024-08-06", "2024-08", true},
      {"2024-11", "2024-06", false},
      {"2024", "2024-FA", true},
      {"2024-FA", "2024", true},
      {"195X", "1953", true},
      {"1953", "195X", true},
      {"195X", "1963", false},
      {"2024-FA", "2024-10", true},
      {"2024-FA", "2024-10-05", true},
      {"2024-FA", "2024-04", false},
      {"2024-FA", "2024-SP", false},
      {"2024", "2024-08-06", true},
      {"2024", "2025", false},
      {"2024-08-06", "2024-08-07", false},
      {"2024-01", "2024-10", false},
      {"2025-04-28", "2025-04-28", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DatesCompatible(c.a, c.b), c.want) << c.a << " vs " << c.b;
  }
}

TEST(NumbersCompatible, Table) {
  struct {
    const char* a;
    const char* qa;
    const char* b;
    const char* qb;
    bool want;
  } cases[] = {
      {"10000", "", "10000-12000", "", true},
      {"10000", "more than", "10000-12000", "", true},
      {"10000-12000", "", "10000", "more than", true},
      {"4000", "", "10000", "", false},
      {"10000", "about", "10500", "", true},
      {"10000", "about", "12000", "", false},
      {"10000", "at least", "4000000", "", true},
      {"10000", "less than", "12000", "", false},
      {"10000", "less than", "9000", "", true},
      {"10000-12000", "about", "13000", "", true},
      {"13.6", "", "13.6", "", true},
      {"13.6", "", "13.7", "", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NumbersCompatible(c.a, c.qa, c.b, c.qb), c.want)
        << "'" << c.qa << " " << c.a << "' vs '" << c.qb << " " << c.b << "'";
  }
}

}  // namespace
}  // namespace claims
