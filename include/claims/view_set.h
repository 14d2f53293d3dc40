// ViewSet: a set of string_views into text that outlives it, for per-document word sets (the
// words a document writes in lower case, say). Open addressing with a power-of-two table: no
// allocation per word and no copy of the words, which a std::unordered_set<std::string> built
// for every document spends most of its time on. Each slot keeps its word's hash, so a probe
// compares bytes only when the hashes agree; a 4096-bit filter on (length, first and last byte)
// answers most lookups of absent words without hashing them.
#ifndef CLAIMS_VIEW_SET_H_
#define CLAIMS_VIEW_SET_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "claims/hash.h"

namespace claims {

class ViewSet {
 public:
  // Room for up to `expected` distinct words without growing.
  explicit ViewSet(size_t expected = 0) { Reset(expected); }

  void Reset(size_t expected) {
    size_t size = 16;
    while (size < 2 * expected + 2) size *= 2;
    slots_.assign(size, Slot());
    std::memset(filter_, 0, sizeof(filter_));
    used_ = 0;
  }
  void Insert(std::string_view w) {
    if (w.data() == nullptr) w = std::string_view("", 0);
    if (2 * (used_ + 1) > slots_.size()) Grow();
    const uint64_t h = HashBytes(w);
    Slot& s = slots_[Find(w, h)];
    if (s.data == nullptr) {
      s = {w.data(), static_cast<uint32_t>(w.size()), static_cast<uint32_t>(h)};
      const uint32_t f = FilterBit(w);
      filter_[f >> 6] |= uint64_t{1} << (f & 63);
      ++used_;
    }
  }
  // False when w is surely absent (cheap: no hashing); true when it may be present.
  bool MayContain(std::string_view w) const {
    const uint32_t f = FilterBit(w);
    return (filter_[f >> 6] >> (f & 63)) & 1;
  }
  bool Contains(std::string_view w) const {
    if (w.data() == nullptr) w = std::string_view("", 0);
    if (!MayContain(w)) return false;
    return slots_[Find(w, HashBytes(w))].data != nullptr;
  }
  size_t size() const { return used_; }

 private:
  struct Slot {
    const char* data = nullptr;  // null: a free slot
    uint32_t size = 0;
    uint32_t hash = 0;  // low 32 bits of HashBytes
  };
  static uint32_t FilterBit(std::string_view w) {
    if (w.empty()) return 0;
    const uint32_t first = static_cast<unsigned char>(w.front());
    const uint32_t last = static_cast<unsigned char>(w.back());
    return ((static_cast<uint32_t>(w.size()) & 15) << 8) | ((first * 7 + last) & 255);
  }
  // Where w (hash h) is, or the free slot where it would go.
  size_t Find(std::string_view w, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t h32 = static_cast<uint32_t>(h);
    for (size_t i = static_cast<size_t>(h >> 32) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.data == nullptr) return i;
      if (s.hash == h32 && s.size == w.size() && SameBytes(s.data, w.data(), w.size())) {
        return i;
      }
    }
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot());
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.data == nullptr) continue;
      // The slot's hash keeps only the low half: place it again by recomputing its high half.
      const uint64_t h = HashBytes(std::string_view(s.data, s.size));
      size_t i = static_cast<size_t>(h >> 32) & mask;
      while (slots_[i].data != nullptr) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  uint64_t filter_[64];
  size_t used_ = 0;
};

}  // namespace claims

#endif  // CLAIMS_VIEW_SET_H_
