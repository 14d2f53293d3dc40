// FlatStringMap: an immutable-after-loading map from strings to values for the rule tables that
// every word of every document is looked up in (gazetteer aliases and prefixes, word lists).
// Open addressing over a power-of-two table of 16-byte slots that hold a tag of the hash and the
// key's place in one arena of key bytes; std::unordered_map<std::string, V> chases a node and a
// string per probe and hashed byte by byte. Keys are searched with a string_view, without a copy.
// In front of the slots, a one-bit-per-hash filter of a byte per slot (16 KB for up to 8,192 keys)
// answers most lookups of a word that is not there (the usual case) from the first-level cache:
// the slot tables of the word lists and the gazetteer do not fit in it, and a lookup that had to
// touch a slot cost a cache miss, most of the lookups' time.
#ifndef CLAIMS_FLAT_MAP_H_
#define CLAIMS_FLAT_MAP_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims/hash.h"

namespace claims {

template <typename V>
class FlatStringMap {
 public:
  // The value of key, or nullptr.
  const V* Find(std::string_view key) const {
    // A key of one byte (a comma, a full stop) is answered from its bit, without hashing.
    if (key.size() == 1 && !OneByte(static_cast<unsigned char>(key[0]))) return nullptr;
    uint32_t i = Locate(key, HashBytes(key));
    return i == kNone ? nullptr : &values_[slots_[i].index];
  }
  bool Contains(std::string_view key) const { return Find(key) != nullptr; }
  // The value of key, default-constructed first when it is new.
  V& operator[](std::string_view key) {
    if (2 * (values_.size() + 1) > slots_.size()) Grow();
    uint64_t h = HashBytes(key);
    uint32_t i = Locate(key, h);
    if (i != kNone) return values_[slots_[i].index];
    uint32_t index = static_cast<uint32_t>(values_.size());
    Slot s{Tag(h), static_cast<uint32_t>(key.size()), static_cast<uint32_t>(arena_.size()), index};
    arena_.append(key);
    if (key.size() == 1) {
      const auto c = static_cast<unsigned char>(key[0]);
      one_byte_[c >> 6] |= uint64_t{1} << (c & 63);
    }
    keys_.push_back(s);
    values_.emplace_back();
    Place(s, h);
    return values_.back();
  }
  // Adds key with value unless key is there already; true when it was added.
  bool Insert(std::string_view key, V value) {
    size_t before = values_.size();
    V& v = (*this)[key];
    if (values_.size() == before) return false;
    v = std::move(value);
    return true;
  }
  size_t size() const { return values_.size(); }
  // Calls fn(key, value) for every entry, in the order they were added.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& s : keys_)
      fn(std::string_view(arena_).substr(s.offset, s.size), values_[s.index]);
  }

 private:
  static constexpr uint32_t kNone = ~uint32_t{0};
  struct Slot {
    uint32_t tag;
    uint32_t size;
    uint32_t offset;
    uint32_t index;  // kNone: empty
  };
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }

  // The filter's bit of a hash: from bits the slot index does not use (it takes the low ones).
  size_t FilterBit(uint64_t h) const { return (h >> 24) & (filter_.size() * 64 - 1); }
  uint32_t Locate(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return kNone;
    const size_t bit = FilterBit(h);
    if (!(filter_[bit >> 6] >> (bit & 63) & 1)) return kNone;
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(h);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == kNone) return kNone;
      if (s.tag == tag && s.size == key.size() &&
          SameBytes(arena_.data() + s.offset, key.data(), key.size())) {
        return static_cast<uint32_t>(i);
      }
    }
  }
  void Place(const Slot& s, uint64_t h) {
    const size_t bit = FilterBit(h);
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i].index == kNone) {
        slots_[i] = s;
        return;
      }
    }
  }
  void Grow() {
    size_t n = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(n, Slot{0, 0, 0, kNone});
    filter_.assign(n / sizeof(uint64_t), 0);  // eight bits per slot
    for (const Slot& s : keys_) {
      Place(s, HashBytes(std::string_view(arena_).substr(s.offset, s.size)));
    }
  }

  std::vector<Slot> slots_;
  bool OneByte(unsigned char c) const { return one_byte_[c >> 6] >> (c & 63) & 1; }

  std::vector<uint64_t> filter_;  // bit FilterBit(h) set: some key has hash h there
  uint64_t one_byte_[4] = {};     // bit c set: the one-byte key c is here
  std::vector<Slot> keys_;        // in insertion order, for ForEach and Grow
  std::string arena_;
  std::vector<V> values_;
};

}  // namespace claims

#endif  // CLAIMS_FLAT_MAP_H_
