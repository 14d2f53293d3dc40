// AtomFilter: the literal prefilter in front of the law and outlet sets
// (include/claims/prefilter.h). What matters is that it never turns down a text one of its patterns
// matches: checked here against RE2::Set itself, on the embedded rules, the seeds and texts made to
// sit on its edges.
#include "claims/prefilter.h"

#include <gtest/gtest.h>
#include <re2/set.h>

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

}  // namespace
}  // namespace claims
