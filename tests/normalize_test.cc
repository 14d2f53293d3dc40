// Stage 1, normalise: what changes in the text and that every normalised byte maps back to the
// original byte it came from (spans printed by every later stage depend on it).
#include "claims/normalize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "claims/utf8.h"

namespace claims {
namespace {

// The original bytes behind normalised [b, e).
std::string Back(std::string_view original, const NormalizedText& n, uint32_t b, uint32_t e) {
  return std::string(n.ToOriginal({b, e}).In(original));
}

// SkipAscii reads eight bytes at a time: a high byte at any offset, in the words or in the tail
// after the last whole word, and a start past some of the text, all give the first one.
TEST(Utf8, SkipAsciiFindsTheFirstHighByteAtEveryOffset) {
  for (size_t len = 0; len < 40; ++len) {
    const std::string ascii(len, 'a');
    EXPECT_EQ(SkipAscii(ascii, 0), len) << len;
    for (size_t at = 0; at < len; ++at) {
      std::string s = ascii;
      s[at] = '\xC3';
      for (size_t from = 0; from <= at; ++from) {
        ASSERT_EQ(SkipAscii(s, from), at) << "len " << len << " at " << at << " from " << from;
      }
      EXPECT_EQ(SkipAscii(s, at + 1), len) << len << " " << at;
    }
  }
}

// FoldSameLength lower-cases every letter it can in place, ASCII or not, wherever it stands.
TEST(Utf8, FoldSameLengthFoldsLettersAfterLongAsciiRuns) {
  EXPECT_EQ(FoldSameLength("ABCDEFGHIJKLMNOP \xC3\x89"
                           "COLE QRSTUVWXYZ \xC3\x89"),
            "abcdefghijklmnop \xC3\xA9"
            "cole qrstuvwxyz \xC3\xA9");
}

// The ASCII pass, sixteen bytes at a time and byte by byte after: every byte value at every place
// of texts shorter and longer than a block folds as the one-byte rule says. A lone byte >= 0x80
// among ASCII is no character, and stays; anywhere it stands, the pass for other letters runs (an
// \xC3\x89 after it is folded).
TEST(Utf8, FoldSameLengthFoldsEveryAsciiByteWhereverItStands) {
  const std::string filler = "Az@[`{Z0aM";
  auto one_byte = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return s;
  };
  int checked = 0;
  for (size_t len = 1; len <= 40; ++len) {
    std::string text;
    for (size_t i = 0; i < len; ++i) text.push_back(filler[i % filler.size()]);
    for (size_t pos = 0; pos < len; ++pos) {
      for (int b = 0; b < 256; ++b) {
        std::string t = text;
        t[pos] = static_cast<char>(b);
        ASSERT_EQ(FoldSameLength(t), one_byte(t))
            << "length " << len << " byte " << b << " at " << pos;
        ++checked;
      }
      std::string t = text;
      t[pos] = static_cast<char>(0xFF);
      EXPECT_EQ(FoldSameLength(t + "\xC3\x89"), one_byte(t) + "\xC3\xA9") << "length " << len;
    }
  }
  EXPECT_EQ(checked, 820 * 256);
}

TEST(Normalize, OriginMapsEveryByteAndEndsAtOriginalSize) {
  const std::string in =
      "\xEF\xBB\xBF\xE2\x80\x9CHalo\xE2\x80\x9D\r\nkata\xC2\xA0"
      "dia.";
  NormalizedText n = Normalize(in);
  ASSERT_EQ(n.origin.size(), n.text.size() + 1);
  EXPECT_EQ(n.origin.back(), in.size());
  for (size_t i = 1; i < n.origin.size(); ++i) {
    EXPECT_LE(n.origin[i - 1], n.origin[i]) << "origin must not go backwards at " << i;
  }
}

TEST(Normalize, RemovesLeadingBom) {
  const std::string in = "\xEF\xBB\xBFPutin";
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "Putin");
  EXPECT_EQ(n.origin[0], 3u);
  EXPECT_EQ(Back(in, n, 0, 5), "Putin");
}

TEST(Normalize, BomInsideTextIsDroppedToo) {
  // U+FEFF after the start is a zero-width no-break space: it goes as well.
  NormalizedText n = Normalize(
      "a\xEF\xBB\xBF"
      "b");
  EXPECT_EQ(n.text, "ab");
  EXPECT_EQ(n.origin[1], 4u);
}

TEST(Normalize, CrLfAndLoneCrBecomeLf) {
  const std::string in = "a\r\nb\rc\nd";
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "a\nb\nc\nd");
  EXPECT_EQ(n.origin[1], 1u);  // the \n stands for the \r
  EXPECT_EQ(n.origin[2], 3u);  // b
  EXPECT_EQ(n.origin[4], 5u);  // c
  EXPECT_EQ(n.origin[6], 7u);  // d
}

TEST(Normalize, CurlyDoubleQuotesBecomeAsciiAndMapBack) {
  // “Kami” = E2 80 9C 'K' 'a' 'm' 'i' E2 80 9D
  const std::string in = "Ia: \xE2\x80\x9CKami\xE2\x80\x9D.";
  NormalizedText n = Normalize(in);
  ASSERT_EQ(n.text, "Ia: \"Kami\".");
  EXPECT_EQ(n.origin[4], 4u);    // “ starts at byte 4
  EXPECT_EQ(n.origin[5], 7u);    // K
  EXPECT_EQ(n.origin[9], 11u);   // ” starts at byte 11
  EXPECT_EQ(n.origin[10], 14u);  // the final period
  // The content between the marks maps back to exactly "Kami"; the whole quotation to the curly
  // marks with it.
  EXPECT_EQ(Back(in, n, 5, 9), "Kami");
  EXPECT_EQ(Back(in, n, 4, 10), "\xE2\x80\x9CKami\xE2\x80\x9D");
}

TEST(Normalize, CurlySingleQuotesAndGuillemets) {
  const std::string in =
      "\xE2\x80\x98"
      "a\xE2\x80\x99 \xC2\xAB"
      "b\xC2\xBB";  // ‘a’ «b»
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "'a' \"b\"");
  EXPECT_EQ(Back(in, n, 0, 1), "\xE2\x80\x98");
  EXPECT_EQ(Back(in, n, 2, 3), "\xE2\x80\x99");
  EXPECT_EQ(Back(in, n, 4, 5), "\xC2\xAB");
  EXPECT_EQ(Back(in, n, 6, 7), "\xC2\xBB");
}

TEST(Normalize, TwoApostrophesAreOneDoubleQuote) {
  const std::string in = "''Ya,'' katanya.";
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "\"Ya,\" katanya.");
  EXPECT_EQ(n.origin[1], 2u);
  EXPECT_EQ(Back(in, n, 0, 1), "''");
}

TEST(Normalize, DashesSpacesAndInvisibles) {
  // en dash, em dash, NBSP, thin space, zero-width space, soft hyphen.
  const std::string in =
      "10.000\xE2\x80\x93"
      "12.000 a\xE2\x80\x94"
      "b c\xC2\xA0"
      "d e\xE2\x80\x89"
      "f g\xE2\x80\x8Bh i\xC2\xADj";
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "10.000-12.000 a-b c d e f gh ij");
  EXPECT_EQ(n.origin.back(), in.size());
}

TEST(Normalize, ComposesCombiningAccentNfc) {
  // "Cafe" + U+0301 COMBINING ACUTE ACCENT + "!" -> "Café!".
  const std::string in = "Cafe\xCC\x81!";
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "Caf\xC3\xA9!");
  // Both bytes of é come from the e (byte 3); the ! is byte 6 of the original.
  EXPECT_EQ(n.origin[3], 3u);
  EXPECT_EQ(n.origin[4], 3u);
  EXPECT_EQ(n.origin[5], 6u);
  EXPECT_EQ(Back(in, n, 3, 5), "e\xCC\x81");
  EXPECT_EQ(n.text, Nfc(n.text));
}

TEST(Normalize, InvalidUtf8BecomesReplacementCharacter) {
  // Mostly UTF-8 (é twice) with a stray byte and a truncated sequence at the end.
  const std::string in =
      "ab\xFF"
      "cd \xC3\xA9\xC3\xA9 \xC3";
  NormalizedText n = Normalize(in);
  EXPECT_FALSE(n.windows1252);
  EXPECT_EQ(n.text,
            "ab\xEF\xBF\xBD"
            "cd \xC3\xA9\xC3\xA9 \xEF\xBF\xBD");
  EXPECT_EQ(n.first_invalid, 2u);
  EXPECT_EQ(n.origin[5], 3u);  // c
  EXPECT_EQ(Back(in, n, 2, 5), "\xFF");
  EXPECT_EQ(n.origin.back(), in.size());
}

TEST(Normalize, SingleByteTextIsReadAsWindows1252) {
  // Latin-1 / Windows-1252: é = E9, “ = 93, ” = 94. Every non-ASCII byte is invalid UTF-8.
  const std::string in =
      "Caf\xE9 \x93"
      "bagus\x94 kata Putin";
  EXPECT_TRUE(LooksWindows1252(in));
  NormalizedText n = Normalize(in);
  EXPECT_TRUE(n.windows1252);
  EXPECT_EQ(n.text, "Caf\xC3\xA9 \"bagus\" kata Putin");
  EXPECT_EQ(n.first_invalid, 3u);
  // Offsets still point into the original bytes.
  EXPECT_EQ(n.origin[3], 3u);
  EXPECT_EQ(n.origin[4], 3u);
  EXPECT_EQ(Back(in, n, 6, 7), "\x93");
  EXPECT_EQ(Back(in, n, 7, 12), "bagus");
}

// Regression (fixed in f1e7c80): OriginalQuoteStyle decoded a Windows-1252 original as UTF-8, so
// its curly marks 0x93 (“) and 0x94 (”) came back as kNone.
TEST(OriginalQuoteStyle, Windows1252CurlyQuotes) {
  const std::string in =
      "Caf\xE9 \x93"
      "bagus\x94 kata Putin";
  NormalizedText n = Normalize(in);
  ASSERT_EQ(n.text, "Caf\xC3\xA9 \"bagus\" kata Putin");
  EXPECT_EQ(OriginalQuoteStyle(in, n, 6), QuoteStyle::kOpenDouble);
  EXPECT_EQ(OriginalQuoteStyle(in, n, 12), QuoteStyle::kCloseDouble);
}

TEST(Normalize, LooksWindows1252NeedsNearlyAllNonAsciiInvalid) {
  EXPECT_FALSE(LooksWindows1252("plain ascii"));
  EXPECT_FALSE(LooksWindows1252("Caf\xC3\xA9"));
  EXPECT_FALSE(LooksWindows1252("\xC3\xA9\xC3\xA9\xC3\xA9 one bad \xFF"));
  EXPECT_TRUE(LooksWindows1252("one bad \xFF"));
}

TEST(Normalize, ValidTextHasNoInvalidOffset) {
  NormalizedText n = Normalize("Pyongyang \xE5\xB9\xB3\xE5\xA3\xA4");  // 平壤
  EXPECT_EQ(n.first_invalid, std::string_view::npos);
  EXPECT_EQ(n.text, "Pyongyang \xE5\xB9\xB3\xE5\xA3\xA4");
}

TEST(Normalize, EmptyInput) {
  NormalizedText n = Normalize("");
  EXPECT_EQ(n.text, "");
  ASSERT_EQ(n.origin.size(), 1u);
  EXPECT_EQ(n.origin[0], 0u);
}

TEST(OriginalQuoteStyle, TellsHowEachMarkWasWritten) {
  // " ‘ ’ “ ” '' '
  const std::string in =
      "\"a\" \xE2\x80\x98"
      "b\xE2\x80\x99 \xE2\x80\x9C"
      "c\xE2\x80\x9D ''d'' 'e";
  NormalizedText n = Normalize(in);
  ASSERT_EQ(n.text, "\"a\" 'b' \"c\" \"d\" 'e");
  struct Case {
    size_t pos;
    QuoteStyle want;
  } cases[] = {
      {0, QuoteStyle::kStraightDouble},    {2, QuoteStyle::kStraightDouble},
      {4, QuoteStyle::kOpenSingle},        {6, QuoteStyle::kCloseSingle},
      {8, QuoteStyle::kOpenDouble},        {10, QuoteStyle::kCloseDouble},
      {12, QuoteStyle::kDoubleApostrophe}, {14, QuoteStyle::kDoubleApostrophe},
      {16, QuoteStyle::kStraightSingle},   {1, QuoteStyle::kNone},  // a letter
  };
  for (const Case& c : cases) {
    EXPECT_EQ(OriginalQuoteStyle(in, n, c.pos), c.want) << "at normalised offset " << c.pos;
  }
}

TEST(OriginalQuoteStyle, LowNineQuoteOpens) {
  // „Ja“ (German style): „ opens.
  const std::string in = "\xE2\x80\x9EJa\xE2\x80\x9C";
  NormalizedText n = Normalize(in);
  ASSERT_EQ(n.text, "\"Ja\"");
  EXPECT_EQ(OriginalQuoteStyle(in, n, 0), QuoteStyle::kOpenDouble);
}

// The map against the vector of offsets it replaces, over random appends and truncations.
TEST(OriginMap, AgreesWithAnOffsetPerByte) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    OriginMap map;
    std::vector<uint32_t> model;
    uint32_t origin = 0;
    for (int step = 0; step < 40; ++step) {
      const int op = static_cast<int>(rng() % 5);
      const size_t n = rng() % 4;
      origin += static_cast<uint32_t>(rng() % 3);  // sometimes contiguous, sometimes not
      if (op <= 1) {
        map.AppendRun(origin, n);
        for (size_t k = 0; k < n; ++k) model.push_back(origin + static_cast<uint32_t>(k));
        origin += static_cast<uint32_t>(n);
      } else if (op <= 3) {
        map.AppendSame(origin, n);
        model.insert(model.end(), n, origin);
        origin += static_cast<uint32_t>(n > 0);
      } else if (!model.empty()) {
        const size_t keep = rng() % (model.size() + 1);
        map.Truncate(keep);
        model.resize(keep);
        if (!model.empty()) origin = std::max(origin, model.back() + 1);
      }
      ASSERT_EQ(map.size(), model.size()) << "round " << round << " step " << step;
      for (size_t i = 0; i < model.size(); ++i) {
        ASSERT_EQ(map[i], model[i]) << "round " << round << " step " << step << " byte " << i;
      }
    }
  }
}

TEST(OriginMap, PlainAsciiTakesOnePlace) {
  const std::string in(5000, 'a');
  NormalizedText n = Normalize(in + "\n" + in);
  EXPECT_EQ(n.origin.size(), n.text.size() + 1);
  EXPECT_EQ(n.origin[4321], 4321u);
  EXPECT_EQ(n.origin.back(), 10001u);
  EXPECT_EQ(n.origin.places(), 1u);
  // A CRLF and a curly quote each start a new place; the bytes after them count on from there.
  NormalizedText m = Normalize("ab\r\ncd \xE2\x80\x9Cx\xE2\x80\x9D y");
  EXPECT_EQ(m.text, "ab\ncd \"x\" y");
  EXPECT_EQ(m.origin[3], 4u);   // c
  EXPECT_EQ(m.origin[7], 10u);  // x
  EXPECT_EQ(m.origin[9], 14u);  // the space after the closing quote
  EXPECT_EQ(m.origin.back(), 16u);
}

// The plain-run scan reads sixteen bytes at a time: a byte that ends a run at every position of
// a block, and on either side of one, must end it there.
TEST(Normalize, PlainRunsEndAtEveryPosition) {
  for (const char* stop : {"'", "`", "\n", "\t", "\x7F", "\xC3\xA9", "\x01"}) {
    for (size_t at = 0; at < 40; ++at) {
      std::string in(at, 'x');
      in += stop;
      in += std::string(20, 'y');
      NormalizedText n = Normalize(in);
      ASSERT_GE(n.text.size(), at + 1) << "stop " << static_cast<int>(stop[0]) << " at " << at;
      EXPECT_EQ(n.text.substr(0, at), std::string(at, 'x'));
      EXPECT_NE(n.text[at], 'x');
      EXPECT_EQ(n.origin.back(), in.size());
      EXPECT_EQ(n.origin[n.text.size() - 1], in.size() - 1);  // the last y
    }
  }
}

}  // namespace
}  // namespace claims
