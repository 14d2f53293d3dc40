// Fact candidates (see facts.h).
#include "claims/facts.h"

#include <algorithm>

#include "claims/entities.h"
#include "claims/tokenize.h"

namespace claims {
namespace {

constexpr uint32_t kAboutWindow = 8;         // tokens each side of the cue
constexpr uint32_t kValueWindow = 6;         // words between a cue and its value, names not counted
constexpr uint32_t kMaxSentenceBytes = 600;  // of a sentence kept as a fact's text

}  // namespace

std::vector<FactCandidate> FindFacts(const Rules& rules, const Document& doc) {
  std::vector<FactCandidate> out;
  const LangRules& lang = rules.For(doc.lang);
  const uint32_t ntok = static_cast<uint32_t>(doc.tokens.size());
  // Event cues, in text order: (first token, entry).
  std::vector<std::pair<uint32_t, const PhraseEntry*>> cues;
  const uint32_t nparts = static_cast<uint32_t>(doc.parts.size());
  const bool flagged = doc.part_flags.size() == nparts;
  for (uint32_t p = 0; p < nparts; ++p) {
    // The parts' flags first, eight a step: they turn down nearly every part.
    if (flagged) {
      p = static_cast<uint32_t>(NextWithFlag(doc.part_flags, p, nparts, WordIndex::kEventStart));
      if (p == nparts) break;
    } else if (!lang.words.IsPrefix(doc.parts[p].span.In(doc.folded))) {
      continue;
    }
    if (doc.tokens[doc.parts[p].token].kind != TokenKind::kWord) continue;
    PhraseMatch m = MatchFoldedPhrase(lang.words, "event", doc.folded, doc.parts, p);
    if (m.entry) {
      cues.emplace_back(doc.parts[p].token, m.entry);
      p = m.end_part - 1;
    }
  }
  if (cues.empty()) return out;
  // The name (person, organisation, place, law) each token belongs to, and a running count of
  // the tokens outside names, so that the distance between two tokens is O(1).
  std::vector<int> name_at(ntok, -1);
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.kind == MentionKind::kQuote || m.kind == MentionKind::kDate ||
        m.kind == MentionKind::kNumber) {
      continue;
    }
    for (uint32_t t = FirstTokenAt(doc.tokens, m.span.begin);
         t < ntok && doc.tokens[t].span.begin < m.span.end; ++t) {
      if (name_at[t] < 0) name_at[t] = static_cast<int>(i);
    }
  }
  std::vector<uint32_t> plain(ntok + 1, 0);
  for (uint32_t t = 0; t < ntok; ++t) plain[t + 1] = plain[t] + (name_at[t] < 0 ? 1 : 0);
  // Words strictly between tokens a < b, names not counted.
  auto distance = [&](uint32_t a, uint32_t b) { return b > a + 1 ? plain[b] - plain[a + 1] : 0u; };
  auto cue_before = [&](uint32_t t) {  // index of the last cue starting before token t, or -1
    auto it = std::lower_bound(cues.begin(), cues.end(), t,
                               [](const auto& c, uint32_t x) { return c.first < x; });
    return it == cues.begin() ? -1 : static_cast<int>(it - cues.begin()) - 1;
  };
  for (const Mention& v : doc.mentions) {
    if (v.kind != MentionKind::kDate && v.kind != MentionKind::kNumber) continue;
    if (v.sentence >= doc.sentences.size()) continue;
    const Sentence& s = doc.sentences[v.sentence];
    uint32_t vt = FirstTokenAt(doc.tokens, v.span.begin);
    uint32_t vt_last = FirstTokenAt(doc.tokens, v.span.end);
    vt_last = vt_last > vt ? vt_last - 1 : vt;
    // The nearest cue before the value in its sentence; else the nearest after it. Words of
    // names in between do not count ("menandatangani perjanjian kemitraan strategis yang
    // komprehensif ... pada Juni 2024" is near); a value before its cue is measured from its
    // last word ("Pada hari Sabtu, ... mengambil alih kembali").
    int best = -1;
    int b = cue_before(vt);
    if (b >= 0 && cues[static_cast<size_t>(b)].first >= s.first &&
        distance(cues[static_cast<size_t>(b)].first, vt) <= kValueWindow) {
      best = b;
    } else {
      size_t a = static_cast<size_t>(cue_before(vt_last + 1) + 1);
      if (a < cues.size() && cues[a].first < s.last &&
          distance(vt_last, cues[a].first) <= kValueWindow) {
        best = static_cast<int>(a);
      }
    }
    if (best < 0) continue;
    uint32_t ct = cues[static_cast<size_t>(best)].first;
    const PhraseEntry* e = cues[static_cast<size_t>(best)].second;
    // Names around the cue, within its sentence.
    uint32_t lo = std::max(ct > kAboutWindow ? ct - kAboutWindow : 0, s.first);
    uint32_t hi = std::min(ct + kAboutWindow + 1, s.last);
    std::vector<std::string> laws, others;
    uint32_t lo_off = doc.tokens[lo].span.begin;
    uint32_t hi_off = doc.tokens[hi - 1].span.end;
    // Mentions are in text order: those that start inside the window ("Rusia-Ukraina" is one
    // word holding two names).
    auto it = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), lo_off,
                               [](const Mention& m, uint32_t o) { return m.span.begin < o; });
    for (; it != doc.mentions.end() && it->span.begin < hi_off; ++it) {
      const Mention& o = *it;
      if (o.kind == MentionKind::kLaw)
        laws.push_back(o.value);
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
    f.sentence_index = v.sentence;
    // At most kMaxSentenceBytes of the sentence around the value, for display and matching.
    Span o = doc.norm.ToOriginal(s.span);
    if (o.size() > kMaxSentenceBytes) {
      uint32_t c = f.value_orig.begin;
      uint32_t from = c > o.begin + kMaxSentenceBytes / 2 ? c - kMaxSentenceBytes / 2 : o.begin;
      o = {from, std::min(o.end, from + kMaxSentenceBytes)};
    }
    f.sentence_text = std::string(o.In(doc.original));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace claims
