// Stage 3, tokenise and split sentences: names with hyphens, numbers with separators and dotted
// abbreviations stay whole; sentences end where the language's abbreviations say they may.
#include "claims/tokenize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "claims/normalize.h"
#include "claims/quotes.h"
#include "claims/utf8.h"
#include "test_util.h"

namespace claims {
namespace {

using test::EmbeddedRules;

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.emplace_back(t.span.In(text));
  return out;
}

using Strings = std::vector<std::string>;

TEST(Tokenizer, KeepsHyphenatedNames) {
  const std::string text = "Kim Jong-un dan bahu-membahu.";
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(Texts(text), (Strings{"Kim", "Jong-un", "dan", "bahu-membahu", "."}));
  EXPECT_TRUE(toks[1].Is(Token::kHyphenated));
  EXPECT_TRUE(toks[1].Is(Token::kCapitalised));
  EXPECT_TRUE(toks[3].Is(Token::kHyphenated));
  EXPECT_FALSE(toks[0].Is(Token::kHyphenated));
  EXPECT_EQ(toks[1].kind, TokenKind::kWord);
}

TEST(Tokenizer, KeepsIndonesianNumbersWhole) {
  const std::string text = "10.000 tentara, 13,6 persen, 1.302.000 orang";
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(Texts(text),
            (Strings{"10.000", "tentara", ",", "13,6", "persen", ",", "1.302.000", "orang"}));
  EXPECT_EQ(toks[0].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[3].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[6].kind, TokenKind::kNumber);
  EXPECT_TRUE(toks[0].Is(Token::kHasDigit));
}

TEST(Tokenizer, SplitsANumberRangeIntoThree) {
  const std::string text = "10.000-12.000";
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(Texts(text), (Strings{"10.000", "-", "12.000"}));
  EXPECT_EQ(toks[0].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[1].kind, TokenKind::kPunct);
  EXPECT_EQ(toks[2].kind, TokenKind::kNumber);
}

TEST(Tokenizer, SlashDatesAreNumbersAndSlashes) {
  EXPECT_EQ(Texts("(28/04)"), (Strings{"(", "28", "/", "04", ")"}));
  EXPECT_EQ(Texts("27/4/2025"), (Strings{"27", "/", "4", "/", "2025"}));
  for (const Token& t : Tokenize("27/4/2025")) {
    EXPECT_NE(t.kind, TokenKind::kWord);
  }
}

TEST(Tokenizer, CommaBetweenWordAndNumberSplits) {
  // "Senin,28 April" (a missing space) is a weekday, a comma and a day, not one token.
  EXPECT_EQ(Texts("Senin,28 April"), (Strings{"Senin", ",", "28", "April"}));
}

TEST(Tokenizer, KeepsDottedAbbreviations) {
  EXPECT_EQ(Texts("U.S. troops"), (Strings{"U.S.", "troops"}));
  EXPECT_EQ(Texts("at 9 a.m. sharp"), (Strings{"at", "9", "a.m.", "sharp"}));
  // A period after an ordinary word is its own token.
  EXPECT_EQ(Texts("Dr. Budi"), (Strings{"Dr", ".", "Budi"}));
}

TEST(Tokenizer, KeepsApostrophesInsideWords) {
  EXPECT_EQ(Texts("I don't know"), (Strings{"I", "don't", "know"}));
  std::vector<Token> toks = Tokenize("the students' books");
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[2].kind, TokenKind::kQuote);  // the closing apostrophe is a mark of its own
}

TEST(Tokenizer, QuoteMarksAreQuoteTokens) {
  std::vector<Token> toks = Tokenize("\"Ya,\" katanya.");
  ASSERT_EQ(toks.size(), 6u);
  EXPECT_EQ(toks[0].kind, TokenKind::kQuote);
  EXPECT_EQ(toks[2].kind, TokenKind::kPunct);
  EXPECT_EQ(toks[3].kind, TokenKind::kQuote);
}

TEST(Tokenizer, FlagsLineStartsSpacesAndCaps) {
  const std::string text = "ISTANBUL\nPresiden(AS)";
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(Texts(text), (Strings{"ISTANBUL", "Presiden", "(", "AS", ")"}));
  EXPECT_TRUE(toks[0].Is(Token::kLineStart));
  EXPECT_TRUE(toks[0].Is(Token::kAllCaps));
  EXPECT_TRUE(toks[1].Is(Token::kLineStart));
  EXPECT_TRUE(toks[1].Is(Token::kSpaceBefore));
  EXPECT_FALSE(toks[1].Is(Token::kAllCaps));
  EXPECT_FALSE(toks[2].Is(Token::kSpaceBefore));
  EXPECT_FALSE(toks[2].Is(Token::kLineStart));
  EXPECT_TRUE(toks[3].Is(Token::kAllCaps));
}

// All capitals means two capitals or more and no small letter, counted across ASCII and other
// letters and across joiners: a table of words and what the flag must say.
TEST(Tokenizer, AllCapsNeedsTwoCapitalsAndNoSmallLetter) {
  struct Case {
    const char* word;
    bool all_caps;
  } cases[] = {
      {"AS", true},
      {"A", false},
      {"A1", false},
      {"A1B", true},
      {"COVID-19", true},
      {"U.S.", true},
      {"\xC3\x89TAT", true},       // ÉTAT
      {"\xC3\x89T", true},         // ÉT: one capital not ASCII, one ASCII
      {"\xC3\x89", false},         // É alone
      {"\xC3\x89\xC3\x89", true},  // ÉÉ
      {"NATOs", false},
      {"McDONALD", false},
      {"2025", false},
      {"X-Y", true},
      {"DPR-RI", true},
      {"Covid", false},
  };
  for (const auto& c : cases) {
    std::vector<Token> toks = Tokenize(c.word);
    ASSERT_EQ(toks.size(), 1u) << c.word;
    EXPECT_EQ(toks[0].Is(Token::kAllCaps), c.all_caps) << c.word;
  }
}

// The word loop's sixteen-bytes-at-a-time scan against a byte loop: every start and end in
// buffers that mix word bytes with the bytes just outside each range (@ [ ` { / :), joiners,
// spaces and bytes >= 0x80; and every byte value at every place of a long run of letters.
TEST(Tokenizer, AsciiWordRunEndIsTheByteLoop) {
  auto byte_loop = [](const char* p, const char* end, uint8_t* seen) {
    for (; p < end; ++p) {
      const auto c = static_cast<unsigned char>(*p);
      if (c >= 'a' && c <= 'z') {
        *seen |= kRunLetter | kRunLower;
      } else if (c >= 'A' && c <= 'Z') {
        *seen |= kRunLetter | kRunUpper;
      } else if (c >= '0' && c <= '9') {
        *seen |= kRunDigit;
      } else {
        break;
      }
    }
    return p;
  };
  auto check = [&](const std::string& buf) {
    for (size_t from = 0; from <= buf.size(); ++from) {
      for (size_t to = from; to <= buf.size(); ++to) {
        for (uint8_t before : {uint8_t{0}, uint8_t{kRunDigit}}) {
          uint8_t want_seen = before, got_seen = before;
          const char* want = byte_loop(buf.data() + from, buf.data() + to, &want_seen);
          const char* got = AsciiWordRunEnd(buf.data() + from, buf.data() + to, &got_seen);
          ASSERT_EQ(got - buf.data(), want - buf.data()) << from << " " << to;
          ASSERT_EQ(got_seen, want_seen) << from << " " << to;
        }
      }
    }
  };
  const std::string alphabet = std::string("aAzZmM09q@[`{/: -.,'_\x7f\n") + "\x80\xc3\xff";
  uint32_t state = 12345;
  for (int round = 0; round < 40; ++round) {
    std::string buf;
    const size_t size = 1 + round * 2;
    for (size_t i = 0; i < size; ++i) {
      state = state * 1103515245u + 12345u;
      // Mostly letters, so that runs cross the sixteen-byte blocks.
      const size_t k = (state >> 16) % (alphabet.size() * 3);
      buf += k < alphabet.size() ? alphabet[k] : "abcXYZ78"[k % 8];
    }
    check(buf);
  }
  for (int c = 0; c < 256; ++c) {
    for (size_t at = 0; at < 40; ++at) {
      std::string buf(40, 'w');
      buf[at] = static_cast<char>(c);
      uint8_t want_seen = 0, got_seen = 0;
      const char* want = byte_loop(buf.data(), buf.data() + buf.size(), &want_seen);
      const char* got = AsciiWordRunEnd(buf.data(), buf.data() + buf.size(), &got_seen);
      ASSERT_EQ(got - buf.data(), want - buf.data()) << c << " " << at;
      ASSERT_EQ(got_seen, want_seen) << c << " " << at;
    }
  }
}

// FirstTokenAt is std::lower_bound by start: every offset before, at, inside and after the
// tokens of every length of token list up to 40, the tokens spaced unevenly.
TEST(Tokenizer, FirstTokenAtIsLowerBound) {
  for (size_t size = 0; size <= 40; ++size) {
    std::vector<Token> toks;
    uint32_t at = 3;
    for (size_t i = 0; i < size; ++i) {
      Token t;
      t.span = {at, at + 1 + static_cast<uint32_t>(i % 3)};
      toks.push_back(t);
      at = t.span.end + 1 + static_cast<uint32_t>(i % 4);
    }
    for (uint32_t offset = 0; offset <= at + 2; ++offset) {
      const auto want =
          std::lower_bound(toks.begin(), toks.end(), offset,
                           [](const Token& t, uint32_t o) { return t.span.begin < o; });
      EXPECT_EQ(FirstTokenAt(toks, offset), static_cast<uint32_t>(want - toks.begin()))
          << size << " " << offset;
    }
  }
}

TEST(Tokenizer, EveryNonSpaceByteIsInExactlyOneToken) {
  const std::string text =
      "Presiden Rusia, Vladimir Putin, pada hari Senin (28/04) \xE2\x80\x9Cmenegaskan\xE2\x80\x9D "
      "10.000\xE2\x80\x93"
      "12.000 tentara U.S. \xE5\xB9\xB3\xE5\xA3\xA4 don't\n\tKorut-Rusia ...";
  NormalizedText n = Normalize(text);
  std::vector<Token> toks = Tokenize(n.text);
  std::vector<int> cover(n.text.size(), 0);
  uint32_t last_end = 0;
  for (const Token& t : toks) {
    EXPECT_LT(t.span.begin, t.span.end);
    EXPECT_LE(last_end, t.span.begin) << "tokens overlap or are out of order";
    last_end = t.span.end;
    for (uint32_t i = t.span.begin; i < t.span.end; ++i) ++cover[i];
  }
  for (size_t i = 0; i < n.text.size(); ++i) {
    char c = n.text[i];
    bool space = c == ' ' || c == '\n' || c == '\t';
    EXPECT_EQ(cover[i], space ? 0 : 1) << "byte " << i << " ('" << c << "')";
  }
}

TEST(Tokenizer, SplitPartsAndMatchKey) {
  const std::string text = "Rusia-Ukraina dan Kim Jong-un";
  std::vector<Token> toks = Tokenize(text);
  std::vector<std::string> parts;
  for (const Part& p : SplitParts(text, toks)) parts.emplace_back(p.span.In(text));
  EXPECT_EQ(parts, (Strings{"Rusia", "Ukraina", "dan", "Kim", "Jong", "un"}));
  EXPECT_EQ(MatchKey("Kim Jong-un"), "kim jong un");
  EXPECT_EQ(MatchKey("Kim  Jong Un"), MatchKey("kim jong-un"));
  EXPECT_EQ(RawKey("Kim Jong-un"), "Kim Jong un");
}

// A phrase's keys are its parts joined by single spaces, case-folded for MatchKey, whether or not
// it takes the shortcut for ASCII words joined by single spaces.
TEST(Tokenizer, KeysAreThePartsJoinedWithOrWithoutTheShortcut) {
  for (const std::string phrase : {"Kim Jong Un", "G20", "a", "ABC 123", "x1 Y2 z3", "Kim  Jong Un",
                                   " Kim", "Kim ", "Kim-Jong", "O'Brien", "S\xC3\xA3o Paulo",
                                   "U.S. Army", "10.000 orang", "AT&T", "Kim\tJong", "Z z"}) {
    std::vector<Token> toks = Tokenize(phrase);
    std::string raw, folded;
    for (const Part& p : SplitParts(phrase, toks)) {
      if (!raw.empty()) raw += ' ';
      if (!folded.empty()) folded += ' ';
      raw += p.span.In(phrase);
      folded += CaseFold(p.span.In(phrase));
    }
    EXPECT_EQ(RawKey(phrase), raw) << phrase;
    EXPECT_EQ(MatchKey(phrase), folded) << phrase;
  }
  EXPECT_EQ(MatchKey("Kim Jong Un"), "kim jong un");
  EXPECT_EQ(RawKey("Kim Jong Un"), "Kim Jong Un");
  EXPECT_EQ(MatchKey("Kim  Jong Un"), "kim jong un");
}

// A token's look-up by the analysis stands for its key's only when the token is one ASCII part.
TEST(Tokenizer, LookedUpByKeyOnlyForOneAsciiPart) {
  const std::string text =
      "Mr. co-founder \xC3\x89"
      "cole said";
  std::vector<Token> toks = Tokenize(text);
  std::vector<bool> by_key;
  for (const Token& t : toks) by_key.push_back(LookedUpByKey(t, text));
  ASSERT_EQ(toks.size(), 5u);  // Mr . co-founder École said
  EXPECT_EQ(by_key, (std::vector<bool>{true, true, false, false, true}));
}

// ---- Sentences ----

// Each token's look-up in the language's first words, as the analysis makes it
// (Document::token_words): the folded text of a token that is one part.
std::vector<WordIndex::Info> TokenWords(std::string_view text, const std::vector<Token>& toks,
                                        Lang lang) {
  std::vector<WordIndex::Info> words(toks.size());
  const std::string folded = FoldSameLength(text);
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].Is(Token::kHyphenated)) continue;
    words[i] = EmbeddedRules().For(lang).first_words.Lookup(toks[i].span.In(folded));
  }
  return words;
}

// Sentence texts of text, split with the rules of lang and no protected spans. The same with the
// tokens' word look-ups given, which only spare look-ups of abbreviations.
Strings Sentences(std::string_view text, Lang lang, const std::vector<Span>& protect = {}) {
  std::vector<Token> toks = Tokenize(text);
  const std::vector<WordIndex::Info> words = TokenWords(text, toks, lang);
  Strings out, with_words;
  for (const Sentence& s : SplitSentences(text, toks, EmbeddedRules().For(lang), protect)) {
    out.emplace_back(s.span.In(text));
  }
  for (const Sentence& s : SplitSentences(text, toks, EmbeddedRules().For(lang), protect, &words)) {
    with_words.emplace_back(s.span.In(text));
  }
  EXPECT_EQ(out, with_words) << text;
  return out;
}

TEST(SentenceSplitter, SplitsAtPeriods) {
  EXPECT_EQ(Sentences("Putin berbicara. Kim mendengar. Semua setuju!", Lang::kId),
            (Strings{"Putin berbicara.", "Kim mendengar.", "Semua setuju!"}));
}

TEST(SentenceSplitter, DoesNotSplitAfterAbbreviations) {
  EXPECT_EQ(Sentences("Dr. Budi tinggal di Jl. Sudirman. Ia pergi.", Lang::kId),
            (Strings{"Dr. Budi tinggal di Jl. Sudirman.", "Ia pergi."}));
  EXPECT_EQ(Sentences("Mr. Smith arrived in Kyiv. He left.", Lang::kEn),
            (Strings{"Mr. Smith arrived in Kyiv.", "He left."}));
}

TEST(SentenceSplitter, DoesNotSplitAfterASingleInitial) {
  EXPECT_EQ(Sentences("Menurut J. Smith, perang usai. Ia pergi.", Lang::kId),
            (Strings{"Menurut J. Smith, perang usai.", "Ia pergi."}));
}

TEST(SentenceSplitter, NeedsACapitalToStartTheNextSentence) {
  EXPECT_EQ(Sentences("Harganya naik 3.5 persen. lalu turun.", Lang::kId).size(), 1u);
}

TEST(SentenceSplitter, ClosingQuoteStaysWithItsSentence) {
  EXPECT_EQ(Sentences("Ia berkata \"cukup.\" Lalu pergi.", Lang::kId),
            (Strings{"Ia berkata \"cukup.\"", "Lalu pergi."}));
}

TEST(SentenceSplitter, NewlineAlwaysSplits) {
  EXPECT_EQ(Sentences("Putin berbicara dan\nKim mendengar", Lang::kId),
            (Strings{"Putin berbicara dan", "Kim mendengar"}));
  // Even after an abbreviation.
  EXPECT_EQ(Sentences("Ia menemui Dr.\nBudi datang.", Lang::kId),
            (Strings{"Ia menemui Dr.", "Budi datang."}));
}

TEST(SentenceSplitter, QuotationAcrossASentenceBoundaryStaysOneSentence) {
  const std::string text = "\"Kami menang. Kami pulang,\" kata Putin. Lalu ia pergi.";
  NormalizedText n = Normalize(text);
  std::vector<Token> toks = Tokenize(n.text);
  std::vector<Quotation> qs = FindQuotations(n.text, text, n, toks);
  ASSERT_EQ(qs.size(), 1u);
  std::vector<Span> protect{{qs[0].open.begin, qs[0].close.end}};
  EXPECT_EQ(Sentences(n.text, Lang::kId, protect),
            (Strings{"\"Kami menang. Kami pulang,\" kata Putin.", "Lalu ia pergi."}));
  // Without the protection the period inside the quotation would end a sentence.
  EXPECT_EQ(Sentences(n.text, Lang::kId).size(), 3u);
}

TEST(SentenceSplitter, AnalyzeDocumentProtectsQuotations) {
  Document doc = test::AnalyzeText("\"Kami menang. Kami pulang,\" kata Putin. Lalu ia pergi.");
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.sentences[0].span.In(doc.clean), "\"Kami menang. Kami pulang,\" kata Putin.");
}

TEST(SentenceSplitter, SentencesCoverEveryTokenInOrder) {
  Document doc = test::AnalyzeText(
      "Dr. Budi datang. \"Kami menang. Kami pulang,\" katanya.\nIa pergi ke Jl. Merdeka. Selesai");
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    EXPECT_EQ(s.first, next);
    EXPECT_LT(s.first, s.last);
    next = s.last;
  }
  EXPECT_EQ(next, doc.tokens.size());
}

// Over the seeds, as the analysis splits them: the tokens' word look-ups change no sentence.
TEST(SentenceSplitter, TokenWordsChangeNoSentence) {
  size_t abbreviations = 0;
  for (const std::string& seed : test::SeedTexts()) {
    Document doc = test::AnalyzeText(seed);
    std::vector<Span> protect;
    for (const auto& q : doc.quotes) {
      if (!q.close.empty()) protect.push_back({q.open.begin, q.close.end});
    }
    const LangRules& lang = EmbeddedRules().For(doc.lang);
    auto plain = SplitSentences(doc.clean, doc.tokens, lang, protect);
    auto with_words = SplitSentences(doc.clean, doc.tokens, lang, protect, &doc.token_words);
    ASSERT_EQ(plain.size(), with_words.size());
    for (size_t i = 0; i < plain.size(); ++i) {
      EXPECT_EQ(plain[i].first, with_words[i].first);
      EXPECT_EQ(plain[i].last, with_words[i].last);
    }
    for (const Sentence& s : plain) {
      for (uint32_t t = s.first + 1; t + 1 < s.last; ++t) {
        abbreviations += doc.tokens[t].span.In(doc.clean) == "." &&
                         doc.tokens[t - 1].kind == TokenKind::kWord &&
                         doc.tokens[t - 1].span.size() > 1;
      }
    }
  }
  EXPECT_GT(abbreviations, 0u);  // the seeds hold listed abbreviations inside sentences
}

}  // namespace
}  // namespace claims
