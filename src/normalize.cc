// Stage 1: normalisation with an offset map back to the original bytes (see normalize.h).
#include "claims/normalize.h"

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstdlib>

#include "claims/utf8.h"

namespace claims {
namespace {

bool IsCombining(char32_t cp) {
  if (cp < 0x300) return false;
  auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

// What a code point becomes: 0 = dropped, 1 = kept, else the ASCII replacement.
char32_t Replacement(char32_t cp) {
  switch (cp) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
    case 0x301D:
    case 0x301E:
    case 0xFF02:
      return '"';
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2039:
    case 0x203A:
      return '\'';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return '-';
    case 0x00A0:
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x0009:
    case 0x000B:
    case 0x000C:
      return ' ';
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
    case 0x00AD:
      return 0;
    default:
      return 1;
  }
}

// Bytes copied as they are: printable ASCII but for the quote marks that pair up ('' and ``).
constexpr auto kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '\'' && c != '`';
  return t;
}();

// Windows-1252 bytes 0x80-0x9F; the rest of 0xA0-0xFF is Latin-1, i.e. the same code point.
constexpr char32_t kCp1252[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// The end of the run of plain bytes (kPlain) from pos: sixteen bytes at a time where SSE2 is
// there, since most of a text is such runs, a line or a clause long.
size_t PlainRunEnd(std::string_view in, size_t pos) {
  const size_t n = in.size();
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8(0x20 - 1), above = _mm_set1_epi8(0x7F);
  const __m128i apostrophe = _mm_set1_epi8('\''), backtick = _mm_set1_epi8('`');
  while (pos + 16 <= n) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + pos));
    // Signed compares: bytes >= 0x80 are negative, so they fail the first one.
    const __m128i plain =
        _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(x, apostrophe), _mm_cmpeq_epi8(x, backtick)),
                         _mm_and_si128(_mm_cmpgt_epi8(x, below), _mm_cmplt_epi8(x, above)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(plain)) ^ 0xFFFFu;
    if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(mask));
    pos += 16;
  }
#endif
  while (pos < n && kPlain[static_cast<unsigned char>(in[pos])]) ++pos;
  return pos;
}

}  // namespace

uint32_t Windows1252Offset(std::string_view original, uint32_t begin, size_t utf8_offset) {
  size_t converted = 0;
  uint32_t o = begin;
  while (o < original.size() && converted < utf8_offset) {
    unsigned char c = static_cast<unsigned char>(original[o]);
    char32_t cp = c < 0x80 ? c : (c < 0xA0 ? kCp1252[c - 0x80] : c);
    converted += cp < 0x80 ? 1 : (cp < 0x800 ? 2 : 3);
    ++o;
  }
  return o;
}

bool LooksWindows1252(std::string_view b) {
  size_t non_ascii = 0, invalid = 0;
  size_t i = 0;
  while (i < b.size()) {
    i = SkipAscii(b, i);
    if (i >= b.size()) break;
    int len;
    char32_t cp = DecodeUtf8(b, i, &len);
    non_ascii += static_cast<size_t>(len);
    if (cp == 0xFFFD && len == 1) ++invalid;
    i += static_cast<size_t>(len);
  }
  return invalid > 0 && invalid * 10 >= non_ascii * 9;
}

NormalizedText Normalize(std::string_view in) {
  NormalizedText out;
  const bool cp1252 = LooksWindows1252(in);
  out.windows1252 = cp1252;
  out.text.reserve(in.size());
  size_t i = 0;
  if (in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  size_t last_starter = std::string::npos;  // output offset of the last non-combining character
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    uint32_t here = static_cast<uint32_t>(i);
    // Fast path: a run of plain printable ASCII is copied as it is.
    if (kPlain[c]) {
      const size_t j = PlainRunEnd(in, i + 1);
      out.text.append(in.data() + i, j - i);
      out.origin.AppendRun(here, j - i);
      last_starter = out.text.size() - 1;
      i = j;
      continue;
    }
    if (c < 0x80) {
      if (c == '\r') {
        out.text.push_back('\n');
        out.origin.AppendRun(here, 1);
        i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
        last_starter = std::string::npos;
        continue;
      }
      if (c == '\'' && i + 1 < in.size() && in[i + 1] == '\'') {
        out.text.push_back('"');
        out.origin.AppendRun(here, 1);
        i += 2;
        last_starter = std::string::npos;
        continue;
      }
      if (c == '`' && i + 1 < in.size() && in[i + 1] == '`') {
        out.text.push_back('"');
        out.origin.AppendRun(here, 1);
        i += 2;
        last_starter = std::string::npos;
        continue;
      }
      char ch = static_cast<char>(c);
      if (c == '\t' || c == '\v' || c == '\f') ch = ' ';
      if (c == 0) ch = ' ';
      last_starter = out.text.size();
      out.text.push_back(ch);
      out.origin.AppendRun(here, 1);
      ++i;
      continue;
    }
    int len;
    char32_t cp;
    if (cp1252) {
      len = 1;
      cp = c < 0xA0 ? kCp1252[c - 0x80] : c;
      if (out.first_invalid == std::string_view::npos) out.first_invalid = i;  // first non-ASCII
    } else {
      cp = DecodeUtf8(in, i, &len);
    }
    if (cp == 0xFFFD && len == 1 && out.first_invalid == std::string_view::npos) {
      out.first_invalid = i;
    }
    i += static_cast<size_t>(len);
    char32_t r = Replacement(cp);
    if (r == 0) continue;
    if (r != 1) {
      last_starter = std::string::npos;
      out.text.push_back(static_cast<char>(r));
      out.origin.AppendRun(here, 1);
      continue;
    }
    if (IsCombining(cp) && last_starter != std::string::npos) {
      // Compose the starter with this mark (and any marks that follow) when NFC says so.
      std::string cluster = out.text.substr(last_starter);
      AppendUtf8(cp, &cluster);
      while (i < in.size()) {
        int l2;
        char32_t next = DecodeUtf8(in, i, &l2);
        if (!IsCombining(next)) break;
        AppendUtf8(next, &cluster);
        i += static_cast<size_t>(l2);
      }
      std::string composed = Nfc(cluster);
      uint32_t start_origin = out.origin[last_starter];
      out.text.resize(last_starter);
      out.origin.Truncate(last_starter);
      out.text += composed;
      out.origin.AppendSame(start_origin, composed.size());
      continue;
    }
    last_starter = out.text.size();
    AppendUtf8(cp, &out.text);
    out.origin.AppendSame(here, out.text.size() - last_starter);
  }
  out.origin.AppendRun(static_cast<uint32_t>(in.size()), 1);
  return out;
}

QuoteStyle OriginalQuoteStyle(std::string_view original, const NormalizedText& norm, size_t pos) {
  uint32_t o = norm.origin[pos];
  if (o >= original.size()) return QuoteStyle::kNone;
  int len;
  char32_t cp;
  if (norm.windows1252 && static_cast<unsigned char>(original[o]) >= 0x80) {
    unsigned char c = static_cast<unsigned char>(original[o]);
    cp = c < 0xA0 ? kCp1252[c - 0x80] : c;
  } else {
    cp = DecodeUtf8(original, o, &len);
  }
  switch (cp) {
    case '"':
      return QuoteStyle::kStraightDouble;
    case '\'':
      return (o + 1 < original.size() && original[o + 1] == '\'') ? QuoteStyle::kDoubleApostrophe
                                                                  : QuoteStyle::kStraightSingle;
    case '`':
      return QuoteStyle::kOpenDouble;
    case 0x201C:
    case 0x201E:
    case 0x00AB:
    case 0x301D:
      return QuoteStyle::kOpenDouble;
    case 0x201D:
    case 0x00BB:
    case 0x301E:
      return QuoteStyle::kCloseDouble;
    case 0x201F:
    case 0x2033:
    case 0xFF02:
      return QuoteStyle::kStraightDouble;
    case 0x2018:
    case 0x201A:
    case 0x201B:
    case 0x2039:
      return QuoteStyle::kOpenSingle;
    case 0x2019:
    case 0x203A:
      return QuoteStyle::kCloseSingle;
    default:
      return QuoteStyle::kNone;
  }
}

}  // namespace claims
