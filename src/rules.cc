// Loading data/: word lists, regular-expression rules and gazetteers, with file:line errors.
#include "claims/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "claims/alternation_cut.h"
#include "claims/embedded_data.h"
#include "claims/parallel.h"
#include "claims/tokenize.h"
#include "claims/utf8.h"

namespace claims {

std::string_view LangName(Lang lang) { return lang == Lang::kEn ? "en" : "id"; }

std::string FoldKey(std::string_view text) {
  std::string folded = CaseFold(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (char c : folded) {
    if (c == '-' || c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// ---- PhraseTable ----

void PhraseTable::Add(std::string_view key, PhraseEntry entry) {
  std::string k(key);
  entry.ntokens = 1 + static_cast<int>(std::count(k.begin(), k.end(), ' '));
  max_tokens_ = std::max(max_tokens_, entry.ntokens);
  const int* bit = class_bits_.Find(entry.cls);
  if (!bit && class_bits_.size() < 64) {
    const int next = static_cast<int>(class_bits_.size());
    class_bits_.Insert(entry.cls, next);
    bit = class_bits_.Find(entry.cls);
  }
  if (bit) masks_[k] |= uint64_t{1} << *bit;
  AddKey(&entries_, k).push_back(std::move(entry));
}

void PhraseTable::ForEachKey(const std::function<void(std::string_view)>& fn) const {
  entries_.ForEach([&](std::string_view k, const PhraseKey& v) {
    if (!v.items.empty()) fn(k);
  });
}

void PhraseTable::ForEachEntry(
    const std::function<void(std::string_view, const PhraseEntry&)>& fn) const {
  entries_.ForEach([&](std::string_view k, const PhraseKey& v) {
    for (const auto& e : v.items) fn(k, e);
  });
}

void Gazetteer::ForEachKey(const std::function<void(std::string_view)>& fn) const {
  aliases_.ForEach([&](std::string_view k, const GazKey& v) {
    if (!v.items.empty()) fn(k);
  });
}

uint64_t PhraseTable::Bit(std::string_view cls) const {
  const int* bit = class_bits_.Find(cls);
  return bit ? uint64_t{1} << *bit : 0;
}

uint64_t PhraseTable::Mask(std::string_view key) const {
  const uint64_t* m = masks_.Find(key);
  return m ? *m : 0;
}

const std::string* PhraseTable::Value(const std::string& cls, std::string_view key) const {
  const auto* v = Find(key);
  if (!v) return nullptr;
  for (const auto& e : *v) {
    if (e.cls == cls) return &e.value;
  }
  return nullptr;
}

// ---- WordIndex ----

void WordIndex::Add(std::string_view word, uint8_t f, uint64_t classes) {
  if (f == 0) return;
  Info& info = map_[word];
  info.flags |= f;
  info.classes |= classes;
}

// ---- Gazetteer ----

uint32_t Gazetteer::AddEntry(GazEntry entry) {
  entry.rule = "gazetteer:" + entry.kind + ":" + entry.subtype;
  uint32_t id = static_cast<uint32_t>(entries_.size());
  canonical_.emplace(entry.kind + "\t" + entry.canonical, id);
  for (const auto& d : entry.demonyms) demonyms_.Insert(MatchKey(d), entry.canonical);
  for (const auto& [role, of] : entry.roles) roles_.emplace(role + "\t" + MatchKey(of), id);
  entries_.push_back(std::move(entry));
  return id;
}

void Gazetteer::AddAlias(const std::string& key, GazAlias alias) {
  auto& v = AddKey(&aliases_, key);
  for (const auto& a : v) {
    if (a.entry == alias.entry && a.match_case == alias.match_case && a.lang == alias.lang) return;
  }
  v.push_back(std::move(alias));
}

int Gazetteer::FindCanonical(std::string_view kind, std::string_view canonical) const {
  auto it = canonical_.find(std::string(kind) + "\t" + std::string(canonical));
  return it == canonical_.end() ? -1 : static_cast<int>(it->second);
}

std::string_view Gazetteer::PlaceOfDemonym(std::string_view folded) const {
  const std::string* place = demonyms_.Find(folded);
  return place ? std::string_view(*place) : std::string_view();
}

std::vector<uint32_t> Gazetteer::PeopleWithRole(std::string_view role, std::string_view of) const {
  std::vector<uint32_t> out;
  auto range = roles_.equal_range(std::string(role) + "\t" + MatchKey(of));
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

// ---- Loading ----

namespace {

struct Line {
  int number;
  std::vector<std::string_view> fields;
};

// Splits a data file into non-comment lines of TAB-separated fields.
std::vector<Line> SplitLines(std::string_view bytes) {
  std::vector<Line> out;
  int number = 0;
  size_t pos = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t first = line.find_first_not_of(' ');
    if (first == std::string_view::npos || line[first] == '#') continue;
    Line l{number, {}};
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      l.fields.push_back(
          line.substr(start, tab == std::string_view::npos ? line.size() - start : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    out.push_back(std::move(l));
  }
  return out;
}

std::string Where(const std::string& path, int line) { return fmt::format("{}:{}", path, line); }

// Loads a words.tsv into lr and returns its phrases as written, by class, in *surface (for the
// {@class} macros of rule files): one parse serves both.
Status LoadWords(const std::string& path, std::string_view bytes, LangRules* lr,
                 std::map<std::string, std::vector<std::string>>* surface) {
  for (const auto& l : SplitLines(bytes)) {
    if (l.fields.size() < 2 || l.fields.size() > 3) {
      return Status::Corrupt(
          fmt::format("{}: expected 'class<TAB>phrase[<TAB>value]', got {} field(s)",
                      Where(path, l.number), l.fields.size()));
    }
    if (l.fields[0].empty() || l.fields[1].empty()) {
      return Status::Corrupt(fmt::format("{}: empty class or phrase", Where(path, l.number)));
    }
    PhraseEntry e;
    e.cls = std::string(l.fields[0]);
    e.value = l.fields.size() == 3 ? std::string(l.fields[2]) : std::string();
    std::string key = MatchKey(l.fields[1]);
    if (e.cls == "stopword") lr->stopwords.insert(key);
    (*surface)[e.cls].emplace_back(l.fields[1]);
    lr->words.Add(key, e);
  }
  return Status::Ok();
}

}  // namespace

namespace {

// Expands {@class} macros into a case-insensitive alternation of that class's words, longest first
// (MacroPattern::Build); *macros gets the pattern in pieces.
Status ExpandMacros(const std::string& where, std::string_view pattern,
                    const std::map<std::string, std::vector<std::string>>& words, std::string* out,
                    MacroPattern* macros) {
  MacroPattern mp;
  mp.pieces.emplace_back();
  size_t pos = 0;
  while (pos < pattern.size()) {
    size_t m = pattern.find("{@", pos);
    if (m == std::string_view::npos) {
      mp.pieces.back().append(pattern.substr(pos));
      break;
    }
    mp.pieces.back().append(pattern.substr(pos, m - pos));
    size_t close = pattern.find('}', m);
    if (close == std::string_view::npos) {
      return Status::Corrupt(fmt::format("{}: unterminated macro '{{@'", where));
    }
    std::string cls(pattern.substr(m + 2, close - m - 2));
    auto it = words.find(cls);
    if (it == words.end() || it->second.empty()) {
      return Status::Corrupt(fmt::format("{}: unknown word class '{{@{}}}'", where, cls));
    }
    std::vector<std::string> ws = it->second;
    std::sort(ws.begin(), ws.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    ws.erase(std::unique(ws.begin(), ws.end()), ws.end());
    mp.slots.push_back(std::move(ws));
    mp.pieces.emplace_back();
    pos = close + 1;
  }
  *out = mp.Build();
  *macros = std::move(mp);
  return Status::Ok();
}

// The offset just past the escape that starts at p[i] (a backslash): past \x{...} and \p{...}
// whole, \xHH, \pL, else the escaped character; npos for \Q or \E (what these readings are not
// sure of) or an escape cut short.
size_t EscapeEnd(std::string_view p, size_t i) {
  if (i + 1 >= p.size()) return std::string_view::npos;
  const char e = p[i + 1];
  if (e == 'Q' || e == 'E') return std::string_view::npos;
  size_t end = i + 2;
  if ((e == 'x' || e == 'p' || e == 'P') && end < p.size() && p[end] == '{') {
    const size_t close = p.find('}', end);
    return close == std::string_view::npos ? close : close + 1;
  }
  if (e == 'x') end += 2;              // \xHH
  if (e == 'p' || e == 'P') end += 1;  // \pL
  return end <= p.size() ? end : std::string_view::npos;
}

// The counted repetition {n}, {n,} or {n,m} that opens at p[i]: the offset just past its }, with
// its bounds' digits in *min and *max (*max empty for {n,}, the same as *min for {n}); npos when
// p[i] opens none, a '{' RE2 reads as a literal.
size_t RepeatEnd(std::string_view p, size_t i, std::string_view* min, std::string_view* max) {
  auto digits_end = [&](size_t k) {
    while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k;
    return k;
  };
  if (i >= p.size() || p[i] != '{') return std::string_view::npos;
  size_t k = digits_end(i + 1);
  if (k == i + 1) return std::string_view::npos;
  *min = *max = p.substr(i + 1, k - i - 1);
  if (k < p.size() && p[k] == ',') {
    const size_t m = digits_end(k + 1);
    *max = p.substr(k + 1, m - k - 1);
    k = m;
  }
  return k < p.size() && p[k] == '}' ? k + 1 : std::string_view::npos;
}

// The offset of the ] that closes the character class opening at p[open] ('['), or npos when the
// class is not closed or holds what this reading is not sure of (\Q or \E). A ] right after [ or
// [^ is a member; escapes (EscapeEnd) and [:name:] hold no closing ].
size_t ClassEnd(std::string_view p, size_t open) {
  size_t j = open + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;
  for (; j < p.size() && p[j] != ']'; ++j) {
    if (p[j] == '\\') {
      const size_t end = EscapeEnd(p, j);
      if (end == std::string_view::npos) return end;
      j = end - 1;
    } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
      const size_t e = p.find(":]", j + 2);
      if (e == std::string_view::npos) return std::string_view::npos;
      j = e + 1;
    }
  }
  return j < p.size() ? j : std::string_view::npos;
}

// The pattern with every long counted repetition {n,m} (m - n >= kLongRepeat, outside classes and
// escapes) made {n,}: it matches whatever the pattern matches. Empty when there is none, or when
// the pattern holds something this reading is not sure of (\Q…\E).
constexpr int kLongRepeat = 16;
std::string WidenCountedRepeats(std::string_view p) {
  std::string out;
  bool widened = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      const size_t end = EscapeEnd(p, i);
      if (end == std::string_view::npos) return "";
      out.append(p.substr(i, end - i));
      i = end - 1;
    } else if (c == '[') {
      const size_t j = ClassEnd(p, i);  // a class, copied whole
      if (j == std::string_view::npos) return "";
      out.append(p.substr(i, j + 1 - i));
      i = j;
    } else if (c == '{') {
      // {n,m} (or {n}): a counted repetition with an upper bound. Only a long one (the DFA's
      // states grow with it) is widened: a short one costs less than a second search.
      std::string_view min, max;
      const size_t end = RepeatEnd(p, i, &min, &max);
      auto number = [](std::string_view d) {  // RE2 refuses counts above 1000
        return d.size() > 4 ? 100000 : std::stoi(std::string(d));
      };
      if (end == std::string_view::npos || max.empty() || number(max) - number(min) < kLongRepeat) {
        out.push_back(c);  // a literal '{', or a repetition kept: the rest is copied as it comes
        continue;
      }
      out.push_back('{');
      out.append(min);
      out.append(",}");
      widened = true;
      i = end - 1;
    } else {
      out.push_back(c);
    }
  }
  return widened ? out : "";
}

// line_bound: the patterns never match a newline (RE2's never_nl), so that one search over a
// whole text finds what a search of each line would.
Status LoadRuleFile(const std::string& path, std::string_view bytes,
                    const std::vector<std::string_view>& kinds,
                    const std::map<std::string, std::vector<std::string>>& words,
                    std::vector<Rule>* out, bool line_bound = false,
                    std::vector<MacroPattern>* macros_out = nullptr) {
  for (const auto& l : SplitLines(bytes)) {
    std::string where = Where(path, l.number);
    if (l.fields.size() < 3 || l.fields.size() > 4) {
      return Status::Corrupt(
          fmt::format("{}: expected 'id<TAB>kind<TAB>pattern[<TAB>template]', got {} field(s)",
                      where, l.fields.size()));
    }
    if (l.fields[0].empty()) return Status::Corrupt(fmt::format("{}: empty rule id", where));
    if (std::find(kinds.begin(), kinds.end(), l.fields[1]) == kinds.end()) {
      std::string allowed;
      for (auto k : kinds) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      return Status::Corrupt(
          fmt::format("{}: unknown kind '{}' (expected one of: {})", where, l.fields[1], allowed));
    }
    if (l.fields[2].empty()) return Status::Corrupt(fmt::format("{}: empty pattern", where));
    std::string pattern;
    MacroPattern macros;
    Status s = ExpandMacros(where, l.fields[2], words, &pattern, &macros);
    if (!s.ok()) return s;
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(64 << 20);
    opts.set_never_nl(line_bound);
    auto re = std::make_unique<RE2>(pattern, opts);
    if (!re->ok()) {
      return Status::Corrupt(fmt::format("{}: bad pattern: {}", where, re->error()));
    }
    Rule r;
    r.id = std::string(l.fields[0]);
    r.kind = std::string(l.fields[1]);
    if (l.fields.size() == 4) r.templ = std::string(l.fields[3]);
    r.re = std::move(re);
    r.file = path;
    r.line = l.number;
    out->push_back(std::move(r));
    if (macros_out) macros_out->push_back(std::move(macros));
  }
  return Status::Ok();
}

Status LoadGazetteerFile(const std::string& path, std::string_view bytes, const std::string& kind,
                         Gazetteer* gaz) {
  for (const auto& l : SplitLines(bytes)) {
    // Formatted only for an error: the files have thousands of lines.
    auto where = [&] { return Where(path, l.number); };
    if (l.fields.size() < 2 || l.fields.size() > 4) {
      return Status::Corrupt(fmt::format(
          "{}: expected 'canonical<TAB>subtype[<TAB>aliases[<TAB>extra]]', got {} field(s)",
          where(), l.fields.size()));
    }
    if (l.fields[0].empty())
      return Status::Corrupt(fmt::format("{}: empty canonical name", where()));
    GazEntry e;
    e.canonical = std::string(l.fields[0]);
    e.kind = kind;
    e.subtype = std::string(l.fields[1]);
    if (l.fields.size() == 4 && !l.fields[3].empty()) {
      std::string_view extra = l.fields[3];
      size_t start = 0;
      while (start <= extra.size()) {
        size_t bar = extra.find('|', start);
        std::string_view item =
            extra.substr(start, bar == std::string_view::npos ? extra.size() - start : bar - start);
        if (!item.empty()) {
          if (kind == "person") {
            size_t colon = item.find(':');
            if (colon == std::string_view::npos || colon == 0 || colon + 1 == item.size()) {
              return Status::Corrupt(
                  fmt::format("{}: role '{}' is not 'role:Whom'", where(), item));
            }
            e.roles.emplace_back(std::string(item.substr(0, colon)),
                                 std::string(item.substr(colon + 1)));
          } else if (kind == "place") {
            e.demonyms.emplace_back(item);
          }
        }
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
    }
    std::vector<std::string> aliases{e.canonical};
    if (l.fields.size() >= 3) {
      std::string_view al = l.fields[2];
      size_t start = 0;
      while (start <= al.size()) {
        size_t bar = al.find('|', start);
        std::string_view item =
            al.substr(start, bar == std::string_view::npos ? al.size() - start : bar - start);
        if (!item.empty()) aliases.emplace_back(item);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
    }
    uint32_t id = gaz->AddEntry(std::move(e));
    for (std::string a : aliases) {
      GazAlias ga;
      ga.entry = id;
      if (a.size() > 3 && a[a.size() - 3] == '@') {
        std::string lang = a.substr(a.size() - 2);
        if (lang == "id")
          ga.lang = 0;
        else if (lang == "en")
          ga.lang = 1;
        else
          return Status::Corrupt(fmt::format("{}: unknown language tag in alias '{}'", where(), a));
        a.resize(a.size() - 3);
      }
      if (a.empty()) return Status::Corrupt(fmt::format("{}: empty alias", where()));
      int len;
      char32_t first = DecodeUtf8(a, 0, &len);
      bool has_lower = false, has_letter = false;
      for (size_t i = 0; i < a.size();) {
        char32_t cp = DecodeUtf8(a, i, &len);
        i += static_cast<size_t>(len);
        if (IsLetter(cp)) has_letter = true;
        if (IsLower(cp)) has_lower = true;
      }
      if (has_letter && !has_lower) {
        ga.match_case = GazAlias::kExact;
      } else if (IsLower(first)) {
        ga.match_case = GazAlias::kAnyCase;
      } else {
        ga.match_case = GazAlias::kCapitalised;
      }
      ga.surface = RawKey(a);
      gaz->AddAlias(MatchKey(a), ga);
    }
  }
  return Status::Ok();
}

// One element of a pattern's top level (MatchCore): an atom and its quantifier.
struct TopElement {
  size_t begin = 0, end = 0;  // the atom with its quantifier
  bool optional = false;      // the quantifier lets it repeat zero times
  bool bare_group = false;    // a group without a quantifier
};

// The end of the quantifier that starts at p[i], or i when none does. *optional: it allows zero
// repetitions.
size_t QuantifierEnd(std::string_view p, size_t i, bool* optional) {
  *optional = false;
  size_t j = i;
  std::string_view min, max;
  if (j < p.size() && (p[j] == '?' || p[j] == '*' || p[j] == '+')) {
    *optional = p[j] != '+';
    ++j;
  } else if ((j = RepeatEnd(p, i, &min, &max)) != std::string_view::npos) {
    *optional = min.find_first_not_of('0') == std::string_view::npos;
  } else {
    return i;
  }
  if (j < p.size() && p[j] == '?') ++j;  // non-greedy
  return j;
}

// Whether s, what follows "(?" in a group up to its ':' or ')', only sets flags: "i", "-s", "im".
bool OnlyFlags(std::string_view s) {
  return s.find_first_not_of("imsU-") == std::string_view::npos;
}

// The top-level elements of p in order; false when p has a top-level | or cannot be read.
bool TopElements(std::string_view p, std::vector<TopElement>* out) {
  out->clear();
  for (size_t i = 0; i < p.size();) {
    TopElement e;
    e.begin = i;
    const char c = p[i];
    if (c == '|' || c == ')') return false;
    if (c == '(') {
      int depth = 0;
      size_t j = i;
      for (; j < p.size(); ++j) {
        if (p[j] == '\\') {
          const size_t end = EscapeEnd(p, j);
          if (end == std::string_view::npos) return false;
          j = end - 1;
        } else if (p[j] == '[') {
          j = ClassEnd(p, j);
          if (j == std::string_view::npos) return false;
        } else if (p[j] == '(') {
          ++depth;
        } else if (p[j] == ')' && --depth == 0) {
          break;
        }
      }
      if (j >= p.size()) return false;
      i = j + 1;
      e.bare_group = true;
    } else if (c == '[') {
      const size_t j = ClassEnd(p, i);
      if (j == std::string_view::npos) return false;
      i = j + 1;
    } else if (c == '\\') {
      // \1 to \7 start octal escapes of up to three digits: not read here.
      if (i + 1 < p.size() && p[i + 1] >= '0' && p[i + 1] <= '9') return false;
      i = EscapeEnd(p, i);
      if (i == std::string_view::npos) return false;
    } else {
      ++i;  // one character, all of its UTF-8 bytes
      while (i < p.size() && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) ++i;
    }
    const size_t q = QuantifierEnd(p, i, &e.optional);
    if (q != i) {
      // A quantifier after a group that only sets flags, "(?i)*", applies to what came before it.
      const std::string_view atom = p.substr(e.begin, i - e.begin);
      if (e.bare_group && atom.substr(0, 2) == "(?" && OnlyFlags(atom.substr(2, atom.size() - 3))) {
        return false;
      }
      e.bare_group = false;
    }
    e.end = i = q;
    out->push_back(e);
  }
  return true;
}

}  // namespace

std::string MatchCore(std::string_view p) {
  std::vector<TopElement> el;
  if (!TopElements(p, &el)) return std::string(p);
  size_t a = 0, b = el.size();
  while (a < b && el[a].optional) ++a;
  while (b > a && el[b - 1].optional) --b;
  if (a == b) return std::string(p);  // it can match the empty string: nothing to take away
  const std::string_view rest = p.substr(el[a].begin, el[b - 1].end - el[a].begin);
  if (b - a > 1 || !el[a].bare_group) return std::string(rest);
  // One group is left: its content is the pattern now, inside its flags (?i:...) if it has them.
  if (rest.substr(0, 4) == "(?P<") {
    const size_t close = rest.find('>');
    return MatchCore(rest.substr(close + 1, rest.size() - close - 2));
  }
  if (rest.substr(0, 2) != "(?") return MatchCore(rest.substr(1, rest.size() - 2));
  const size_t colon = rest.find_first_of(":)", 2);
  if (rest[colon] != ':' || !OnlyFlags(rest.substr(2, colon - 2))) {
    return std::string(rest);  // (?i) alone, or a group form not read here
  }
  const std::string inner = MatchCore(rest.substr(colon + 1, rest.size() - colon - 2));
  return colon == 2 ? inner : fmt::format("{}{})", rest.substr(0, colon + 1), inner);
}

namespace {

// How BuildSet makes a set. line_bound: no pattern matches a newline; multi_line: ^ and $ match
// at line breaks, so that the set run once over a whole text says which rules match in some line;
// anchor: RE2::ANCHOR_START for a set run on each line from its start; filter: when not null, also
// the AtomFilter of the same patterns (atoms from min_atom_len bytes), to put in front of the set;
// cores: the set is compiled from each pattern's MatchCore (it is asked only which rules match
// somewhere in a text, and answers the same).
struct SetSpec {
  bool line_bound = false;
  bool cores = false;
  bool multi_line = false;
  RE2::Anchor anchor = RE2::UNANCHORED;
  std::unique_ptr<AtomFilter>* filter = nullptr;
  int min_atom_len = AtomFilter::kMinAtomLen;
};

// An RE2::Set of the rules' patterns, in the same order, for prefiltering.
Status BuildSet(const std::vector<const Rule*>& rules, const std::string& file,
                std::unique_ptr<RE2::Set>* out, const SetSpec& spec = {}) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(256 << 20);
  opts.set_never_nl(spec.line_bound);
  *out = std::make_unique<RE2::Set>(opts, spec.anchor);
  std::vector<std::string> patterns;
  for (const Rule* r : rules) {
    std::string err;
    std::string pattern = spec.cores ? MatchCore(r->re->pattern()) : r->re->pattern();
    if (spec.multi_line) pattern = fmt::format("(?m:{})", pattern);
    if ((*out)->Add(pattern, &err) < 0) {
      return Status::Corrupt(fmt::format("{}:{}: bad pattern: {}", r->file, r->line, err));
    }
    patterns.push_back(std::move(pattern));
  }
  if (!(*out)->Compile()) {
    return Status::Corrupt(fmt::format("{}: patterns too large to compile together", file));
  }
  if (spec.filter) {
    Status s = AtomFilter::Build(patterns, opts, spec.filter, spec.min_atom_len);
    if (!s.ok()) return Status::Corrupt(fmt::format("{}: {}", file, s.message()));
  }
  return Status::Ok();
}

Status BuildSet(const std::vector<Rule>& rules, const std::string& file,
                std::unique_ptr<RE2::Set>* out, const SetSpec& spec = {}) {
  std::vector<const Rule*> all;
  for (const Rule& r : rules) all.push_back(&r);
  return BuildSet(all, file, out, spec);
}

}  // namespace

// Whether every match of the pattern starts where a ^ holds: each of its top-level alternatives
// starts with ^ (after flag groups such as (?i)), and no quantifier follows that ^. And whether it
// means the same in a line on its own as in multi-line mode in the whole text: no \A or \z (the
// text's ends), no flag group that sets or clears m, no \Q...\E (whose | would not split).
// Conservative: a pattern it cannot read so is taken as unanchored, which is always correct, only
// slower.
bool AnchoredAtLineStart(std::string_view p) {
  std::vector<std::string_view> alternatives;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      // The escaped character (or the first of \x{...}, \p{...}: no | or paren in them).
      if (++i < p.size() && (p[i] == 'A' || p[i] == 'z' || p[i] == 'Q')) return false;
    } else if (c == '(' && p.substr(i, 2) == "(?") {
      ++depth;
      const size_t end = p.find_first_of(":)", i + 2);
      if (end == std::string_view::npos) return false;
      const std::string_view flags = p.substr(i + 2, end - i - 2);
      // (?P<name>...) names a group; any other (?...) here is flags, which must leave m alone.
      if (flags.empty() || flags[0] != 'P') {
        if (flags.find('m') != std::string_view::npos) return false;
      }
    } else if (c == '[') {
      const size_t j = ClassEnd(p, i);  // a class, skipped whole
      if (j == std::string_view::npos) return false;
      i = j;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return false;
    } else if (c == '|' && depth == 0) {
      alternatives.push_back(p.substr(start, i - start));
      start = i + 1;
    }
  }
  if (depth != 0) return false;
  alternatives.push_back(p.substr(start));
  for (std::string_view a : alternatives) {
    // Flag groups that set flags for what follows, "(?i)", "(?s-m)": no colon, so no content.
    while (a.size() > 2 && a.substr(0, 2) == "(?") {
      const size_t close = a.find(')');
      if (close == std::string_view::npos) return false;
      const std::string_view flags = a.substr(2, close - 2);
      if (flags.find_first_not_of("isU-") != std::string_view::npos) return false;
      a.remove_prefix(close + 1);
    }
    if (a.empty() || a[0] != '^') return false;
    if (a.size() > 1 && std::string_view("*+?{").find(a[1]) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

namespace {

// The boilerplate rules' two sets (Rules::boilerplate_line_start, Rules::boilerplate_rest). Between
// them they report what one set over every rule, in multi-line mode over the whole text, reports
// for the lines that hold more than spaces: a rule anchored at ^ matches in a line (^ holds at its
// start only, and no match crosses a newline) exactly when it matches the line on its own from
// its start, with the same context for \b and $ (a newline, or the text's end, is no word
// character and ends a line).
Status BuildBoilerplateSets(Rules* rules) {
  std::vector<const Rule*> start, rest;
  for (size_t i = 0; i < rules->boilerplate.size(); ++i) {
    const Rule& r = rules->boilerplate[i];
    const bool anchored = AnchoredAtLineStart(r.re->pattern());
    (anchored ? start : rest).push_back(&r);
    (anchored ? rules->boilerplate_line_start : rules->boilerplate_rest)
        .rules.push_back(static_cast<int>(i));
  }
  // A set with no rule is left null: the lines are not even split for it.
  if (!start.empty()) {
    Status s = BuildSet(start, "boilerplate.rules", &rules->boilerplate_line_start.set,
                        {.line_bound = true, .anchor = RE2::ANCHOR_START});
    if (!s.ok()) return s;
  }
  if (!rest.empty()) {
    Status s = BuildSet(rest, "boilerplate.rules", &rules->boilerplate_rest.set,
                        {.line_bound = true,
                         .multi_line = true,
                         .filter = &rules->boilerplate_rest.filter,
                         .min_atom_len = 1});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// Rules::own_date_set over every language's own_date_rules, the first language's first.
Status BuildOwnDateSet(Rules* rules) {
  std::vector<const Rule*> full;
  rules->own_date_at.clear();
  rules->own_date_two_digit_year = false;
  for (int li = 0; li < kNumLangs; ++li) {
    const LangRules& lr = rules->lang[li];
    for (int k : lr.own_date_rules) {
      full.push_back(&lr.dates[static_cast<size_t>(k)]);
      rules->own_date_at.emplace_back(li, k);
    }
    rules->own_date_two_digit_year |= lr.own_date_two_digit_year;
  }
  rules->own_date_set.reset();
  if (full.empty()) return Status::Ok();
  return BuildSet(full, "dates.rules", &rules->own_date_set, {.line_bound = true, .cores = true});
}

// Whether a date rule can give a full date: FindDates sets the year, month and day of a date only
// from these named groups.
bool CanGiveFullDate(const Rule& r) {
  const auto& g = r.re->NamedCapturingGroups();
  return g.count("d") && g.count("m") && (g.count("y") || g.count("yy"));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Where a language's files are in the rule folder: "lang/en/".
std::string LangPrefix(Lang lang) { return fmt::format("lang/{}/", LangName(lang)); }

// One language's speakers.rules and laws.rules (either may be missing), read into lr->speakers and
// lr->laws; *speaker_macros: each speaker rule's {@class} alternations, for BuildSpeakersAndLaws.
Status LoadSpeakerAndLawFiles(const std::map<std::string, std::string>& files,
                              const std::string& prefix,
                              const std::map<std::string, std::vector<std::string>>& words,
                              LangRules* lr, std::vector<MacroPattern>* speaker_macros,
                              int* file_count) {
  struct Kind {
    const char* file;
    std::vector<std::string_view> kinds;
    std::vector<Rule>* out;
    std::vector<MacroPattern>* macros;
  } kinds[] = {
      {"speakers.rules", {"after", "before", "verb"}, &lr->speakers, speaker_macros},
      {"laws.rules", {"law"}, &lr->laws, nullptr},
  };
  for (auto& k : kinds) {
    auto it = files.find(prefix + k.file);
    if (it == files.end()) continue;
    Status s = LoadRuleFile(it->first, it->second, k.kinds, words, k.out, false, k.macros);
    if (!s.ok()) return s;
    ++*file_count;
  }
  return Status::Ok();
}

// What is built over a language's speaker and law rules: the law set and its filter, and each
// speaker rule's widened form, filter and cut.
Status BuildSpeakersAndLaws(const std::string& prefix, std::vector<MacroPattern> speaker_macros,
                            LangRules* lr_out) {
  LangRules& lr = *lr_out;
  Status s = BuildSet(lr.laws, prefix + "laws.rules", &lr.law_set, {.filter = &lr.law_filter});
  if (!s.ok()) return s;
  lr.speaker_widened.clear();
  for (const Rule& r : lr.speakers) {
    std::string wide = WidenCountedRepeats(r.re->pattern());
    std::unique_ptr<RE2> re;
    if (!wide.empty()) {
      re = std::make_unique<RE2>(wide, r.re->options());
      if (!re->ok()) re.reset();
    }
    lr.speaker_widened.push_back(std::move(re));
  }
  lr.speaker_filter.clear();
  for (size_t i = 0; i < lr.speakers.size(); ++i) {
    // Verb rules are searched for where they match, in whole segments.
    std::vector<std::string> needles;
    bool always = true;
    if (lr.speakers[i].kind != "verb") {
      s = AtomFilter::MacroNeedles(speaker_macros[i], lr.speakers[i].re->options(), &needles,
                                   &always);
      if (!s.ok()) return Status::Corrupt(fmt::format("{}: {}", lr.speakers[i].id, s.message()));
    }
    std::shared_ptr<const AtomFilter> f;
    for (size_t k = 0; k < i && !always && !f; ++k) {
      if (lr.speaker_filter[k] && lr.speaker_filter[k]->needles() == needles) {
        f = lr.speaker_filter[k];
      }
    }
    if (!always && !f) f = AtomFilter::ForNeedles(std::move(needles));
    lr.speaker_filter.push_back(std::move(f));
  }
  lr.speaker_cut.clear();
  for (size_t i = 0; i < lr.speakers.size(); ++i) {
    // Verb rules are searched for where they match, never for groups.
    const RE2& re = *lr.speakers[i].re;
    if (lr.speakers[i].kind == "verb" ||
        !AlternationCut::WorthCutting(speaker_macros[i], re.ProgramSize())) {
      lr.speaker_cut.push_back(nullptr);
      continue;
    }
    lr.speaker_cut.push_back(AlternationCut::Make(std::move(speaker_macros[i]), re.options()));
  }
  return Status::Ok();
}

}  // namespace

struct LangRules::Deferred {
  std::map<std::string, std::string> files;               // speakers.rules and laws.rules, by path
  std::map<std::string, std::vector<std::string>> words;  // the word classes, for their macros
};

void LangRules::LoadDeferred() const {
  std::call_once(*pending_once, [this] {
    // Not a const object: the Rules that For() reads were made and loaded as a mutable one.
    LangRules& lr = const_cast<LangRules&>(*this);
    const std::string prefix = LangPrefix(lang);
    std::vector<MacroPattern> speaker_macros;
    int count = 0;
    Status s = LoadSpeakerAndLawFiles(pending->files, prefix, pending->words, &lr, &speaker_macros,
                                      &count);
    if (s.ok()) s = BuildSpeakersAndLaws(prefix, std::move(speaker_macros), &lr);
    lr.pending.reset();
    if (!s.ok()) lr.deferred_error = s.message();
  });
  // Every caller, not only the first: call_once has finished, and the error stays.
  if (!deferred_error.empty()) throw std::runtime_error(deferred_error);
}

namespace {

// One language's word list, rule files and the sets over them (rules->lang[li]): independent of
// the other language's, so the two load on two threads. With defer, its speaker and law rule files
// are kept for LangRules::LoadDeferred (counted all the same).
Status LoadLang(const std::map<std::string, std::string>& files, int li, LangRules* lr_out,
                std::map<std::string, std::vector<std::string>>* surface, int* file_count,
                bool defer) {
  LangRules& lr = *lr_out;
  lr.lang = static_cast<Lang>(li);
  const std::string prefix = LangPrefix(lr.lang);
  auto wit = files.find(prefix + "words.tsv");
  if (wit == files.end()) {
    return Status::NotFound(fmt::format("{}words.tsv: missing from the rule folder", prefix));
  }
  auto& words = *surface;
  Status s = LoadWords(wit->first, wit->second, &lr, &words);
  if (!s.ok()) return s;
  if (auto it = files.find(prefix + "dates.rules"); it != files.end()) {
    s = LoadRuleFile(it->first, it->second, {"date"}, words, &lr.dates, true, nullptr);
    if (!s.ok()) return s;
    ++*file_count;
  }
  std::vector<MacroPattern> speaker_macros;
  if (defer) {
    auto pending = std::make_shared<LangRules::Deferred>();
    for (const char* f : {"speakers.rules", "laws.rules"}) {
      if (auto it = files.find(prefix + f); it != files.end()) {
        pending->files.emplace(it->first, it->second);
        ++*file_count;
      }
    }
    pending->words = words;
    lr.pending = std::move(pending);
    lr.deferred = true;
  } else {
    s = LoadSpeakerAndLawFiles(files, prefix, words, &lr, &speaker_macros, file_count);
    if (!s.ok()) return s;
  }
  ++*file_count;
  s = BuildSet(lr.dates, prefix + "dates.rules", &lr.date_set, {.line_bound = true, .cores = true});
  if (!s.ok()) return s;
  lr.own_date_two_digit_year = false;
  lr.own_date_rules.clear();
  for (const Rule& r : lr.dates) {
    if (!CanGiveFullDate(r)) continue;
    lr.own_date_rules.push_back(static_cast<int>(&r - lr.dates.data()));
    if (r.re->NamedCapturingGroups().count("yy")) lr.own_date_two_digit_year = true;
  }
  if (defer) return Status::Ok();
  return BuildSpeakersAndLaws(prefix, std::move(speaker_macros), &lr);
}

// The gazetteer files (gazetteer/*.tsv) into *gazetteer; *any: whether there was one.
Status LoadGazetteers(const std::map<std::string, std::string>& files, Gazetteer* gazetteer,
                      bool* any, int* file_count) {
  for (const auto& [path, bytes] : files) {
    std::string kind;
    if (path == "gazetteer/places.tsv")
      kind = "place";
    else if (path == "gazetteer/orgs.tsv")
      kind = "org";
    else if (path == "gazetteer/people.tsv")
      kind = "person";
    else if (path == "gazetteer/laws.tsv")
      kind = "law";
    else if (path.rfind("gazetteer/", 0) == 0 && EndsWith(path, ".tsv")) {
      return Status::Corrupt(fmt::format(
          "{}: unknown gazetteer file (expected places, orgs, people or laws .tsv)", path));
    }
    if (kind.empty()) continue;
    Status s = LoadGazetteerFile(path, bytes, kind, gazetteer);
    if (!s.ok()) return s;
    *any = true;
    ++*file_count;
  }
  return Status::Ok();
}

// boilerplate.rules, when the folder has one (its patterns may use the Indonesian word classes,
// `id_surface`), and the sets over its patterns. *loaded: whether there was one.
Status LoadBoilerplate(const std::map<std::string, std::string>& files,
                       const std::map<std::string, std::vector<std::string>>& id_surface,
                       Rules* rules, bool* loaded) {
  auto bp = files.find("boilerplate.rules");
  if (bp != files.end()) {
    Status s = LoadRuleFile(bp->first, bp->second, {"line", "span", "line+next"}, id_surface,
                            &rules->boilerplate);
    if (!s.ok()) return s;
    *loaded = true;
  }
  return BuildBoilerplateSets(rules);
}

// outlets.rules, when the folder has one, and the set over its patterns.
Status LoadOutlets(const std::map<std::string, std::string>& files, Rules* rules, int* file_count) {
  static const std::map<std::string, std::vector<std::string>> kNoWords;
  auto ou = files.find("outlets.rules");
  if (ou == files.end()) return Status::Ok();
  Status s = LoadRuleFile(ou->first, ou->second, {"outlet"}, kNoWords, &rules->outlets);
  if (!s.ok()) return s;
  s = BuildSet(rules->outlets, "outlets.rules", &rules->outlet_set,
               {.filter = &rules->outlet_filter});
  if (!s.ok()) return s;
  ++*file_count;
  return Status::Ok();
}

// given-names.tsv, when the folder has one: a name a line, into rules->given_names by its
// FoldSameLength form (the names stage's key of a word).
Status LoadGivenNames(const std::map<std::string, std::string>& files, Rules* rules,
                      int* file_count) {
  auto it = files.find("given-names.tsv");
  if (it == files.end()) return Status::Ok();
  for (const auto& l : SplitLines(it->second)) {
    if (l.fields.size() != 1 || l.fields[0].empty() ||
        l.fields[0].find(' ') != std::string_view::npos) {
      return Status::Corrupt(
          fmt::format("{}: expected one name (one word) a line", Where(it->first, l.number)));
    }
    rules->given_names.Insert(FoldSameLength(l.fields[0]), 1);
  }
  ++*file_count;
  return Status::Ok();
}

}  // namespace

Status LoadRulesFromFiles(const std::map<std::string, std::string>& files, Rules* rules,
                          int threads, bool defer) {
  bool any_gazetteer = false;
  std::map<std::string, std::vector<std::string>> surface[kNumLangs];  // phrases by class
  // Compiling the patterns is most of the start-up: with two threads or more, the first language
  // (Indonesian), outlets.rules and boilerplate.rules (which uses its word classes) load on a
  // helper, the gazetteer on a second one, the other language here. On two cores the three parts
  // (some 10, 7 and 9 ms alone) finish sooner than the two that fit on two threads (the gazetteer
  // after English: 16 ms). Errors are reported in the order one thread loading everything in turn
  // would meet them.
  Status lang_status[kNumLangs], gaz_status, outlets_status, boilerplate_status, given_status;
  int lang_count[kNumLangs] = {}, gaz_count = 0, outlets_count = 0, given_count = 0;
  bool boilerplate_loaded = false;
  auto helper_part = [&] {
    for (int li = 0; li + 1 < kNumLangs; ++li) {
      lang_status[li] = LoadLang(files, li, &rules->lang[li], &surface[li], &lang_count[li], defer);
    }
    outlets_status = LoadOutlets(files, rules, &outlets_count);
    // Its error is reported after the languages' and the gazetteer's.
    static_assert(static_cast<int>(Lang::kId) + 1 < kNumLangs, "the helper loads Indonesian");
    boilerplate_status =
        LoadBoilerplate(files, surface[static_cast<int>(Lang::kId)], rules, &boilerplate_loaded);
    given_status = LoadGivenNames(files, rules, &given_count);
  };
  // std::async: the future rethrows what the helper threw (out of memory) and, should this
  // thread throw first, waits for the helper before the locals it writes go away.
  std::future<void> helper;
  if (ThreadCount(threads) > 1) {
    try {
      helper = std::async(std::launch::async, helper_part);
    } catch (const std::system_error&) {
      // No thread to be had: everything loads here.
    }
  }
  if (!helper.valid()) helper_part();
  auto gazetteer_part = [&] {
    gaz_status = LoadGazetteers(files, &rules->gazetteer, &any_gazetteer, &gaz_count);
  };
  std::future<void> gazetteer_helper;
  if (helper.valid()) {
    try {
      gazetteer_helper = std::async(std::launch::async, gazetteer_part);
    } catch (const std::system_error&) {
      // No second thread: the gazetteer loads here, after the language.
    }
  }
  constexpr int kLast = kNumLangs - 1;
  lang_status[kLast] =
      LoadLang(files, kLast, &rules->lang[kLast], &surface[kLast], &lang_count[kLast], defer);
  if (gazetteer_helper.valid())
    gazetteer_helper.get();
  else
    gazetteer_part();
  if (helper.valid()) helper.get();
  for (int li = 0; li < kNumLangs; ++li) {
    if (!lang_status[li].ok()) return lang_status[li];
    rules->file_count += lang_count[li];
  }
  if (!gaz_status.ok()) return gaz_status;
  rules->file_count += gaz_count;
  if (!any_gazetteer) return Status::NotFound("gazetteer/: no gazetteer files in the rule folder");

  for (int li = 0; li < kNumLangs; ++li) {
    LangRules& lr = rules->lang[li];
    lr.words.ForEachEntry([&](std::string_view key, const PhraseEntry& e) {
      uint8_t f = WordIndex::kPhrase;
      if (e.cls == "qualifier" || e.cls == "currency" || e.cls == "numword") {
        f |= WordIndex::kNumberStart;
      }
      if (e.cls == "event") f |= WordIndex::kEventStart;
      size_t sp = key.find(' ');
      if (sp != std::string_view::npos && e.cls == "role") f |= WordIndex::kRoleStart;
      if (sp != std::string_view::npos && e.cls == "title") f |= WordIndex::kTitleStart;
      lr.first_words.Add(key.substr(0, sp), f,
                         sp == std::string_view::npos ? lr.words.Mask(key) : 0);
    });
    rules->gazetteer.ForEachKey([&](std::string_view key) {
      lr.first_words.Add(key.substr(0, key.find(' ')), WordIndex::kName);
    });
  }
  for (int li = 0; li < kNumLangs; ++li) {
    for (const auto& w : rules->lang[li].stopwords) {
      rules->words_all_langs[w].stop_langs |= static_cast<uint8_t>(1u << li);
    }
  }
  for (int li = 0; li < kNumLangs; ++li) {
    rules->lang[li].first_words.ForEach([&](std::string_view w, const WordIndex::Info& info) {
      rules->words_all_langs[w].lang[li] = info;
    });
  }
  // Each key's first word is a key of its own (AddAlias) and, by the loop above, a word here.
  rules->gazetteer.ForEachKey([&](std::string_view key) {
    std::string_view first = key.substr(0, key.find(' '));
    rules->words_all_langs[first].gaz = rules->gazetteer.FindPrefix(first);
  });
  if (!boilerplate_status.ok()) return boilerplate_status;
  if (boilerplate_loaded) ++rules->file_count;
  {
    Status s = BuildOwnDateSet(rules);
    if (!s.ok()) return s;
  }
  if (!outlets_status.ok()) return outlets_status;
  rules->file_count += outlets_count;
  if (!given_status.ok()) return given_status;
  rules->file_count += given_count;
  return Status::Ok();
}

Status LoadEmbeddedRules(Rules* rules, int threads, bool defer) {
  std::map<std::string, std::string> files;
  for (const auto& f : EmbeddedData()) files.emplace(std::string(f.path), std::string(f.bytes));
  return LoadRulesFromFiles(files, rules, threads, defer);
}

Status LoadRulesFromDir(const std::string& dir, Rules* rules, int threads) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound(fmt::format("{}: not a folder of rules", dir));
  }
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), dir, ec).generic_string();
    if (!EndsWith(rel, ".tsv") && !EndsWith(rel, ".rules")) continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return Status::IoError(fmt::format("{}: cannot read", it->path().string()));
    std::stringstream ss;
    ss << in.rdbuf();
    files.emplace(rel, ss.str());
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));
  // Errors name the file as the user gave it: dir/relative.
  Status s = LoadRulesFromFiles(files, rules, threads);
  if (!s.ok()) {
    std::string msg = s.message();
    std::string base = fs::path(dir).generic_string();
    if (!base.empty() && base.back() != '/') base += '/';
    return Status::Corrupt(base + msg);
  }
  return s;
}

}  // namespace claims
