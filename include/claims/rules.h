// Rules: everything the pipeline knows about a language and the world, loaded from data/ (compiled
// into the binary by default, or a folder given with --rules). Code holds mechanisms; data/ holds
// the words, patterns and names. The grammar of each file is in data/README.md.
//
// A Rules object is built once, is immutable afterwards and is shared by all worker threads.
#ifndef CLAIMS_RULES_H_
#define CLAIMS_RULES_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "claims/alternation_cut.h"
#include "claims/flat_map.h"
#include "claims/prefilter.h"
#include "claims/status.h"

namespace claims {

// Hashing that lets string-keyed maps be searched with a string_view, without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

enum class Lang : uint8_t { kId = 0, kEn = 1 };
inline constexpr int kNumLangs = 2;
std::string_view LangName(Lang lang);

// Flags per word: which tables have a phrase or name that starts with it. An open-addressing
// table with a power-of-two size: one cheap lookup per word of a document decides whether any
// longer lookup is worth starting there.
class WordIndex {
 public:
  // kRoleStart, kTitleStart: the word starts a role or title phrase of two words or more
  // ("juru bicara", "mr ."), so that a look-up of the longer key is worth making.
  enum Flag : uint8_t {
    kPhrase = 1,
    kName = 2,
    kNumberStart = 4,
    kEventStart = 8,
    kRoleStart = 16,
    kTitleStart = 32,
    // Of no word list: the analysis sets it in Document::part_flags on the parts of number tokens
    // (TokenKind::kNumber), so that the number search finds its starts from the flags alone.
    kNumberToken = 64
  };
  // What one lookup tells of a word: its flags, and the word classes of the one-word phrase it
  // is (PhraseTable::Mask of the word; 0 when it is none).
  struct Info {
    uint8_t flags = 0;
    uint64_t classes = 0;
  };
  void Add(std::string_view word, uint8_t flags, uint64_t classes = 0);
  uint8_t Get(std::string_view word) const { return Lookup(word).flags; }
  Info Lookup(std::string_view word) const {
    const Info* i = map_.Find(word);
    return i ? *i : Info();
  }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    map_.ForEach(fn);
  }

 private:
  FlatStringMap<Info> map_;
};

// The first index in [from, to) whose flags (WordIndex flags, one byte a part, as
// Document::part_flags) have `flag`, or `to`: eight bytes a step, for scans that start a search
// only at the few parts a flag marks.
inline size_t NextWithFlag(const std::vector<uint8_t>& flags, size_t from, size_t to,
                           uint8_t flag) {
  to = std::min(to, flags.size());
  size_t i = from;
  if constexpr (std::endian::native == std::endian::little) {
    const uint64_t mask = 0x0101010101010101ull * flag;
    for (; i + 8 <= to; i += 8) {
      uint64_t w;
      std::memcpy(&w, flags.data() + i, sizeof w);
      if (const uint64_t hit = w & mask) return i + static_cast<size_t>(std::countr_zero(hit) / 8);
    }
  }
  while (i < to && !(flags[i] & flag)) ++i;
  return i;
}

// One regular-expression rule from a *.rules file: `id<TAB>kind<TAB>pattern[<TAB>template]`.
struct Rule {
  std::string id;
  std::string kind;
  std::string templ;  // optional 4th column, e.g. "Article {n}"
  std::unique_ptr<RE2> re;
  std::string file;
  int line = 0;
};

// A word or phrase from a word list (`class<TAB>phrase<TAB>value`), matched on case-folded tokens.
struct PhraseEntry {
  std::string cls;
  std::string value;
  int ntokens = 1;
};

// What a table of phrases (the word lists, the gazetteer) holds under one key: the items whose key
// it is, and whether some key goes on past it, so that a walk that has matched it knows without
// another look-up whether a longer one can follow. Every prefix of a key that ends before a space
// is a key too (AddKey).
template <typename T>
struct KeyItems {
  std::vector<T> items;  // empty when the key only starts some
  bool longer = false;   // some key starts with this key and a space
};

// Adds key and each of its prefixes that ends before a space to *map, marking those prefixes
// `longer`; returns the key's items, to add to.
template <typename T>
std::vector<T>& AddKey(FlatStringMap<KeyItems<T>>* map, std::string_view key) {
  for (size_t p = key.find(' '); p != std::string_view::npos; p = key.find(' ', p + 1)) {
    (*map)[key.substr(0, p)].longer = true;
  }
  return (*map)[key].items;
}

using PhraseKey = KeyItems<PhraseEntry>;

// Phrases of one language keyed by their case-folded tokens joined by single spaces.
class PhraseTable {
 public:
  void Add(std::string_view folded_key, PhraseEntry entry);
  // All entries whose key is exactly this (case-folded) phrase.
  const std::vector<PhraseEntry>* Find(std::string_view folded_key) const {
    const PhraseKey* k = entries_.Find(folded_key);
    return k && !k->items.empty() ? &k->items : nullptr;
  }
  // True when some key starts with this phrase followed by a space or ends here.
  bool IsPrefix(std::string_view folded_key) const { return entries_.Contains(folded_key); }
  // Both in one lookup: nullptr when no key starts with the phrase, else the entries whose key
  // it is (empty when it only starts some) and whether a longer key starts with it.
  const PhraseKey* FindPrefix(std::string_view folded_key) const {
    return entries_.Find(folded_key);
  }
  // Value of the word in class cls, or nullptr.
  const std::string* Value(const std::string& cls, std::string_view folded_key) const;
  int max_tokens() const { return max_tokens_; }
  // Bit of a class name (0 for a class no phrase uses); Mask(key) has the bits of every class
  // that holds the one-word phrase key. One lookup answers "is this word any of these classes".
  uint64_t Bit(std::string_view cls) const;
  uint64_t Mask(std::string_view folded_key) const;
  void ForEachKey(const std::function<void(std::string_view)>& fn) const;
  void ForEachEntry(const std::function<void(std::string_view, const PhraseEntry&)>& fn) const;

 private:
  FlatStringMap<uint64_t> masks_;
  FlatStringMap<int> class_bits_;  // class name -> its bit in a mask (at most 64 classes)
  // Every key and every prefix of one (a prefix that is no key has no entries).
  FlatStringMap<PhraseKey> entries_;
  int max_tokens_ = 1;
};

struct LangRules {
  Lang lang = Lang::kId;
  PhraseTable words;                  // lang/<xx>/words.tsv
  std::vector<Rule> dates;            // lang/<xx>/dates.rules
  std::vector<Rule> speakers;         // lang/<xx>/speakers.rules
  std::vector<Rule> laws;             // lang/<xx>/laws.rules
  std::unique_ptr<RE2::Set> law_set;  // prefilter over `laws`, same order
  // In front of law_set: when it says no rule can match a text, the set's pass is skipped.
  std::unique_ptr<AtomFilter> law_filter;
  // Over `dates`, same order; the date patterns never match a newline, so one pass of the set over
  // a text tells which rules match in some line.
  std::unique_ptr<RE2::Set> date_set;
  // The indices into `dates` of the rules that can give a full date (named groups d, m and y or
  // yy), in order; Rules::own_date_set runs them.
  std::vector<int> own_date_rules;
  // Whether one of own_date_rules gives its year as two digits (group yy). When none does, a
  // full date's year (1900 to 2200, see OwnDate) is four digits, 1 or 2 first, in its line.
  bool own_date_two_digit_year = false;
  StringSet stopwords;    // for language identification
  WordIndex first_words;  // first words of this language's phrases and of every gazetteer alias
  // Per rule of `speakers`, same order: the rule with each long counted repetition X{n,m} made
  // X{n,} (same options), or null when it has none. It matches wherever the rule does, and RE2's
  // DFA runs it far faster (a long counted repetition multiplies the DFA's states): when it does
  // not match a text, neither does the rule.
  std::vector<std::unique_ptr<RE2>> speaker_widened;
  // Per rule of `speakers`, same order: the rule's {@class} alternations, to be cut to the words
  // of one match for the search of its groups (alternation_cut.h); null when it has none.
  std::vector<std::unique_ptr<AlternationCut>> speaker_cut;
  // Per rule of `speakers`, same order: its AtomFilter (AtomFilter::MacroNeedles), or null when
  // it passes every text (and for `verb` rules). When it turns a text down, the rule does not match
  // there. Rules whose filters look for the same needles share one (the say-word rules), so that a
  // text is looked at once for all of them.
  std::vector<std::shared_ptr<const AtomFilter>> speaker_filter;

  // Rules loaded with `defer` (LoadEmbeddedRules): this language's speakers.rules and laws.rules,
  // and what is built from them above, load when Rules::For first asks for the language (its
  // first document), not at start-up: a run over one language's articles never compiles the
  // other's. Dates load at once (the pre-scan's FindOwnDate reads every language's).
  struct Deferred;
  bool deferred = false;              // set while loading, before any thread reads the rules
  std::shared_ptr<Deferred> pending;  // what is left to load; read and reset under pending_once
  std::unique_ptr<std::once_flag> pending_once = std::make_unique<std::once_flag>();
  std::string deferred_error;  // why what was pending did not load (written under pending_once)
  // Loads what is pending, once, whichever thread asks first; the others wait for it. Throws
  // std::runtime_error with the file's `path:line: what is wrong`, at every call, when it did not
  // load, which the embedded rules cannot (the tests load them whole).
  void LoadDeferred() const;
};

// A gazetteer entry: one canonical name with its kind and aliases (gazetteer/*.tsv).
struct GazEntry {
  std::string canonical;
  std::string kind;                                        // person | org | place | law
  std::string subtype;                                     // country, city, wire, ...
  std::vector<std::pair<std::string, std::string>> roles;  // (role, of whom), people only
  std::vector<std::string> demonyms;                       // places only
  std::string rule;  // "gazetteer:<kind>:<subtype>", the rule its mentions name (AddEntry sets it)
};

// How one alias must appear in the text.
struct GazAlias {
  uint32_t entry = 0;
  enum Case : uint8_t { kExact, kCapitalised, kAnyCase } match_case = kCapitalised;
  int8_t lang = -1;     // -1: any language, else a Lang
  std::string surface;  // the alias as written, for kExact
};

// What the gazetteer holds under one key (Gazetteer::FindPrefix): the aliases that are the key,
// and whether some alias goes on past it ("new" in "new york").
using GazKey = KeyItems<GazAlias>;

class Gazetteer {
 public:
  // Adds one alias. key is the alias case-folded, hyphens as spaces, single-spaced.
  void AddAlias(const std::string& key, GazAlias alias);
  uint32_t AddEntry(GazEntry entry);
  const std::vector<GazAlias>* Find(std::string_view key) const {
    const GazKey* k = aliases_.Find(key);
    return k && !k->items.empty() ? &k->items : nullptr;
  }
  bool IsPrefix(std::string_view key) const { return aliases_.Contains(key); }
  // Both in one lookup: nullptr when no alias starts with key, else the aliases that are key
  // (empty when it only starts some) and whether a longer one starts with it.
  const GazKey* FindPrefix(std::string_view key) const { return aliases_.Find(key); }
  const GazEntry& entry(uint32_t i) const { return entries_[i]; }
  void ForEachKey(const std::function<void(std::string_view)>& fn) const;
  size_t size() const { return entries_.size(); }
  // Entry index of a canonical name of the given kind, or -1.
  int FindCanonical(std::string_view kind, std::string_view canonical) const;
  // Canonical place named by a demonym ("Russian" -> "Russia"), or empty.
  std::string_view PlaceOfDemonym(std::string_view folded) const;
  // People whose gazetteer roles include (role, of): e.g. ("president", "Russia") -> Putin.
  std::vector<uint32_t> PeopleWithRole(std::string_view role, std::string_view of) const;

 private:
  std::vector<GazEntry> entries_;
  // Every alias key and every prefix of one (a prefix that is no alias has no aliases).
  FlatStringMap<GazKey> aliases_;
  StringMap<uint32_t> canonical_;
  FlatStringMap<std::string> demonyms_;
  std::multimap<std::string, uint32_t> roles_;
};

struct Rules {
  LangRules lang[kNumLangs];
  Gazetteer gazetteer;
  std::vector<Rule> boilerplate;  // boilerplate.rules
  // Sets over `boilerplate`, never matching a newline, that tell which rules can match some line
  // of a text (BuildBoilerplateSets, rules.cc). `rules` maps a set's pattern index to its rule.
  struct BoilerplateSet {
    std::unique_ptr<RE2::Set> set;
    std::vector<int> rules;
    std::unique_ptr<AtomFilter> filter;  // rest only
  };
  // The rules every alternative of which starts with ^: run on each line on its own, anchored at
  // its start, so that the DFA stops within a few bytes of most lines.
  BoilerplateSet boilerplate_line_start;
  // The others, in multi-line mode over the whole text, behind a literal prefilter whose atoms may
  // be a single byte (the table rule's `|`): most texts hold none of them, and skip the pass.
  BoilerplateSet boilerplate_rest;
  // Over every language's own_date_rules, never matching a newline, the first language's first:
  // a line it does not match holds no full date, so the search for a document's own date runs the
  // whole date rules only on the lines it matches, and one pass serves both languages. Pattern i
  // is rule dates[own_date_at[i].second] of lang[own_date_at[i].first]. Null when no rule can
  // give a full date (BuildOwnDateSet, rules.cc).
  std::unique_ptr<RE2::Set> own_date_set;
  std::vector<std::pair<int, int>> own_date_at;
  bool own_date_two_digit_year = false;       // some language's own_date_two_digit_year
  std::vector<Rule> outlets;                  // outlets.rules
  std::unique_ptr<RE2::Set> outlet_set;       // prefilter over `outlets`, same order
  std::unique_ptr<AtomFilter> outlet_filter;  // in front of outlet_set, as law_filter
  // What a word is in every language at once: the languages it is a stopword of (1 << Lang), and
  // each language's first_words flags and classes, so that one lookup per word part serves both
  // language identification and, once the language is known, the word-list flags the later
  // stages read.
  struct WordInfo {
    uint8_t stop_langs = 0;
    WordIndex::Info lang[kNumLangs];
    // gazetteer.FindPrefix(word): every gazetteer key's first word is here, so a part that is
    // not here starts no gazetteer match. It spares the gazetteer search a look-up per word.
    const GazKey* gaz = nullptr;
  };
  FlatStringMap<WordInfo> words_all_langs;
  // given-names.tsv: given names of every language, by FoldSameLength form ("wayne", "budi"):
  // a run of name words that starts with one names a person (names.cc).
  FlatStringMap<uint8_t> given_names;
  size_t file_count = 0;

  // A language's rules, its deferred rules loaded first (LangRules::LoadDeferred).
  const LangRules& For(Lang l) const {
    const LangRules& r = lang[static_cast<int>(l)];
    if (r.deferred) r.LoadDeferred();
    return r;
  }
};

// Whether every match of a pattern (in multi-line mode) starts at a line's start: each of its
// top-level alternatives starts with ^. False when unsure (Rules::boilerplate_line_start).
bool AnchoredAtLineStart(std::string_view pattern);

// The pattern without the optional elements at its two ends (those a quantifier lets repeat zero
// times: x?, x*, x{0,n}), at the top level and, when one group is all that is left, inside that
// group: "(?:Monday\s*,\s*)?(?P<m>May)\s+(?P<d>\d{1,2})(?:st|nd)?" gives
// "(?P<m>May)\s+(?P<d>\d{1,2})". A text holds a match of it exactly when it holds a match of the
// whole pattern (the whole pattern can take its optional ends empty, and each of its matches holds
// a match of the rest), so a set that only says which rules match somewhere in a text (the date
// sets) answers the same from it, with a smaller automaton. The pattern unchanged when it cannot
// be read so (a top-level |, \Q, an octal escape) or when every element is optional.
std::string MatchCore(std::string_view pattern);

// Loads the rules compiled into the binary. threads: how many may compile them (0: all cores;
// compiling them is most of the start-up, and one language goes to a second thread when there is
// one); the rules are the same for any number.
// defer: each language's speaker and law rules load when its first document comes
// (LangRules::deferred); for the embedded rules only, whose errors the tests would have found.
Status LoadEmbeddedRules(Rules* rules, int threads = 0, bool defer = false);
// Loads every rule file from dir (same layout as data/). A malformed file stops the load with
// "path:line: what is wrong".
Status LoadRulesFromDir(const std::string& dir, Rules* rules, int threads = 0);
// Loads from an in-memory set of files (relative path -> bytes); the two above call this.
Status LoadRulesFromFiles(const std::map<std::string, std::string>& files, Rules* rules,
                          int threads = 0, bool defer = false);

// Folds text into a gazetteer / phrase key: case-folded, hyphens and runs of spaces as one space.
std::string FoldKey(std::string_view text);

}  // namespace claims

#endif  // CLAIMS_RULES_H_
