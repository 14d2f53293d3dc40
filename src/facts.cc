// Fact candidates (see facts.h).
#include "claims/facts.h"

#include <algorithm>

#include "claims/entities.h"

namespace claims {
namespace {

constexpr uint32_t kAboutWindow = 8;   // tokens each side of the cue
constexpr uint32_t kValueWindow = 6;   // words between a cue and its value, names not counted

uint32_t TokenAt(const std::vector<Token>& toks, uint32_t offset) {
  auto it = std::lower_bound(toks.begin(), toks.end(), offset,
                             [](const Token& t, uint32_t o) { return t.span.begin < o; });
  return static_cast<uint32_t>(it - toks.begin());
}

}  // namespace

std::vector<FactCandidate> FindFacts(const Rules& rules, const Document& doc) {
  std::vector<FactCandidate> out;
  const LangRules& lang = rules.For(doc.lang);
  const std::string_view text(doc.clean);
  // Mentions by sentence (excluding quotes; a value inside a quotation is the speaker's claim).
  std::vector<std::vector<size_t>> by_sentence(doc.sentences.size());
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.kind == MentionKind::kQuote) continue;
    if (m.sentence < by_sentence.size()) by_sentence[m.sentence].push_back(i);
  }
  // Cue positions: parts that start an event phrase.
  std::vector<std::pair<uint32_t, const PhraseEntry*>> cues;  // (part index, entry)
  for (uint32_t p = 0; p < doc.parts.size(); ++p) {
    const Token& t = doc.tokens[doc.parts[p].token];
    if (t.kind != TokenKind::kWord) continue;
    if (!lang.words.IsPrefix(doc.parts[p].span.In(doc.folded))) continue;
    PhraseMatch m = MatchFoldedPhrase(lang.words, "event", doc.folded, doc.parts, p);
    if (m.entry) {
      cues.emplace_back(p, m.entry);
      p = m.end_part - 1;
    }
  }
  if (cues.empty()) return out;
  // Tokens inside names (people, organisations, places, laws).
  std::vector<bool> in_name(doc.tokens.size(), false);
  for (const Mention& m : doc.mentions) {
    if (m.kind == MentionKind::kQuote || m.kind == MentionKind::kDate ||
        m.kind == MentionKind::kNumber) {
      continue;
    }
    for (uint32_t t = TokenAt(doc.tokens, m.span.begin);
         t < doc.tokens.size() && doc.tokens[t].span.begin < m.span.end; ++t) {
      in_name[t] = true;
    }
  }
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    // Cues in this sentence, in order of their first token.
    std::vector<std::pair<uint32_t, const PhraseEntry*>> here;  // (token index, entry)
    for (const auto& [p, e] : cues) {
      uint32_t tok = doc.parts[p].token;
      if (tok >= s.first && tok < s.last) here.emplace_back(tok, e);
    }
    if (here.empty()) continue;
    for (size_t mi : by_sentence[si]) {
      const Mention& v = doc.mentions[mi];
      if (v.kind != MentionKind::kDate && v.kind != MentionKind::kNumber) continue;
      uint32_t vt = TokenAt(doc.tokens, v.span.begin);
      // The nearest cue before the value; else the nearest after. Words of names in between
      // do not count ("menandatangani perjanjian kemitraan strategis yang komprehensif ... pada
      // Juni 2024" is near).
      auto distance = [&](uint32_t a, uint32_t b) {
        uint32_t d = 0;
        for (uint32_t t = a + 1; t < b; ++t) {
          if (!in_name[t]) ++d;
        }
        return d;
      };
      int best = -1;
      for (size_t k = 0; k < here.size(); ++k) {
        if (here[k].first < vt && distance(here[k].first, vt) <= kValueWindow) {
          best = static_cast<int>(k);
        }
      }
      // A value before its cue is measured from its last word ("Pada hari Sabtu, ... mengambil
      // alih kembali").
      uint32_t vt_last = TokenAt(doc.tokens, v.span.end);
      vt_last = vt_last > vt ? vt_last - 1 : vt;
      if (best < 0) {
        for (size_t k = 0; k < here.size(); ++k) {
          if (here[k].first > vt_last && distance(vt_last, here[k].first) <= kValueWindow) {
            best = static_cast<int>(k);
            break;
          }
        }
      }
      if (best < 0) continue;
      uint32_t ct = here[static_cast<size_t>(best)].first;
      const PhraseEntry* e = here[static_cast<size_t>(best)].second;
      // Entities around the cue.
      uint32_t lo = ct > kAboutWindow ? ct - kAboutWindow : 0;
      lo = std::max(lo, s.first);
      uint32_t hi = std::min(ct + kAboutWindow + 1, s.last);
      uint32_t lo_off = doc.tokens[lo].span.begin;
      uint32_t hi_off = doc.tokens[hi - 1].span.end;
      std::vector<std::string> laws, others;
      for (size_t oi : by_sentence[si]) {
        const Mention& o = doc.mentions[oi];
        if (o.span.end <= lo_off || o.span.begin >= hi_off) continue;
        if (o.kind == MentionKind::kLaw) laws.push_back(o.value);
        else if (o.kind == MentionKind::kPlace || o.kind == MentionKind::kOrg ||
                 o.kind == MentionKind::kPerson) {
          others.push_back(o.value);
        }
      }
      // A named treaty or law says what the fact is about better than an article number.
      std::vector<std::string> named;
      for (const auto& l : laws) {
        if (l.rfind("Article ", 0) != 0) named.push_back(l);
      }
      std::vector<std::string> about = !named.empty() ? named : (!laws.empty() ? laws : others);
      std::sort(about.begin(), about.end());
      about.erase(std::unique(about.begin(), about.end()), about.end());
      if (about.empty()) continue;
      FactCandidate f;
      f.about_is_law = !laws.empty();
      f.event = e->value;
      f.about = std::move(about);
      f.value_kind = v.kind;
      f.value_span = v.span;
      f.value_orig = doc.norm.ToOriginal(v.span);
      f.unit = v.unit;
      f.cue = doc.tokens[ct].span;
      f.sentence = s.span;
      f.sentence_index = si;
      Span o = doc.norm.ToOriginal(s.span);
      f.sentence_text = std::string(o.In(doc.original));
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace claims
