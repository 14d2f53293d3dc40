// Gazetteer and word-list matching over word parts (see entities.h).
#include "claims/entities.h"

#include "claims/utf8.h"

namespace claims {
namespace {

constexpr int kMaxParts = 10;

bool StartsUpper(std::string_view s) {
  int len;
  char32_t c = DecodeUtf8(s, 0, &len);
  return IsUpper(c) || IsDigit(c);
}

// Whether `surface` is the text of parts [i, j] joined by single spaces.
bool JoinedPartsAre(std::string_view surface, std::string_view text, const std::vector<Part>& parts,
                    uint32_t i, uint32_t j) {
  size_t at = 0;
  for (uint32_t k = i; k <= j; ++k) {
    if (k > i) {
      if (at >= surface.size() || surface[at] != ' ') return false;
      ++at;
    }
    const std::string_view w = parts[k].span.In(text);
    if (surface.substr(at, w.size()) != w) return false;
    at += w.size();
  }
  return at == surface.size();
}

}  // namespace

namespace {

// Longest-match scan of parts [from, to); appends matches to *out. With `inner` set, also scans
// inside each match of two or more parts for names of other entries ("Komisi Militer Pusat Partai
// Pekerja Korea" holds the Workers' Party of Korea; "Departemen Luar Negeri AS" the United States).
void MatchRange(const Gazetteer& gaz, Lang lang, std::string_view text, std::string_view folded,
                const std::vector<Token>& tokens, const std::vector<Part>& parts,
                const std::vector<uint8_t>* flags, const std::vector<const Rules::WordInfo*>* words,
                uint32_t from, uint32_t to, int exclude, bool inner,
                std::vector<EntityMatch>* out) {
  const uint32_t n = to;
  std::string key;
  uint32_t i = from;
  while (i < n) {
    // The parts' flags first, eight a step: they turn down most parts.
    if (flags) {
      i = static_cast<uint32_t>(NextWithFlag(*flags, i, n, WordIndex::kName));
      if (i >= n) break;
    }
    const Token& first_tok = tokens[parts[i].token];
    if (first_tok.kind == TokenKind::kPunct || first_tok.kind == TokenKind::kQuote) {
      ++i;
      continue;
    }
    key.clear();
    uint32_t best_end = 0;
    const GazAlias* best = nullptr;
    for (uint32_t j = i; j < n && j - i < kMaxParts; ++j) {
      if (j > i && tokens[parts[j].token].Is(Token::kLineStart) &&
          parts[j].token != parts[j - 1].token) {
        break;
      }
      const GazKey* found;
      if (j == i && words) {
        // The first part's key is its word's (WordInfo::gaz): the key is spelled out only when
        // a longer one may follow.
        found = (*words)[i] ? (*words)[i]->gaz : nullptr;
        if (found && found->longer) key.assign(parts[i].span.In(folded));
      } else {
        if (j > i) key.push_back(' ');
        key.append(parts[j].span.In(folded));
        found = gaz.FindPrefix(key);
      }
      if (!found) break;
      for (const GazAlias& a : found->items) {
        if (a.lang >= 0 && a.lang != static_cast<int>(lang)) continue;
        if (static_cast<int>(a.entry) == exclude) continue;
        bool ok = false;
        switch (a.match_case) {
          case GazAlias::kExact:  // as written: the parts' own text, joined by spaces
            ok = JoinedPartsAre(a.surface, text, parts, i, j);
            break;
          case GazAlias::kCapitalised:
            ok = StartsUpper(parts[i].span.In(text));
            break;
          case GazAlias::kAnyCase:
            ok = true;
            break;
        }
        if (ok) {
          best = &a;
          best_end = j + 1;
          break;
        }
      }
      if (!found->longer) break;  // no key is key + " " + the next part
    }
    if (!best) {
      ++i;
      continue;
    }
    // The match must not end inside a word part's token unless that token is hyphenated there
    // (Rusia-Ukraina holds two entities; "Korean" does not hold "Korea").
    EntityMatch m;
    m.span = {parts[i].span.begin, parts[best_end - 1].span.end};
    m.first_token = parts[i].token;
    m.last_token = parts[best_end - 1].token;
    m.entry = best->entry;
    out->push_back(m);
    if (inner && best_end - i >= 2) {
      // Only places and parties nest: "Korean Central News Agency" does not hold Taiwan's
      // Central News Agency, nor "Staf Umum Angkatan Bersenjata Rusia" the armed forces.
      std::vector<EntityMatch> nested;
      MatchRange(gaz, lang, text, folded, tokens, parts, flags, words, i + 1, best_end,
                 static_cast<int>(best->entry), false, &nested);
      for (const EntityMatch& e : nested) {
        const GazEntry& g = gaz.entry(e.entry);
        if (g.kind == "place" || g.subtype == "party") {
          out->push_back(e);
          out->back().nested = true;
        }
      }
    }
    i = best_end;
  }
}

// The longest phrase of each class of `classes` starting at part `at`, in one walk: out[k] for
// classes[k]. The walk stops where no phrase, of any class, starts with the key; at each length a
// class takes its first entry of that class. append(part, &key) adds a part's folded text to the
// key.
template <typename AppendFolded>
void MatchPhrasesWith(const PhraseTable& table, std::span<const std::string_view> classes,
                      const std::vector<Part>& parts, uint32_t at, AppendFolded append,
                      std::span<PhraseMatch> out) {
  for (PhraseMatch& m : out) m = PhraseMatch();
  std::string key;
  const uint32_t n = static_cast<uint32_t>(parts.size());
  for (uint32_t j = at; j < n && static_cast<int>(j - at) < table.max_tokens(); ++j) {
    if (j > at) key.push_back(' ');
    append(parts[j], &key);
    const PhraseKey* found = table.FindPrefix(key);
    if (!found) break;
    for (size_t k = 0; k < classes.size(); ++k) {
      for (const auto& e : found->items) {
        if (e.cls == classes[k]) {
          out[k] = {&e, at, j + 1};
          break;
        }
      }
    }
    if (!found->longer) break;  // no key is key + " " + the next part
  }
}

}  // namespace

std::vector<const Rules::WordInfo*> PartWords(const Rules& rules, std::string_view folded,
                                              const std::vector<Part>& parts) {
  std::vector<const Rules::WordInfo*> words(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    words[i] = rules.words_all_langs.Find(parts[i].span.In(folded));
  }
  return words;
}

std::vector<EntityMatch> MatchGazetteer(const Gazetteer& gaz, Lang lang, std::string_view text,
                                        std::string_view folded, const std::vector<Token>& tokens,
                                        const std::vector<Part>& parts,
                                        const std::vector<uint8_t>* part_flags,
                                        const std::vector<const Rules::WordInfo*>* part_words) {
  std::vector<EntityMatch> out;
  MatchRange(gaz, lang, text, folded, tokens, parts, part_flags, part_words, 0,
             static_cast<uint32_t>(parts.size()), -1, true, &out);
  return out;
}

std::vector<EntityMatch> MatchGazetteer(const Gazetteer& gaz, Lang lang, std::string_view text,
                                        const std::vector<Token>& tokens,
                                        const std::vector<Part>& parts) {
  std::string folded = FoldSameLength(text);
  return MatchGazetteer(gaz, lang, text, folded, tokens, parts);
}

PhraseMatch MatchFoldedPhrase(const PhraseTable& table, std::string_view cls,
                              std::string_view folded, const std::vector<Part>& parts,
                              uint32_t at) {
  PhraseMatch m;
  MatchFoldedPhrases(table, std::span(&cls, 1), folded, parts, at, std::span(&m, 1));
  return m;
}

void MatchFoldedPhrases(const PhraseTable& table, std::span<const std::string_view> classes,
                        std::string_view folded, const std::vector<Part>& parts, uint32_t at,
                        std::span<PhraseMatch> out) {
  MatchPhrasesWith(
      table, classes, parts, at,
      [&](const Part& p, std::string* key) { key->append(p.span.In(folded)); }, out);
}

PhraseMatch MatchPhrase(const PhraseTable& table, const std::string& cls, std::string_view text,
                        const std::vector<Part>& parts, uint32_t at) {
  const std::string_view c(cls);
  PhraseMatch m;
  MatchPhrasesWith(
      table, std::span(&c, 1), parts, at,
      [&](const Part& p, std::string* key) { AppendCaseFold(p.span.In(text), key); },
      std::span(&m, 1));
  return m;
}

}  // namespace claims
