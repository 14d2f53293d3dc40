// Cross-outlet claim matching (see claims.h).
#include "claims/claims.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "claims/normalize.h"
#include "claims/parallel.h"
#include "claims/tokenize.h"
#include "claims/utf8.h"

namespace claims {
namespace {

constexpr size_t kPostingCap = 64;     // candidates looked at per shared token or key
constexpr size_t kCommonToken = 5000;  // tokens in more units than this are not indexed
constexpr double kSameSpeakerContainment = 0.6;
constexpr double kOtherSpeakerJaccard = 0.5;
constexpr size_t kOtherSpeakerMinTokens = 6;
constexpr size_t kShortFragment = 3;  // content words: a fragment this short must match verbatim
constexpr double kFactJaccard = 0.5;
constexpr size_t kMaxConflictMembers = 200;  // members compared pairwise for conflicts
// Outlets disagree about one story: two reports conflict only when their documents share this
// much of their named entities (Jaccard), and when what they are about is specific — a named law
// or treaty, or at least two entities (not every date said of "Donald Trump" is one fact).
constexpr double kSameStoryJaccard = 0.2;
constexpr size_t kSpecificAbout = 2;

struct UnionFind {
  std::vector<uint32_t> parent;
  uint32_t Add() {
    parent.push_back(static_cast<uint32_t>(parent.size()));
    return parent.back();
  }
  uint32_t Find(uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b)
      parent[b] = a;
    else
      parent[a] = b;
  }
};

double ToDouble(std::string_view s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// The interval a number value with its qualifier stands for.
std::pair<double, double> Interval(const std::string& v, const std::string& q) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double lo, hi;
  size_t dash = v.find('-', 1);
  if (dash != std::string::npos) {
    lo = ToDouble(std::string_view(v).substr(0, dash));
    hi = ToDouble(std::string_view(v).substr(dash + 1));
  } else {
    lo = hi = ToDouble(v);
  }
  if (q == "about") return {lo * 0.9, hi * 1.1};
  if (q == "more than" || q == "at least") return {lo, kInf};
  if (q == "less than" || q == "up to" || q == "at most") return {0, hi};
  if (q == "nearly") return {lo * 0.9, hi};
  return {lo, hi};
}

int SeasonOf(int month) {
  if (month >= 3 && month <= 5) return 0;
  if (month >= 6 && month <= 8) return 1;
  if (month >= 9 && month <= 11) return 2;
  return 3;
}

}  // namespace

bool DatesCompatible(const std::string& a, const std::string& b) {
  if (a == b) return true;
  // Decades: 195X holds 1953.
  auto decade_ok = [](const std::string& d, const std::string& o) {
    return d.size() == 4 && d[3] == 'X' && o.size() >= 3 && o.compare(0, 3, d, 0, 3) == 0;
  };
  if (decade_ok(a, b) || decade_ok(b, a)) return true;
  // Seasons: 2024-FA holds 2024-10.
  auto season_ok = [](const std::string& s, const std::string& o) {
    if (s.size() != 7 || !std::isalpha(static_cast<unsigned char>(s[5]))) return false;
    if (o.size() < 7 || o.compare(0, 5, s, 0, 5) != 0) return false;
    int m = (o[5] - '0') * 10 + (o[6] - '0');
    static const char* kNames[] = {"SP", "SU", "FA", "WI"};
    return s.compare(5, 2, kNames[SeasonOf(m)]) == 0;
  };
  if (season_ok(a, b) || season_ok(b, a)) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (shorter.size() == 7 && std::isalpha(static_cast<unsigned char>(shorter[5]))) return false;
  return longer.compare(0, shorter.size(), shorter) == 0 &&
         (longer.size() == shorter.size() || longer[shorter.size()] == '-');
}

bool NumbersCompatible(const std::string& a, const std::string& qa, const std::string& b,
                       const std::string& qb) {
  auto [alo, ahi] = Interval(a, qa);
  auto [blo, bhi] = Interval(b, qb);
  return alo <= bhi && blo <= ahi;
}

struct ClaimMatcher::Impl {
  const Rules& rules;
  explicit Impl(const Rules& r) : rules(r) {}

  struct Unit {  // one sentence of one quotation
    uint32_t doc;
    std::string speaker;           // folded
    std::vector<uint32_t> tokens;  // sorted distinct token ids
    std::vector<uint32_t> seq;     // token ids in text order
    ClaimMember member;
  };
  struct Fact {
    uint32_t doc;
    std::string event;
    std::vector<std::string> about;
    bool about_law = false;  // about is a named law or treaty
    std::string kind_unit;   // "date" or "number:<unit>"
    ClaimMember member;
  };
  std::vector<std::string> doc_paths;
  std::vector<std::vector<std::string>> doc_entities;  // sorted distinct names per document

  double SameStory(uint32_t a, uint32_t b) const {
    const auto& x = doc_entities[a];
    const auto& y = doc_entities[b];
    size_t common = 0;
    for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
      if (x[i] == y[j]) {
        ++common;
        ++i;
        ++j;
      } else if (x[i] < y[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    size_t u = x.size() + y.size() - common;
    return u ? static_cast<double>(common) / static_cast<double>(u) : 0.0;
  }

  bool Conflicting(const Fact& a, const Fact& b) const {
    if (a.doc == b.doc || ValuesAgree(a, b)) return false;
    bool specific = (a.about_law && b.about_law) ||
                    (a.about.size() >= kSpecificAbout && b.about.size() >= kSpecificAbout);
    return specific && AboutJaccard(a, b) >= kFactJaccard &&
           SameStory(a.doc, b.doc) >= kSameStoryJaccard;
  }
  std::vector<Unit> units;
  std::vector<Fact> facts;
  StringMap<uint32_t> token_ids;
  std::vector<std::vector<uint32_t>> postings;  // token id -> units
  // AddUnit's scratch: the shared-token count of each candidate, in a small open-addressing
  // table (a unit has at most kPostingCap candidates per token) that stays in the first-level
  // cache, where a counter per unit held was a cache miss per posting read on a large run; and
  // the slots in use, in the order their candidates were first met.
  std::vector<uint32_t> count_unit;  // 1 + unit, 0: empty
  std::vector<uint32_t> count_n;
  std::vector<uint32_t> touched;  // slots
  std::unordered_map<std::string, std::vector<uint32_t>> fact_postings;
  UnionFind quote_uf, fact_uf;

  // Token ids of content keys (ContentKeys), in order; a key seen first gets the next id.
  std::vector<uint32_t> TokenSeq(const std::vector<std::string>& keys) {
    std::vector<uint32_t> ids;
    ids.reserve(keys.size());
    for (const std::string& key : keys) {
      auto it = token_ids.find(key);
      if (it == token_ids.end()) {
        it = token_ids.emplace(key, static_cast<uint32_t>(token_ids.size())).first;
        postings.emplace_back();
      }
      ids.push_back(it->second);
    }
    return ids;
  }

  static std::vector<uint32_t> Distinct(std::vector<uint32_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  // What AddUnit reads of every earlier unit it compares with, in one dense array: the units
  // themselves are large and scattered.
  struct UnitKey {
    uint32_t doc;
    uint32_t ntokens;
    uint32_t speaker;  // 0: none, else 1 + its index in speaker_ids
  };
  std::vector<UnitKey> unit_keys;
  StringMap<uint32_t> speaker_ids;

  void AddUnit(Unit u) {
    uint32_t id = quote_uf.Add();
    uint32_t speaker = 0;
    if (!u.speaker.empty()) {
      auto it = speaker_ids.try_emplace(u.speaker, static_cast<uint32_t>(speaker_ids.size())).first;
      speaker = it->second + 1;
    }
    // Count shared tokens with earlier units through capped postings, so that the cost is that
    // of the postings read, not of the units held.
    size_t reads = 0;
    for (uint32_t t : u.tokens) {
      const size_t n = postings[t].size();
      if (n <= kCommonToken) reads += std::min(n, kPostingCap);
    }
    size_t slots = 64;
    while (slots < 2 * reads) slots *= 2;
    if (count_unit.size() < slots) {
      count_unit.assign(slots, 0);
      count_n.assign(slots, 0);
    }
    const size_t mask = slots - 1;
    touched.clear();
    for (uint32_t t : u.tokens) {
      const auto& post = postings[t];
      if (post.size() > kCommonToken) continue;
      size_t from = post.size() > kPostingCap ? post.size() - kPostingCap : 0;
      for (size_t k = from; k < post.size(); ++k) {
        const uint32_t key = post[k] + 1;
        size_t i = (key * 0x9E3779B1u) & mask;
        while (count_unit[i] != 0 && count_unit[i] != key) i = (i + 1) & mask;
        if (count_unit[i] == 0) {
          count_unit[i] = key;
          touched.push_back(static_cast<uint32_t>(i));
        }
        ++count_n[i];
      }
    }
    // In any order: whether two units join depends on them alone, and the claims (the sets the
    // unions make, each named by its smallest unit) do not depend on the order of the unions.
    for (uint32_t slot : touched) {
      const uint32_t other = count_unit[slot] - 1;
      const uint32_t n = count_n[slot];
      count_unit[slot] = 0;
      count_n[slot] = 0;
      const UnitKey& o = unit_keys[other];
      if (o.doc == u.doc) continue;
      size_t a = u.tokens.size(), b = o.ntokens;
      if (a == 0 || b == 0) continue;
      double containment = static_cast<double>(n) / static_cast<double>(std::min(a, b));
      double jaccard = static_cast<double>(n) / static_cast<double>(a + b - n);
      bool same_speaker = speaker != 0 && speaker == o.speaker;
      // A fragment of a few words ("back", "sport is back") joins only the same few words: as a
      // part of longer quotations it would chain unrelated ones together. Longer fragments may be
      // trimmed, reordered or translated.
      if (same_speaker && containment >= kSameSpeakerContainment &&
          n >= std::min<size_t>(2, std::min(a, b)) &&
          (std::min(a, b) > kShortFragment || u.seq == units[other].seq)) {
        quote_uf.Union(id, other);
      } else if (!same_speaker && jaccard >= kOtherSpeakerJaccard &&
                 std::min(a, b) >= kOtherSpeakerMinTokens) {
        quote_uf.Union(id, other);
      }
    }
    for (uint32_t t : u.tokens) {
      if (postings[t].size() <= kCommonToken) postings[t].push_back(id);
    }
    unit_keys.push_back({u.doc, static_cast<uint32_t>(u.tokens.size()), speaker});
    units.push_back(std::move(u));
  }

  static double AboutJaccard(const Fact& a, const Fact& b) {
    std::vector<std::string> common;
    std::set_intersection(a.about.begin(), a.about.end(), b.about.begin(), b.about.end(),
                          std::back_inserter(common));
    size_t u = a.about.size() + b.about.size() - common.size();
    return u ? static_cast<double>(common.size()) / static_cast<double>(u) : 0.0;
  }

  static bool ValuesAgree(const Fact& a, const Fact& b) {
    if (a.kind_unit == "date") return DatesCompatible(a.member.value, b.member.value);
    return NumbersCompatible(a.member.value, a.member.qualifier, b.member.value,
                             b.member.qualifier);
  }

  void AddFact(Fact f) {
    uint32_t id = fact_uf.Add();
    std::vector<uint32_t> cands;
    for (const auto& a : f.about) {
      const auto& post = fact_postings[f.event + "\t" + f.kind_unit + "\t" + a];
      size_t from = post.size() > kPostingCap ? post.size() - kPostingCap : 0;
      cands.insert(cands.end(), post.begin() + static_cast<long>(from), post.end());
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    for (uint32_t other : cands) {
      // Already in this fact's claim (through an earlier match): a union would change nothing.
      if (fact_uf.Find(other) == fact_uf.Find(id)) continue;
      const Fact& o = facts[other];
      if (o.doc == f.doc) continue;
      std::vector<std::string> common;
      std::set_intersection(f.about.begin(), f.about.end(), o.about.begin(), o.about.end(),
                            std::back_inserter(common));
      size_t n = common.size();
      if (n == 0) continue;
      double jaccard =
          static_cast<double>(n) / static_cast<double>(f.about.size() + o.about.size() - n);
      bool subset = n == std::min(f.about.size(), o.about.size());
      // Reports that agree need less evidence that they speak of the same thing than reports
      // that disagree: a false join of agreeing values costs little, a false conflict misleads.
      bool agree = ValuesAgree(f, o);
      if (jaccard >= kFactJaccard || (agree && (subset || n >= 2))) fact_uf.Union(id, other);
    }
    for (const auto& a : f.about)
      fact_postings[f.event + "\t" + f.kind_unit + "\t" + a].push_back(id);
    facts.push_back(std::move(f));
  }
  // The row of one quote group or fact group, given its members in ascending order, and in
  // *docs the document of each of the row's members. take: the members are moved out.
  ClaimRow QuoteRow(const uint32_t* members, size_t count, bool take, std::vector<uint32_t>* docs);
  ClaimRow FactRow(const uint32_t* members, size_t count, bool take, std::vector<uint32_t>* docs);
};

namespace {

// The content words of text in order, case-folded: words and numbers of two bytes or more that
// are not stopwords of the language.
std::vector<std::string> ContentKeys(const Rules& rules, std::string_view text,
                                     const LangRules& lang) {
  std::vector<Token> toks = Tokenize(text);
  std::vector<Part> parts = SplitParts(text, toks);
  std::vector<std::string> keys;
  std::string key;
  for (const Part& p : parts) {
    if (toks[p.token].kind != TokenKind::kWord && toks[p.token].kind != TokenKind::kNumber)
      continue;
    key.clear();
    AppendCaseFold(p.span.In(text), &key);
    if (key.size() < 2) continue;
    const Rules::WordInfo* w = rules.words_all_langs.Find(key);
    if (w && (w->stop_langs >> static_cast<int>(lang.lang) & 1) != 0) continue;
    keys.push_back(key);
  }
  return keys;
}

// Splits a quotation into sentences: after . ! ? (and closing marks) followed by a space and a
// capital letter or digit.
std::vector<std::pair<size_t, size_t>> QuoteSentences(std::string_view q) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  for (size_t i = 0; i + 1 < q.size(); ++i) {
    char c = q[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    if (q[j] != ' ') continue;
    while (j < q.size() && q[j] == ' ') ++j;
    if (j >= q.size()) break;
    int len;
    char32_t next = DecodeUtf8(q, j, &len);
    if (!IsUpper(next) && !IsDigit(next)) continue;
    out.emplace_back(start, i + 1);
    start = j;
  }
  out.emplace_back(start, q.size());
  return out;
}

}  // namespace

QuoteUnits PrepareQuoteUnits(const Rules& rules, const Document& doc) {
  QuoteUnits out;
  const LangRules& lang = rules.For(doc.lang);
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kQuote) continue;
    for (auto [b, e] : QuoteSentences(m.text)) {
      QuoteUnits::Piece p;
      p.begin = static_cast<uint32_t>(b);
      p.end = static_cast<uint32_t>(e);
      p.keys = ContentKeys(rules, std::string_view(m.text).substr(b, e - b), lang);
      out.pieces.push_back(std::move(p));
    }
  }
  return out;
}

ClaimMatcher::ClaimMatcher(const Rules& rules) : impl_(std::make_unique<Impl>(rules)) {}
ClaimMatcher::~ClaimMatcher() = default;

namespace {

ClaimMember MemberOf(const Document& doc, const Mention& m) {
  ClaimMember c;
  c.doc = doc.path;
  c.outlet = doc.outlet;
  c.text = m.text;
  c.speaker = m.speaker;
  c.start = m.orig.begin;
  c.end = m.orig.end;
  c.line = m.line;
  c.col = m.col;
  return c;
}

}  // namespace

void ClaimMatcher::Add(const Document& doc, const std::vector<FactCandidate>& facts,
                       const QuoteUnits* prepared) {
  Impl& im = *impl_;
  uint32_t doc_index = static_cast<uint32_t>(im.doc_paths.size());
  im.doc_paths.push_back(doc.path);
  std::vector<std::string> names;
  for (const Mention& m : doc.mentions) {
    if (m.kind == MentionKind::kPerson || m.kind == MentionKind::kOrg ||
        m.kind == MentionKind::kPlace || m.kind == MentionKind::kLaw) {
      names.push_back(m.value);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  im.doc_entities.push_back(std::move(names));
  const LangRules& lang = im.rules.For(doc.lang);
  size_t next_piece = 0;
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kQuote) continue;
    for (auto [b, e] : QuoteSentences(m.text)) {
      std::string_view piece = std::string_view(m.text).substr(b, e - b);
      Impl::Unit u;
      u.doc = doc_index;
      u.speaker = CaseFold(m.speaker);
      // The worker's keys when it prepared this very piece (it always has, unless the mentions
      // changed since), else worked out here.
      const QuoteUnits::Piece* p = prepared && next_piece < prepared->pieces.size()
                                       ? &prepared->pieces[next_piece]
                                       : nullptr;
      ++next_piece;
      if (p && p->begin == b && p->end == e) {
        u.seq = im.TokenSeq(p->keys);
      } else {
        u.seq = im.TokenSeq(ContentKeys(im.rules, piece, lang));
      }
      u.tokens = Impl::Distinct(u.seq);
      if (u.tokens.empty()) continue;
      u.member = MemberOf(doc, m);
      u.member.text = std::string(piece);
      // Offsets of the sentence within the quotation are offsets in the original only when the
      // text is the original's bytes (not so for a Windows-1252 file read as UTF-8): otherwise
      // the member points at the whole quotation.
      if (m.text.size() == m.orig.size()) {
        u.member.start = m.orig.begin + static_cast<uint32_t>(b);
        u.member.end = m.orig.begin + static_cast<uint32_t>(e);
        u.member.col = m.col + static_cast<uint32_t>(b);  // same line unless the quote spans lines
      } else if (doc.norm.windows1252) {
        u.member.start = Windows1252Offset(doc.original, m.orig.begin, b);
        u.member.end = Windows1252Offset(doc.original, m.orig.begin, e);
        u.member.col = m.col + (u.member.start - m.orig.begin);
      }
      im.AddUnit(std::move(u));
    }
  }
  for (const FactCandidate& f : facts) {
    // The value as resolved: find its mention by its place in the original.
    auto it = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), f.value_orig.begin,
                               [](const Mention& m, uint32_t b) { return m.orig.begin < b; });
    const Mention* vm = nullptr;
    for (; it != doc.mentions.end() && it->orig.begin == f.value_orig.begin; ++it) {
      if (it->kind == f.value_kind && it->orig == f.value_orig) vm = &*it;
    }
    if (!vm || vm->value.empty()) continue;
    Impl::Fact x;
    x.doc = doc_index;
    x.event = f.event;
    x.about = f.about;
    x.about_law = f.about_is_law;
    x.kind_unit = f.value_kind == MentionKind::kDate ? "date" : "number:" + f.unit;
    x.member = MemberOf(doc, *vm);
    x.member.text = f.sentence_text;
    x.member.value = vm->value;
    x.member.qualifier = vm->qualifier;
    im.AddFact(std::move(x));
  }
}

namespace {

// The members of each set of a union-find over [0, n), sets in order of their roots (each set's
// smallest member, as Union keeps it) and members in ascending order: what a map from root to
// members filled in turn gives, without a node and a vector per set.
struct Groups {
  std::vector<uint32_t> start;    // group g is members[start[g], start[g + 1])
  std::vector<uint32_t> members;  // all of [0, n), grouped
  size_t size() const { return start.empty() ? 0 : start.size() - 1; }
};

Groups GroupsOf(UnionFind* uf) {
  const auto n = static_cast<uint32_t>(uf->parent.size());
  std::vector<uint32_t> root(n), at(n, 0);
  for (uint32_t i = 0; i < n; ++i) ++at[root[i] = uf->Find(i)];
  Groups g;
  uint32_t pos = 0;
  for (uint32_t r = 0; r < n; ++r) {
    if (!at[r]) continue;
    g.start.push_back(pos);
    const uint32_t count = at[r];
    at[r] = pos;  // from here: where the root's next member goes
    pos += count;
  }
  g.start.push_back(pos);
  g.members.resize(n);
  for (uint32_t i = 0; i < n; ++i) g.members[at[root[i]]++] = i;
  return g;
}

// Rows are joined and their members sorted in pieces of this many, one piece a thread at a time.
constexpr size_t kRowGrain = 64;

}  // namespace

ClaimRow ClaimMatcher::Impl::QuoteRow(const uint32_t* members, size_t count, bool take,
                                      std::vector<uint32_t>* docs) {
  ClaimRow r;
  r.kind = "quote";
  std::map<std::string, int> speakers;
  std::map<std::string, std::string> speaker_case;
  size_t longest = 0;
  r.members.reserve(count);
  docs->clear();
  for (size_t k = 0; k < count; ++k) {
    auto& unit = units[members[k]];
    if (!unit.member.speaker.empty()) {
      ++speakers[unit.speaker];
      speaker_case[unit.speaker] = unit.member.speaker;
    }
    if (unit.member.text.size() > longest) {
      longest = unit.member.text.size();
      r.text = unit.member.text;
    }
    docs->push_back(unit.doc);
    if (take)
      r.members.push_back(std::move(unit.member));
    else
      r.members.push_back(unit.member);
  }
  int best = 0;
  for (const auto& [s, n] : speakers) {
    if (n > best) {
      best = n;
      r.speaker = speaker_case[s];
    }
  }
  r.speakers_differ = speakers.size() > 1;
  return r;
}

ClaimRow ClaimMatcher::Impl::FactRow(const uint32_t* members, size_t count, bool take,
                                     std::vector<uint32_t>* docs) {
  ClaimRow r;
  r.kind = "fact";
  const Fact& first = facts[members[0]];
  r.event = first.event;
  std::map<std::string, int> about_count;
  for (size_t k = 0; k < count; ++k) {
    for (const auto& a : facts[members[k]].about) ++about_count[a];
  }
  for (const auto& [a, n] : about_count) {
    if (2 * n >= static_cast<int>(count)) r.about.push_back(a);
  }
  if (first.kind_unit.rfind("number:", 0) == 0) r.unit = first.kind_unit.substr(7);
  r.text = first.member.text;
  // Conflict: two documents whose values do not agree, about (nearly) the same things —
  // not merely linked through agreeing reports in between. A document that disagrees with
  // itself within the row (two values for what should be one fact) is no evidence.
  const size_t limit = std::min<size_t>(count, kMaxConflictMembers);
  // Members giving the same value (and qualifier) agree with each other exactly when the value
  // agrees with itself (a row's members share their kind and unit), which is worked out once
  // per value: the many reports of one value skip the pairwise checks between them.
  std::vector<uint32_t> value_class(limit);
  std::vector<bool> class_agrees;
  {
    StringMap<uint32_t> classes;
    std::string key;
    for (size_t a = 0; a < limit; ++a) {
      const auto& fa = facts[members[a]];
      key = fa.member.value;
      key += '\x1f';
      key += fa.member.qualifier;
      auto [it, added] = classes.try_emplace(key, static_cast<uint32_t>(classes.size()));
      if (added) class_agrees.push_back(ValuesAgree(fa, fa));
      value_class[a] = it->second;
    }
  }
  auto agree_by_class = [&](size_t a, size_t b) {
    return value_class[a] == value_class[b] && class_agrees[value_class[a]];
  };
  std::vector<bool> self_inconsistent(limit, false);
  for (size_t a = 0; a < limit; ++a) {
    for (size_t b = a + 1; b < limit; ++b) {
      if (agree_by_class(a, b)) continue;
      const auto& fa = facts[members[a]];
      const auto& fb = facts[members[b]];
      if (fa.doc == fb.doc && !ValuesAgree(fa, fb)) {
        self_inconsistent[a] = self_inconsistent[b] = true;
      }
    }
  }
  for (size_t a = 0; a < limit && !r.conflict; ++a) {
    if (self_inconsistent[a]) continue;
    for (size_t b = a + 1; b < limit; ++b) {
      if (self_inconsistent[b] || agree_by_class(a, b)) continue;
      if (Conflicting(facts[members[a]], facts[members[b]])) {
        r.conflict = true;
        break;
      }
    }
  }
  // The members last: the checks above read them where they are.
  r.members.reserve(count);
  docs->clear();
  for (size_t k = 0; k < count; ++k) {
    Fact& f = facts[members[k]];
    docs->push_back(f.doc);
    if (take)
      r.members.push_back(std::move(f.member));
    else
      r.members.push_back(f.member);
  }
  return r;
}

std::vector<ClaimRow> ClaimMatcher::Finish(int threads) { return Rows(threads, false); }

std::vector<ClaimRow> ClaimMatcher::TakeRows(int threads) {
  std::vector<ClaimRow> rows = Rows(threads, true);
  impl_ = std::make_unique<Impl>(impl_->rules);
  return rows;
}

std::vector<ClaimRow> ClaimMatcher::Rows(int threads, bool take) {
  Impl& im = *impl_;
  // Members by document order then offset: a document's place is where its path was first added
  // (a path added twice sorts as its first).
  std::vector<uint32_t> doc_rank(im.doc_paths.size());
  {
    StringMap<uint32_t> first;
    for (uint32_t i = 0; i < im.doc_paths.size(); ++i) {
      doc_rank[i] = first.emplace(im.doc_paths[i], i).first->second;
    }
  }
  // Quote rows, then fact rows, each in order of their first member; built on the threads (each
  // row reads the matcher and writes only itself and its own members), with every member's
  // document, in the order of r.members.
  const Groups quotes = GroupsOf(&im.quote_uf);
  const Groups facts = GroupsOf(&im.fact_uf);
  std::vector<ClaimRow> rows(quotes.size() + facts.size());
  std::vector<std::pair<uint32_t, uint32_t>> first(rows.size());  // each row's first member's
  ParallelForRanges(rows.size(), kRowGrain, threads, [&](size_t begin, size_t end) {
    std::vector<uint32_t> docs;
    std::vector<std::pair<uint32_t, uint32_t>> order;  // (document, start) of each member
    std::vector<uint32_t> idx;
    std::vector<ClaimMember> sorted;
    StringSet outlets_seen;
    for (size_t ri = begin; ri < end; ++ri) {
      ClaimRow& r = rows[ri];
      if (ri < quotes.size()) {
        const uint32_t at = quotes.start[ri];
        r = im.QuoteRow(&quotes.members[at], quotes.start[ri + 1] - at, take, &docs);
      } else {
        const size_t g = ri - quotes.size();
        const uint32_t at = facts.start[g];
        r = im.FactRow(&facts.members[at], facts.start[g + 1] - at, take, &docs);
      }
      // The stable sort of the indices by (document, start) gives the members' stable order.
      const size_t n = r.members.size();
      order.resize(n);
      idx.resize(n);
      for (size_t i = 0; i < n; ++i) {
        order[i] = {doc_rank[docs[i]], r.members[i].start};
        idx[i] = static_cast<uint32_t>(i);
      }
      std::stable_sort(idx.begin(), idx.end(),
                       [&](uint32_t a, uint32_t b) { return order[a] < order[b]; });
      first[ri] = order[idx[0]];  // a row has a member
      sorted.clear();
      sorted.reserve(n);
      for (uint32_t i : idx) sorted.push_back(std::move(r.members[i]));
      r.members.swap(sorted);
      // Outlets in order of first appearance: a set, not a search of the list per member.
      outlets_seen.clear();
      for (const auto& m : r.members) {
        if (outlets_seen.insert(m.outlet).second) r.outlets.push_back(m.outlet);
      }
    }
  });
  // Rows: most outlets first, conflicts first among equals, then by first appearance (the first
  // member's document and start).
  std::vector<uint32_t> row_idx(rows.size());
  std::iota(row_idx.begin(), row_idx.end(), 0u);
  std::stable_sort(row_idx.begin(), row_idx.end(), [&](uint32_t i, uint32_t j) {
    const ClaimRow& a = rows[i];
    const ClaimRow& b = rows[j];
    if (a.outlets.size() != b.outlets.size()) return a.outlets.size() > b.outlets.size();
    if (a.conflict != b.conflict) return a.conflict;
    if (a.kind != b.kind) return a.kind == "quote";
    return first[i] < first[j];
  });
  std::vector<ClaimRow> out;
  out.reserve(rows.size());
  for (uint32_t i : row_idx) out.push_back(std::move(rows[i]));
  return out;
}

}  // namespace claims
