// Speaker attribution (see speakers.h).
#include "claims/speakers.h"

#include <algorithm>
#include <unordered_map>

#include "claims/entities.h"
#include "claims/utf8.h"

namespace claims {
namespace {

constexpr uint32_t kSubjectWindow = 16;  // tokens searched back from a speech verb
constexpr uint32_t kMaxNameTokens = 4;

struct Who {
  std::string name;
  bool pronoun = false;
  MentionKind kind = MentionKind::kPerson;
  bool found() const { return pronoun || !name.empty(); }
};

class Attributor {
 public:
  Attributor(const Rules& rules, Document* doc)
      : rules_(rules), lang_(rules.For(doc->lang)), doc_(doc), text_(doc->clean),
        toks_(doc->tokens) {
    token_mention_.assign(toks_.size(), -1);
    IndexMentions();
    BuildRoleMap();
    token_sentence_.assign(toks_.size(), 0);
    for (uint32_t s = 0; s < doc_->sentences.size(); ++s) {
      for (uint32_t t = doc_->sentences[s].first; t < doc_->sentences[s].last; ++t) {
        token_sentence_[t] = s;
      }
    }
  }

  void Run();

 private:
  void IndexMentions();
  void BuildRoleMap();
  uint32_t TokenAt(uint32_t offset) const;  // first token starting at or after offset
  std::string Folded(uint32_t t) const {
    std::string k;
    AppendCaseFold(toks_[t].span.In(text_), &k);
    return k;
  }
  const std::string* WordClass(const char* cls, uint32_t t) const {
    return lang_.words.Value(cls, Folded(t));
  }
  // A title (Mr., Sen., Presiden), written with or without its dot.
  bool IsTitle(uint32_t t) const {
    std::string k = Folded(t);
    return lang_.words.Value("title", k) || lang_.words.Value("title", k + " .");
  }
  bool IsNameToken(uint32_t t, bool first_of_sentence) const;
  // A run of capitalised name tokens ending at `end` (exclusive) scanning back, or starting at
  // `begin` scanning forward.
  std::pair<uint32_t, uint32_t> NameRunForward(uint32_t begin, uint32_t limit) const;
  std::pair<uint32_t, uint32_t> NameRunBackward(uint32_t end, uint32_t limit) const;
  std::string NameText(uint32_t a, uint32_t b) const;
  std::string ResolveRole(const std::string& role, const std::string& of) const;
  std::pair<std::string, std::string> RoleAt(uint32_t a, uint32_t b, uint32_t* after) const;
  Who ResolveSpan(uint32_t a, uint32_t b, uint32_t sentence_first);
  Who SubjectBefore(uint32_t verb_token, uint32_t floor);
  std::string AddPerson(uint32_t a, uint32_t b, const std::string& rule);

  const Rules& rules_;
  const LangRules& lang_;
  Document* doc_;
  std::string_view text_;
  const std::vector<Token>& toks_;
  std::vector<int> token_mention_;
  std::vector<uint32_t> token_sentence_;
  std::unordered_map<std::string, std::string> roles_;     // "role\tof" -> person
  std::unordered_map<std::string, std::string> surnames_;  // folded last name -> person
  std::vector<Mention> new_people_;
  std::string last_named_;
};

void Attributor::IndexMentions() {
  for (size_t i = 0; i < doc_->mentions.size(); ++i) {
    const Mention& m = doc_->mentions[i];
    if (m.kind != MentionKind::kPerson && m.kind != MentionKind::kOrg &&
        m.kind != MentionKind::kPlace) {
      continue;
    }
    for (uint32_t t = TokenAt(m.span.begin); t < toks_.size() && toks_[t].span.begin < m.span.end;
         ++t) {
      if (token_mention_[t] == -1) token_mention_[t] = static_cast<int>(i);  // outer name wins
    }
    if (m.kind == MentionKind::kPerson) {
      size_t sp = m.value.rfind(' ');
      if (sp != std::string::npos) surnames_[CaseFold(m.value.substr(sp + 1))] = m.value;
    }
  }
}

uint32_t Attributor::TokenAt(uint32_t offset) const {
  auto it = std::lower_bound(toks_.begin(), toks_.end(), offset,
                             [](const Token& t, uint32_t o) { return t.span.begin < o; });
  return static_cast<uint32_t>(it - toks_.begin());
}

bool Attributor::IsNameToken(uint32_t t, bool first_of_sentence) const {
  const Token& tok = toks_[t];
  if (tok.kind != TokenKind::kWord || !tok.Is(Token::kCapitalised)) return false;
  std::string k = Folded(t);
  if (lang_.words.Value("stopword", k) || lang_.words.Value("notname", k) ||
      lang_.words.Value("month", k) || lang_.words.Value("weekday", k) ||
      lang_.words.Value("role", k) || lang_.words.Value("title", k) ||
      lang_.words.Value("title", k + " .") || lang_.words.Value("pronoun", k)) {
    return false;
  }
  (void)first_of_sentence;
  return true;
}

std::pair<uint32_t, uint32_t> Attributor::NameRunForward(uint32_t begin, uint32_t limit) const {
  uint32_t e = begin;
  while (e < limit && e - begin < kMaxNameTokens && token_mention_[e] < 0 && IsNameToken(e, false)) {
    if (e > begin && toks_[e].Is(Token::kLineStart)) break;
    ++e;
  }
  return {begin, e};
}

std::pair<uint32_t, uint32_t> Attributor::NameRunBackward(uint32_t end, uint32_t limit) const {
  uint32_t b = end;
  while (b > limit && end - b < kMaxNameTokens && token_mention_[b - 1] < 0 &&
         IsNameToken(b - 1, false)) {
    --b;
  }
  return {b, end};
}

std::string Attributor::NameText(uint32_t a, uint32_t b) const {
  std::string out;
  for (uint32_t t = a; t < b; ++t) {
    if (!out.empty()) out.push_back(' ');
    out.append(toks_[t].span.In(text_));
  }
  return out;
}

std::string Attributor::AddPerson(uint32_t a, uint32_t b, const std::string& rule) {
  std::string name = NameText(a, b);
  if (b - a == 1) {
    auto it = surnames_.find(CaseFold(name));
    if (it != surnames_.end()) name = it->second;
  }
  Mention m;
  m.kind = MentionKind::kPerson;
  m.span = {toks_[a].span.begin, toks_[b - 1].span.end};
  m.value = name;
  m.rule = rule;
  for (uint32_t t = a; t < b; ++t) token_mention_[t] = -2;  // taken by a new person
  new_people_.push_back(m);
  size_t sp = name.rfind(' ');
  if (sp != std::string::npos) surnames_[CaseFold(name.substr(sp + 1))] = name;
  return name;
}

// A role phrase at [a, b): role word(s), then optionally whose role (an entity or demonym);
// or a demonym / entity followed by the role ("Russian President", "Kremlin spokesman").
std::pair<std::string, std::string> Attributor::RoleAt(uint32_t a, uint32_t b,
                                                       uint32_t* after) const {
  std::vector<Part> parts;
  for (uint32_t t = a; t < b; ++t) parts.push_back({toks_[t].span, t});
  auto entity_at = [&](uint32_t t) -> std::string {
    if (t >= b) return "";
    int mi = token_mention_[t];
    if (mi >= 0) {
      const Mention& m = doc_->mentions[static_cast<size_t>(mi)];
      if (m.kind == MentionKind::kPlace || m.kind == MentionKind::kOrg) return m.value;
    }
    std::string_view p = rules_.gazetteer.PlaceOfDemonym(Folded(t));
    return std::string(p);
  };
  auto entity_end = [&](uint32_t t) {
    int mi = token_mention_[t];
    while (t < b && mi >= 0 && token_mention_[t] == mi) ++t;
    return mi >= 0 ? t : t + 1;
  };
  uint32_t i = 0;
  // Skip a determiner.
  while (i < parts.size() && lang_.words.Value("determiner", Folded(a + i))) ++i;
  PhraseMatch r = MatchPhrase(lang_.words, "role", text_, parts, i);
  if (r.entry) {
    uint32_t t = a + r.end_part;
    std::string of = entity_at(t);
    *after = of.empty() ? t : entity_end(t);
    return {r.entry->value, of};
  }
  std::string of = entity_at(a + i);
  if (!of.empty()) {
    uint32_t t = entity_end(a + i);
    if (t < b) {
      PhraseMatch r2 = MatchPhrase(lang_.words, "role", text_, parts, t - a);
      if (r2.entry) {
        *after = a + r2.end_part;
        return {r2.entry->value, of};
      }
    }
  }
  return {"", ""};
}

std::string Attributor::ResolveRole(const std::string& role, const std::string& of) const {
  std::vector<std::string> tries{role};
  if (role == "leader") tries = {"leader", "president", "prime minister", "head"};
  if (role == "head") tries = {"head", "leader"};
  for (const auto& r : tries) {
    auto it = roles_.find(r + "\t" + of);
    if (it != roles_.end()) return it->second;
  }
  if (of.empty()) return "";
  for (const auto& r : tries) {
    auto people = rules_.gazetteer.PeopleWithRole(r, of);
    if (!people.empty()) return rules_.gazetteer.entry(people.front()).canonical;
  }
  return "";
}

void Attributor::BuildRoleMap() {
  for (const Mention& m : doc_->mentions) {
    if (m.kind != MentionKind::kPerson) continue;
    uint32_t first = TokenAt(m.span.begin);
    uint32_t b = first;
    if (b > 0 && toks_[b - 1].span.In(text_) == ",") --b;
    uint32_t a = b > 6 ? b - 6 : 0;
    for (uint32_t s = a; s < b; ++s) {
      if (toks_[s].Is(Token::kLineStart) && s > a) a = s;
    }
    // Try each start position so that the role phrase ends right before the name.
    for (uint32_t s = a; s < b; ++s) {
      uint32_t after = 0;
      auto [role, of] = RoleAt(s, b, &after);
      if (!role.empty() && after == b) {
        roles_.emplace(role + "\t" + of, m.value);
        roles_.emplace(role + "\t", m.value);
        break;
      }
    }
  }
}

// Resolves the speaker named in tokens [a, b).
Who Attributor::ResolveSpan(uint32_t a, uint32_t b, uint32_t sentence_first) {
  Who who;
  // Trim at stop words and punctuation; an appositive ", Name Name" after a role is kept.
  uint32_t e = a;
  while (e < b) {
    const Token& t = toks_[e];
    std::string_view s = t.span.In(text_);
    if (e > a && t.Is(Token::kLineStart)) break;
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kQuote) {
      if (s == "," && e + 1 < b && (token_mention_[e + 1] >= 0 || IsNameToken(e + 1, false))) {
        // "juru bicara Kremlin, Dmitry Peskov": keep going only if a role came before.
        uint32_t dummy;
        if (!RoleAt(a, e, &dummy).first.empty()) {
          ++e;
          continue;
        }
      }
      if (s == "." && toks_[e].span.begin > 0 && e > a && toks_[e - 1].span.end == t.span.begin &&
          IsTitle(e - 1)) {
        ++e;  // "Sen." "Mr."
        continue;
      }
      if (s == "-" && e > a) {  // "Rep. X (D-S.C.)"
        break;
      }
      break;
    }
    if (e > a && lang_.words.Value("stop", Folded(e)) && token_mention_[e] < 0) break;
    ++e;
  }
  b = e;
  if (a >= b) return who;
  // A pronoun.
  if (lang_.words.Value("pronoun", Folded(a))) {
    who.pronoun = true;
    return who;
  }
  // A person named in the span.
  for (uint32_t t = a; t < b; ++t) {
    int mi = token_mention_[t];
    if (mi >= 0 && doc_->mentions[static_cast<size_t>(mi)].kind == MentionKind::kPerson) {
      who.name = doc_->mentions[static_cast<size_t>(mi)].value;
      return who;
    }
  }
  // A role.
  uint32_t after = 0;
  auto [role, of] = RoleAt(a, b, &after);
  if (!role.empty()) {
    // "presiden Rusia Vladimir Putin" style, name after the role not in the gazetteer.
    uint32_t n = after;
    if (n < b && toks_[n].span.In(text_) == ",") ++n;
    auto [na, nb] = NameRunForward(n, b);
    if (nb > na) {
      who.name = AddPerson(na, nb, "speaker-name");
      return who;
    }
    std::string p = ResolveRole(role, of);
    if (!p.empty()) {
      who.name = p;
      return who;
    }
  }
  // An organisation or a place.
  for (MentionKind want : {MentionKind::kOrg, MentionKind::kPlace}) {
    for (uint32_t t = a; t < b; ++t) {
      int mi = token_mention_[t];
      if (mi >= 0 && doc_->mentions[static_cast<size_t>(mi)].kind == want) {
        who.name = doc_->mentions[static_cast<size_t>(mi)].value;
        who.kind = want;
        return who;
      }
    }
  }
  // An unknown capitalised name: the first run of name words in the span ("9/11 widow Terry
  // Strada", "Rep. John Mica").
  (void)sentence_first;
  for (uint32_t s = a; s < b; ++s) {
    if (IsTitle(s) || toks_[s].span.In(text_) == ".") continue;
    auto [na, nb] = NameRunForward(s, b);
    if (nb > na) {
      who.name = AddPerson(na, nb, "speaker-name");
      return who;
    }
  }
  return who;
}

// The subject of the speech verb at verb_token: the nearest person or organisation before it in
// its clause (a place only when there is neither), or a pronoun right before it.
Who Attributor::SubjectBefore(uint32_t verb, uint32_t floor) {
  Who who;
  uint32_t lo = verb > kSubjectWindow ? verb - kSubjectWindow : 0;
  if (lo < floor) lo = floor;
  int place = -1;
  // "X membantah klaim Y, menyatakan ..." / "X denied it, saying ...": a verb right after a comma
  // belongs to the sentence's subject, the first person or organisation of the sentence.
  if (verb > floor && toks_[verb - 1].span.In(text_) == ",") {
    for (uint32_t t = floor; t + 1 < verb; ++t) {
      if (toks_[t].kind == TokenKind::kQuote) break;
      int mi = token_mention_[t];
      if (mi >= 0) {
        const Mention& m = doc_->mentions[static_cast<size_t>(mi)];
        if (m.kind == MentionKind::kPerson || m.kind == MentionKind::kOrg) {
          who.name = m.value;
          who.kind = m.kind;
          return who;
        }
      }
    }
  }
  for (uint32_t t = verb; t > lo;) {
    --t;
    if (toks_[t].kind == TokenKind::kQuote) break;
    if (verb - t <= 2 && lang_.words.Value("pronoun", Folded(t))) {
      who.pronoun = true;
      return who;
    }
    int mi = token_mention_[t];
    if (mi >= 0) {
      const Mention& m = doc_->mentions[static_cast<size_t>(mi)];
      if (m.kind == MentionKind::kPerson || m.kind == MentionKind::kOrg) {
        who.name = m.value;
        who.kind = m.kind;
        return who;
      }
      if (m.kind == MentionKind::kPlace && place < 0) place = mi;
      continue;
    }
    if (mi == -1 && IsNameToken(t, false)) {
      auto [na, nb] = NameRunBackward(t + 1, lo);
      // A capitalised word at the start of the sentence is a name only when it is not a common
      // word (the stopword and notname lists) — "Lynch said" but not "Officials said".
      who.name = AddPerson(na, nb, "speaker-name");
      return who;
    }
  }
  if (place >= 0) {
    who.name = doc_->mentions[static_cast<size_t>(place)].value;
    who.kind = MentionKind::kPlace;
  }
  return who;
}

void Attributor::Run() {
  const auto& quotes = doc_->quotes;
  std::vector<Who> whos(quotes.size());
  std::vector<std::string> rule_ids(quotes.size());
  std::vector<uint32_t> q_sentence(quotes.size());
  for (size_t qi = 0; qi < quotes.size(); ++qi) {
    const Quotation& q = quotes[qi];
    uint32_t s_idx = token_sentence_.empty() ? 0 : token_sentence_[q.first_token];
    q_sentence[qi] = s_idx;
    const Sentence& s = doc_->sentences[s_idx];
    // The sentence holding the closing mark (a quotation may span sentences when unclosed).
    uint32_t close_t = std::min<uint32_t>(q.close_token, static_cast<uint32_t>(toks_.size()) - 1);
    const Sentence& cs = doc_->sentences[token_sentence_[close_t]];
    Who who;
    // 1. After the closing mark, to the end of its sentence.
    if (!q.close.empty()) {
      uint32_t from = q.close.end;
      uint32_t to = cs.span.end;
      // Stop at the next quotation of the line.
      if (qi + 1 < quotes.size() && quotes[qi + 1].open.begin < to) to = quotes[qi + 1].open.begin;
      std::string_view after = text_.substr(from, to > from ? to - from : 0);
      for (const Rule& r : lang_.speakers) {
        if (r.kind != "after") continue;
        int ng = r.re->NumberOfCapturingGroups();
        std::vector<re2::StringPiece> g(static_cast<size_t>(ng) + 1);
        if (!r.re->Match(re2::StringPiece(after.data(), after.size()), 0, after.size(),
                         RE2::ANCHOR_START, g.data(), ng + 1)) {
          continue;
        }
        auto names = r.re->NamedCapturingGroups();
        auto it = names.find("who");
        if (it == names.end() || g[static_cast<size_t>(it->second)].empty()) {
          who.pronoun = true;
        } else {
          const auto& w = g[static_cast<size_t>(it->second)];
          uint32_t wb = static_cast<uint32_t>(w.data() - text_.data());
          uint32_t we = wb + static_cast<uint32_t>(w.size());
          who = ResolveSpan(TokenAt(wb), TokenAt(we), cs.first);
        }
        if (who.found()) {
          rule_ids[qi] = r.id;
          break;
        }
      }
    }
    // 2. Before the opening mark, from the start of its sentence (or the previous quotation).
    uint32_t floor_tok = s.first;
    uint32_t from = s.span.begin;
    if (qi > 0 && quotes[qi - 1].close.end > from && quotes[qi - 1].close.end <= q.open.begin) {
      from = quotes[qi - 1].close.end;
      floor_tok = TokenAt(from);
    }
    std::string_view before = text_.substr(from, q.open.begin - from);
    if (!who.found()) {
      for (const Rule& r : lang_.speakers) {
        if (r.kind != "before") continue;
        int ng = r.re->NumberOfCapturingGroups();
        std::vector<re2::StringPiece> g(static_cast<size_t>(ng) + 1);
        if (!r.re->Match(re2::StringPiece(before.data(), before.size()), 0, before.size(),
                         RE2::UNANCHORED, g.data(), ng + 1)) {
          continue;
        }
        auto names = r.re->NamedCapturingGroups();
        auto it = names.find("who");
        if (it == names.end() || g[static_cast<size_t>(it->second)].empty()) {
          who.pronoun = true;
        } else {
          const auto& w = g[static_cast<size_t>(it->second)];
          uint32_t wb = static_cast<uint32_t>(w.data() - text_.data());
          uint32_t we = wb + static_cast<uint32_t>(w.size());
          who = ResolveSpan(TokenAt(wb), TokenAt(we), s.first);
        }
        if (who.found()) {
          rule_ids[qi] = r.id;
          break;
        }
      }
    }
    // 3. The subject of the last speech verb before the quotation.
    if (!who.found()) {
      // Search the whole sentence before the quote (not just after the previous quotation).
      std::string_view pre = text_.substr(s.span.begin, q.open.begin - s.span.begin);
      size_t best = std::string_view::npos;
      const Rule* best_rule = nullptr;
      for (const Rule& r : lang_.speakers) {
        if (r.kind != "verb") continue;
        re2::StringPiece m;
        size_t pos = 0;
        while (pos < pre.size() && r.re->Match(re2::StringPiece(pre.data(), pre.size()), pos,
                                                pre.size(), RE2::UNANCHORED, &m, 1)) {
          size_t at = static_cast<size_t>(m.data() - pre.data());
          bool bounded = (at == 0 || !std::isalnum(static_cast<unsigned char>(pre[at - 1]))) &&
                         (at + m.size() >= pre.size() ||
                          !std::isalnum(static_cast<unsigned char>(pre[at + m.size()])));
          if (bounded && (best == std::string_view::npos || at > best)) {
            best = at;
            best_rule = &r;
          }
          pos = at + std::max<size_t>(m.size(), 1);
        }
      }
      if (best_rule) {
        uint32_t vt = TokenAt(s.span.begin + static_cast<uint32_t>(best));
        who = SubjectBefore(vt, s.first);
        if (who.found()) rule_ids[qi] = best_rule->id;
      }
    }
    (void)floor_tok;
    whos[qi] = who;
    // Pronouns take the last named speaker; named speakers become the last named one.
    if (who.pronoun) {
      whos[qi].name = last_named_;
      if (last_named_.empty()) {
        // No speaker yet: the nearest person mentioned before the quotation.
        for (uint32_t t = q.first_token; t > 0;) {
          --t;
          int mi = token_mention_[t];
          if (mi >= 0 && doc_->mentions[static_cast<size_t>(mi)].kind == MentionKind::kPerson) {
            whos[qi].name = doc_->mentions[static_cast<size_t>(mi)].value;
            break;
          }
        }
      }
    } else if (!who.name.empty()) {
      last_named_ = who.name;
    }
  }
  // 4. Quotations of one sentence share a speaker; 5. a paragraph-opening quotation with no cue
  // continues the quotation before it.
  for (size_t qi = 0; qi < quotes.size(); ++qi) {
    if (!whos[qi].name.empty()) continue;
    for (size_t qj = qi + 1; qj < quotes.size() && q_sentence[qj] == q_sentence[qi]; ++qj) {
      if (!whos[qj].name.empty()) {
        whos[qi].name = whos[qj].name;
        rule_ids[qi] = "same-sentence";
        break;
      }
    }
    if (!whos[qi].name.empty()) continue;
    if (qi > 0 && q_sentence[qi - 1] == q_sentence[qi] && !whos[qi - 1].name.empty()) {
      whos[qi].name = whos[qi - 1].name;
      rule_ids[qi] = "same-sentence";
      continue;
    }
    if (qi > 0 && toks_[quotes[qi].first_token].Is(Token::kLineStart) &&
        !whos[qi - 1].name.empty()) {
      // Only when the previous quotation is on the line just before (or this one).
      uint32_t prev_line_end = quotes[qi - 1].content.end;
      std::string_view gap = text_.substr(prev_line_end, quotes[qi].open.begin - prev_line_end);
      if (std::count(gap.begin(), gap.end(), '\n') <= 2) {
        whos[qi].name = whos[qi - 1].name;
        rule_ids[qi] = "continued-quote";
      }
    }
  }
  for (size_t qi = 0; qi < quotes.size(); ++qi) {
    Mention m;
    m.kind = MentionKind::kQuote;
    m.span = quotes[qi].content;
    m.speaker = whos[qi].name;
    m.rule = rule_ids[qi].empty() ? "quote" : rule_ids[qi];
    doc_->mentions.push_back(std::move(m));
  }
  for (auto& p : new_people_) doc_->mentions.push_back(std::move(p));
}

}  // namespace

void AttributeSpeakers(const Rules& rules, Document* doc) {
  if (doc->tokens.empty() || doc->sentences.empty()) return;
  Attributor(rules, doc).Run();
}

}  // namespace claims
