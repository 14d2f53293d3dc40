// Word-list alternations cut to the words of one match (see alternation_cut.h).
#include "claims/alternation_cut.h"

#include <algorithm>
#include <bit>
#include <mutex>

#include "claims/utf8.h"

namespace claims {

std::string QuotePhrase(std::string_view phrase) {
  std::string out;
  for (char c : phrase) {
    if (c == ' ') {
      out += "[\\s-]+";  // a space in a phrase matches any run of spaces (or a hyphen)
      continue;
    }
    if (std::string_view("\\^$.|?*+()[]{}-").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string MacroPattern::Build(const std::vector<std::vector<bool>>* keep) const {
  std::string out = pieces.empty() ? std::string() : pieces[0];
  for (size_t i = 0; i < slots.size(); ++i) {
    out.append("(?i:");
    bool any = false;
    for (size_t j = 0; j < slots[i].size(); ++j) {
      if (keep && !(*keep)[i][j]) continue;
      if (any) out.push_back('|');
      out.append(QuotePhrase(slots[i][j]));
      any = true;
    }
    // No word kept: a class of no character, which never matches.
    if (!any) out.append("[^\\x00-\\x{10FFFF}]");
    out.append(")");
    out.append(pieces[i + 1]);
  }
  return out;
}

namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

uint16_t AlternationCut::Pair(char a, char b) {
  return static_cast<uint16_t>(static_cast<unsigned char>(a) | static_cast<unsigned char>(b) << 8);
}

bool AlternationCut::WorthCutting(const MacroPattern& pattern, int program_size) {
  if (pattern.slots.empty() || program_size < kMinProgram) return false;
  // What the alternations weigh in the program: about an instruction a byte of each word (a
  // case-folded ASCII letter is one) and one per word to branch to it.
  size_t weight = 0;
  for (const auto& slot : pattern.slots) {
    for (const std::string& w : slot) weight += w.size() + 1;
  }
  return 3 * weight >= 2 * static_cast<size_t>(program_size);
}

std::unique_ptr<AlternationCut> AlternationCut::Make(MacroPattern pattern,
                                                     const RE2::Options& options) {
  if (pattern.slots.empty()) return nullptr;
  // A word is named by its slot and its index in 16 bits each.
  if (pattern.slots.size() > 0xFFFF) return nullptr;
  for (const auto& slot : pattern.slots) {
    if (slot.size() > 0xFFFF) return nullptr;
  }
  std::unique_ptr<AlternationCut> cut(new AlternationCut());
  cut->options_ = options;
  std::unordered_map<std::string, uint32_t> index;
  for (const auto& slot : pattern.slots) {
    std::vector<Word>& words = cut->words_.emplace_back();
    for (const std::string& w : slot) {
      Word& word = words.emplace_back();
      word.always = std::any_of(w.begin(), w.end(), [](char c) { return c & 0x80; });
      if (word.always) continue;
      size_t start = 0;
      while (start <= w.size()) {
        size_t sp = w.find(' ', start);
        if (sp == std::string::npos) sp = w.size();
        std::string part;
        for (size_t k = start; k < sp; ++k) part.push_back(LowerAscii(w[k]));
        if (!part.empty()) {
          auto [it, added] = index.emplace(part, static_cast<uint32_t>(cut->parts_.size()));
          if (added) cut->parts_.push_back(part);
          word.parts.push_back(it->second);
        }
        start = sp + 1;
      }
    }
  }
  cut->words_of_part_.resize(cut->parts_.size());
  for (uint32_t i = 0; i < cut->words_.size(); ++i) {
    for (uint32_t j = 0; j < cut->words_[i].size(); ++j) {
      const Word& w = cut->words_[i][j];
      if (w.always) continue;
      ++cut->cuttable_;
      for (uint32_t p : w.parts) cut->words_of_part_[p].push_back(i << 16 | j);
    }
  }
  // The parts by their first two bytes; a one-byte part counts as present everywhere.
  cut->pair_bits_.assign(65536 / 64, 0);
  std::vector<std::pair<uint16_t, uint32_t>> pairs;  // (pair, part)
  for (uint32_t p = 0; p < cut->parts_.size(); ++p) {
    const std::string& part = cut->parts_[p];
    if (part.size() < 2) {
      cut->short_parts_.push_back(p);
      continue;
    }
    const uint16_t pair = Pair(part[0], part[1]);
    cut->pair_bits_[pair >> 6] |= uint64_t{1} << (pair & 63);
    pairs.emplace_back(pair, p);
  }
  std::sort(pairs.begin(), pairs.end());
  // Where each pair's parts start in by_pair_, by the pair's rank among the pairs that have a bit.
  cut->rank_base_.resize(cut->pair_bits_.size());
  uint32_t rank = 0;
  for (size_t w = 0; w < cut->pair_bits_.size(); ++w) {
    cut->rank_base_[w] = rank;
    rank += static_cast<uint32_t>(std::popcount(cut->pair_bits_[w]));
  }
  for (size_t k = 0; k < pairs.size(); ++k) {
    if (k == 0 || pairs[k].first != pairs[k - 1].first) {
      cut->pair_start_.push_back(static_cast<uint32_t>(k));
    }
    cut->by_pair_.push_back(pairs[k].second);
  }
  cut->pair_start_.push_back(static_cast<uint32_t>(pairs.size()));
  cut->pattern_ = std::move(pattern);
  return cut;
}

const RE2* AlternationCut::For(std::string_view match) const {
  // The ASCII test below would miss a word spelt with a rune RE2 folds to its letter (utf8.h).
  if (HasRuneFoldingToAscii(match)) return nullptr;
  // Which parts occur: each place whose two bytes start some part is checked against those parts.
  thread_local std::string lower;
  lower.assign(match);
  for (char& c : lower) c = LowerAscii(c);
  thread_local std::vector<uint8_t> present;
  thread_local std::vector<uint32_t> found;  // the parts present, each once
  present.assign(parts_.size(), 0);
  found.clear();
  for (uint32_t p : short_parts_) {
    present[p] = 1;
    found.push_back(p);
  }
  for (size_t i = 0; i + 1 < lower.size(); ++i) {
    const uint16_t pair = Pair(lower[i], lower[i + 1]);
    const uint64_t bits = pair_bits_[pair >> 6];
    const unsigned bit = pair & 63;
    if (!(bits >> bit & 1)) continue;
    // The pair's rank among the pairs present: its parts are by_pair_[pair_start_[rank], ...).
    const uint32_t rank = rank_base_[pair >> 6] +
                          static_cast<uint32_t>(std::popcount(bits & ((uint64_t{1} << bit) - 1)));
    for (uint32_t k = pair_start_[rank]; k < pair_start_[rank + 1]; ++k) {
      const uint32_t p = by_pair_[k];
      const std::string& part = parts_[p];
      if (!present[p] && lower.compare(i, part.size(), part) == 0) {
        present[p] = 1;
        found.push_back(p);
      }
    }
  }
  // The words kept, as (slot, word) in order: those whose parts are all present (the words with a
  // non-ASCII byte, always kept, are left out of the key).
  thread_local std::vector<uint32_t> kept;
  kept.clear();
  for (uint32_t p : found) {
    for (uint32_t sw : words_of_part_[p]) {
      const Word& w = words_[sw >> 16][sw & 0xFFFF];
      if (std::all_of(w.parts.begin(), w.parts.end(), [](uint32_t q) { return present[q]; })) {
        kept.push_back(sw);
      }
    }
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.size() == cuttable_) return nullptr;  // every word kept: the whole rule
  std::string key(reinterpret_cast<const char*>(kept.data()), kept.size() * sizeof(uint32_t));
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second.get();
    if (cache_.size() >= kMaxCached) return nullptr;
  }
  std::vector<std::vector<bool>> keep(words_.size());
  for (size_t i = 0; i < words_.size(); ++i) {
    keep[i].resize(words_[i].size());
    for (size_t j = 0; j < words_[i].size(); ++j) keep[i][j] = words_[i][j].always;
  }
  for (uint32_t sw : kept) keep[sw >> 16][sw & 0xFFFF] = true;
  auto re = std::make_unique<RE2>(pattern_.Build(&keep), options_);
  if (!re->ok()) return nullptr;
  std::unique_lock lock(mu_);
  if (cache_.size() >= kMaxCached) return nullptr;
  auto [it, added] = cache_.emplace(std::move(key), std::move(re));
  return it->second.get();
}

size_t AlternationCut::cached() const {
  std::shared_lock lock(mu_);
  return cache_.size();
}

}  // namespace claims
