// AtomFilter (see prefilter.h): a clause of FilteredRE2's atoms per pattern, looked for 16 bytes
// at a time.
#include "claims/prefilter.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <utility>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "claims/utf8.h"

namespace claims {
namespace {

// How common a byte is in news text, English or Indonesian, lower-cased: higher is commoner. A
// needle is looked for at its least common byte, so that few places of a text need a closer look.
int Commonness(unsigned char c) {
  static constexpr std::string_view kLetters = "qxzjvfwybpcghmldkuorstinea";  // rare to common
  if (c == ' ') return 100;
  const size_t at = kLetters.find(static_cast<char>(c));
  if (at != std::string_view::npos) return 10 + static_cast<int>(at);
  if (c >= '0' && c <= '9') return 5;
  return 0;  // punctuation, symbols, bytes of other scripts
}

}  // namespace

namespace {

// The block kernels by anchor count: kernel[ns * kPairKernels + np] for up to two single bytes
// and seven pairs (the shipped rules' filters have one to six anchors); others take the kernel
// that reads the counts at run time.
constexpr int kSingleKernels = 3, kPairKernels = 8;
using Kernel = bool (AtomFilter::*)(const char*, size_t, size_t*) const;

}  // namespace

struct AtomFilter::Kernels {
  template <size_t... I>
  static constexpr std::array<Kernel, sizeof...(I)> Make(std::index_sequence<I...>) {
    return {&AtomFilter::ScanBlocks<static_cast<int>(I) / kPairKernels,
                                    static_cast<int>(I) % kPairKernels>...};
  }
  // Whether ns single bytes and np pairs have a kernel of their own.
  static bool Unrolled(size_t ns, size_t np) { return ns < kSingleKernels && np < kPairKernels; }
  static Kernel For(size_t ns, size_t np) {
    static constexpr auto kKernels =
        Make(std::make_index_sequence<kSingleKernels * kPairKernels>());
    return Unrolled(ns, np) ? kKernels[ns * kPairKernels + np] : &AtomFilter::ScanBlocks<-1, -1>;
  }
};

Status AtomFilter::Build(const std::vector<std::string>& patterns, const RE2::Options& options,
                         std::unique_ptr<AtomFilter>* out, int min_atom_len) {
  std::unique_ptr<AtomFilter> f(new AtomFilter());
  if (patterns.empty()) {  // nothing can match: FilteredRE2 wants at least one pattern
    f->empty_ = true;
    *out = std::move(f);
    return Status::Ok();
  }
  Status s = Clause(patterns, options, min_atom_len, &f->needles_, &f->always_);
  if (!s.ok()) return s;
  if (!f->always_) f->Index(/*short_texts=*/false);
  *out = std::move(f);
  return Status::Ok();
}

Status AtomFilter::MacroNeedles(const MacroPattern& pattern, const RE2::Options& options,
                                std::vector<std::string>* needles, bool* always) {
  // Placeholders of letters that no word list holds ("zqxj" is no English or Indonesian
  // spelling), told apart by a letter each; they only have to be literals FilteredRE2 keeps whole.
  auto placeholder = [](size_t i) {
    return fmt::format("zqxj{}{}", static_cast<char>('a' + i % 26),
                       static_cast<char>('a' + i / 26));
  };
  std::string p = pattern.pieces.empty() ? std::string() : pattern.pieces[0];
  for (size_t i = 0; i < pattern.slots.size(); ++i) {
    p += "(?:" + placeholder(i) + ")" + pattern.pieces[i + 1];
  }
  needles->clear();
  std::vector<std::string> clause;
  Status s = Clause({p}, options, kMinAtomLen, &clause, always);
  if (!s.ok() || *always) return s;
  // The clause's atoms without a placeholder; then every macro's placeholder and words, whether
  // or not the clause named its placeholder: a match through a macro holds one of its words.
  for (std::string& a : clause) {
    bool holds = false;
    for (size_t i = 0; i < pattern.slots.size(); ++i) {
      holds = holds || a.find(placeholder(i)) != std::string::npos;
    }
    if (!holds) needles->push_back(std::move(a));
  }
  for (size_t i = 0; i < pattern.slots.size(); ++i) {
    needles->push_back(placeholder(i));
    for (const std::string& w : pattern.slots[i]) {
      std::string part(std::string_view(w).substr(0, w.find(' ')));
      if (part.size() < static_cast<size_t>(kMinAtomLen) ||
          std::any_of(part.begin(), part.end(), [](char c) { return (c & 0x80) != 0; })) {
        needles->clear();
        *always = true;
        return Status::Ok();
      }
      for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      needles->push_back(std::move(part));
    }
  }
  // A needle that holds another is found wherever the other is: only the shorter is kept.
  std::sort(needles->begin(), needles->end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  needles->erase(std::unique(needles->begin(), needles->end()), needles->end());
  // Shortest first, so a needle's kept substrings are all kept before it; they are found by
  // looking up each of its shorter substrings (from the shortest needle's length), not by searching
  // it for each kept needle: a speech-verb list gives a rule some 150 needles.
  std::vector<std::string> kept;
  kept.reserve(needles->size());  // no reallocation: `seen` views the kept strings
  std::unordered_set<std::string_view> seen;
  const size_t shortest = needles->empty() ? 1 : std::max<size_t>(1, needles->front().size());
  auto holds_kept = [&](std::string_view n) {
    for (size_t len = shortest; len < n.size(); ++len) {
      for (size_t at = 0; at + len <= n.size(); ++at) {
        if (seen.count(n.substr(at, len))) return true;
      }
    }
    return false;
  };
  for (std::string& n : *needles) {
    if (holds_kept(n)) continue;
    kept.push_back(std::move(n));
    seen.insert(kept.back());
  }
  *needles = std::move(kept);
  return Status::Ok();
}

std::unique_ptr<AtomFilter> AtomFilter::ForNeedles(std::vector<std::string> needles) {
  std::unique_ptr<AtomFilter> f(new AtomFilter());
  f->needles_ = std::move(needles);
  f->empty_ = f->needles_.empty();
  if (!f->empty_) f->Index(/*short_texts=*/true);
  return f;
}

Status AtomFilter::Clause(const std::vector<std::string>& patterns, const RE2::Options& options,
                          int min_atom_len, std::vector<std::string>* needles, bool* always) {
  re2::FilteredRE2 filtered(min_atom_len);
  for (size_t i = 0; i < patterns.size(); ++i) {
    int id = 0;
    if (filtered.Add(patterns[i], options, &id) != RE2::NoError) {
      return Status::Corrupt(fmt::format("pattern {} does not compile: {}", i, patterns[i]));
    }
  }
  std::vector<std::string> atoms;
  filtered.Compile(&atoms);
  // A pattern with no formula passes every text; so does one that needs a non-ASCII atom, which
  // FoldSameLength's text may not show as RE2's lower-casing would.
  std::vector<int> potentials;
  filtered.AllPotentials({}, &potentials);
  *always = !potentials.empty() || std::any_of(atoms.begin(), atoms.end(), [](const auto& a) {
    return std::any_of(a.begin(), a.end(), [](char c) { return c & 0x80; });
  });
  if (*always) return Status::Ok();
  // The formulas have no negation, so a set of atoms C is a clause of pattern p (every match of p
  // holds an atom of C) exactly when p's formula is false with every atom present but C's. Each
  // pattern's clause starts as all atoms and drops atoms, shortest first (short ones are common
  // words: "the", "per"), while it stays a clause.
  std::vector<int> order(atoms.size());
  for (size_t a = 0; a < atoms.size(); ++a) order[a] = static_cast<int>(a);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return atoms[a].size() < atoms[b].size(); });
  auto is_clause = [&](int p, const std::vector<bool>& in_clause) {
    std::vector<int> present;
    for (size_t a = 0; a < atoms.size(); ++a) {
      if (!in_clause[a]) present.push_back(static_cast<int>(a));
    }
    filtered.AllPotentials(present, &potentials);
    return std::find(potentials.begin(), potentials.end(), p) == potentials.end();
  };
  std::vector<bool> needed(atoms.size(), false);
  for (int p = 0; p < static_cast<int>(patterns.size()); ++p) {
    std::vector<bool> clause(atoms.size(), true);
    for (int a : order) {
      clause[a] = false;
      if (!is_clause(p, clause)) clause[a] = true;
    }
    for (size_t a = 0; a < atoms.size(); ++a) needed[a] = needed[a] || clause[a];
  }
  for (size_t a = 0; a < atoms.size(); ++a) {
    if (needed[a]) needles->push_back(atoms[a]);
  }
  return Status::Ok();
}

void AtomFilter::Index(bool short_texts) {
  for (const std::string& n : needles_) all_needles_.push_back(n);
  // A pattern's atom "kompas" may stand in a text as "\u212Aompas", which FoldSameLength leaves
  // as it is: the two runes are needles too (utf8.h).
  for (std::string_view r : kRunesFoldingToAscii) all_needles_.push_back(r);
  for (size_t k = 0; k < all_needles_.size(); ++k) {
    std::string_view n = all_needles_[k];
    auto rank = [&](size_t i) { return Commonness(static_cast<unsigned char>(n[i])); };
    size_t at = 0;
    for (size_t i = 1; i < n.size(); ++i) {
      if (rank(i) < rank(at)) at = i;
    }
    int second = -1;
    if (rank(at) > 0 && n.size() >= 2) {  // a letter or a digit: the rarest pair instead
      at = 0;
      for (size_t i = 1; i + 1 < n.size(); ++i) {
        if (rank(i) + rank(i + 1) < rank(at) + rank(at + 1)) at = i;
      }
      second = static_cast<unsigned char>(n[at + 1]);
    }
    const auto first = static_cast<unsigned char>(n[at]);
    size_t g = 0;
    while (g < anchors_.size() && (anchors_[g].first != first || anchors_[g].second != second)) {
      ++g;
    }
    if (g == anchors_.size()) anchors_.push_back({first, second, {}});
    anchors_[g].needles.push_back({static_cast<uint32_t>(k), static_cast<uint32_t>(at)});
  }
  size_t ns = 0, np = 0;  // the ASCII anchors, single bytes and pairs
  for (const Anchor& a : anchors_) {
    if (a.first & 0x80) continue;  // a rune's: the blocks' top bits
    ++(a.second < 0 ? ns : np);
  }
  const bool long_needles = std::all_of(needles_.begin(), needles_.end(),
                                        [](const std::string& n) { return n.size() >= 3; });
  if (short_texts && !Kernels::Unrolled(ns, np) && long_needles) {
    IndexGrams();
    return;
  }
  if (anchors_.size() > 64) {  // too many to be cheaper than the set
    always_ = true;
    return;
  }
  for (size_t g = 0; g < anchors_.size(); ++g) {
    anchors_by_first_[anchors_[g].first] |= uint64_t{1} << g;
  }
  for (const Anchor& a : anchors_) {
    if (a.first & 0x80) continue;
    if (a.second < 0) {
      singles_.push_back(a.first);
    } else {
      pair_firsts_.push_back(a.first);
      pair_seconds_.push_back(static_cast<unsigned char>(a.second));
    }
  }
  scan_ = Kernels::For(singles_.size(), pair_firsts_.size());
}

void AtomFilter::IndexGrams() {
  anchors_.clear();
  grams_mode_ = true;
  gram_bits_.assign((size_t{1} << kGramBits) / 64, 0);
  std::vector<std::pair<uint32_t, Anchored>> at_gram;
  for (size_t k = 0; k < needles_.size(); ++k) {
    std::string_view n = needles_[k];
    auto rank = [&](size_t i) {
      return Commonness(static_cast<unsigned char>(n[i])) +
             Commonness(static_cast<unsigned char>(n[i + 1])) +
             Commonness(static_cast<unsigned char>(n[i + 2]));
    };
    size_t at = 0;
    for (size_t i = 1; i + 3 <= n.size(); ++i) {
      if (rank(i) < rank(at)) at = i;
    }
    at_gram.push_back({Gram(n.data() + at), {static_cast<uint32_t>(k), static_cast<uint32_t>(at)}});
  }
  std::stable_sort(at_gram.begin(), at_gram.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [gram, anchored] : at_gram) {
    if (grams_.empty() || grams_.back() != gram) {
      grams_.push_back(gram);
      gram_needles_.emplace_back();
      const uint32_t bit = GramHash(gram);
      gram_bits_[bit / 64] |= uint64_t{1} << (bit % 64);
    }
    gram_needles_.back().push_back(anchored);
  }
}

bool AtomFilter::NeedleAt(const std::vector<Anchored>& needles, const char* t, size_t n,
                          size_t at) const {
  for (const Anchored& a : needles) {
    std::string_view needle = all_needles_[a.needle];
    if (at < a.offset) continue;
    const size_t begin = at - a.offset;
    // The first and last bytes first: most places are turned down there, without a call.
    if (begin + needle.size() <= n && t[begin] == needle.front() &&
        t[begin + needle.size() - 1] == needle.back() &&
        std::memcmp(t + begin, needle.data(), needle.size()) == 0) {
      return true;
    }
  }
  return false;
}

bool AtomFilter::FoundAtGram(const char* t, size_t n, size_t at, uint32_t gram) const {
  auto it = std::lower_bound(grams_.begin(), grams_.end(), gram);
  return it != grams_.end() && *it == gram &&
         NeedleAt(gram_needles_[static_cast<size_t>(it - grams_.begin())], t, n, at);
}

bool AtomFilter::FoundAt(const char* t, size_t n, size_t at) const {
  for (uint64_t m = anchors_by_first_[static_cast<unsigned char>(t[at])]; m; m &= m - 1) {
    const Anchor& anchor = anchors_[static_cast<size_t>(__builtin_ctzll(m))];
    if (anchor.second >= 0 &&
        (at + 1 >= n || static_cast<unsigned char>(t[at + 1]) != anchor.second)) {
      continue;
    }
    if (NeedleAt(anchor.needles, t, n, at)) return true;
  }
  return false;
}

template <int NS, int NP>
bool AtomFilter::ScanBlocks(const char* t, size_t n, size_t* pos) const {
#if defined(__SSE2__)
  // The anchors' bytes broadcast once; the two runes' anchors (non-ASCII first bytes) are found
  // among the bytes with their top bit set, which the block's own mask gives.
  const int ns = NS >= 0 ? NS : static_cast<int>(singles_.size());
  const int np = NP >= 0 ? NP : static_cast<int>(pair_firsts_.size());
  constexpr int kMax = 64;
  __m128i singles[NS >= 0 ? (NS > 0 ? NS : 1) : kMax];
  __m128i firsts[NP >= 0 ? (NP > 0 ? NP : 1) : kMax], seconds[NP >= 0 ? (NP > 0 ? NP : 1) : kMax];
  for (int k = 0; k < ns; ++k) singles[k] = _mm_set1_epi8(static_cast<char>(singles_[k]));
  for (int k = 0; k < np; ++k) {
    firsts[k] = _mm_set1_epi8(static_cast<char>(pair_firsts_[k]));
    seconds[k] = _mm_set1_epi8(static_cast<char>(pair_seconds_[k]));
  }
  size_t i = *pos;
  for (; i + 17 <= n; i += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i + 1));
    __m128i hit = _mm_setzero_si128();
    for (int k = 0; k < ns; ++k) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(here, singles[k]));
    for (int k = 0; k < np; ++k) {
      hit = _mm_or_si128(
          hit, _mm_and_si128(_mm_cmpeq_epi8(here, firsts[k]), _mm_cmpeq_epi8(next, seconds[k])));
    }
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit) | _mm_movemask_epi8(here));
    for (; mask; mask &= mask - 1) {
      if (FoundAt(t, n, i + static_cast<size_t>(__builtin_ctz(mask)))) return true;
    }
  }
  *pos = i;
#else
  (void)t, (void)n, (void)pos;
#endif
  return false;
}

bool AtomFilter::MayMatch(std::string_view folded) const {
  if (always_) return true;
  if (empty_) return false;
  const char* t = folded.data();
  const size_t n = folded.size();
  if (grams_mode_) {
    for (size_t i = 0; i < n; ++i) {
      if (t[i] & 0x80) {  // a byte of another script: one of the two runes?
        for (std::string_view r : kRunesFoldingToAscii) {
          if (folded.substr(i, r.size()) == r) return true;
        }
        continue;
      }
      if (i + 3 > n) continue;  // a rune may still follow
      uint32_t gram;
      if (std::endian::native == std::endian::little && i + 4 <= n) {
        std::memcpy(&gram, t + i, 4);  // the gram in the low three bytes, as Gram puts it
        gram &= 0xFFFFFF;
      } else {
        gram = Gram(t + i);
      }
      const uint32_t bit = GramHash(gram);
      if ((gram_bits_[bit / 64] >> (bit % 64) & 1) && FoundAtGram(t, n, i, gram)) return true;
    }
    return false;
  }
  size_t i = 0;
  if ((this->*scan_)(t, n, &i)) return true;
  for (; i < n; ++i) {
    if (anchors_by_first_[static_cast<unsigned char>(t[i])] && FoundAt(t, n, i)) return true;
  }
  return false;
}

}  // namespace claims
