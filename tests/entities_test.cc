// Entities: gazetteer lookup over word parts with each alias's case and language conditions, and
// legal references from laws.rules.
#include "claims/entities.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "claims/tokenize.h"
#include "claims/utf8.h"
#include "test_util.h"

namespace claims {
namespace {

using test::EmbeddedRules;

struct Entity {
  std::string surface;
  std::string canonical;
  std::string kind;
  friend bool operator==(const Entity&, const Entity&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Entity& e) {
    return os << "{" << e.surface << " -> " << e.canonical << " (" << e.kind << ")}";
  }
};

// Gazetteer matches of text read as language lang.
std::vector<Entity> Match(std::string_view text, Lang lang) {
  std::vector<Token> toks = Tokenize(text);
  std::vector<Part> parts = SplitParts(text, toks);
  std::vector<Entity> out;
  const Gazetteer& g = EmbeddedRules().gazetteer;
  for (const EntityMatch& m : MatchGazetteer(g, lang, text, toks, parts)) {
    out.push_back(
        {std::string(m.span.In(text)), g.entry(m.entry).canonical, g.entry(m.entry).kind});
  }
  return out;
}

bool HasCanonical(const std::vector<Entity>& es, std::string_view canonical) {
  for (const Entity& e : es) {
    if (e.canonical == canonical) return true;
  }
  return false;
}

TEST(Gazetteer, NorthKoreaByAnyName) {
  EXPECT_EQ(Match("Korut, DPRK dan Korea Utara", Lang::kId),
            (std::vector<Entity>{{"Korut", "North Korea", "place"},
                                 {"DPRK", "North Korea", "place"},
                                 {"Korea Utara", "North Korea", "place"}}));
}

TEST(Gazetteer, IndonesianCityNames) {
  EXPECT_EQ(Match("di Moskow", Lang::kId), (std::vector<Entity>{{"Moskow", "Moscow", "place"}}));
}

TEST(Gazetteer, HyphenatedNameMatchesSpacedAlias) {
  EXPECT_EQ(Match("Kim Jong-un datang", Lang::kId),
            (std::vector<Entity>{{"Kim Jong-un", "Kim Jong Un", "person"}}));
  EXPECT_EQ(Match("Kim Jong Un datang", Lang::kEn),
            (std::vector<Entity>{{"Kim Jong Un", "Kim Jong Un", "person"}}));
}

TEST(Gazetteer, HyphenatedPairHoldsTwoPlaces) {
  EXPECT_EQ(Match("perang Rusia-Ukraina", Lang::kId),
            (std::vector<Entity>{{"Rusia", "Russia", "place"}, {"Ukraina", "Ukraine", "place"}}));
}

TEST(Gazetteer, AsIsTheUnitedStatesOnlyInIndonesian) {
  EXPECT_TRUE(HasCanonical(Match("Presiden AS berbicara", Lang::kId), "United States"));
  EXPECT_FALSE(HasCanonical(Match("AS they said", Lang::kEn), "United States"));
  EXPECT_TRUE(HasCanonical(Match("the US said", Lang::kEn), "United States"));
  EXPECT_TRUE(HasCanonical(Match("the U.S. said", Lang::kEn), "United States"));
}

TEST(Gazetteer, AllCapsAliasMustMatchExactly) {
  // "as" (lower case) is an ordinary word in both languages.
  EXPECT_FALSE(HasCanonical(Match("sama seperti as roda", Lang::kId), "United States"));
}

// An alias in capitals of several words ("DK PBB") matches only as written, word by word: the
// words as the text writes them, joined by single spaces, against the alias.
TEST(Gazetteer, AllCapsAliasOfSeveralWordsMatchesAsWritten) {
  EXPECT_EQ(Match("Sidang DK PBB dimulai", Lang::kId),
            (std::vector<Entity>{{"DK PBB", "UN Security Council", "org"}}));
  EXPECT_EQ(Match("Sidang DK  PBB dimulai", Lang::kId),
            (std::vector<Entity>{{"DK  PBB", "UN Security Council", "org"}}));
  for (const char* text : {"Sidang Dk PBB dimulai", "Sidang DK Pbb dimulai"}) {
    EXPECT_FALSE(HasCanonical(Match(text, Lang::kId), "UN Security Council")) << text;
  }
}

TEST(Gazetteer, LowerCaseTurkeyIsNotTheCountry) {
  EXPECT_TRUE(Match("we ate turkey at dinner", Lang::kEn).empty());
  EXPECT_EQ(Match("Turkey said", Lang::kEn), (std::vector<Entity>{{"Turkey", "Turkey", "place"}}));
}

TEST(Gazetteer, DoesNotMatchInsideALongerWord) {
  // A match ends where a token (or a hyphenated part) ends: "Rusia" is Russia, "Rusiawan" is
  // not, and nothing is cut out of "Koreans".
  for (const Entity& e : Match("the Koreans came", Lang::kEn)) EXPECT_EQ(e.surface, "Koreans") << e;
  EXPECT_FALSE(HasCanonical(Match("Rusiawan datang", Lang::kId), "Russia"));
  EXPECT_TRUE(HasCanonical(Match("Rusia datang", Lang::kId), "Russia"));
}

TEST(Gazetteer, LongestMatchWins) {
  std::vector<Entity> es = Match("Dewan Keamanan PBB bersidang", Lang::kId);
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].canonical, "UN Security Council");
  EXPECT_EQ(es[0].surface, "Dewan Keamanan PBB");
}

TEST(Gazetteer, MatchesDoNotCrossLines) {
  std::vector<Entity> es = Match("Korea\nUtara", Lang::kId);
  for (const Entity& e : es) EXPECT_NE(e.canonical, "North Korea") << e;
}

TEST(Gazetteer, LookupsByCanonicalDemonymAndRole) {
  const Gazetteer& g = EmbeddedRules().gazetteer;
  EXPECT_GE(g.FindCanonical("place", "North Korea"), 0);
  EXPECT_EQ(g.FindCanonical("person", "North Korea"), -1);
  EXPECT_EQ(g.PlaceOfDemonym("russian"), "Russia");
  std::vector<uint32_t> presidents = g.PeopleWithRole("president", "Russia");
  ASSERT_FALSE(presidents.empty());
  EXPECT_EQ(g.entry(presidents[0]).canonical, "Vladimir Putin");
  std::vector<uint32_t> spokes = g.PeopleWithRole("spokesperson", "Kremlin");
  ASSERT_FALSE(spokes.empty());
  EXPECT_EQ(g.entry(spokes[0]).canonical, "Dmitry Peskov");
}

TEST(Entities, MentionsCarryCanonicalValues) {
  Document doc = test::AnalyzeText(
      "Korut mengirim tentara ke Moskow. Kim Jong-un bertemu Putin di DPRK saat perang "
      "Rusia-Ukraina.");
  std::vector<std::string> places = test::Values(test::MentionsOf(doc, MentionKind::kPlace));
  EXPECT_EQ(places,
            (std::vector<std::string>{"North Korea", "Moscow", "North Korea", "Russia", "Ukraine"}))
      << test::Dump(doc);
  std::vector<std::string> people = test::Values(test::MentionsOf(doc, MentionKind::kPerson));
  EXPECT_EQ(people, (std::vector<std::string>{"Kim Jong Un", "Vladimir Putin"})) << test::Dump(doc);
  for (const Mention& m : doc.mentions) {
    EXPECT_EQ(m.text, std::string(m.orig.In(doc.original)));
  }
}

TEST(Laws, IndonesianArticlesAndLaws) {
  Document doc =
      test::AnalyzeText("Ia melanggar Pasal 4 dan pasal 5 ayat (2) UU Nomor 1 Tahun 2023 itu.");
  std::vector<Mention> laws = test::MentionsOf(doc, MentionKind::kLaw);
  ASSERT_EQ(laws.size(), 3u) << test::Dump(doc);
  EXPECT_EQ(laws[0].text, "Pasal 4");
  EXPECT_EQ(laws[0].value, "Article 4");
  EXPECT_EQ(laws[0].rule, "id.law.pasal");
  EXPECT_EQ(laws[1].text, "pasal 5 ayat (2)");
  EXPECT_EQ(laws[1].value, "Article 5(2)");
  EXPECT_EQ(laws[2].value, "Law No. 1/2023");
}

TEST(Laws, EnglishArticle) {
  Document doc = test::AnalyzeText(
      "He said the move violated Article 4 of the treaty, and the officials agreed with him.");
  std::vector<Mention> laws = test::MentionsOf(doc, MentionKind::kLaw);
  ASSERT_EQ(laws.size(), 1u) << test::Dump(doc);
  EXPECT_EQ(laws[0].value, "Article 4");
  EXPECT_EQ(laws[0].rule, "en.law.article");
}

TEST(Laws, NamedTreatyFromTheGazetteer) {
  Document doc = test::AnalyzeText(
      "Pasukan dikirim sesuai kesepakatan kemitraan strategis antara Moskow dan Pyongyang.");
  std::vector<std::string> laws = test::Values(test::MentionsOf(doc, MentionKind::kLaw));
  EXPECT_EQ(laws, std::vector<std::string>{"Comprehensive Strategic Partnership Treaty"})
      << test::Dump(doc);
}

// Each part's words_all_langs entry in hand, the search takes a match's first key from it
// (WordInfo::gaz) instead of looking it up: the same matches, nested ones too, on texts in both
// languages read as either.
TEST(Gazetteer, FirstKeysFromTheWordEntriesFindTheSameMatches) {
  const Rules& rules = EmbeddedRules();
  std::vector<std::string> texts = test::SeedTexts();
  texts.push_back(
      "The Bank of England and the Bank of Japan met in New York City, New Delhi and the Hague; "
      "the United States, the United Nations Security Council and the European Union replied.");
  texts.push_back("Komisi Pemberantasan Korupsi (KPK) dan Partai Demokrasi Indonesia Perjuangan.");
  size_t found = 0, nested = 0;
  for (const std::string& text : texts) {
    const std::vector<Token> tokens = Tokenize(text);
    const std::vector<Part> parts = SplitParts(text, tokens);
    const std::string folded = FoldSameLength(text);
    const std::vector<const Rules::WordInfo*> words = PartWords(rules, folded, parts);
    for (Lang lang : {Lang::kId, Lang::kEn}) {
      std::vector<uint8_t> flags(parts.size());
      for (size_t i = 0; i < parts.size(); ++i) {
        flags[i] = words[i] ? words[i]->lang[static_cast<int>(lang)].flags : 0;
      }
      const std::vector<EntityMatch> looked_up =
          MatchGazetteer(rules.gazetteer, lang, text, folded, tokens, parts, &flags);
      const std::vector<EntityMatch> taken =
          MatchGazetteer(rules.gazetteer, lang, text, folded, tokens, parts, &flags, &words);
      ASSERT_EQ(taken.size(), looked_up.size()) << text;
      for (size_t k = 0; k < taken.size(); ++k) {
        EXPECT_EQ(taken[k].span, looked_up[k].span);
        EXPECT_EQ(taken[k].entry, looked_up[k].entry);
        EXPECT_EQ(taken[k].nested, looked_up[k].nested);
        nested += taken[k].nested;
      }
      found += taken.size();
    }
  }
  EXPECT_GT(found, 100u);
  EXPECT_GT(nested, 0u);
}

TEST(MatchPhrase, LongestPhraseOfTheClass) {
  const LangRules& id = EmbeddedRules().For(Lang::kId);
  const std::string text = "sedikitnya empat juta peluru artileri";
  std::vector<Token> toks = Tokenize(text);
  std::vector<Part> parts = SplitParts(text, toks);
  PhraseMatch q = MatchPhrase(id.words, "qualifier", text, parts, 0);
  ASSERT_NE(q.entry, nullptr);
  EXPECT_EQ(q.entry->value, "at least");
  EXPECT_EQ(q.end_part, 1u);
  PhraseMatch u = MatchPhrase(id.words, "unit", text, parts, 3);
  ASSERT_NE(u.entry, nullptr);
  EXPECT_EQ(u.entry->value, "artillery shells");  // not just "peluru" (shells)
  EXPECT_EQ(u.end_part, 5u);
  EXPECT_EQ(MatchPhrase(id.words, "unit", text, parts, 0).entry, nullptr);
}

// One walk for several classes gives what a walk per class gives, at every part of texts in both
// languages, for classes whose phrases share first words ("more than", "US dollars", "dua puluh").
TEST(WordLists, OneWalkForSeveralClassesIsAWalkPerClass) {
  std::vector<std::string> texts = test::SeedTexts();
  texts.push_back(
      "More than 20 million US dollars, about four hundred people, nearly a third; up to "
      "$5bn and some 3.5 per cent. At least twenty-one of them, over 1,000 km away.");
  texts.push_back("Sekitar dua puluh lima ribu orang, lebih dari Rp 5 triliun, hampir 30 persen.");
  constexpr std::string_view kClasses[] = {"qualifier", "currency", "numword",
                                           "unit",      "event",    "multiplier"};
  size_t found = 0;
  for (const std::string& text : texts) {
    for (const LangRules& lang : test::EmbeddedRules().lang) {
      const std::vector<Token> tokens = Tokenize(text);
      const std::vector<Part> parts = SplitParts(text, tokens);
      const std::string folded = FoldSameLength(text);
      for (uint32_t at = 0; at < parts.size(); ++at) {
        PhraseMatch all[std::size(kClasses)];
        MatchFoldedPhrases(lang.words, kClasses, folded, parts, at, all);
        for (size_t k = 0; k < std::size(kClasses); ++k) {
          const PhraseMatch one = MatchFoldedPhrase(lang.words, kClasses[k], folded, parts, at);
          EXPECT_EQ(all[k].entry, one.entry) << kClasses[k] << " at part " << at << ": " << text;
          EXPECT_EQ(all[k].end_part, one.end_part) << kClasses[k] << " at part " << at;
          found += one.entry != nullptr;
        }
      }
    }
  }
  EXPECT_GT(found, 50u);
}

}  // namespace
}  // namespace claims
