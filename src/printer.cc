// Output formats for mentions and claim rows (see printer.h).
#include "claims/printer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "claims/parallel.h"
#include "claims/utf8.h"

namespace claims {

bool ParseFormat(std::string_view name, Format* out) {
  if (name == "table")
    *out = Format::kTable;
  else if (name == "tsv")
    *out = Format::kTsv;
  else if (name == "csv")
    *out = Format::kCsv;
  else if (name == "jsonl" || name == "json")
    *out = Format::kJsonl;
  else if (name == "markdown" || name == "md")
    *out = Format::kMarkdown;
  else
    return false;
  return true;
}

namespace {
// Bytes that go into a JSON string as they are: printable ASCII but for '"' and '\\'.
constexpr auto kJsonPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

// The end of the run of plain ASCII (kJsonPlain) that starts at i: sixteen bytes at a time, then
// one at a time.
size_t PlainJsonRunEnd(std::string_view s, size_t i) {
#if defined(__SSE2__)
  // A byte that needs a look is below 0x20 or at 0x80 and above (both below 0x20 when compared
  // as signed), DEL, a quote or a backslash.
  const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i look =
        _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (const int mask = _mm_movemask_epi8(look))
      return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (i < s.size() && kJsonPlain[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // A run of plain ASCII goes in one append.
    const size_t j = PlainJsonRunEnd(s, i);
    if (j > i) {
      out->append(s.substr(i, j - i));
      i = j;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7F)
            out->append(fmt::format("\\u{:04x}", c));
          else
            out->push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    int len;
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == 0xFFFD && len == 1) {
      out->append("\xEF\xBF\xBD");
    } else if (cp == 0x2028 || cp == 0x2029) {
      out->append(fmt::format("\\u{:04x}", static_cast<unsigned>(cp)));
    } else {
      out->append(s.substr(i, static_cast<size_t>(len)));
    }
    i += static_cast<size_t>(len);
  }
  out->push_back('"');
}

namespace {
// s with every invalid UTF-8 sequence replaced by U+FFFD (TSV and CSV must be valid UTF-8).
std::string_view ValidUtf8(std::string_view s, std::string* buf) {
  if (FirstInvalidUtf8(s) == std::string_view::npos) return s;
  buf->clear();
  for (size_t i = 0; i < s.size();) {
    int len;
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == 0xFFFD && len == 1)
      buf->append("\xEF\xBF\xBD");
    else
      buf->append(s.substr(i, static_cast<size_t>(len)));
    i += static_cast<size_t>(len);
  }
  return *buf;
}
}  // namespace

void AppendCsvField(std::string_view s, std::string* out) {
  std::string buf;
  s = ValidUtf8(s, &buf);
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendTsvField(std::string_view s, std::string* out) {
  std::string buf;
  s = ValidUtf8(s, &buf);
  for (char c : s) {
    switch (c) {
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\\':
        out->append("\\\\");
        break;
      default:
        out->push_back(c);
    }
  }
}

namespace {

void WriteAll(std::FILE* out, std::string_view s) { std::fwrite(s.data(), 1, s.size(), out); }

}  // namespace

void MentionPrinter::Print(const Document& doc, const std::vector<FactCandidate>* facts) {
  buffer_.clear();
  Render(doc, facts, &buffer_);
  WriteAll(out_, buffer_);
}

void MentionPrinter::Write(std::string_view bytes) { WriteAll(out_, bytes); }

namespace {

// Writes ,"name": at p (name a string literal); returns the end.
template <size_t N>
char* WriteMemberName(const char (&name)[N], char* p) {
  *p++ = ',';
  *p++ = '"';
  std::memcpy(p, name, N - 1);  // without the terminating NUL
  p += N - 1;
  *p++ = '"';
  *p++ = ':';
  return p;
}

// ,"name":digits, in one append (five of these a mention).
template <size_t N>
void AppendUintMember(const char (&name)[N], uint64_t v, std::string* line) {
  char buf[N + 3 + 20];  // ,"": and the 20 digits of the largest uint64_t
  char* p = WriteMemberName(name, buf);
  p = std::to_chars(p, buf + sizeof buf, v).ptr;
  line->append(buf, static_cast<size_t>(p - buf));
}

// ,"name":"value" — or ,"name":null when value is empty.
template <size_t N>
void AppendJsonMember(const char (&name)[N], std::string_view value, std::string* line) {
  char buf[N + 3];
  line->append(buf, static_cast<size_t>(WriteMemberName(name, buf) - buf));
  if (value.empty()) {
    line->append("null");
  } else {
    AppendJsonString(value, line);
  }
}

class JsonlMentions : public MentionPrinter {
 public:
  explicit JsonlMentions(std::FILE* out) : MentionPrinter(out) {}
  void Render(const Document& doc, const std::vector<FactCandidate>* facts,
              std::string* out) const override {
    std::string& line = *out;
    // "doc":…,"outlet":…,"lang":"xx": escaped once, for the document line and every mention's.
    std::string ids = "\"doc\":";
    AppendJsonString(doc.path, &ids);
    ids += ",\"outlet\":";
    AppendJsonString(doc.outlet, &ids);
    ids += ",\"lang\":\"";
    ids += LangName(doc.lang);
    ids += "\"";
    line += "{\"kind\":\"document\",";
    line += ids;
    line += ",\"date\":";
    if (doc.own_date)
      AppendJsonString(FormatIso(*doc.own_date), &line);
    else
      line += "null";
    fmt::format_to(std::back_inserter(line), ",\"bytes\":{},\"mentions\":{}}}\n",
                   doc.original.size(), doc.mentions.size());
    const std::string head = "{" + ids + ",\"kind\":\"";
    line.reserve(line.size() + doc.mentions.size() * (head.size() + 160));
    for (const Mention& m : doc.mentions) {
      line += head;
      line += KindName(m.kind);
      line += "\",\"text\":";
      AppendJsonString(m.text, &line);
      AppendJsonMember("value", m.value, &line);
      if (m.kind == MentionKind::kQuote) {
        AppendJsonMember("speaker", m.speaker, &line);
      }
      if (m.kind == MentionKind::kNumber) {
        line += ",\"unit\":";
        AppendJsonString(m.unit, &line);
        AppendJsonMember("qualifier", m.qualifier, &line);
      }
      if (m.kind == MentionKind::kDate) {
        line += ",\"spec\":";
        AppendJsonString(m.spec, &line);
        line += ",\"anchor\":";
        AppendJsonString(m.anchor, &line);
      }
      AppendUintMember("start", m.orig.begin, &line);
      AppendUintMember("end", m.orig.end, &line);
      AppendUintMember("line", m.line, &line);
      AppendUintMember("col", m.col, &line);
      AppendUintMember("sentence", m.sentence, &line);
      line += ",\"rule\":";
      AppendJsonString(m.rule, &line);
      line += "}\n";
    }
    if (!facts) return;
    for (const FactCandidate& f : *facts) {
      line += "{\"kind\":\"fact\",\"doc\":";
      AppendJsonString(doc.path, &line);
      line += ",\"event\":";
      AppendJsonString(f.event, &line);
      line += ",\"about\":[";
      for (size_t k = 0; k < f.about.size(); ++k) {
        if (k) line += ",";
        AppendJsonString(f.about[k], &line);
      }
      line += f.about_is_law ? "],\"about_is_law\":true,\"value_kind\":\""
                             : "],\"about_is_law\":false,\"value_kind\":\"";
      line += KindName(f.value_kind);
      line += "\",\"unit\":";
      AppendJsonString(f.unit, &line);
      fmt::format_to(std::back_inserter(line),
                     ",\"value_start\":{},\"value_end\":{},\"text\":", f.value_orig.begin,
                     f.value_orig.end);
      AppendJsonString(f.sentence_text, &line);
      line += "}\n";
    }
  }
};

class DelimitedMentions : public MentionPrinter {
 public:
  DelimitedMentions(std::FILE* out, bool csv) : MentionPrinter(out), csv_(csv) {}
  void Begin() override {
    static const char* kCols[] = {"doc",     "outlet", "kind",      "text",  "value",
                                  "speaker", "unit",   "qualifier", "start", "end",
                                  "line",    "col",    "sentence",  "rule"};
    std::string h;
    for (size_t i = 0; i < std::size(kCols); ++i) {
      if (i) h.push_back(csv_ ? ',' : '\t');
      h += kCols[i];
    }
    h += csv_ ? "\r\n" : "\n";
    WriteAll(out_, h);
  }
  void Render(const Document& doc, const std::vector<FactCandidate>*,
              std::string* out) const override {
    std::string& line = *out;
    for (const Mention& m : doc.mentions) {
      if (m.value.empty()) continue;  // a relative date with nothing to resolve it against
      const std::string nums[] = {std::to_string(m.orig.begin), std::to_string(m.orig.end),
                                  std::to_string(m.line), std::to_string(m.col),
                                  std::to_string(m.sentence)};
      std::string_view fields[] = {doc.path,  doc.outlet, KindName(m.kind), m.text,  m.value,
                                   m.speaker, m.unit,     m.qualifier,      nums[0], nums[1],
                                   nums[2],   nums[3],    nums[4],          m.rule};
      for (size_t i = 0; i < std::size(fields); ++i) {
        if (i) line.push_back(csv_ ? ',' : '\t');
        if (csv_)
          AppendCsvField(fields[i], &line);
        else
          AppendTsvField(fields[i], &line);
      }
      line += csv_ ? "\r\n" : "\n";
    }
  }

 private:
  bool csv_;
};

// The outlet columns of a table (distinct outlets), and what each outlet's cell says for a row:
// the value (facts), the speaker it names if it differs from the row's (quotes), or a mark; empty
// when the outlet did not report the row. One pass over the row's members gives every cell (a
// scan of the members per column made a table rows x outlets x members).
class OutletColumns {
 public:
  explicit OutletColumns(const std::vector<std::string>& outlets) : n_(outlets.size()) {
    for (size_t c = 0; c < outlets.size(); ++c) index_.emplace(outlets[c], c);
  }
  std::vector<std::string> Cells(const ClaimRow& r, bool ascii_mark) const {
    std::vector<std::vector<std::string>> vals(n_);
    std::vector<char> any(n_, 0);
    for (const auto& m : r.members) {
      auto it = index_.find(m.outlet);
      if (it == index_.end()) continue;
      const size_t c = it->second;
      any[c] = 1;
      std::string v;
      if (r.kind == "fact") {
        v = m.qualifier.empty() ? m.value : m.qualifier + " " + m.value;
      } else if (r.speakers_differ && !m.speaker.empty() && m.speaker != r.speaker) {
        v = m.speaker;
      }
      if (!v.empty() && std::find(vals[c].begin(), vals[c].end(), v) == vals[c].end()) {
        vals[c].push_back(std::move(v));
      }
    }
    std::vector<std::string> cells(n_);
    for (size_t c = 0; c < n_; ++c) {
      if (!any[c]) continue;
      if (vals[c].empty()) {
        cells[c] = ascii_mark ? "x" : "\xE2\x9C\x93";  // ✓
        continue;
      }
      for (const auto& v : vals[c]) cells[c] += (cells[c].empty() ? "" : "; ") + v;
    }
    return cells;
  }

 private:
  size_t n_;
  StringMap<size_t> index_;  // outlet -> its column
};

std::string Label(const ClaimRow& r) {
  if (r.kind == "quote") {
    std::string s = r.speaker.empty() ? "(unknown)" : r.speaker;
    if (r.speakers_differ) s += " (speakers differ)";
    return s + ": \"" + r.text + "\"";
  }
  std::string about;
  for (const auto& a : r.about) about += (about.empty() ? "" : ", ") + a;
  return r.event + (about.empty() ? "" : " [" + about + "]") +
         (r.unit.empty() ? "" : " (" + r.unit + ")");
}

// Writes what render(i, &text) appends for every i in [0, n), in order. Pieces of kRowGrain rows
// are rendered on up to `threads` threads, a window of them at a time: the output is the same for
// any number of threads, and memory holds one window of it.
template <typename Render>
void WriteRendered(size_t n, int threads, std::FILE* out, Render render) {
  constexpr size_t kRowGrain = 64;
  // A cache line each: a string's length changes at every append, and two threads appending to
  // strings side by side would fight over the line they share (two threads were slower than one).
  struct alignas(64) Piece {
    std::string text;
  };
  const size_t pieces = threads <= 1 ? 1 : 32 * static_cast<size_t>(threads);
  std::vector<Piece> text(pieces);
  for (size_t from = 0; from < n; from += kRowGrain * pieces) {
    const size_t to = std::min(n, from + kRowGrain * pieces);
    ParallelForRanges(to - from, kRowGrain, threads, [&](size_t begin, size_t end) {
      std::string& t = text[begin / kRowGrain].text;
      t.clear();
      for (size_t i = from + begin; i < from + end; ++i) render(i, &t);
    });
    for (size_t k = 0; k * kRowGrain < to - from; ++k) WriteAll(out, text[k].text);
  }
}

// One row of `claims extract --format jsonl`, appended to *line; id counts from 1.
void AppendJsonlRow(const ClaimRow& r, size_t id, std::string* out) {
  std::string& line = *out;
  line += fmt::format("{{\"id\":{},\"kind\":\"{}\",\"text\":", id, r.kind);
  AppendJsonString(r.text, &line);
  if (r.kind == "quote") {
    AppendJsonMember("speaker", r.speaker, &line);
    line += fmt::format(",\"speakers_differ\":{}", r.speakers_differ ? "true" : "false");
  } else {
    line += ",\"event\":";
    AppendJsonString(r.event, &line);
    line += ",\"about\":[";
    for (size_t k = 0; k < r.about.size(); ++k) {
      if (k) line += ",";
      AppendJsonString(r.about[k], &line);
    }
    line += "]";
    if (!r.unit.empty()) {
      line += ",\"unit\":";
      AppendJsonString(r.unit, &line);
    }
  }
  line += fmt::format(",\"conflict\":{},\"coverage\":{},\"outlets\":[",
                      r.conflict ? "true" : "false", r.outlets.size());
  for (size_t k = 0; k < r.outlets.size(); ++k) {
    if (k) line += ",";
    AppendJsonString(r.outlets[k], &line);
  }
  line += "],\"members\":[";
  for (size_t k = 0; k < r.members.size(); ++k) {
    const ClaimMember& m = r.members[k];
    if (k) line += ",";
    line += "{\"doc\":";
    AppendJsonString(m.doc, &line);
    line += ",\"outlet\":";
    AppendJsonString(m.outlet, &line);
    line += ",\"text\":";
    AppendJsonString(m.text, &line);
    if (r.kind == "quote") {
      AppendJsonMember("speaker", m.speaker, &line);
    } else {
      line += ",\"value\":";
      AppendJsonString(m.value, &line);
      if (!m.qualifier.empty()) {
        line += ",\"qualifier\":";
        AppendJsonString(m.qualifier, &line);
      }
    }
    line += fmt::format(",\"start\":{},\"end\":{},\"line\":{},\"col\":{},\"at\":", m.start, m.end,
                        m.line, m.col);
    AppendJsonString(fmt::format("{}:{}:{}", m.doc, m.line, m.col), &line);
    line += "}";
  }
  line += "]}\n";
}

void PrintJsonl(const std::vector<ClaimRow>& rows, int threads, std::FILE* out) {
  WriteRendered(rows.size(), threads, out,
                [&](size_t i, std::string* line) { AppendJsonlRow(rows[i], i + 1, line); });
}

void PrintDelimited(const std::vector<ClaimRow>& rows, const std::vector<std::string>& outlets,
                    bool csv, int threads, std::FILE* out) {
  auto field = [&](std::string_view s, std::string* line) {
    if (csv)
      AppendCsvField(s, line);
    else
      AppendTsvField(s, line);
  };
  const OutletColumns columns(outlets);
  char sep = csv ? ',' : '\t';
  const char* eol = csv ? "\r\n" : "\n";
  std::string header = "id";
  for (const char* h : {"kind", "coverage", "conflict", "speaker_or_event", "claim"}) {
    header.push_back(sep);
    header += h;
  }
  for (const auto& o : outlets) {
    header.push_back(sep);
    field(o, &header);
  }
  header += eol;
  WriteAll(out, header);
  WriteRendered(rows.size(), threads, out, [&](size_t i, std::string* out_line) {
    const ClaimRow& r = rows[i];
    std::string& line = *out_line;
    line += std::to_string(i + 1);
    line.push_back(sep);
    line += r.kind;
    line.push_back(sep);
    line += std::to_string(r.outlets.size());
    line.push_back(sep);
    line += r.conflict ? "conflict" : "";
    line.push_back(sep);
    std::string who = r.kind == "quote" ? r.speaker : r.event;
    if (r.kind == "fact" && !r.about.empty()) {
      who += " [";
      for (size_t k = 0; k < r.about.size(); ++k) who += (k ? ", " : "") + r.about[k];
      who += "]";
    }
    field(who, &line);
    line.push_back(sep);
    field(r.text, &line);
    for (const std::string& c : columns.Cells(r, true)) {
      line.push_back(sep);
      field(c, &line);
    }
    line += eol;
  });
}

std::string MarkdownEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += " ";
    else
      out.push_back(c);
  }
  return out;
}

void PrintMarkdown(const std::vector<ClaimRow>& rows, const std::vector<std::string>& outlets,
                   std::FILE* out) {
  const OutletColumns columns(outlets);
  std::string s = "| # | claim |";
  for (const auto& o : outlets) s += fmt::format(" {} |", MarkdownEscape(o));
  s += " outlets | conflict |\n|---:|---|";
  for (size_t i = 0; i < outlets.size(); ++i) s += ":---:|";
  s += "---:|:---:|\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const ClaimRow& r = rows[i];
    s += fmt::format("| {} | {} |", i + 1, MarkdownEscape(Label(r)));
    for (const std::string& c : columns.Cells(r, false))
      s += fmt::format(" {} |", MarkdownEscape(c));
    s += fmt::format(" {} | {} |\n", r.outlets.size(), r.conflict ? "**conflict**" : "");
  }
  WriteAll(out, s);
}

std::string PadRight(std::string_view s, int width) {
  std::string out(s);
  int w = DisplayWidth(s);
  if (w < width) out.append(static_cast<size_t>(width - w), ' ');
  return out;
}

void PrintTable(const std::vector<ClaimRow>& rows, const std::vector<std::string>& outlets,
                const TableOptions& opt, std::FILE* out) {
  // Columns: "#", claim, one narrow column per outlet (A, B, ...), "n", "!".
  const int n_out = static_cast<int>(outlets.size());
  auto letter = [](int i) {
    std::string s;
    if (i >= 26) s.push_back(static_cast<char>('A' + i / 26 - 1));
    s.push_back(static_cast<char>('A' + i % 26));
    return s;
  };
  int id_w = static_cast<int>(std::to_string(rows.size()).size());
  // Outlet cells show values for facts: give them room up to 10 columns.
  const OutletColumns columns(outlets);
  std::vector<int> col_w(static_cast<size_t>(n_out), 1);
  for (int o = 0; o < n_out; ++o) {
    col_w[static_cast<size_t>(o)] = std::max<int>(1, static_cast<int>(letter(o).size()));
  }
  for (const auto& r : rows) {
    std::vector<std::string> cells = columns.Cells(r, false);
    for (int o = 0; o < n_out; ++o) {
      int w = DisplayWidth(cells[static_cast<size_t>(o)]);
      col_w[static_cast<size_t>(o)] = std::min(10, std::max(col_w[static_cast<size_t>(o)], w));
    }
  }
  // The claim column gets what the others leave, at least kMinClaim; when the outlet columns
  // leave less, they narrow (down to their letter) before the table outgrows the width.
  constexpr int kMinClaim = 12;
  auto fixed_width = [&] {
    int f = id_w + 1;
    for (int w : col_w) f += w + 1;
    return f + 4 + 2;  // coverage (" nnn") and conflict (" !")
  };
  while (opt.width - fixed_width() < kMinClaim) {
    int widest = 0;
    for (size_t o = 1; o < col_w.size(); ++o) {
      if (col_w[o] > col_w[static_cast<size_t>(widest)]) widest = static_cast<int>(o);
    }
    if (col_w.empty() ||
        col_w[static_cast<size_t>(widest)] <= static_cast<int>(letter(widest).size())) {
      break;
    }
    --col_w[static_cast<size_t>(widest)];
  }
  int claim_w = std::max(kMinClaim, opt.width - fixed_width());
  const char* bold = opt.color ? "\x1b[1m" : "";
  const char* red = opt.color ? "\x1b[31m" : "";
  const char* dim = opt.color ? "\x1b[2m" : "";
  const char* reset = opt.color ? "\x1b[0m" : "";
  std::string s;
  s += bold;
  s += PadRight("#", id_w) + " " + PadRight("claim", claim_w);
  for (int o = 0; o < n_out; ++o) {
    s += ' ';
    s += PadRight(letter(o), col_w[static_cast<size_t>(o)]);
  }
  s += "   n !";
  s += reset;
  s += "\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const ClaimRow& r = rows[i];
    s += PadRight(std::to_string(i + 1), id_w) + " ";
    s += PadRight(Ellipsize(Label(r), claim_w), claim_w);
    const std::vector<std::string> cells = columns.Cells(r, false);
    for (int o = 0; o < n_out; ++o) {
      std::string c = Ellipsize(cells[static_cast<size_t>(o)], col_w[static_cast<size_t>(o)]);
      if (c.empty()) {
        s += " ";
        s += dim;
        s += PadRight("\xC2\xB7", col_w[static_cast<size_t>(o)]);  // ·
        s += reset;
      } else {
        s += ' ';
        s += PadRight(c, col_w[static_cast<size_t>(o)]);
      }
    }
    s += fmt::format(" {:>3}", r.outlets.size());
    if (r.conflict) {
      s += " ";
      s += red;
      s += "!";
      s += reset;
    } else {
      s += "  ";
    }
    s += "\n";
  }
  s += "\n";
  s += bold;
  s += "outlets";
  s += reset;
  s += "\n";
  for (int o = 0; o < n_out; ++o) {
    std::string prefix = "  " + letter(o) + " = ";
    s += prefix +
         Ellipsize(outlets[static_cast<size_t>(o)],
                   std::max(1, opt.width - static_cast<int>(prefix.size()))) +
         "\n";
  }
  s += Ellipsize(
           fmt::format("{} claims, {} with conflicting values (!); n = outlets reporting the claim",
                       rows.size(),
                       std::count_if(rows.begin(), rows.end(),
                                     [](const ClaimRow& r) { return r.conflict; })),
           std::max(1, opt.width)) +
       "\n";
  WriteAll(out, s);
}

}  // namespace

std::string Ellipsize(std::string_view s, int width) {
  std::string flat;
  for (char c : s) flat.push_back(c == '\n' || c == '\t' ? ' ' : c);
  if (DisplayWidth(flat) <= width) return flat;
  std::string out;
  int w = 0;
  size_t i = 0;
  while (i < flat.size()) {
    int len;
    DecodeUtf8(flat, i, &len);
    std::string_view ch = std::string_view(flat).substr(i, static_cast<size_t>(len));
    int cw = DisplayWidth(ch);
    if (w + cw > width - 1) break;
    out.append(ch);
    w += cw;
    i += static_cast<size_t>(len);
  }
  return out + "\xE2\x80\xA6";  // …
}

std::unique_ptr<MentionPrinter> MakeMentionPrinter(Format format, std::FILE* out) {
  switch (format) {
    case Format::kJsonl:
      return std::make_unique<JsonlMentions>(out);
    case Format::kCsv:
      return std::make_unique<DelimitedMentions>(out, true);
    default:
      return std::make_unique<DelimitedMentions>(out, false);
  }
}

void PrintClaims(Format format, const std::vector<ClaimRow>& rows,
                 const std::vector<std::string>& outlets, const TableOptions& table, std::FILE* out,
                 int threads) {
  switch (format) {
    case Format::kJsonl:
      PrintJsonl(rows, threads, out);
      break;
    case Format::kTsv:
      PrintDelimited(rows, outlets, false, threads, out);
      break;
    case Format::kCsv:
      PrintDelimited(rows, outlets, true, threads, out);
      break;
    case Format::kMarkdown:
      PrintMarkdown(rows, outlets, out);
      break;
    case Format::kTable:
      PrintTable(rows, outlets, table, out);
      break;
  }
}

}  // namespace claims
