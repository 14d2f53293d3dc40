// HashBytes: the one hash of short strings that the rule tables (FlatStringMap), the per-document
// word sets (ViewSet) and the duplicate-paragraph keys (boilerplate) share.
#ifndef CLAIMS_HASH_H_
#define CLAIMS_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace claims {

namespace hash_internal {
// Eight and four bytes at q, as they lie in memory (unaligned loads).
inline uint64_t Load64(const char* q) {
  uint64_t v;
  std::memcpy(&v, q, 8);
  return v;
}
inline uint64_t Load32(const char* q) {
  uint32_t v;
  std::memcpy(&v, q, 4);
  return v;
}
}  // namespace hash_internal

// A 64-bit hash of bytes, eight at a time; the last (or only) bytes are read by overlapping
// fixed-size loads, never by a copy of variable length (words are short: most take one step).
inline uint64_t HashBytes(std::string_view s) {
  using hash_internal::Load32;
  using hash_internal::Load64;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  uint64_t v;
  if (n >= 8) {
    while (n > 8) {
      h = (h ^ Load64(p)) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
      p += 8;
      n -= 8;
    }
    v = Load64(p + n - 8);
  } else if (n >= 4) {
    v = (Load32(p) << 32) | Load32(p + n - 4);
  } else if (n > 0) {
    v = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
        static_cast<unsigned char>(p[n - 1]);
  } else {
    v = 0;
  }
  h = (h ^ v) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

// Whether the n bytes at a and at b are the same. Up to 16 bytes (most words) are compared by two
// overlapping fixed-size loads, without a call; longer runs by memcmp. The tables' probes ask this
// of every key whose hash agrees.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  using hash_internal::Load32;
  using hash_internal::Load64;
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return Load64(a) == Load64(b) && Load64(a + n - 8) == Load64(b + n - 8);
  }
  if (n >= 4) return Load32(a) == Load32(b) && Load32(a + n - 4) == Load32(b + n - 4);
  if (n == 0) return true;
  return a[0] == b[0] && a[n >> 1] == b[n >> 1] && a[n - 1] == b[n - 1];
}

}  // namespace claims

#endif  // CLAIMS_HASH_H_
