// AlternationCut (include/claims/alternation_cut.h): a speaker rule's word lists cut to the words
// of one match must give the groups the whole rule gives. Checked against the whole rule on the
// embedded rules over cue texts built from every speech word, in the spellings RE2's case folding
// and the rules' [\s-]+ accept, and on the pieces it is made of.
#include "claims/alternation_cut.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

MacroPattern TwoSlots() {
  MacroPattern p;
  p.pieces = {"^(?P<who>\\w+) (?:", "|", ") (?P<what>.*)$"};
  p.slots = {{"said of", "said", "told"}, {"warned", "noted"}};
  return p;
}

TEST(MacroPattern, BuildsEveryWordOrOnlyThoseKept) {
  MacroPattern p = TwoSlots();
  EXPECT_EQ(p.Build(),
            "^(?P<who>\\w+) (?:(?i:said[\\s-]+of|said|told)|(?i:warned|noted)) (?P<what>.*)$");
  std::vector<std::vector<bool>> keep = {{false, true, false}, {false, false}};
  const std::string cut = p.Build(&keep);
  EXPECT_EQ(cut, "^(?P<who>\\w+) (?:(?i:said)|(?i:[^\\x00-\\x{10FFFF}])) (?P<what>.*)$");
  // A slot with no word kept never matches; the other still does.
  RE2 re(cut);
  ASSERT_TRUE(re.ok()) << re.error();
  EXPECT_TRUE(RE2::FullMatch("Ana SAID it", re));
  EXPECT_FALSE(RE2::FullMatch("Ana warned it", re));
  EXPECT_FALSE(RE2::FullMatch("Ana told it", re));
}

TEST(QuotePhrase, EscapesMetacharactersAndWidensSpaces) {
  EXPECT_EQ(QuotePhrase("a.b (c)"), "a\\.b[\\s-]+\\(c\\)");
  EXPECT_EQ(QuotePhrase("x-y"), "x\\-y");
}

std::unique_ptr<AlternationCut> CutOf(MacroPattern p) {
  RE2::Options o;
  return AlternationCut::Make(std::move(p), o);
}

TEST(AlternationCut, KeepsOnlyTheWordsInTheMatchAndCachesTheCut) {
  auto cut = CutOf(TwoSlots());
  ASSERT_NE(cut, nullptr);
  const RE2* a = cut->For("Ana Said it");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->pattern(), "^(?P<who>\\w+) (?:(?i:said)|(?i:[^\\x00-\\x{10FFFF}])) (?P<what>.*)$");
  // "said of" needs both its parts; "Told" is found in any case.
  const RE2* b = cut->For("Bo said, of course, he TOLD them");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->pattern(),
            "^(?P<who>\\w+) (?:(?i:said[\\s-]+of|said|told)|(?i:[^\\x00-\\x{10FFFF}])) "
            "(?P<what>.*)$");
  // The same words kept: the same compiled rule, from the cache.
  EXPECT_EQ(cut->For("Cy said so"), a);
  EXPECT_EQ(cut->cached(), 2u);
}

// Each cut answers from its own cache: two cuts with the same words kept, and a cut made where a
// freed one may have been, each get their own compiled rule; another thread gets the same one.
TEST(AlternationCut, EachCutAnswersFromItsOwnCacheSharedByThreads) {
  MacroPattern other = TwoSlots();
  other.pieces[2] = ") (?P<what>.+)$";
  auto first = CutOf(TwoSlots());
  auto second = CutOf(other);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  for (int round = 0; round < 2; ++round) {  // the second round from the cache
    const RE2* a = first->For("Ana said it");
    const RE2* b = second->For("Ana said it");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_NE(a, b);
    EXPECT_EQ(a->pattern(), "^(?P<who>\\w+) (?:(?i:said)|(?i:[^\\x00-\\x{10FFFF}])) (?P<what>.*)$");
    EXPECT_EQ(b->pattern(), "^(?P<who>\\w+) (?:(?i:said)|(?i:[^\\x00-\\x{10FFFF}])) (?P<what>.+)$");
  }
  // Cuts freed and made again, maybe at the same address: never an answer of the freed one.
  for (int i = 0; i < 8; ++i) {
    first = CutOf(i % 2 ? other : TwoSlots());
    const RE2* re = first->For("Bo told them");
    ASSERT_NE(re, nullptr);
    EXPECT_EQ(re->pattern(), fmt::format("^(?P<who>\\w+) (?:(?i:told)|(?i:[^\\x00-\\x{{10FFFF}}])) "
                                         "(?P<what>.{})$",
                                         i % 2 ? "+" : "*"));
    EXPECT_EQ(first->cached(), 1u);
  }
  // Another thread: the same compiled rule, from the shared cache.
  const RE2* here = second->For("Cy noted that");
  const RE2* there = nullptr;
  std::thread([&] { there = second->For("Cy noted that"); }).join();
  EXPECT_EQ(here, there);
  EXPECT_EQ(second->cached(), 2u);
}

TEST(AlternationCut, LeavesToTheWholeRuleWhatItCannotCut) {
  auto cut = CutOf(TwoSlots());
  ASSERT_NE(cut, nullptr);
  // Every word present: the cut would be the whole rule.
  EXPECT_EQ(cut->For("said of told warned noted"), nullptr);
  // U+017F (long s) and U+212A (Kelvin sign) match s and k case-insensitively in RE2.
  EXPECT_EQ(cut->For("Ana \xC5\xBF"
                     "aid it"),
            nullptr);
  EXPECT_EQ(cut->For("Ana as\xE2\x84\xAA"
                     "ed"),
            nullptr);
  EXPECT_EQ(cut->cached(), 0u);
}

TEST(AlternationCut, KeepsWordsWithNonAsciiBytesAlways) {
  MacroPattern p;
  p.pieces = {"(?:", ")"};
  p.slots = {{"sagte", "sprach", "erklärte"}};
  auto cut = CutOf(p);
  ASSERT_NE(cut, nullptr);
  const RE2* re = cut->For("er sagte");
  ASSERT_NE(re, nullptr);
  EXPECT_EQ(re->pattern(), "(?:(?i:sagte|erklärte))");
  // Only the non-ASCII word left: still kept.
  re = cut->For("nichts");
  ASSERT_NE(re, nullptr);
  EXPECT_EQ(re->pattern(), "(?:(?i:erklärte))");
}

TEST(AlternationCut, IsMadeOnlyWhereItPays) {
  MacroPattern none;
  none.pieces = {"plain"};
  EXPECT_EQ(CutOf(none), nullptr);  // no macro
  EXPECT_FALSE(AlternationCut::WorthCutting(none, 10000));
  // A list of 400 six-letter words weighs 2,800: worth it in a program of 4,000, not of 5,000,
  // and never in one under kMinProgram.
  MacroPattern big;
  big.pieces = {"x(?:", ")"};
  big.slots.resize(1);
  for (int i = 0; i < 400; ++i) big.slots[0].push_back(fmt::format("w{:05}", i));
  EXPECT_TRUE(AlternationCut::WorthCutting(big, 4000));
  EXPECT_FALSE(AlternationCut::WorthCutting(big, 5000));
  EXPECT_FALSE(AlternationCut::WorthCutting(TwoSlots(), AlternationCut::kMinProgram - 1));
  // The embedded rules: the English say-rules are cut; the Indonesian one whose size is mostly a
  // counted repetition, and the verb rules (never searched for groups), are not.
  const Rules& rules = test::EmbeddedRules();
  for (int l = 0; l < kNumLangs; ++l) {
    const LangRules& lr = rules.lang[l];
    for (size_t i = 0; i < lr.speakers.size(); ++i) {
      const std::string& id = lr.speakers[i].id;
      const bool cut = lr.speaker_cut[i] != nullptr;
      if (id == "en.after.say-who" || id == "en.before.say-colon") {
        EXPECT_TRUE(cut) << id;
      }
      if (id == "id.after.name-say" || lr.speakers[i].kind == "verb") {
        EXPECT_FALSE(cut) << id;
      }
    }
  }
}

TEST(AlternationCut, StopsCompilingWhenItsCacheIsFull) {
  MacroPattern p;
  p.pieces = {"(?:", ")"};
  const size_t n = AlternationCut::kMaxCached + 8;
  for (size_t i = 0; i < n; ++i) p.slots.resize(1), p.slots[0].push_back("w" + std::to_string(i));
  auto cut = CutOf(p);
  ASSERT_NE(cut, nullptr);
  size_t cut_count = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string text = " w" + std::to_string(i) + " ";
    const RE2* re = cut->For(text);
    if (i < AlternationCut::kMaxCached) {
      ASSERT_NE(re, nullptr) << i;
      ++cut_count;
    } else {
      EXPECT_EQ(re, nullptr) << i;
    }
  }
  EXPECT_EQ(cut_count, AlternationCut::kMaxCached);
  EXPECT_EQ(cut->cached(), AlternationCut::kMaxCached);
  // What is cached is still served.
  EXPECT_NE(cut->For(" w3 "), nullptr);
}

// The words of some classes of a language's words.tsv, as written.
std::vector<std::string> WordsOf(const std::string& lang, const std::set<std::string>& classes) {
  std::ifstream in(test::SourceDir() + "/data/lang/" + lang + "/words.tsv");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string cls, phrase;
    std::getline(fields, cls, '\t');
    std::getline(fields, phrase, '\t');
    if (classes.count(cls)) out.push_back(phrase);
  }
  return out;
}

// Cue texts as the attribution sees them (after a closing mark, before an opening one), with each
// speech word in several spellings: as listed, capitalised, upper-cased, with a hyphen or two
// spaces for a space, glued to a following letter, and spelt with U+017F or U+212A.
std::vector<std::string> CueTexts(const std::vector<std::string>& words) {
  std::vector<std::string> spellings;
  for (const std::string& w : words) {
    std::string cap = w, upper = w, hyphen = w, spaces;
    cap[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[0])));
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : hyphen) c = c == ' ' ? '-' : c;
    for (char c : w) spaces += c == ' ' ? std::string("  ") : std::string(1, c);
    spellings.insert(spellings.end(), {w, cap, upper, hyphen, spaces, w + "x"});
    std::string odd = w;
    size_t s = odd.find('s'), k = odd.find('k');
    if (s != std::string::npos) spellings.push_back(odd.replace(s, 1, "\xC5\xBF"));
    odd = w;
    if (k != std::string::npos) spellings.push_back(odd.replace(k, 1, "\xE2\x84\xAA"));
  }
  const std::vector<std::string> who = {"Mr Smith", "the minister", "he", "Jane Doe, a doctor,",
                                        "Kim"};
  std::vector<std::string> texts;
  for (size_t i = 0; i < spellings.size(); ++i) {
    const std::string& w = spellings[i];
    const std::string& other = spellings[(i * 7 + 3) % spellings.size()];
    const std::string& name = who[i % who.size()];
    texts.push_back(", " + name + " " + w + ".");
    texts.push_back(", " + w + " " + name + ".");
    texts.push_back(" " + w + " " + name + ", who " + other + " it.");
    texts.push_back(", " + name + ", who " + other + " us, " + w + " on Monday.");
    texts.push_back(name + " " + w + ": ");
    texts.push_back(name + " " + w + " that ");
    texts.push_back("And " + name + " " + other + " and " + w + ", ");
    texts.push_back(", " + w + " " + name + ", ");
  }
  return texts;
}

TEST(AlternationCut, GivesTheWholeRulesGroupsOnTheEmbeddedRules) {
  const Rules& rules = test::EmbeddedRules();
  size_t cut_rules = 0, matches = 0, cut_matches = 0;
  for (int l = 0; l < kNumLangs; ++l) {
    const LangRules& lr = rules.lang[l];
    ASSERT_EQ(lr.speaker_cut.size(), lr.speakers.size());
    const std::string lang(LangName(lr.lang));
    const std::vector<std::string> texts = CueTexts(WordsOf(lang, {"say", "sayverb", "saypron"}));
    for (size_t ri = 0; ri < lr.speakers.size(); ++ri) {
      const AlternationCut* cut = lr.speaker_cut[ri].get();
      if (!cut) continue;
      ++cut_rules;
      const RE2& re = *lr.speakers[ri].re;
      const int n = re.NumberOfCapturingGroups() + 1;
      for (const std::string& text : texts) {
        const re2::StringPiece piece(text);
        std::vector<re2::StringPiece> whole(n), got(n);
        if (!re.Match(piece, 0, text.size(), RE2::UNANCHORED, whole.data(), n)) continue;
        ++matches;
        re2::StringPiece m;
        ASSERT_TRUE(re.Match(piece, 0, text.size(), RE2::UNANCHORED, &m, 1));
        const RE2* cut_re = cut->For(std::string_view(m.data(), m.size()));
        if (!cut_re) continue;
        ++cut_matches;
        EXPECT_LT(cut_re->ProgramSize(), re.ProgramSize());
        const size_t b = static_cast<size_t>(m.data() - piece.data());
        ASSERT_TRUE(cut_re->Match(piece, b, b + m.size(), RE2::ANCHOR_BOTH, got.data(), n))
            << lr.speakers[ri].id << " on '" << text << "'";
        for (int g = 0; g < n; ++g) {
          EXPECT_EQ(got[g].data(), whole[g].data())
              << lr.speakers[ri].id << " group " << g << " on '" << text << "'";
          EXPECT_EQ(got[g].size(), whole[g].size())
              << lr.speakers[ri].id << " group " << g << " on '" << text << "'";
        }
      }
    }
  }
  // The English say-lists are what the cut is for: every one of those rules is cut, and the
  // texts reach them.
  EXPECT_GE(cut_rules, 9u);
  EXPECT_GT(cut_matches, 2000u);
  EXPECT_GT(matches, cut_matches);  // the odd spellings go to the whole rule
}

}  // namespace
}  // namespace claims
