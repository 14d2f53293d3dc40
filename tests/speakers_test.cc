// Speakers: who said each quotation, by the cues of speakers.rules (after the quote, before it,
// the subject of a speech verb), pronouns, roles, partial quotes and unknown names.
#include "claims/speakers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "claims/rules.h"
#include "test_util.h"

namespace claims {
namespace {

struct Said {
  std::string quote;
  std::string speaker;
  std::string rule;
  friend bool operator==(const Said&, const Said&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Said& s) {
    return os << "{\"" << s.quote << "\" by [" << s.speaker << "] via " << s.rule << "}";
  }
};

// The quotes of text with their speakers and the rule that found each speaker.
std::vector<Said> Quotes(std::string_view text) {
  std::vector<Said> out;
  for (const Mention& m : test::Mentions(text, MentionKind::kQuote)) {
    out.push_back({m.value, m.speaker, m.rule});
  }
  return out;
}

// Speakers only, in quote order.
std::vector<std::string> Speakers(std::string_view text) {
  std::vector<std::string> out;
  for (const Said& s : Quotes(text)) out.push_back(s.speaker);
  return out;
}

using Strings = std::vector<std::string>;

TEST(Speakers, CueAfterTheQuote) {
  EXPECT_EQ(Quotes("\"Kami akan menang,\" kata Putin."),
            (std::vector<Said>{{"Kami akan menang,", "Vladimir Putin", "id.after.say"}}));
}

TEST(Speakers, CueBeforeTheQuote) {
  EXPECT_EQ(Quotes("Menurut Andi Wijaya, \"Kami akan menang.\""),
            (std::vector<Said>{{"Kami akan menang.", "Andi Wijaya", "id.before.menurut"}}));
  EXPECT_EQ(Quotes("Putin berkata, \"Kami siap.\""),
            (std::vector<Said>{{"Kami siap.", "Vladimir Putin", "id.before.say-colon"}}));
}

// Texts of one quotation each, with who said it and by which rule.
struct OneQuote {
  const char* text;
  Said said;
};
void ExpectEach(const std::vector<OneQuote>& cases) {
  for (const OneQuote& c : cases) EXPECT_EQ(Quotes(c.text), std::vector<Said>{c.said}) << c.text;
}

// A capitalised speech verb is one only in a headline (a segment in title case): "Lindsey Graham
// Says ...", not "... from Ohio Says ..." in a sentence written in lower case. Outside a headline
// the name before "Says" is still found, as the sentence's subject, not by the verb.
TEST(Speakers, ACapitalisedVerbCountsOnlyInAHeadline) {
  ExpectEach({
      {"Lindsey Graham Says Senators Want \"A Fair Deal\" For Everyone\n",
       {"A Fair Deal", "Lindsey Graham", "en.verb.say"}},
      {"the senators from Ohio Says many want \"a fair deal\" for everyone in the state, "
       "according to a report.\n",
       {"a fair deal", "", "quote"}},
      {"yesterday in the state senate, Mark Kelly Says many want \"a fair deal\" for everyone in "
       "the state and more.\n",
       {"a fair deal", "Mark Kelly", "subject"}},
      {"Lindsey Graham says senators want \"a fair deal\" for everyone.\n",
       {"a fair deal", "Lindsey Graham", "en.verb.say"}},
  });
}

// A quotation that opens its sentence takes the speaker of the sentence before it: one on the same
// line reports the speech, one on the line just before introduces it; further back, nobody.
TEST(Speakers, AQuotationOpeningItsSentenceLooksToTheLinesBefore) {
  ExpectEach({
      {"Adam Schiff said the inquiry would go on. \"We will not stop.\"\n",
       {"We will not stop.", "Adam Schiff", "reported-speech"}},
      {"Adam Schiff said the inquiry would go on.\n\"We will not stop.\"\n",
       {"We will not stop.", "Adam Schiff", "introduced"}},
      {"Adam Schiff said the inquiry would go on.\n\n\nThe committee met on Monday.\n\"We will "
       "not stop.\"\n",
       {"We will not stop.", "", "quote"}},
  });
}

TEST(Speakers, SubjectOfASpeechVerbBeforeTheQuote) {
  EXPECT_EQ(Quotes("Andi Wijaya menyatakan bahwa pasukan itu \"sangat berani\" dalam pertempuran."),
            (std::vector<Said>{{"sangat berani", "Andi Wijaya", "id.verb.say"}}));
  EXPECT_EQ(
      Speakers("Dalam pernyataan yang dirilis Kremlin, Putin mengatakan bahwa tentara Korea "
               "Utara bertindak \"dengan mematuhi sepenuhnya hukum internasional\" di Kursk."),
      Strings{"Vladimir Putin"});
}

TEST(Speakers, EnglishCues) {
  EXPECT_EQ(Quotes("\"We will win,\" Smith said."),
            (std::vector<Said>{{"We will win,", "Smith", "en.after.who-say"}}));
  EXPECT_EQ(Quotes("\"We will win,\" said John Smith."),
            (std::vector<Said>{{"We will win,", "John Smith", "en.after.say-who"}}));
  EXPECT_EQ(Quotes("According to John Smith, \"we will win the war.\""),
            (std::vector<Said>{{"we will win the war.", "John Smith", "en.before.according"}}));
  EXPECT_EQ(Speakers("\"We are ready,\" Putin told reporters."), Strings{"Vladimir Putin"});
  EXPECT_EQ(Speakers("Smith said: \"We are ready.\""), Strings{"Smith"});
}

TEST(Speakers, PronounCueTakesTheLastNamedSpeaker) {
  EXPECT_EQ(Quotes("\"Kami siap,\" kata Putin.\n"
                   "Ia menambahkan bahwa pasukan itu kuat.\n"
                   "\"Kami tidak akan mundur,\" imbuhnya."),
            (std::vector<Said>{{"Kami siap,", "Vladimir Putin", "id.after.say"},
                               {"Kami tidak akan mundur,", "Vladimir Putin", "id.after.pronoun"}}));
  EXPECT_EQ(Speakers("\"We will win,\" Smith said.\n\"We will not retreat,\" he added."),
            (Strings{"Smith", "Smith"}));
}

TEST(Speakers, PronounCueFollowsTheMostRecentSpeaker) {
  EXPECT_EQ(Speakers("\"Kami siap,\" kata Putin.\n"
                     "\"Kami juga siap,\" kata Andi Wijaya.\n"
                     "\"Kami tidak akan mundur,\" katanya."),
            (Strings{"Vladimir Putin", "Andi Wijaya", "Andi Wijaya"}));
}

TEST(Speakers, RoleNamedInTheDocument) {
  // The headline quote's cue names only a role; the article names who holds it.
  EXPECT_EQ(Speakers("\"Teman-teman kami hebat,\" kata presiden Rusia.\n"
                     "Presiden Rusia Vladimir Putin pada hari Senin berbicara di Moskow."),
            Strings{"Vladimir Putin"});
  EXPECT_EQ(Speakers("\"We are ready,\" the Russian president said.\n"
                     "Russian President Vladimir Putin spoke on Monday in Moscow."),
            Strings{"Vladimir Putin"});
  // A bare role: the one person the article names with it.
  EXPECT_EQ(Speakers("\"Kami siap,\" kata presiden.\n"
                     "Presiden Rusia Vladimir Putin pada hari Senin berbicara di Moskow."),
            Strings{"Vladimir Putin"});
}

// A bare English role after the quote ("the president said", "the spokesman said") is the person
// the article names with that role (for a while during the speakers rewrite it got no speaker).
TEST(Speakers, EnglishBareRoleNamedInTheDocument) {
  EXPECT_EQ(Speakers("\"We are ready,\" the president said.\n"
                     "Russian President Vladimir Putin spoke on Monday in Moscow."),
            Strings{"Vladimir Putin"});
  EXPECT_EQ(Speakers("\"We are ready,\" the spokesman said.\n"
                     "Kremlin spokesman Dmitry Peskov spoke on Monday in Moscow."),
            Strings{"Dmitry Peskov"});
}

TEST(Speakers, RoleNamedInTheDocumentWinsOverTheGazetteer) {
  // The gazetteer's White House spokesperson is someone else; this article names its own.
  EXPECT_EQ(Speakers("Juru bicara Gedung Putih Keith Kellogg berbicara di Washington.\n"
                     "\"Kami tidak terlibat,\" kata juru bicara Gedung Putih."),
            Strings{"Keith Kellogg"});
}

TEST(Speakers, RoleResolvedThroughTheGazetteer) {
  EXPECT_EQ(Speakers("\"We were not involved,\" the Kremlin spokesman said."),
            Strings{"Dmitry Peskov"});
  EXPECT_EQ(Speakers("\"Kami tidak terlibat,\" kata juru bicara Kremlin."),
            Strings{"Dmitry Peskov"});
  EXPECT_EQ(Speakers("\"We were not involved,\" Russian President Vladimir Putin said."),
            Strings{"Vladimir Putin"});
}

TEST(Speakers, PartialQuotesInOneSentenceShareItsSpeaker) {
  EXPECT_EQ(Quotes("Pasukan itu disebut \"pahlawan\" dan \"prajurit berani,\" kata Putin."),
            (std::vector<Said>{{"pahlawan", "Vladimir Putin", "same-sentence"},
                               {"prajurit berani,", "Vladimir Putin", "id.after.say"}}));
  EXPECT_EQ(
      Speakers("Putin menyebut tentara Korea Utara \"pahlawan\" dan \"prajurit berani\" dalam "
               "pidatonya."),
      (Strings{"Vladimir Putin", "Vladimir Putin"}));
}

TEST(Speakers, QuoteGoingOnInTheNextParagraph) {
  EXPECT_EQ(Speakers("\"We will not retreat,\" Smith said. \"We will fight to the end.\n"
                     "\"We will win.\""),
            (Strings{"Smith", "Smith", "Smith"}));
}

TEST(Speakers, UnknownCapitalisedNameBecomesAPerson) {
  Document doc = test::AnalyzeText("\"Kami siap,\" kata Ucok Wijaya.");
  std::vector<Mention> people = test::MentionsOf(doc, MentionKind::kPerson);
  ASSERT_EQ(people.size(), 1u) << test::Dump(doc);
  EXPECT_EQ(people[0].value, "Ucok Wijaya");
  EXPECT_EQ(people[0].text, "Ucok Wijaya");
  EXPECT_EQ(people[0].rule, "speaker-name");
  std::vector<Mention> quotes = test::MentionsOf(doc, MentionKind::kQuote);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].speaker, "Ucok Wijaya");
}

TEST(Speakers, SurnameAloneTakesTheFullNameGivenEarlier) {
  EXPECT_EQ(Speakers("\"Kami siap,\" kata Andi Wijaya.\n\"Kami tidak mundur,\" kata Wijaya."),
            (Strings{"Andi Wijaya", "Andi Wijaya"}));
}

TEST(Speakers, NoCueNoSpeaker) {
  std::vector<Said> said = Quotes("Spanduk bertuliskan \"Damai\" terlihat di jalan.");
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].speaker, "");
}

TEST(Speakers, OrganisationCanSpeak) {
  EXPECT_EQ(Speakers("\"Kami tidak terlibat,\" demikian pernyataan Kremlin."), Strings{"Kremlin"});
}

// A pronoun subject with no antecedent ("Ia menyebut ...") does not keep a partial quote from the
// speaker its own sentence names ("..., kata Putin"): rule 4, another quotation of the sentence
// (for a while during the speakers rewrite "pahlawan" got no speaker).
TEST(Speakers, PronounSubjectTakesTheSpeakerNamedInTheSameSentence) {
  EXPECT_EQ(Speakers("Ia menyebut pasukan itu \"pahlawan\" dan \"prajurit berani,\" kata Putin."),
            (Strings{"Vladimir Putin", "Vladimir Putin"}));
}

// A spokesman the gazetteer does not know, named with his role: the later cue that names only the
// role is his, not the gazetteer's holder of the role (Dmitry Peskov).
TEST(Speakers, RoleNamedInTheDocumentWithAnUnknownName) {
  EXPECT_EQ(Speakers("Juru bicara Kremlin Budi Santoso berbicara di Moskow pada hari Senin.\n"
                     "\"Kami tidak terlibat,\" kata juru bicara Kremlin."),
            Strings{"Budi Santoso"});
}

// "dan" inside an office's name ("Badan Pengelola Keuangan dan Aset Daerah") does not end the cue's
// phrase when the holder follows, set off by a comma; it still does after a known person.
TEST(Speakers, OfficeNameWithDanBeforeTheHoldersName) {
  EXPECT_EQ(Speakers("\"Tidak ada masalah,\" kata Kepala Badan Pengelola Keuangan dan Aset Daerah "
                     "(BPKAD) Provinsi Banten, Rina Dewiyanti, kepada wartawan."),
            Strings{"Rina Dewiyanti"});
  EXPECT_EQ(Speakers("\"Kami siap,\" kata Presiden Joko Widodo dan Menteri Keuangan, Sri Mulyani."),
            Strings{"Joko Widodo"});
}

// A Balinese name opens with I or Ni and a birth-order name (`nameopen` in id/words.tsv): the name
// starts there, not at the capitalised words before it, which name a hospital or a regency, and
// its I is no initial ("Ngoerah I. Wayan Sudana" before, and every later "RS Ngoerah" a short
// form of him).
TEST(Speakers, BalineseNameStartsAtItsOpeningWords) {
  Document doc = test::AnalyzeText(
      "\"Kami mengambil tindakan tegas,\" kata Direktur Utama RSUP Prof Ngoerah I Wayan Sudana.\n"
      "Pasien dirujuk ke RS Ngoerah pada hari Minggu.");
  EXPECT_EQ(test::Values(test::MentionsOf(doc, MentionKind::kPerson)), Strings{"I Wayan Sudana"})
      << test::Dump(doc);
  std::vector<Mention> quotes = test::MentionsOf(doc, MentionKind::kQuote);
  ASSERT_EQ(quotes.size(), 1u) << test::Dump(doc);
  EXPECT_EQ(quotes[0].speaker, "I Wayan Sudana");
  EXPECT_EQ(test::Values(test::Mentions("Bupati Bangli I Wayan Diar membuka rapat itu.",
                                        MentionKind::kPerson)),
            Strings{"I Wayan Diar"});
  // Opening words that are common words elsewhere in the document stand outside the run of
  // names, just before it: "Anak Agung" (anak, child; agung, great).
  EXPECT_EQ(test::Values(test::Mentions(
                "Ia datang bersama anak ke masjid agung.\nKetua himpunan Anak Agung Ngurah Nanda "
                "Budiadnyana hadir.",
                MentionKind::kPerson)),
            Strings{"Anak Agung Ngurah Nanda Budiadnyana"});
}

// With a word after them the opening words name a person with no role or speech verb beside it;
// not when a scraped list glued the name to the next label ("PrastaSekretaris").
TEST(Speakers, BalineseNameStandsOnItsOwnUnlessGluedToTheNextWord) {
  std::vector<Mention> people =
      test::Mentions("Di bawah mistar, I Made Wirawan tampil tenang.", MentionKind::kPerson);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].value, "I Made Wirawan");
  EXPECT_EQ(people[0].rule, "name:opened");
  EXPECT_EQ(test::Values(test::Mentions("Ketua: I Nyoman Giri PrastaSekretaris: I Wayan Adi "
                                        "Arnawa",
                                        MentionKind::kPerson)),
            Strings{"I Wayan Adi Arnawa"});
  // Two words alone are no name ("I Made" says too little), and I is no opener before a word that
  // is not a birth-order name.
  EXPECT_TRUE(
      test::Mentions("Di bawah mistar, I Made tampil tenang.", MentionKind::kPerson).empty());
  EXPECT_TRUE(test::Mentions("Di bawah mistar, I Andi Wirawan tampil tenang.", MentionKind::kPerson)
                  .empty());
}

// A run of two to four name words that starts with a given name (data/given-names.tsv) names a
// person with no role or speech verb beside it, and its later surname is the same person. A
// possessive is not part of the name, and ends the run.
TEST(Speakers, GivenNameStartsAPersonsName) {
  Document doc = test::AnalyzeText(
      "Wayne Rooney met Gary Neville's cross, which went in off Richard Dunne. Later Dunne hooked "
      "a volley.");
  std::vector<Mention> people = test::MentionsOf(doc, MentionKind::kPerson);
  EXPECT_EQ(test::Values(people),
            (Strings{"Wayne Rooney", "Gary Neville", "Richard Dunne", "Richard Dunne"}))
      << test::Dump(doc);
  ASSERT_EQ(people.size(), 4u);
  EXPECT_EQ(people[0].rule, "name:given-name");
  EXPECT_EQ(people[1].span.In(doc.clean), "Gary Neville");
  EXPECT_EQ(people[3].rule, "name:short-form");
  EXPECT_EQ(people[3].span.In(doc.clean), "Dunne");
  EXPECT_EQ(test::Values(test::Mentions("Tony Christie's Definitive Collection sold well.",
                                        MentionKind::kPerson)),
            Strings{"Tony Christie"});
  // After a word that may open a sentence; in Indonesian too.
  EXPECT_EQ(test::Values(test::Mentions("Yesterday John Morris came. But Mary Smith left.",
                                        MentionKind::kPerson)),
            (Strings{"John Morris", "Mary Smith"}));
  EXPECT_EQ(
      test::Values(test::Mentions("Namun Budi Santoso datang ke kantor.", MentionKind::kPerson)),
      Strings{"Budi Santoso"});
  // Right before a date ("last year" is a mention already).
  EXPECT_EQ(test::Values(
                test::Mentions("Steve Redgrave last year won a fifth gold.", MentionKind::kPerson)),
            Strings{"Steve Redgrave"});
  // Right before "and", "on", "for": a list of people, not a longer title; but only three words
  // run so, as a headline's capitals run on.
  EXPECT_EQ(test::Values(test::Mentions("Wayne Rooney and Gary Neville on Monday went home.",
                                        MentionKind::kPerson)),
            (Strings{"Wayne Rooney", "Gary Neville"}));
  EXPECT_TRUE(
      test::Mentions("Glenn Beck Blasts Drudge for Mocking Him", MentionKind::kPerson).empty());
}

// Not a person: a given name alone, a run that names an organisation, or one that goes on a
// capitalised word before it (a road, a hospital: "Jalan Gatot Subroto", "RSPAD Gatot Subroto").
TEST(Speakers, GivenNameRunThatNamesNoPerson) {
  for (const char* text : {
           "Wayne is here.",
           "The money went to the Steve Redgrave Trust.",
           "Jalan Gatot Subroto ditutup pagi ini.",
           "Ia dirawat di RSPAD Gatot Subroto.",
           "By any measure, the New Yorker Steve Morris is a winner.",
       }) {
    EXPECT_TRUE(test::Mentions(text, MentionKind::kPerson).empty()) << text;
  }
}

// LangRules::speaker_widened: a rule with a long counted repetition ({1,80}) gets a widened twin
// that matches wherever the rule does; a rule without one gets none.
TEST(Speakers, WidenedCueRulesMatchWhereverTheRulesDo) {
  const Rules& rules = test::EmbeddedRules();
  const std::vector<std::string> texts = {
      "menurut Juru Bicara Kementerian Luar Negeri Rusia, Maria Zakharova,",
      "menurut dia ",
      "Menteri Keuangan Sri Mulyani Indrawati mengatakan bahwa:",
      "Sri Mulyani menegaskan,",
      ", kata Putin kepada wartawan di Moskow.",
      " Deni Surjantoro menambahkan dalam keterangan tertulisnya",
      "menurut " + std::string(120, 'a') + ",",
      std::string(100, 'x') + " mengatakan:",
      "tidak ada apa-apa di sini",
      "",
  };
  int widened = 0;
  for (const LangRules& lr : rules.lang) {
    ASSERT_EQ(lr.speaker_widened.size(), lr.speakers.size());
    for (size_t i = 0; i < lr.speakers.size(); ++i) {
      const RE2* wide = lr.speaker_widened[i].get();
      const std::string& p = lr.speakers[i].re->pattern();
      if (!wide) continue;
      ++widened;
      EXPECT_NE(wide->pattern(), p);
      EXPECT_EQ(wide->pattern().find("{1,80}"), std::string::npos) << wide->pattern();
      for (const std::string& t : texts) {
        if (RE2::PartialMatch(t, *lr.speakers[i].re)) {
          EXPECT_TRUE(RE2::PartialMatch(t, *wide)) << lr.speakers[i].id << " on " << t;
        }
      }
    }
  }
  // id.before.menurut, id.before.say-colon (and id.after.name-say, {0,60}).
  EXPECT_GE(widened, 3);
  // The rules without a long repetition (every English one) are searched as they are.
  for (size_t i = 0; i < rules.For(Lang::kEn).speakers.size(); ++i) {
    EXPECT_EQ(rules.For(Lang::kEn).speaker_widened[i], nullptr)
        << rules.For(Lang::kEn).speakers[i].id;
  }
}

}  // namespace
}  // namespace claims
