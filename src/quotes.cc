// Quote pairing (see quotes.h).
#include "claims/quotes.h"

#include "claims/utf8.h"

namespace claims {
namespace {

struct Mark {
  uint32_t token;
  bool can_open;
  bool can_close;
  bool single;
};

bool IsOpenContext(std::string_view text, const Token& t) {
  if (t.Is(Token::kSpaceBefore)) return true;
  if (t.span.begin == 0) return true;
  char p = text[t.span.begin - 1];
  return p == '(' || p == '[' || p == '-' || p == '/' || p == ':' || p == '\n' || p == '"' ||
         p == '\'';
}

}  // namespace

std::vector<Quotation> FindQuotations(std::string_view text, std::string_view original,
                                      const NormalizedText& norm,
                                      const std::vector<Token>& tokens) {
  std::vector<Quotation> out;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  uint32_t line_start = 0;
  std::vector<uint32_t> quote_tokens;  // of the line, in order
  while (line_start < n) {
    // The line's end and its quote marks, in one pass over its tokens; a line without a mark
    // holds no quotation.
    quote_tokens.clear();
    if (tokens[line_start].kind == TokenKind::kQuote) quote_tokens.push_back(line_start);
    uint32_t line_end = line_start + 1;
    for (; line_end < n && !tokens[line_end].Is(Token::kLineStart); ++line_end) {
      if (tokens[line_end].kind == TokenKind::kQuote) quote_tokens.push_back(line_end);
    }
    if (quote_tokens.empty()) {
      line_start = line_end;
      continue;
    }
    // Classify the marks of this line.
    std::vector<Mark> marks;
    for (const uint32_t i : quote_tokens) {
      const Token& t = tokens[i];
      bool single = text[t.span.begin] == '\'';
      QuoteStyle style = OriginalQuoteStyle(original, norm, t.span.begin);
      bool next_space = i + 1 >= line_end || tokens[i + 1].Is(Token::kSpaceBefore);
      bool prev_space = IsOpenContext(text, t);
      bool next_word = !next_space;
      Mark m{i, false, false, single};
      switch (style) {
        case QuoteStyle::kOpenDouble:
        case QuoteStyle::kOpenSingle:
          m.can_open = true;
          break;
        case QuoteStyle::kCloseDouble:
          // A wrong-way ” before a word after a space opens.
          m.can_close = !prev_space || next_space;
          m.can_open = prev_space && next_word;
          break;
        case QuoteStyle::kCloseSingle:
          m.can_close = !prev_space;
          break;
        default:  // straight marks: by context
          m.can_open = prev_space && next_word;
          m.can_close = !prev_space || next_space;
          if (single) {
            // An apostrophe inside a word was absorbed by the tokeniser; one before a letter after
            // a space ('Tidak') opens; after a letter and before a non-letter (students') closes.
            if (i + 1 < line_end && tokens[i + 1].kind == TokenKind::kNumber &&
                !tokens[i + 1].Is(Token::kSpaceBefore)) {
              m.can_open = false;  // '90s
            }
          }
          break;
      }
      if (m.can_open || m.can_close) marks.push_back(m);
    }
    // Pair double marks at the top level; single marks pair only outside double quotations.
    int open_double = -1;  // index into marks
    int open_single = -1;
    auto emit = [&](const Mark& o, uint32_t close_token, bool closed) {
      Quotation q;
      q.single = o.single;
      q.first_token = o.token;
      q.open = tokens[o.token].span;
      uint32_t cb = closed ? tokens[close_token].span.begin : tokens[line_end - 1].span.end;
      q.content = {tokens[o.token].span.end, cb};
      if (closed) q.close = tokens[close_token].span;
      q.close_token = closed ? close_token : line_end;
      // Skip empty or whitespace-only content.
      std::string_view c = q.content.In(text);
      if (c.find_first_not_of(" \n") == std::string_view::npos) return;
      out.push_back(q);
    };
    for (size_t k = 0; k < marks.size(); ++k) {
      const Mark& m = marks[k];
      if (!m.single) {
        if (open_double < 0) {
          if (m.can_open) {
            open_double = static_cast<int>(k);
            open_single = -1;  // a single mark left open before a double one was an apostrophe
          }
          continue;
        }
        if (m.can_close) {
          emit(marks[static_cast<size_t>(open_double)], m.token, true);
          open_double = -1;
          continue;
        }
        if (m.can_open) open_double = static_cast<int>(k);  // the earlier one was broken
        continue;
      }
      if (open_double >= 0) continue;  // nested single quotes belong to the outer quotation
      if (open_single < 0) {
        if (m.can_open && !m.can_close)
          open_single = static_cast<int>(k);
        else if (m.can_open && m.can_close && tokens[m.token].Is(Token::kSpaceBefore))
          open_single = static_cast<int>(k);
        continue;
      }
      if (m.can_close) {
        emit(marks[static_cast<size_t>(open_single)], m.token, true);
        open_single = -1;
        continue;
      }
      if (m.can_open) open_single = static_cast<int>(k);
    }
    if (open_double >= 0) {
      // Left open at the end of its line: the quotation closes there.
      emit(marks[static_cast<size_t>(open_double)], line_end, false);
    }
    line_start = line_end;
  }
  return out;
}

}  // namespace claims
