// AtomFilter: the literal prefilter in front of the law and outlet sets and of each speaker cue
// rule (include/claims/prefilter.h). What matters is that it never turns down a text one of its
// patterns matches: checked here against RE2::Set and RE2 themselves, on the embedded rules, the
// seeds and texts made to sit on its edges.
#include "claims/prefilter.h"

#include <gtest/gtest.h>
#include <re2/set.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "claims/utf8.h"
#include "test_util.h"

namespace claims {
namespace {

std::unique_ptr<AtomFilter> FilterOf(const std::vector<std::string>& patterns) {
  std::unique_ptr<AtomFilter> f;
  Status s = AtomFilter::Build(patterns, RE2::Options(), &f);
  EXPECT_TRUE(s.ok()) << s.message();
  return f;
}

// Whether any of the patterns matches text, by RE2::Set, as the pipeline asks.
bool SetMatches(const std::vector<std::string>& patterns, std::string_view text) {
  RE2::Set set(RE2::Options(), RE2::UNANCHORED);
  for (const auto& p : patterns) EXPECT_GE(set.Add(p, nullptr), 0) << p;
  EXPECT_TRUE(set.Compile());
  return set.Match(re2::StringPiece(text.data(), text.size()), nullptr);
}

TEST(AtomFilter, KeepsOneClausePerPatternPreferringLongAtoms) {
  // "section" alone decides the second pattern; "the" and "act" are not looked for.
  auto f = FilterOf({R"([Pp]asal\s+(?P<n>\d+))",
                     R"(\b[Ss]ection\s+(?P<n>\d+)\s+of\s+the\s+(?P<law>[A-Z][A-Za-z ]+?Act))"});
  ASSERT_FALSE(f->always());
  EXPECT_EQ(f->needles(), (std::vector<std::string>{"section", "pasal"}));
  EXPECT_FALSE(f->MayMatch(FoldSameLength("The act of the minister was in the news.")));
  EXPECT_TRUE(f->MayMatch(FoldSameLength("Menurut PASAL 4, ...")));
  EXPECT_TRUE(f->MayMatch(FoldSameLength("as the section on page two says")));  // then the set
}

TEST(AtomFilter, AnAlternationNeedsOneOfItsWords) {
  auto f = FilterOf({R"((?m)^\s*([A-Z][A-Za-z0-9-]*\.(?:COM|NET|com|net))(?:[\s,.:-]|$))"});
  ASSERT_FALSE(f->always());
  EXPECT_EQ(f->needles().size(), 2u);
  EXPECT_TRUE(f->MayMatch(FoldSameLength("JAKARTA, KOMPAS.com - Presiden")));
  EXPECT_TRUE(f->MayMatch(FoldSameLength("x.NET")));
  EXPECT_FALSE(f->MayMatch(FoldSameLength("JAKARTA, KOMPAS - Presiden")));
}

TEST(AtomFilter, PatternWithoutLiteralsPassesEveryText) {
  auto f = FilterOf({R"(\|\s*$)", R"([Pp]asal\s+\d+)"});
  EXPECT_TRUE(f->always());
  EXPECT_TRUE(f->MayMatch("nothing here"));
}

TEST(AtomFilter, NoPatternPassesNoText) {
  auto f = FilterOf({});
  EXPECT_FALSE(f->MayMatch("pasal 4 article 5"));
}

TEST(AtomFilter, FindsNeedlesAtEveryOffsetAndAtTheEdges) {
  auto f = FilterOf({R"(\b[Aa]rticle\s+\d+)"});
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string text = std::string(pad, 'x') + "article";
    EXPECT_TRUE(f->MayMatch(text)) << pad;
    EXPECT_FALSE(f->MayMatch(text.substr(0, text.size() - 1))) << pad;  // "articl"
    EXPECT_FALSE(f->MayMatch(text.substr(1 + pad))) << pad;             // "rticle"
  }
  EXPECT_FALSE(f->MayMatch(""));
}

// RE2 ties two non-ASCII runes to ASCII letters: with them a pattern may match a text whose
// FoldSameLength form lacks the atom, so such a text must always go to the set.
TEST(AtomFilter, RunesThatFoldToAsciiLettersAlwaysGoToTheSet) {
  const std::vector<std::string> pats = {"(?i)kompas", "(?i)pasal"};
  auto f = FilterOf(pats);
  ASSERT_FALSE(f->always());
  for (std::string text :
       {std::string("\xE2\x84\xAA") + "ompas", "pa" + std::string("\xC5\xBF") + "al"}) {
    ASSERT_TRUE(SetMatches(pats, text)) << text;
    EXPECT_TRUE(f->MayMatch(FoldSameLength(text))) << text;
  }
}

// The filter guards exactly the runes RE2's case folding ties to an ASCII letter: every rune
// outside ASCII that (?i)[a-z] matches is one of them.
TEST(AtomFilter, OnlyTwoRunesFoldToAsciiLettersInRe2) {
  RE2 ascii_letter("(?i)[a-z]");
  std::vector<char32_t> found;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    AppendUtf8(cp, &s);
    if (RE2::FullMatch(s, ascii_letter)) found.push_back(cp);
  }
  EXPECT_EQ(found, (std::vector<char32_t>{0x17F, 0x212A}));
}

// The property the pipeline relies on, over the rules it loads: wherever the set matches a text,
// the filter lets it through. The texts: the seeds, each whole and line by line, and lines made
// to hold the rules' words in other cases and scripts.
TEST(AtomFilter, NeverTurnsDownATextTheSetMatches) {
  const Rules& rules = test::EmbeddedRules();
  struct Case {
    const std::vector<Rule>* rules;
    const AtomFilter* filter;
  };
  std::vector<Case> cases = {{&rules.outlets, rules.outlet_filter.get()}};
  for (const LangRules& l : rules.lang) cases.push_back({&l.laws, l.law_filter.get()});
  std::vector<std::string> texts = {"JAKARTA, KOMPAS.com - Presiden",
                                    "Seoul (Yonhap) - North Korea",
                                    "SEOUL (YONHAP) -",
                                    "menurut Pasal 28 ayat (3) UU Nomor 1 Tahun 2023",
                                    "UU No. 1 tahun 2023",
                                    "Article 5 of the treaty",
                                    "Section 12 of the Human Rights Act",
                                    "Public Law 117-58",
                                    "Security Council Resolution 2231",
                                    "PASAL 4",
                                    "Resolusi DK PBB Nomor 2231",
                                    "detik.com",
                                    "Ａrticle 5"};
  for (const std::string& seed : test::SeedTexts()) {
    texts.push_back(seed);
    std::string line;
    std::istringstream lines(seed);
    while (std::getline(lines, line)) texts.push_back(line);
  }
  size_t turned_down = 0;
  for (const Case& c : cases) {
    ASSERT_NE(c.filter, nullptr);
    std::vector<std::string> patterns;
    for (const Rule& r : *c.rules) patterns.push_back(r.re->pattern());
    for (const std::string& text : texts) {
      const bool may = c.filter->MayMatch(FoldSameLength(text));
      if (SetMatches(patterns, text)) {
        EXPECT_TRUE(may) << text;
      }
      turned_down += !may;
    }
  }
  EXPECT_GT(turned_down, texts.size());  // it does turn texts down, or it saves nothing
}

// The 16-byte scan has a kernel for each small count of single-byte and pair anchors and one for
// any count: with 0 to 3 needles anchored at a punctuation byte and 0 to 11 at a pair of letters,
// each needle at every offset of a block and across block edges, the filter answers exactly
// whether some needle is in the text.
TEST(AtomFilter, EveryAnchorCountFindsEachNeedleAnywhere) {
  const std::vector<std::string> punct = {"(upi)", "#tag", "@user"};
  const std::vector<std::string> words = {"pasal", "jawab", "kompas", "qualm", "vexing", "zephyr",
                                          "blitz", "fjord", "glyph",  "nymph", "crypt"};
  std::mt19937 rng(11);
  for (size_t ns = 0; ns <= punct.size(); ++ns) {
    for (size_t np = 0; np <= words.size(); ++np) {
      if (ns + np == 0) continue;
      std::vector<std::string> patterns(punct.begin(), punct.begin() + static_cast<long>(ns));
      patterns.insert(patterns.end(), words.begin(), words.begin() + static_cast<long>(np));
      for (std::string& p : patterns) p = RE2::QuoteMeta(p);
      auto f = FilterOf(patterns);
      ASSERT_FALSE(f->always());
      ASSERT_EQ(f->needles().size(), ns + np);
      auto has_needle = [&](const std::string& text) {
        for (const std::string& n : f->needles()) {
          if (text.find(n) != std::string::npos) return true;
        }
        return false;
      };
      for (int round = 0; round < 20; ++round) {
        // Filler of letters and spaces the needles are not made of, at most by chance.
        std::string text(static_cast<size_t>(rng() % 70), ' ');
        for (char& c : text) c = "etaoin s"[rng() % 8];
        ASSERT_FALSE(has_needle(text));
        EXPECT_FALSE(f->MayMatch(text)) << ns << " " << np << " " << text;
        const std::string& needle = f->needles()[rng() % f->needles().size()];
        const size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
        text.insert(at, needle);
        EXPECT_TRUE(f->MayMatch(text)) << ns << " " << np << " " << needle << " at " << at;
      }
    }
  }
}

TEST(AtomFilter, TakesOneByteAtomsWhenAsked) {
  // The boilerplate table rule has a single byte to go by: with the usual minimum it passes every
  // text; with one byte allowed, only texts that hold a bar.
  const std::vector<std::string> patterns = {R"((?m:\|\s*$))", R"((?m:https?://\S+))"};
  std::unique_ptr<AtomFilter> usual, one;
  ASSERT_TRUE(AtomFilter::Build(patterns, RE2::Options(), &usual).ok());
  ASSERT_TRUE(AtomFilter::Build(patterns, RE2::Options(), &one, /*min_atom_len=*/1).ok());
  EXPECT_TRUE(usual->always());
  ASSERT_FALSE(one->always());
  EXPECT_EQ(one->needles(), (std::vector<std::string>{"http", "|"}));
  for (std::string_view text : {"a | b |", "a | b", "see HTTP://x", "plain text", "pipe|", ""}) {
    const bool needle = text.find('|') != std::string_view::npos ||
                        FoldSameLength(text).find("http") != std::string::npos;
    EXPECT_EQ(one->MayMatch(FoldSameLength(text)), needle) << text;
    if (SetMatches(patterns, text)) {
      EXPECT_TRUE(needle) << text;
    }
  }
  EXPECT_FALSE(one->MayMatch(FoldSameLength("plain text")));
}

// A one-byte atom that is a letter or a digit has no pair to anchor on: it is looked for alone
// (it once anchored on the byte after it, past its end, and was never found).
TEST(AtomFilter, FindsOneByteLetterAndDigitAtoms) {
  const std::vector<std::string> patterns = {R"((?m:Z\C))", R"((?m:7\s*$))", R"((?m:\|\s*$))"};
  std::unique_ptr<AtomFilter> f;
  ASSERT_TRUE(AtomFilter::Build(patterns, RE2::Options(), &f, /*min_atom_len=*/1).ok());
  ASSERT_FALSE(f->always());
  EXPECT_EQ(f->needles(), (std::vector<std::string>{"|", "7", "z"}));
  for (std::string_view text : {"kata Zé", "z", "xyz dan", "pukul 7", "7", "a | b", "plain text"}) {
    const std::string folded = FoldSameLength(text);
    const bool needle = folded.find_first_of("z7|") != std::string::npos;
    EXPECT_EQ(f->MayMatch(folded), needle) << text;
    if (SetMatches(patterns, text)) {
      EXPECT_TRUE(needle) << text;
    }
  }
}

// A rule's macro is required where it stands on every path: its words' first parts are the
// needles, in lower case, with the clause's other atoms.
TEST(AtomFilter, MacroNeedlesAreTheWordsOfTheMacro) {
  MacroPattern mp;
  mp.pieces = {R"(^\s*,?\s*(?P<who>[A-Z]\w*)\s+(?:)", R"()\s*$)"};
  mp.slots = {{"told reporters", "Added", "said"}};
  std::vector<std::string> needles;
  bool always = true;
  ASSERT_TRUE(AtomFilter::MacroNeedles(mp, RE2::Options(), &needles, &always).ok());
  ASSERT_FALSE(always);
  for (const char* w : {"told", "added", "said"}) {
    EXPECT_NE(std::find(needles.begin(), needles.end(), w), needles.end()) << w;
  }
  auto f = AtomFilter::ForNeedles(needles);
  RE2 re(mp.Build());
  ASSERT_TRUE(re.ok()) << re.error();
  for (std::string_view text :
       {", Smith said", ", Smith SAID", ", Smith added", "Smith told  reporters",
        "Smith \xC5\xBF"
        "aid",
        ", Smith spoke", "Smith wrote", ""}) {
    const bool may = f->MayMatch(FoldSameLength(text));
    if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re)) {
      EXPECT_TRUE(may) << text;
    }
    const bool word = FoldSameLength(text).find("said") != std::string::npos ||
                      FoldSameLength(text).find("added") != std::string::npos ||
                      FoldSameLength(text).find("told") != std::string::npos ||
                      text.find("\xC5\xBF") != std::string_view::npos;
    EXPECT_EQ(may, word) << text;
  }
  // An optional macro is not required: the rule's other literal decides, with the words.
  mp.pieces = {R"((?i:according\s+to)\s+(?P<who>\w+)(?:\s+(?:)", R"())?)"};
  ASSERT_TRUE(AtomFilter::MacroNeedles(mp, RE2::Options(), &needles, &always).ok());
  ASSERT_FALSE(always);
  EXPECT_NE(std::find(needles.begin(), needles.end(), "according"), needles.end());
  // A word that holds another needle is found wherever that one is: only the shorter is kept,
  // wherever in the longer it stands.
  mp.slots = {{"retell", "tell", "Tells", "foretold", "told", "untold tales", "toldx"}};
  ASSERT_TRUE(AtomFilter::MacroNeedles(mp, RE2::Options(), &needles, &always).ok());
  ASSERT_FALSE(always);
  for (const char* w : {"tell", "told", "according"}) {
    EXPECT_NE(std::find(needles.begin(), needles.end(), w), needles.end()) << w;
  }
  for (const char* w : {"retell", "tells", "foretold", "untold", "toldx"}) {
    EXPECT_EQ(std::find(needles.begin(), needles.end(), w), needles.end()) << w;
  }
  // A word too short to look for, or of another script, leaves the rule to pass every text.
  mp.slots = {{"said", "ok"}};
  ASSERT_TRUE(AtomFilter::MacroNeedles(mp, RE2::Options(), &needles, &always).ok());
  EXPECT_TRUE(always);
  mp.slots = {{"said",
               "\xC3\xA9"
               "crit"}};
  ASSERT_TRUE(AtomFilter::MacroNeedles(mp, RE2::Options(), &needles, &always).ok());
  EXPECT_TRUE(always);
}

// The property the speaker cues rely on, over the rules the pipeline loads: wherever a cue rule
// matches a text, its filter lets the text through. The texts: the seeds' lines, what stands
// after and before each quotation mark in them (the texts the cues are matched against), and
// cues written in other cases and with the runes that fold to ASCII letters.
TEST(AtomFilter, SpeakerFiltersNeverTurnDownATextTheirRuleMatches) {
  const Rules& rules = test::EmbeddedRules();
  std::vector<std::string> texts = {", Mr. Biden said.",
                                    "\" SAID Ryan Ellis, a tax consultant.",
                                    ", Flynn, a top Trump surrogate, said.",
                                    ", according to the ministry.",
                                    ", Jones \xC5\xBF"
                                    "aid.",
                                    ", the minister tol\xE2\x84\xAA.",
                                    ", kata Jokowi.",
                                    ", UJAR Prabowo kepada wartawan.",
                                    "Menurut Sri Mulyani, ",
                                    ", demikian disampaikan Luhut.",
                                    "PENCE: ",
                                    "More from Jones: ",
                                    ", he said in an interview with CNN.",
                                    ", ucapnya."};
  for (const std::string& seed : test::SeedTexts()) {
    std::string line;
    std::istringstream lines(seed);
    while (std::getline(lines, line)) {
      texts.push_back(line);
      for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '"' && line.compare(i, 3, "\xE2\x80\x9D") != 0 &&
            line.compare(i, 3, "\xE2\x80\x9C") != 0) {
          continue;
        }
        texts.push_back(line.substr(i + (line[i] == '"' ? 1 : 3)));  // after the mark
        texts.push_back(line.substr(0, i));                          // before it
      }
    }
  }
  size_t matched = 0, turned_down = 0, filters = 0;
  for (const LangRules& l : rules.lang) {
    ASSERT_EQ(l.speaker_filter.size(), l.speakers.size());
    for (size_t ri = 0; ri < l.speakers.size(); ++ri) {
      const AtomFilter* f = l.speaker_filter[ri].get();
      if (!f) continue;
      ++filters;
      for (const std::string& text : texts) {
        const bool may = f->MayMatch(FoldSameLength(text));
        if (RE2::PartialMatch(text, *l.speakers[ri].re)) {
          ++matched;
          EXPECT_TRUE(may) << l.speakers[ri].id << ": " << text;
        }
        turned_down += !may;
      }
    }
  }
  EXPECT_GE(filters, 10u);               // the say-word rules of both languages have filters
  EXPECT_GT(matched, 50u);               // the texts do hold cues
  EXPECT_GT(turned_down, texts.size());  // and the filters turn texts down, or they save nothing
}

// With more anchors than an unrolled kernel takes, a filter for short texts looks for three-byte
// grams: it finds each needle at any offset, the text's ends included, and nothing else.
TEST(AtomFilter, GramsFindEachNeedleAnywhere) {
  std::mt19937 rng(7);
  std::vector<std::string> needles;
  for (int k = 0; k < 120; ++k) {
    std::string n(3 + rng() % 6, 'a');
    for (char& c : n) c = "bcdfghjklmpqrvwxyz-'"[rng() % 20];
    needles.push_back(n);
  }
  auto f = AtomFilter::ForNeedles(needles);
  ASSERT_FALSE(f->always());
  auto has_needle = [&](const std::string& text) {
    for (const std::string& n : needles) {
      if (text.find(n) != std::string::npos) return true;
    }
    return text.find("\xC5\xBF") != std::string::npos ||
           text.find("\xE2\x84\xAA") != std::string::npos;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text(rng() % 40, ' ');
    for (char& c : text) c = "etaoin su"[rng() % 9];
    ASSERT_FALSE(has_needle(text));
    EXPECT_FALSE(f->MayMatch(text)) << text;
    std::string with = text;
    const size_t at = rng() % (text.size() + 1);
    if (round % 10 == 0) {
      with.insert(at, round % 20 == 0 ? "\xC5\xBF" : "\xE2\x84\xAA");
    } else {
      with.insert(at, needles[rng() % needles.size()]);
    }
    EXPECT_TRUE(f->MayMatch(with)) << with << " at " << at;
    // Cut short anywhere, the text holds a needle exactly when the filter says so.
    const std::string cut = with.substr(0, rng() % (with.size() + 1));
    EXPECT_EQ(f->MayMatch(cut), has_needle(cut)) << cut;
  }
  EXPECT_FALSE(AtomFilter::ForNeedles({})->MayMatch("anything"));
}

}  // namespace
}  // namespace claims
