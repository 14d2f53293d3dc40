// ViewSet: a set of string_views into text that outlives it, for per-document word sets (the
// words a document writes in lower case, say). Open addressing with a power-of-two table: no
// allocation per word and no copy of the words, which a std::unordered_set<std::string> built
// for every document spends most of its time on.
#ifndef CLAIMS_VIEW_SET_H_
#define CLAIMS_VIEW_SET_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace claims {

class ViewSet {
 public:
  // Room for up to `expected` distinct words without growing.
  explicit ViewSet(size_t expected = 0) { Reset(expected); }

  void Reset(size_t expected) {
    size_t size = 16;
    while (size < 2 * expected + 2) size *= 2;
    slots_.assign(size, std::string_view());
    used_ = 0;
  }
  void Insert(std::string_view w) {
    if (w.data() == nullptr) w = std::string_view("", 0);
    if (2 * (used_ + 1) > slots_.size()) Grow();
    size_t i = Slot(w);
    if (slots_[i].data() == nullptr) {
      slots_[i] = w;
      ++used_;
    }
  }
  bool Contains(std::string_view w) const {
    if (w.data() == nullptr) w = std::string_view("", 0);
    return slots_[Slot(w)].data() != nullptr;
  }
  size_t size() const { return used_; }

 private:
  // Where w is, or the free slot where it would go (an empty view with a null data() is free).
  size_t Slot(std::string_view w) const {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : w) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
      if (slots_[i].data() == nullptr || slots_[i] == w) return i;
    }
  }
  void Grow() {
    std::vector<std::string_view> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, std::string_view());
    used_ = 0;
    for (std::string_view w : old) {
      if (w.data() != nullptr) Insert(w);
    }
  }

  std::vector<std::string_view> slots_;
  size_t used_ = 0;
};

}  // namespace claims

#endif  // CLAIMS_VIEW_SET_H_
