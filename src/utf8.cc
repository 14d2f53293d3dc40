// UTF-8 decoding and Unicode classes. Classes come from utf8proc's tables so that Indonesian and
// English text (and the odd Cyrillic or CJK name) are treated alike.
#include "claims/utf8.h"

#include <utf8proc.h>

#include <cstdlib>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace claims {

namespace utf8_internal {

char32_t DecodeMultiByte(std::string_view text, size_t pos, int* len) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  unsigned char c = s[pos];
  int need;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) {
    need = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3;
    cp = c & 0x07;
  } else {
    *len = 1;
    return 0xFFFD;
  }
  if (pos + static_cast<size_t>(need) >= n) {
    *len = 1;
    return 0xFFFD;
  }
  for (int i = 1; i <= need; ++i) {
    unsigned char cc = s[pos + static_cast<size_t>(i)];
    if ((cc & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    *len = 1;
    return 0xFFFD;
  }
  *len = need + 1;
  return cp;
}

}  // namespace utf8_internal

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    char32_t cp = DecodeUtf8(text, i, &len);
    if (cp == 0xFFFD && len == 1) {
      // A literal U+FFFD is three bytes long; length 1 means an invalid sequence.
      return i;
    }
    i += static_cast<size_t>(len);
  }
  return std::string_view::npos;
}

namespace {
utf8proc_category_t Category(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}
}  // namespace

namespace utf8_internal {

bool IsLetterNonAscii(char32_t cp) {
  auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
bool IsUpperNonAscii(char32_t cp) {
  auto c = Category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
bool IsLowerNonAscii(char32_t cp) { return Category(cp) == UTF8PROC_CATEGORY_LL; }
bool IsDigitNonAscii(char32_t cp) { return Category(cp) == UTF8PROC_CATEGORY_ND; }
bool IsSpaceNonAscii(char32_t cp) {
  auto c = Category(cp);
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
         cp == 0x85;
}
bool IsPunctNonAscii(char32_t cp) {
  auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

}  // namespace utf8_internal

void AppendCaseFold(std::string_view text, std::string* out) {
  bool ascii = true;
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    for (char ch : text) {
      out->push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
    }
    return;
  }
  utf8proc_uint8_t* folded = nullptr;
  auto n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  if (n < 0) {
    out->append(text);  // invalid UTF-8: leave as is
    return;
  }
  out->append(reinterpret_cast<const char*>(folded), static_cast<size_t>(n));
  std::free(folded);
}

std::string FoldSameLength(std::string_view text) {
  std::string out(text);
  // ASCII letters in one branch-free pass (bytes of multi-byte characters are >= 0x80 and stay).
  unsigned char any_high = 0;
  char* p = out.data();
  const size_t n = out.size();
  size_t k = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: c - 'A' < 26 (unsigned) as a signed comparison, the bytes moved by
  // 0x80 - 'A' so that 'A'..'Z' land on -128..-103.
  {
    const __m128i shift = _mm_set1_epi8(static_cast<char>(0x80 - 'A'));
    const __m128i limit = _mm_set1_epi8(static_cast<char>(-128 + 26));
    const __m128i case_bit = _mm_set1_epi8(0x20);
    __m128i high = _mm_setzero_si128();
    for (; k + 16 <= n; k += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
      high = _mm_or_si128(high, x);
      const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(x, shift), limit);
      x = _mm_add_epi8(x, _mm_and_si128(upper, case_bit));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p + k), x);
    }
    if (_mm_movemask_epi8(high) != 0) any_high = 0x80;
  }
#endif
  for (; k < n; ++k) {
    unsigned char c = static_cast<unsigned char>(p[k]);
    any_high |= c;
    p[k] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
  if (!(any_high & 0x80)) return out;
  size_t i = 0;
  while (i < n) {
    i = SkipAscii(out, i);
    if (i >= n) break;
    int len;
    char32_t cp = DecodeUtf8(out, i, &len);
    auto lower = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    if (lower != cp) {
      std::string enc;
      AppendUtf8(lower, &enc);
      if (enc.size() == static_cast<size_t>(len)) out.replace(i, enc.size(), enc);
    }
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string CaseFold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendCaseFold(text, &out);
  return out;
}

std::string Nfc(std::string_view text) {
  utf8proc_uint8_t* res = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                        static_cast<utf8proc_ssize_t>(text.size()), &res,
                        static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  if (n < 0) return std::string(text);
  std::string out(reinterpret_cast<const char*>(res), static_cast<size_t>(n));
  std::free(res);
  return out;
}

int DisplayWidth(std::string_view text) {
  int w = 0;
  size_t i = 0;
  while (i < text.size()) {
    int len;
    char32_t cp = DecodeUtf8(text, i, &len);
    i += static_cast<size_t>(len);
    if (cp < 0x80) {
      if (cp >= 0x20 && cp != 0x7F) ++w;
      continue;
    }
    int cw = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
    w += cw < 0 ? 0 : cw;
  }
  return w;
}

}  // namespace claims
