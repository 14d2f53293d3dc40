// Shared by the libFuzzer targets in fuzz/: the embedded rules (loaded once per process), and the
// invariant checks every target asserts on what the stages return. A broken invariant prints what
// broke and aborts, so libFuzzer saves the input as a crash.
//
// Not a *_fuzzer.cc file, so the build does not make a binary of it.
#ifndef CLAIMS_FUZZ_FUZZ_COMMON_H_
#define CLAIMS_FUZZ_FUZZ_COMMON_H_

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "claims/document.h"
#include "claims/quotes.h"
#include "claims/rules.h"
#include "claims/span.h"
#include "claims/tokenize.h"
#include "claims/utf8.h"

namespace claims::fuzz {

// What a broken invariant says: "file:line: invariant failed: cond <details>".
__attribute__((format(printf, 4, 5))) inline std::string Describe(const char* file, int line,
                                                                  const char* cond,
                                                                  const char* format, ...) {
  char details[1024];
  va_list ap;
  va_start(ap, format);
  std::vsnprintf(details, sizeof details, format, ap);
  va_end(ap);
  return std::string(file) + ":" + std::to_string(line) + ": invariant failed: " + cond + details;
}

// A broken invariant prints what broke and aborts, so that libFuzzer keeps the input as a crash.
// The regression replay (tests/robustness_test.cc) defines CLAIMS_FUZZ_FAIL to throw instead,
// turning it into a test failure that names the input.
#ifndef CLAIMS_FUZZ_FAIL
#define CLAIMS_FUZZ_FAIL(message)                    \
  do {                                               \
    std::fprintf(stderr, "%s\n", (message).c_str()); \
    std::abort();                                    \
  } while (0)
#endif

// FUZZ_CHECK(cond, "printf format", args...): the details are optional.
#define FUZZ_CHECK(cond, ...)                                                                 \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      CLAIMS_FUZZ_FAIL(::claims::fuzz::Describe(__FILE__, __LINE__, #cond, " " __VA_ARGS__)); \
    }                                                                                         \
  } while (0)

// The rules compiled into the binary, loaded on first use and kept for the whole process.
inline const Rules& EmbeddedRules() {
  static const Rules* rules = [] {
    auto* r = new Rules;
    Status s = LoadEmbeddedRules(r);
    if (!s.ok()) {
      std::fprintf(stderr, "fuzz: cannot load the embedded rules: %s\n", s.message().c_str());
      std::abort();
    }
    return r;
  }();
  return *rules;
}

inline void CheckSpan(Span s, size_t size, const char* what) {
  FUZZ_CHECK(s.begin <= s.end, "%s [%u,%u)", what, s.begin, s.end);
  FUZZ_CHECK(s.end <= size, "%s [%u,%u) past the text's %zu bytes", what, s.begin, s.end, size);
}

// Tokens: in order, not overlapping, inside the text, not empty, and every byte between two
// tokens is white space (Tokenize's contract: every non-space byte is in exactly one token).
inline void CheckTokens(std::string_view text, const std::vector<Token>& tokens) {
  uint32_t prev_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    CheckSpan(t.span, text.size(), "token");
    FUZZ_CHECK(!t.span.empty(), "token %zu is empty at %u", i, t.span.begin);
    FUZZ_CHECK(t.span.begin >= prev_end, "token %zu at %u starts before the previous ends (%u)", i,
               t.span.begin, prev_end);
    for (size_t p = prev_end; p < t.span.begin;) {
      int len = 1;
      char32_t cp = DecodeUtf8(text, p, &len);
      bool space = cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || IsSpace(cp);
      FUZZ_CHECK(space, "byte %zu (U+%04X) between tokens belongs to no token", p,
                 static_cast<unsigned>(cp));
      p += static_cast<size_t>(len);
    }
    prev_end = t.span.end;
  }
}

// Sentences: in order, not overlapping, over whole tokens.
inline void CheckSentences(std::string_view text, const std::vector<Token>& tokens,
                           const std::vector<Sentence>& sentences) {
  uint32_t prev_last = 0;
  for (const Sentence& s : sentences) {
    CheckSpan(s.span, text.size(), "sentence");
    FUZZ_CHECK(s.first < s.last && s.last <= tokens.size(), "sentence tokens [%u,%u) of %zu",
               s.first, s.last, tokens.size());
    FUZZ_CHECK(s.first >= prev_last, "sentence at token %u overlaps the previous (to %u)", s.first,
               prev_last);
    FUZZ_CHECK(
        s.span.begin == tokens[s.first].span.begin && s.span.end == tokens[s.last - 1].span.end,
        "sentence span [%u,%u) is not its tokens'", s.span.begin, s.span.end);
    prev_last = s.last;
  }
}

inline void CheckParts(std::string_view text, const std::vector<Token>& tokens,
                       const std::vector<Part>& parts) {
  uint32_t prev_end = 0;
  for (const Part& p : parts) {
    CheckSpan(p.span, text.size(), "part");
    FUZZ_CHECK(!p.span.empty(), "empty part at %u", p.span.begin);
    FUZZ_CHECK(p.token < tokens.size(), "part's token %u of %zu", p.token, tokens.size());
    FUZZ_CHECK(tokens[p.token].span.Contains(p.span), "part [%u,%u) outside its token",
               p.span.begin, p.span.end);
    FUZZ_CHECK(p.span.begin >= prev_end, "parts out of order at %u", p.span.begin);
    prev_end = p.span.end;
  }
}

// Quotations: inside the text, marks around the content, in order and not overlapping.
inline void CheckQuotations(std::string_view text, const std::vector<Token>& tokens,
                            const std::vector<Quotation>& quotes) {
  uint32_t prev_end = 0;
  for (size_t i = 0; i < quotes.size(); ++i) {
    const Quotation& q = quotes[i];
    CheckSpan(q.open, text.size(), "quotation open mark");
    CheckSpan(q.content, text.size(), "quotation content");
    FUZZ_CHECK(q.open.end <= q.content.begin, "quotation %zu: content before its opening mark", i);
    FUZZ_CHECK(!q.content.empty(), "quotation %zu: empty content", i);
    Span whole{q.open.begin, q.content.end};
    if (!q.close.empty()) {
      CheckSpan(q.close, text.size(), "quotation close mark");
      FUZZ_CHECK(q.content.end <= q.close.begin, "quotation %zu: closing mark inside content", i);
      whole.end = q.close.end;
    }
    FUZZ_CHECK(q.first_token < tokens.size() && tokens[q.first_token].span == q.open,
               "quotation %zu: first_token is not the opening mark", i);
    FUZZ_CHECK(q.close_token <= tokens.size(), "quotation %zu: close_token %u of %zu", i,
               q.close_token, tokens.size());
    FUZZ_CHECK(whole.begin >= prev_end, "quotation %zu [%u,%u) overlaps the previous (to %u)", i,
               whole.begin, whole.end, prev_end);
    prev_end = whole.end;
  }
}

// The normalised text's map back to the original: one entry per byte plus the end, in order,
// inside the original; the text is valid UTF-8.
inline void CheckNormalized(std::string_view original, const NormalizedText& norm) {
  FUZZ_CHECK(norm.origin.size() == norm.text.size() + 1, "origin has %zu entries for %zu bytes",
             norm.origin.size(), norm.text.size());
  FUZZ_CHECK(norm.origin.back() == original.size(), "origin ends at %u, original has %zu bytes",
             norm.origin.back(), original.size());
  for (size_t i = 0; i + 1 < norm.origin.size(); ++i) {
    FUZZ_CHECK(norm.origin[i] <= norm.origin[i + 1], "origin goes back at %zu: %u > %u", i,
               norm.origin[i], norm.origin[i + 1]);
  }
  FUZZ_CHECK(FirstInvalidUtf8(norm.text) == std::string_view::npos,
             "normalised text has invalid UTF-8 at %zu", FirstInvalidUtf8(norm.text));
}

// Mentions of an analysed document: spans inside the normalised text, original spans inside the
// original bytes, text = those bytes (Windows-1252 originals: the converted text), line and column
// where the original span starts, in order.
inline void CheckMentions(const Document& doc) {
  const std::string_view original(doc.original);
  std::vector<uint32_t> line_starts{0};
  for (size_t i = 0; i < original.size(); ++i) {
    if (original[i] == '\n') line_starts.push_back(static_cast<uint32_t>(i + 1));
  }
  uint32_t prev_begin = 0;
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    CheckSpan(m.span, doc.clean.size(), "mention span");
    CheckSpan(m.orig, original.size(), "mention orig");
    // The surface text is the original bytes; from a Windows-1252 original, as converted.
    if (doc.norm.windows1252) {
      FUZZ_CHECK(m.text == m.span.In(doc.norm.text), "mention %zu: text is not the converted text",
                 i);
    } else {
      FUZZ_CHECK(m.text == m.orig.In(original), "mention %zu: text is not original[%u,%u)", i,
                 m.orig.begin, m.orig.end);
    }
    FUZZ_CHECK(m.span.begin >= prev_begin, "mentions out of order at %zu", i);
    prev_begin = m.span.begin;
    size_t li = 0;
    for (size_t lo = 0, hi = line_starts.size(); lo < hi;) {  // last line start <= orig.begin
      size_t mid = (lo + hi) / 2;
      if (line_starts[mid] <= m.orig.begin) {
        li = mid;
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    uint32_t line = static_cast<uint32_t>(li + 1), col = m.orig.begin - line_starts[li] + 1;
    FUZZ_CHECK(m.line == line && m.col == col, "mention %zu: line:col %u:%u, expected %u:%u", i,
               m.line, m.col, line, col);
    FUZZ_CHECK(doc.sentences.empty() || m.sentence < doc.sentences.size(),
               "mention %zu: sentence %u of %zu", i, m.sentence, doc.sentences.size());
  }
}

}  // namespace claims::fuzz

#endif  // CLAIMS_FUZZ_FUZZ_COMMON_H_
