// Stage 2, boilerplate: read-also links, bylines, tweet picture links, comment disclaimers,
// related-headline tables and repeated paragraphs are blanked in place (offsets do not move) and
// never become mentions.
#include "claims/boilerplate.h"

#include <gtest/gtest.h>
#include <re2/set.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "claims/embedded_data.h"
#include "claims/rules.h"
#include "claims/utf8.h"
#include "test_util.h"

namespace claims {
namespace {

using test::EmbeddedRules;

struct Stripped {
  std::string before;
  std::string after;
  std::vector<Removed> removed;
};

// Strips twice, asking the second time for the fold of the stripped text too: the two must agree,
// and that fold must be the stripped text's, whatever each test then checks.
Stripped Strip(std::string text) {
  Stripped s;
  s.before = text;
  s.removed = StripBoilerplate(EmbeddedRules(), &text);
  s.after = std::move(text);
  std::string again = s.before, folded;
  const std::vector<Removed> removed = StripBoilerplate(EmbeddedRules(), &again, &folded);
  EXPECT_EQ(again, s.after);
  EXPECT_EQ(removed.size(), s.removed.size());
  EXPECT_EQ(folded, FoldSameLength(again));
  return s;
}

// The lines of the stripped text, with trailing blanks trimmed.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out = test::SplitLines(text);
  for (auto& l : out) {
    while (!l.empty() && l.back() == ' ') l.pop_back();
  }
  return out;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(' ') == std::string_view::npos; }

TEST(Boilerplate, BlankingKeepsLengthAndNewlines) {
  Stripped s = Strip("Putin berbicara.\nBACA JUGA: Kim datang\nIa pergi.\n");
  ASSERT_EQ(s.after.size(), s.before.size());
  for (size_t i = 0; i < s.before.size(); ++i) {
    if (s.before[i] == '\n') {
      EXPECT_EQ(s.after[i], '\n') << "at " << i;
    } else if (s.after[i] != s.before[i]) {
      EXPECT_EQ(s.after[i], ' ') << "at " << i;
    }
  }
}

TEST(Boilerplate, RemovesReadAlsoLines) {
  Stripped s = Strip(
      "Putin berbicara di Moskow.\n"
      "BACA JUGA: Putin bertemu Kim Jong-un di Pyongyang\n"
      "Baca juga Korea Utara kirim tentara ke Kursk\n"
      "  baca selengkapnya di sini\n"
      "Ia pergi.");
  EXPECT_EQ(Lines(s.after),
            (std::vector<std::string>{"Putin berbicara di Moskow.", "", "", "", "Ia pergi."}));
  ASSERT_EQ(s.removed.size(), 3u);
  for (const Removed& r : s.removed) EXPECT_EQ(r.why, "bp.read-also");
}

TEST(Boilerplate, ReadAlsoMustStartTheLine) {
  Stripped s = Strip("Ia meminta warga baca juga aturan baru itu.");
  EXPECT_EQ(s.after, s.before);
  EXPECT_TRUE(s.removed.empty());
}

TEST(Boilerplate, RemovesEditorLineAndTheShortNameAfterIt) {
  Stripped s = Strip(
      "Putin berterima kasih.\n"
      "Editor:\n"
      "Muhammad Barir\n"
      "Kim Jong Un menyambut baik pernyataan itu.");
  EXPECT_EQ(Lines(s.after),
            (std::vector<std::string>{"Putin berterima kasih.", "", "",
                                      "Kim Jong Un menyambut baik pernyataan itu."}));
  ASSERT_EQ(s.removed.size(), 2u);
  EXPECT_EQ(s.removed[0].why, "bp.byline-alone");
  EXPECT_EQ(s.removed[1].why, "line+next");
}

TEST(Boilerplate, EditorKeepsALongNextLine) {
  // The line after "Editor:" is an article sentence, not a name: it stays.
  Stripped s = Strip(
      "Editor:\n"
      "Presiden Rusia Vladimir Putin menyampaikan terima kasih kepada Korea Utara.");
  std::vector<std::string> lines = Lines(s.after);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "");
  EXPECT_EQ(lines[1],
            "Presiden Rusia Vladimir Putin menyampaikan terima kasih kepada Korea Utara.");
}

TEST(Boilerplate, RemovesBylineWithName) {
  Stripped s = Strip("Penulis: Andi Saputra\nIa pergi.");
  EXPECT_EQ(Lines(s.after), (std::vector<std::string>{"", "Ia pergi."}));
}

TEST(Boilerplate, RemovesOnlyTheTwitterPictureLink) {
  const std::string line = "Putin memuji tentara Korea Utara. pic.twitter.com/AbC123xyz Ia senang.";
  Stripped s = Strip(line);
  const std::string url = "pic.twitter.com/AbC123xyz";
  std::string want = line;
  want.replace(line.find(url), url.size(), std::string(url.size(), ' '));
  EXPECT_EQ(s.after, want);
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].why, "bp.pic-twitter");
  EXPECT_EQ(s.removed[0].span.In(s.before), "pic.twitter.com/AbC123xyz");
}

TEST(Boilerplate, RemovesCommentDisclaimer) {
  Stripped s = Strip(
      "Ia pergi.\n"
      "Isi komentar sepenuhnya adalah tanggung jawab pengguna dan diatur dalam UU ITE.\n"
      "Comments are the sole responsibility of their authors.");
  EXPECT_EQ(Lines(s.after), (std::vector<std::string>{"Ia pergi.", "", ""}));
}

TEST(Boilerplate, RemovesRelatedHeadlineTableRows) {
  Stripped s = Strip(
      "Putin berbicara.\n"
      "| Berita terkait |\n"
      "| --- |\n"
      "| Putin temui Trump di Alaska |\n"
      "Kim mendengar.");
  EXPECT_EQ(Lines(s.after),
            (std::vector<std::string>{"Putin berbicara.", "", "", "", "Kim mendengar."}));
}

TEST(Boilerplate, BlanksTheSecondCopyOfARepeatedParagraph) {
  const std::string para = "Rusia dan Ukraina terus berperang di wilayah Kursk sejak Agustus.";
  Stripped s = Strip(para + "\nIa pergi.\n" + para + "\n");
  std::vector<std::string> lines = Lines(s.after);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], para);
  EXPECT_EQ(lines[1], "Ia pergi.");
  EXPECT_EQ(lines[2], "");
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].why, "duplicate-paragraph");
}

TEST(Boilerplate, RepeatedParagraphIgnoresSpacing) {
  Stripped s = Strip(
      "Rusia dan Ukraina terus  berperang di Kursk.\n"
      "  Rusia dan Ukraina terus berperang di Kursk.  ");
  EXPECT_EQ(Lines(s.after)[0], "Rusia dan Ukraina terus  berperang di Kursk.");
  EXPECT_TRUE(IsBlank(Lines(s.after)[1]));
}

TEST(Boilerplate, RepeatedParagraphIgnoresTabs) {
  Stripped s = Strip(
      "Rusia dan Ukraina terus berperang di Kursk.\n"
      "Rusia dan\tUkraina terus \t berperang di Kursk.\n"
      "Rusia dan Ukraina terus berperang di Kursk .\n");
  EXPECT_EQ(Lines(s.after)[0], "Rusia dan Ukraina terus berperang di Kursk.");
  EXPECT_TRUE(IsBlank(Lines(s.after)[1]));
  EXPECT_EQ(Lines(s.after)[2], "Rusia dan Ukraina terus berperang di Kursk .");  // other words
}

// The check for runs of white space reads 16 bytes at a time: a double space or a tab at every
// offset of a long line, in a block or in the bytes after the last whole block, is folded.
TEST(Boilerplate, RepeatedParagraphIgnoresSpacingAtEveryOffset) {
  // Words of 1 to 3 letters: the spaces between them stand at every offset modulo 16.
  std::string line = "Rusia";
  for (size_t k = 0; k < 32; ++k)
    line += " " + std::string(k % 3 + 1, static_cast<char>('a' + k % 26));
  line += ".";
  std::vector<bool> offsets(16, false);
  for (size_t at = 1; at + 1 < line.size(); ++at) {
    if (line[at] != ' ') continue;
    offsets[at % 16] = true;
    for (const char* extra : {" ", "\t"}) {
      std::string copy = line;
      copy.insert(at, extra);
      Stripped s = Strip(line + "\n" + copy + "\n");
      ASSERT_EQ(s.removed.size(), 1u) << "at " << at << " extra '" << extra << "'";
      EXPECT_TRUE(IsBlank(Lines(s.after)[1])) << at;
    }
  }
  EXPECT_EQ(std::count(offsets.begin(), offsets.end(), true), 16);
}

TEST(Boilerplate, ShortRepeatedLinesStay) {
  Stripped s = Strip("Foto: AP\nIa pergi.\nFoto: AP");
  EXPECT_EQ(s.after, s.before);
}

// The fold StripBoilerplate hands back is the blanked text's: capitals outside and inside what it
// blanks, in ASCII and not (É, Ö, Ǆ), and a repeated paragraph, on their own and in the seeds.
TEST(Boilerplate, FoldedTextIsTheFoldOfTheStrippedText) {
  const std::vector<std::string> made = {
      "JAKARTA, KOMPAS.com - Éva Öberg berkata.\nBACA JUGA: Éva Öberg Dan ǄEMAL\n"
      "Lihat https://EXAMPLE.com/ÉTÉ dan pic.twitter.com/ÖÄ di sini.\n",
      "Paragraf panjang yang diulang oleh situs ÉDITOR untuk kedua kalinya di sini.\n"
      "Paragraf panjang yang diulang oleh situs ÉDITOR untuk kedua kalinya di sini.\n"
      "Editor:\nÉmile Zola\nSelesai.",
  };
  std::vector<std::string> texts = made;
  for (const std::string& seed : test::SeedTexts()) texts.push_back(seed);
  size_t blanked = 0;
  for (const std::string& t : texts) {
    std::string text = t, folded;
    const std::vector<Removed> removed = StripBoilerplate(EmbeddedRules(), &text, &folded);
    EXPECT_EQ(folded, FoldSameLength(text));
    blanked += !removed.empty();
  }
  EXPECT_GT(blanked, made.size());  // the made texts and some seeds had something blanked
}

// A span that ends inside a character (RE2's \C takes one byte, even in UTF-8) cannot be blanked
// in the fold as it was in the text: the fold is then made again from the blanked text.
TEST(Boilerplate, FoldedTextAfterASpanEndingInsideACharacter) {
  std::map<std::string, std::string> files;
  for (const EmbeddedFile& f : EmbeddedData()) files.emplace(f.path, f.bytes);
  files["boilerplate.rules"] += "test.byte\tspan\tZ\\C\n";
  Rules rules;
  ASSERT_TRUE(LoadRulesFromFiles(files, &rules, 1).ok());
  std::string text = "Kata Zé dan ZÉ di sini.", folded;
  const std::vector<Removed> removed = StripBoilerplate(rules, &text, &folded);
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(removed[1].span.size(), 2u);  // "Z" and the first byte of "É"
  EXPECT_EQ(folded, FoldSameLength(text));
}

TEST(Boilerplate, RemovedRangesAreInTextOrder) {
  Stripped s = Strip(
      "Editor:\nAndi\nBACA JUGA: x\nIa pergi. pic.twitter.com/abc\n"
      "Rusia dan Ukraina terus berperang di Kursk.\nRusia dan Ukraina terus berperang di Kursk.");
  ASSERT_GE(s.removed.size(), 5u);
  for (size_t i = 1; i < s.removed.size(); ++i) {
    EXPECT_LE(s.removed[i - 1].span.begin, s.removed[i].span.begin);
  }
}

TEST(Boilerplate, NothingInABlankedRangeBecomesAMention) {
  const std::string text =
      "JAKARTA - Presiden Rusia Vladimir Putin berbicara di Moskow pada hari Senin.\n"
      "BACA JUGA: Trump bertemu Xi Jinping di Beijing pada 6 Agustus 2024\n"
      "Baca juga \"Kami menang,\" kata Zelensky di Kyiv\n"
      "Editor:\n"
      "Donald Trump\n"
      "Putin memuji tentara Korea Utara. pic.twitter.com/Jakarta2024 Ia senang.\n"
      "Isi komentar sepenuhnya tanggung jawab pengguna, kata Emmanuel Macron di Paris.\n"
      "| Erdogan temui Modi di New Delhi 10.000 tentara |\n"
      "Rusia dan Ukraina terus berperang di wilayah Kursk sejak Agustus tahun lalu.\n"
      "Rusia dan Ukraina terus berperang di wilayah Kursk sejak Agustus tahun lalu.\n";
  Document doc = test::AnalyzeText(text);
  ASSERT_FALSE(doc.removed.empty());
  for (const Mention& m : doc.mentions) {
    for (const Removed& r : doc.removed) {
      EXPECT_FALSE(m.span.Overlaps(r.span)) << KindName(m.kind) << " mention '" << m.text
                                            << "' lies in boilerplate (" << r.why << ")";
    }
  }
  // The article itself is still read.
  std::vector<std::string> people = test::Values(test::MentionsOf(doc, MentionKind::kPerson));
  EXPECT_NE(std::find(people.begin(), people.end(), "Vladimir Putin"), people.end())
      << test::Dump(doc);
  for (const char* gone : {"Donald Trump", "Xi Jinping", "Volodymyr Zelensky", "Emmanuel Macron",
                           "Narendra Modi", "Recep Tayyip Erdogan"}) {
    EXPECT_EQ(std::find(people.begin(), people.end(), gone), people.end())
        << gone << " comes from boilerplate\n"
        << test::Dump(doc);
  }
  EXPECT_TRUE(test::MentionsOf(doc, MentionKind::kQuote).empty()) << test::Dump(doc);
  EXPECT_TRUE(test::MentionsOf(doc, MentionKind::kNumber).empty()) << test::Dump(doc);
  // The repeated paragraph (lines 9 and 10) is read once: its first copy.
  int line9 = 0, line10 = 0;
  for (const Mention& m : doc.mentions) {
    line9 += m.line == 9;
    line10 += m.line == 10;
  }
  EXPECT_GT(line9, 0) << test::Dump(doc);
  EXPECT_EQ(line10, 0) << test::Dump(doc);
}

TEST(AnchoredAtLineStart, ReadsTopLevelAlternativesConservatively) {
  struct Case {
    const char* pattern;
    bool anchored;
  } cases[] = {
      {"^a", true},
      {"^\\s*(?i:read\\s+more|see\\s+also)\\s*$", true},
      {"^a|^b", true},
      {"^a|b", false},
      {"a|^b", false},
      {"(?i)^a", true},
      {"(?i)(?s)^a|(?U)^b", true},
      {"(?i:^a)", false},  // a group first: not read, so unanchored
      {"(^a|^b)", false},  // likewise
      {"^(a|b)c", true},   // the | is inside a group
      {"^a\\|b", true},    // an escaped |
      {"^a[|]b", true},    // a | in a class
      {"^a[]|]b", true},   // ] first in a class is a member
      {"^a[^]|]b", true},  // and after [^
      {"^a[[:alpha:]|]b", true},
      {"^a[|", false},  // an unclosed class
      {"^a(", false},   // an unclosed group
      {"^a)", false},
      {"[^a]", false},  // ^ negating a class is no anchor
      {"^*a", false},   // a quantified ^ may match nothing
      {"^+a", false},
      {"^{2}a", false},
      {"^?a", false},
      {"^a\\z", false},  // the text's end is not a line's
      {"\\A^a", false},
      {"^a(?-m:$)", false},  // m cleared inside: $ is the text's end
      {"(?m)^a", false},
      {"^a\\Q|\\E", false},  // \Q...\E is not read
      {"^(?P<who>\\w+):", true},
      {"^\\s*(?i:copyright|hak\\s+cipta)\\b.{0,80}$|^\\s*\xC2\xA9", true},
      {"\\|\\s*$", false},
      {"https?://\\S+", false},
  };
  for (const Case& c : cases) EXPECT_EQ(AnchoredAtLineStart(c.pattern), c.anchored) << c.pattern;
}

// What one set over every boilerplate rule, in multi-line mode, finds in the lines that hold more
// than spaces, each searched on its own (no match crosses a newline): the rules StripBoilerplate
// must try.
std::vector<int> ReferenceCandidates(std::string_view text) {
  const Rules& rules = EmbeddedRules();
  RE2::Options o;
  o.set_never_nl(true);
  RE2::Set set(o, RE2::UNANCHORED);
  for (const Rule& r : rules.boilerplate)
    EXPECT_GE(set.Add("(?m:" + r.re->pattern() + ")", nullptr), 0);
  EXPECT_TRUE(set.Compile());
  std::vector<int> out, hits;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.find_first_not_of(' ') == std::string_view::npos) continue;
    if (set.Match(re2::StringPiece(line.data(), line.size()), &hits)) {
      out.insert(out.end(), hits.begin(), hits.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(BoilerplateCandidates, AreTheRulesOneSetFindsInTheLines) {
  const Rules& rules = EmbeddedRules();
  ASSERT_TRUE(rules.boilerplate_line_start.set);
  ASSERT_TRUE(rules.boilerplate_rest.set);
  ASSERT_TRUE(rules.boilerplate_rest.filter);
  EXPECT_FALSE(rules.boilerplate_rest.filter->always());
  // The embedded rules split as their patterns say: the table row, comment, tweet and link rules
  // can match anywhere in a line.
  std::vector<std::string> rest;
  for (int r : rules.boilerplate_rest.rules)
    rest.push_back(rules.boilerplate[static_cast<size_t>(r)].id);
  EXPECT_EQ(rest,
            (std::vector<std::string>{"bp.table-row", "bp.comment", "bp.pic-twitter", "bp.url"}));
  std::vector<std::string> texts = test::SeedTexts();
  texts.push_back("");
  texts.push_back("   \n\n  ");
  texts.push_back("Plain news.\nNo boilerplate here at all.\n");
  texts.push_back("  Baca juga: Prabowo tiba\nx\n\tEditor:\nAna\nREAD MORE: y\n");
  texts.push_back("Body | with a bar\n| a | b |\n| a | b |   \n---\n  ---  |\n");
  texts.push_back("see http://x.y/z here\npic.twitter.com/abc\nHTTPS://A.B\n");
  texts.push_back("Isi komentar sepenuhnya tanggung jawab pembaca\n");
  texts.push_back("Comments are the sole responsibility of their authors\n");
  texts.push_back("Copyright 2025 Kompas\n\xC2\xA9 2025\n  Hak   Cipta dilindungi\n");
  texts.push_back("Advertisement\nScroll to continue with content\nFollow us on X\n");
  texts.push_back("Sumber:\nSource\nBy: \nWritten by:\n");
  texts.push_back("Not a byline: Editor: x\nmid-line Baca juga: z\nthe url http is not one\n");
  texts.push_back(
      "\xC5\xBF"
      "ee also\nH\xE2\x84\xAA\n|");  // U+017F, U+212A, a bar at the end
  size_t found = 0;
  for (const std::string& text : texts) {
    const std::vector<int> got = BoilerplateCandidates(rules, text);
    EXPECT_EQ(got, ReferenceCandidates(text)) << text;
    found += got.size();
  }
  EXPECT_GT(found, 15u);  // the texts reach most rules
}

}  // namespace
}  // namespace claims
