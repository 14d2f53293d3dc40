// People found by their titles, roles and speech verbs (see names.h).
#include "claims/names.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "claims/entities.h"
#include "claims/tokenize.h"
#include "claims/utf8.h"
#include "claims/view_set.h"

namespace claims {
namespace {

constexpr uint32_t kMaxName = 4;           // tokens in a found name
constexpr uint32_t kRoleReach = 8;         // tokens from a role word to the name it introduces
const char* const kNameOpen = "nameopen";  // words.tsv class: two words that open a name

// A word with the possessive 's after it ("Neville's"; the normalised text writes ’ as ').
constexpr std::string_view kPossessive = "'s";
bool Possessive(std::string_view w) {
  return w.size() > kPossessive.size() && w.ends_with(kPossessive);
}

class NameFinder {
 public:
  NameFinder(const Rules& rules, Document* doc)
      : rules_(rules),
        lang_(rules.For(doc->lang)),
        doc_(doc),
        text_(doc->clean),
        toks_(doc->tokens) {
    covered_.assign(toks_.size(), -1);
    // Only a name candidate's answer is worked out (ComputeIsName); every other token is none.
    name_.assign(toks_.size(), 0);
    for (const char* cls : {"stopword", "notname", "month", "weekday", "role", "title", "pronoun",
                            "say", "sayverb", "determiner", "stop"}) {
      not_name_ |= lang_.words.Bit(cls);
    }
    title_ = lang_.words.Bit("title");
    role_ = lang_.words.Bit("role");
    connector_ = lang_.words.Bit("connector");
    say_ = lang_.words.Bit("say") | lang_.words.Bit("sayverb");
    has_openers_ = lang_.words.Bit(kNameOpen) != 0;
    for (int li = 0; li < kNumLangs; ++li) org_words_[li] = rules.lang[li].words.Bit("orgword");
    for (const char* cls : {"stopword", "determiner", "prep", "conjunction", "pronoun", "adverb",
                            "stop", "relday", "weekday", "month"}) {
      lead_ |= lang_.words.Bit(cls);
    }
    // Words the document also writes in lower case are common words, not names ("Menteri
    // Keuangan tidak pernah ..." when the text speaks of "keuangan negara").
    // Only whether a capitalised word (a name candidate, see ComputeIsName) is one of them is
    // ever asked: the set keeps the lower-case words that are some candidate's folded form.
    ViewSet candidates(toks_.size() / 8);
    // Each test below is one branch, not a chain of three: which tokens are words, and which of
    // those capitalised, follows no pattern a processor could learn.
    constexpr uint8_t kCase = Token::kCapitalised | Token::kAllCaps;
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if ((t.kind == TokenKind::kWord) & ((t.flags & kCase) == Token::kCapitalised)) {
        candidates.Insert(t.span.In(doc_->folded));
        name_[i] = -1;
      }
    }
    lower_words_.Reset(candidates.size());
    for (const Token& t : toks_) {
      if ((t.kind == TokenKind::kWord) & !t.Is(Token::kCapitalised)) {
        std::string_view w = t.span.In(text_);
        if (candidates.Contains(w)) lower_words_.Insert(w);
      }
    }
    for (size_t i = 0; i < doc_->mentions.size(); ++i) {
      const Mention& m = doc_->mentions[i];
      uint32_t t = TokenAt(m.span.begin);
      for (; t < toks_.size() && toks_[t].span.begin < m.span.end; ++t) {
        if (covered_[t] == -1) covered_[t] = static_cast<int>(i);
      }
    }
  }

  void Run() {
    std::vector<Mention> found;
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    for (uint32_t t = 0; t < n; ++t) {
      if (!IsName(t) || covered_[t] != -1) continue;
      if (t > 0 && IsName(t - 1) && covered_[t - 1] == -1) continue;  // not the start of a run
      uint32_t e = t;
      while (e < n && e - t < kMaxName + 2 && covered_[e] == -1 &&
             (e == t || !toks_[e].Is(Token::kLineStart))) {
        // A middle initial: "Dedie A. Rachim".
        if (e > t && e + 2 < n && IsInitial(e) && toks_[e + 1].span.In(text_) == "." &&
            IsName(e + 2)) {
          e += 2;
          continue;
        }
        if (IsName(e)) {
          ++e;
          continue;
        }
        break;
      }
      // A capitalised run that runs into another name is part of a longer one.
      if (e < n && (NamedAt(e) || toks_[e].Is(Token::kCapitalised))) {
        t = e - 1;
        continue;
      }
      // One that runs into "dan"/"of" is a longer title's start ("Menteri Keuangan Sri Mulyani",
      // "Biro Komunikasi dan Layanan Informasi"), and one that runs into a date or a number is
      // too often a title's last word ("Nomor", "Wimbledon"), unless it starts with a given name
      // ("Gary Neville on Monday", "Tony Blair and Gordon Brown", "Steve Redgrave last year").
      const bool into_mention = e < n && (covered_[e] >= 0 || Is(connector_, e));
      // Two words that only open a name (`nameopen`: the Balinese I or Ni and a birth-order
      // name, "I Wayan", "Ni Made") start the name wherever they stand in the run: the
      // capitalised words before them name something else ("RSUP Prof Ngoerah I Wayan Sudana",
      // a hospital and its director). With a word after them, they name a person on their own.
      // The name is [b, e); the run's own start, t, is where the search goes on from.
      uint32_t b = t;
      bool opens = false;
      for (uint32_t k = t; k + 1 < e && !opens; ++k) {
        if (OpensName(k)) {
          b = k;
          opens = true;
        }
      }
      // Or they stand just before the run, words that are no names by themselves ("Anak Agung
      // Ngurah Nanda": "anak", child, and "agung", great, are common words).
      // The words from k to the run are free: no mention, no line break.
      for (uint32_t k = t; k > 0 && t - k < 2 && !opens;) {
        --k;
        if (covered_[k] != -1 || toks_[k + 1].Is(Token::kLineStart)) break;
        if (OpensName(k)) {
          b = k;
          opens = true;
        }
      }
      const bool after_role = !into_mention && RoleBefore(b);
      const bool before_verb = e < n && Is(say_, e);
      // One capitalised word needs a role before it (Indonesians often go by one name);
      // before a verb, a single word is too often the start of a sentence.
      // Opened so, a name stands on its own only when no word of it runs into the next one (a
      // list scraped without its line breaks: "Ketua: I Nyoman Giri PrastaSekretaris: ...").
      const bool opened = !into_mention && opens && e - b >= 3 && !AnyGlued(b, e);
      // A run of two to four name words that starts with a given name ("Wayne Rooney met ...");
      // it ends at a possessive ("Tony Christie's Definitive Collection") and names no
      // organisation ("Steve Redgrave Trust").
      // Nor does it go on a capitalised word before it that is no sentence's opening word
      // ("Jalan Gatot Subroto", "RSPAD Gatot Subroto", "New Yorker Dick Morris").
      bool given = false;
      if (!after_role && !opens && !before_verb && !NamedBefore(b) &&
          rules_.given_names.Contains(Folded(b))) {
        const uint32_t pe = PossessiveEnd(b, e);
        // Into "and", "for" or a date, at most three words: a headline's capitals run on
        // ("Glenn Beck Blasts Drudge for ...").
        const uint32_t most = into_mention && pe == e ? 3 : kMaxName;
        given = pe - b >= 2 && pe - b <= most && !AnyOrgWord(b + 1, pe);
        if (given) e = pe;
      }
      if (!(after_role || opened || given || (before_verb && e - b >= 2))) continue;
      if (e - b == 1 && (!after_role || toks_[b].span.size() < 2)) continue;
      Mention m;
      m.kind = MentionKind::kPerson;
      m.span = {toks_[b].span.begin, toks_[e - 1].span.end};
      m.value = SpanText(b, e);
      // A possessive is not part of the name: "Gary Neville's cross".
      if (Possessive(m.value)) {
        m.value.resize(m.value.size() - kPossessive.size());
        m.span.end -= static_cast<uint32_t>(kPossessive.size());
      }
      m.rule = after_role    ? "name:after-role"
               : before_verb ? "name:before-verb"
               : opened      ? "name:opened"
                             : "name:given-name";
      for (uint32_t k = b; k < e; ++k) covered_[k] = -2;
      found.push_back(std::move(m));
      t = e - 1;
    }
    // First and last names of every person of the document, multi-word names only.
    StringMap<std::string> short_names;
    StringMap<int> owners;
    auto index = [&](const std::string& full) {
      size_t sp = full.find(' ');
      if (sp == std::string::npos) return;
      std::vector<std::string> words;
      size_t b = 0;
      while (b <= full.size()) {
        size_t e = full.find(' ', b);
        if (e == std::string::npos) e = full.size();
        words.push_back(full.substr(b, e - b));
        b = e + 1;
      }
      for (const std::string* w : {&words.front(), &words.back()}) {
        std::string k = CaseFold(*w);
        if (k.size() < 3) continue;
        auto it = short_names.find(k);
        if (it == short_names.end()) {
          short_names[k] = full;
          owners[k] = 1;
        } else if (it->second != full) {
          ++owners[k];
        }
      }
    };
    for (const Mention& m : doc_->mentions) {
      if (m.kind == MentionKind::kPerson) index(m.value);
    }
    for (const Mention& m : found) index(m.value);
    if (!short_names.empty()) {
      for (uint32_t t = 0; t < n; ++t) {
        if (covered_[t] != -1 || !IsName(t)) continue;
        if ((t > 0 && IsName(t - 1) && covered_[t - 1] == -1) ||
            (t + 1 < n && IsName(t + 1) && covered_[t + 1] == -1)) {
          continue;  // part of a longer unknown name
        }
        std::string_view k = Folded(t);
        const bool possessive = Possessive(k);  // "Neville's"
        if (possessive) k.remove_suffix(kPossessive.size());
        auto it = short_names.find(k);
        if (it == short_names.end() || owners.find(k)->second != 1) continue;
        Mention m;
        m.kind = MentionKind::kPerson;
        m.span = toks_[t].span;
        if (possessive) m.span.end -= static_cast<uint32_t>(kPossessive.size());
        m.value = it->second;
        m.rule = "name:short-form";
        covered_[t] = -2;
        found.push_back(std::move(m));
      }
    }
    // Appended, not merged into text order: the stages after this one do not depend on the
    // mentions' order, and FinishMentions sorts them all once (a merge here moved every mention
    // of a document with a name in it: 1.2% of an English run).
    for (auto& m : found) doc_->mentions.push_back(std::move(m));
  }

 private:
  uint32_t TokenAt(uint32_t offset) const { return FirstTokenAt(toks_, offset); }
  std::string_view Folded(uint32_t t) const { return toks_[t].span.In(doc_->folded); }
  // The word classes of token t (Document::token_words, or looked up when a caller did not
  // fill them in).
  uint64_t Classes(uint32_t t) const {
    if (doc_->token_words.size() == toks_.size()) return doc_->token_words[t].classes;
    return lang_.words.Mask(Folded(t));
  }
  bool Is(uint64_t bits, uint32_t t) const { return (Classes(t) & bits) != 0; }
  // LangRules::first_words flags of token t (Document::token_words for a token that is one part,
  // looked up otherwise).
  uint8_t FirstWordFlags(uint32_t t) const {
    if (doc_->token_words.size() == toks_.size() && !toks_[t].Is(Token::kHyphenated)) {
      return doc_->token_words[t].flags;
    }
    return lang_.first_words.Get(Folded(t));
  }
  // Asked some two million times a run for the same tokens: the remembered answer inline, the
  // work out of line (inlined, it made every call save and restore the registers it needs).
  bool IsName(uint32_t t) const {
    const int8_t known = name_[t];
    return known >= 0 ? known != 0 : RememberIsName(t);
  }
  [[gnu::noinline]] bool RememberIsName(uint32_t t) const {
    const bool name = ComputeIsName(t);
    name_[t] = name ? 1 : 0;
    return name;
  }
  bool ComputeIsName(uint32_t t) const {
    const Token& tok = toks_[t];
    if (tok.kind != TokenKind::kWord || !tok.Is(Token::kCapitalised) || tok.Is(Token::kAllCaps)) {
      return false;
    }
    std::string_view k = Folded(t);
    if (lower_words_.Contains(k) || DerivedNoun(k)) {
      return false;
    }
    if (Classes(t) & not_name_) return false;
    // A title written with its dot ("Mr ."): only a word that starts a longer title can be one.
    if (!(FirstWordFlags(t) & WordIndex::kTitleStart)) return true;
    std::string dotted(k);
    dotted += " .";
    return !lang_.words.Value("title", dotted);
  }
  // A title right before t ("Mr.", "Presiden"), or a role phrase in the few tokens before it,
  // possibly followed by an organisation or place and a comma ("juru bicara Kremlin, ...").
  bool RoleBefore(uint32_t t) const {
    uint32_t p = t;
    if (p > 0 && toks_[p - 1].span.In(text_) == "." && p >= 2) {
      if (Is(title_, p - 2)) return true;
      // "word ." is a title only when the word starts a longer one.
      if (FirstWordFlags(p - 2) & WordIndex::kTitleStart) {
        std::string dotted(Folded(p - 2));
        dotted += " .";
        if (lang_.words.Value("title", dotted)) return true;
      }
    }
    if (p > 0 && (Is(title_, p - 1))) return true;
    // Walk back over organisations, places, commas and lower-case words to a role word.
    uint32_t lo = t > kRoleReach ? t - kRoleReach : 0;
    for (uint32_t k = t; k > lo;) {
      --k;
      const Token& tk = toks_[k];
      if (tk.Is(Token::kLineStart) && k < t - 1 && !Is(role_, k)) return false;
      std::string_view s = tk.span.In(text_);
      if (tk.kind == TokenKind::kQuote || s == "." || s == ";" || s == "\"" || s == "(" ||
          s == ")") {
        return false;
      }
      if (Is(role_, k)) return true;
      // Multi-word roles: "juru bicara", "perdana menteri".
      if (k > 0 && (FirstWordFlags(k - 1) & WordIndex::kRoleStart) && TwoWords("role", k - 1)) {
        return true;
      }
      if (covered_[k] >= 0) {
        const Mention& m = doc_->mentions[static_cast<size_t>(covered_[k])];
        if (m.kind == MentionKind::kPerson) return false;
        continue;  // an organisation or place between the role and the name
      }
      if (s == ",") continue;
      // Lower-case words of a long title ("Kepala Biro Komunikasi dan Layanan Informasi").
      if (tk.kind == TokenKind::kWord) continue;
      return false;
    }
    return false;
  }
  // The name from token a to token b (exclusive), words joined by single spaces and initials
  // written with their dot ("Dedie A Rachim" and "Dedie A. Rachim" are one name).
  std::string SpanText(uint32_t a, uint32_t b) const {
    std::string out;
    for (uint32_t t = a; t < b; ++t) {
      std::string_view w = toks_[t].span.In(text_);
      if (w == ".") continue;
      if (!out.empty()) out.push_back(' ');
      out.append(w);
      if (t > a && t + 1 < b && IsInitial(t)) out.push_back('.');
    }
    return out;
  }
  // Whether tokens t and t + 1 are a phrase of word class cls ("juru bicara", "I Wayan").
  bool TwoWords(const std::string& cls, uint32_t t) const {
    if (t + 1 >= toks_.size()) return false;
    std::string key(Folded(t));
    key += ' ';
    key += Folded(t + 1);
    return lang_.words.Value(cls, key) != nullptr;
  }
  // Whether tokens t and t + 1, both capitalised, are a `nameopen` phrase ("I Wayan"). Only a
  // word that starts some phrase of the language is looked up.
  bool OpensName(uint32_t t) const {
    return has_openers_ && t + 1 < toks_.size() && toks_[t].Is(Token::kCapitalised) &&
           toks_[t + 1].Is(Token::kCapitalised) && (FirstWordFlags(t) & WordIndex::kPhrase) &&
           TwoWords(kNameOpen, t);
  }
  // Whether a word of tokens [a, b) has a capital right after a small letter, in ASCII
  // ("PrastaSekretaris").
  bool AnyGlued(uint32_t a, uint32_t b) const {
    for (uint32_t t = a; t < b; ++t) {
      std::string_view w = toks_[t].span.In(text_);
      for (size_t i = 1; i < w.size(); ++i) {
        if (w[i - 1] >= 'a' && w[i - 1] <= 'z' && w[i] >= 'A' && w[i] <= 'Z') return true;
      }
    }
    return false;
  }
  // Whether token t is in a mention of a person, organisation or place (not a date or a number).
  bool NamedAt(uint32_t t) const {
    if (covered_[t] < 0) return false;
    const MentionKind k = doc_->mentions[static_cast<size_t>(covered_[t])].kind;
    return k == MentionKind::kPerson || k == MentionKind::kOrg || k == MentionKind::kPlace;
  }
  // Whether a capitalised word stands right before token t on its line, other than one that may
  // open a sentence before a name (`lead_`: "But", "The", "Yesterday").
  bool NamedBefore(uint32_t t) const {
    if (t == 0 || toks_[t].Is(Token::kLineStart)) return false;
    const Token& p = toks_[t - 1];
    return p.kind == TokenKind::kWord && p.Is(Token::kCapitalised) && !Is(lead_, t - 1);
  }
  // Whether a token of [a, b) is an `orgword` of some language: names of organisations mix
  // languages ("Tahir Foundation" in an Indonesian article).
  // One look-up a word serves every language (Rules::words_all_langs).
  bool AnyOrgWord(uint32_t a, uint32_t b) const {
    for (uint32_t t = a; t < b; ++t) {
      const Rules::WordInfo* w = rules_.words_all_langs.Find(Folded(t));
      if (!w) continue;
      for (int li = 0; li < kNumLangs; ++li) {
        if (w->lang[li].classes & org_words_[li]) return true;
      }
    }
    return false;
  }
  // The end of the run [a, b) at its first possessive word ("Christie's"): the token after it.
  uint32_t PossessiveEnd(uint32_t a, uint32_t b) const {
    for (uint32_t t = a; t < b; ++t) {
      if (Possessive(toks_[t].span.In(text_))) return t + 1;
    }
    return b;
  }
  bool IsInitial(uint32_t t) const {
    std::string_view s = toks_[t].span.In(text_);
    return s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z';
  }
  // Indonesian derived nouns (ke-...-an, pe(r/n/m/ng)-...-an) are not names: Ketenagakerjaan.
  bool DerivedNoun(std::string_view folded) const {
    if (lang_.lang != Lang::kId || folded.size() < 9) return false;
    if (folded.substr(folded.size() - 2) != "an") return false;
    return folded.rfind("ke", 0) == 0 || folded.rfind("pe", 0) == 0;
  }

  const Rules& rules_;
  const LangRules& lang_;
  Document* doc_;
  std::string_view text_;
  const std::vector<Token>& toks_;
  std::vector<int> covered_;  // mention index per token; -1 none; -2 a name found here
  uint64_t not_name_ = 0;     // word classes that are never names
  uint64_t title_ = 0, role_ = 0, connector_ = 0, say_ = 0;  // class bits
  uint64_t org_words_[kNumLangs] = {};                       // each language's `orgword` bit
  uint64_t lead_ = 0;         // classes of the capitalised words that may stand before a name
  bool has_openers_ = false;  // whether the language lists `nameopen` phrases
  mutable std::vector<int8_t> name_;  // IsName of each token: -1 not yet known (a candidate)
  ViewSet lower_words_;               // the words the document writes in lower case
};

}  // namespace

void FindNames(const Rules& rules, Document* doc) {
  if (doc->tokens.empty()) return;
  NameFinder(rules, doc).Run();
}

}  // namespace claims
