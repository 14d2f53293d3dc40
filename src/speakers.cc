// Speaker attribution (see speakers.h).
#include "claims/speakers.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "claims/entities.h"
#include "claims/tokenize.h"
#include "claims/utf8.h"
#include "claims/view_set.h"

namespace claims {
namespace {

constexpr uint32_t kSubjectWindow = 24;     // tokens searched back from a speech verb
constexpr uint32_t kAppositiveWindow = 64;  // tokens back to "X" in "X, <appositive>, said"
constexpr uint32_t kMaxNameTokens = 6;
constexpr uint32_t kMaxSpeakerPhrase = 80;  // bytes of a rule's `who` group that count
constexpr uint32_t kNone = UINT32_MAX;

// What a cue says about its speaker.
struct Who {
  std::string name;
  bool pronoun = false;
  bool person_pronoun = true;   // he/she/katanya rather than they/it/pihaknya
  uint32_t pronoun_at = kNone;  // a pronoun subject in the quotation's own sentence
  MentionKind kind = MentionKind::kPerson;
  bool found() const { return pronoun || !name.empty(); }
};

// A name in the text: an entity mention, or a run of capitalised words that is none.
struct Unit {
  uint32_t a = 0, b = 0;  // tokens [a, b)
  std::string value;
  MentionKind kind = MentionKind::kPerson;
  bool known = false;             // an entity mention or a name this stage has already added
  bool possessive = false;        // "Obama's aides": it only modifies what follows
  bool after_prep = false;        // the object of a preposition: "a spokesman for Donald Trump"
  bool after_possessive = false;  // "Mrs. Clinton's N.Y.U. speech", "The Post's Dana Milbank"
  bool modifier = false;          // "Trump campaign spokesman Jason Miller": Trump
};

class Attributor {
 public:
  Attributor(const Rules& rules, Document* doc)
      : rules_(rules),
        lang_(rules.For(doc->lang)),
        doc_(doc),
        text_(doc->clean),
        toks_(doc->tokens) {
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    token_mention_.assign(n, -1);
    in_quote_.assign(n, 0);
    mask_.assign(n, 0);
    mask_done_.assign(n, 0);
    title_dot_.assign(n, 0);
    name_token_.assign(n, -1);
    IndexMentions();
    for (const Quotation& q : doc_->quotes) {
      for (uint32_t t = q.first_token + 1; t < q.close_token && t < n; ++t) in_quote_[t] = 1;
    }
    BuildSegments();
  }

  void Run();

 private:
  void IndexMentions();
  void BuildRoleMap() const;  // on the first role to resolve
  void BuildSegments();
  bool TitleCase(uint32_t seg) const;
  uint32_t LineOf(uint32_t t) const;
  uint32_t TokenAt(uint32_t offset) const;  // first token starting at or after offset
  std::string_view Tok(uint32_t t) const { return toks_[t].span.In(text_); }
  // The word list key of token t: case-folded, a hyphen a space ("co-founder" is listed as the
  // parts "co founder").
  std::string Folded(uint32_t t) const {
    std::string k;
    AppendCaseFold(Tok(t), &k);
    if (toks_[t].Is(Token::kHyphenated)) std::replace(k.begin(), k.end(), '-', ' ');
    return k;
  }
  // The value of token t in word class cls (sayverb: "participle"; pronoun: "group"), or null.
  const std::string* WordClass(const char* cls, uint32_t t) const {
    return Is(cls, t) ? lang_.words.Value(cls, Folded(t)) : nullptr;
  }
  // Whether token t is a word of class cls: the classes of a word are looked up once.
  // Is, MaskOf and Bit are asked millions of times a run: the remembered answers inline, the
  // work out of line.
  bool Is(const char* cls, uint32_t t) const { return (MaskOf(t) & Bit(cls)) != 0; }
  uint64_t MaskOf(uint32_t t) const { return mask_done_[t] & 1 ? mask_[t] : RememberMask(t); }
  // The document's look-up of token t (Document::token_words) when it was the look-up of its key
  // (LookedUpByKey), else null: then only a look-up of Folded(t) tells.
  const WordIndex::Info* DocLookUp(uint32_t t) const {
    return doc_->token_words.size() == toks_.size() && LookedUpByKey(toks_[t], text_)
               ? &doc_->token_words[t]
               : nullptr;
  }
  [[gnu::noinline]] uint64_t RememberMask(uint32_t t) const {
    // The document's classes serve a token looked up by its key; others are looked up here.
    if (const WordIndex::Info* doc = DocLookUp(t)) {
      mask_[t] = doc->classes;
    } else {
      mask_[t] = lang_.words.Mask(Folded(t));
    }
    mask_done_[t] |= 1;
    return mask_[t];
  }
  bool TitleDot(uint32_t t) const {  // a title usually written with its dot ("Sen", "Mr")
    if (!(mask_done_[t] & 2)) {
      // Only a word that starts a title of two words or more can start "word .": the document's
      // look-up says whether it does for a token looked up by its key (RememberMask), without
      // the key's string.
      std::string k;
      uint8_t first;
      if (const WordIndex::Info* doc = DocLookUp(t)) {
        first = doc->flags;
      } else {
        k = Folded(t);
        first = lang_.first_words.Get(std::string_view(k).substr(0, k.find(' ')));
      }
      if (first & WordIndex::kTitleStart) {
        if (k.empty()) k = Folded(t);
        k += " .";
        title_dot_[t] = (lang_.words.Mask(k) & Bit("title")) != 0;
      }
      mask_done_[t] |= 2;
    }
    return title_dot_[t] != 0;
  }
  // The class names are string literals: their addresses key a small open-addressed table (the
  // same name at two addresses takes two slots, with the same bit).
  uint64_t Bit(const char* cls) const {
    const BitSlot& first = bits_[(reinterpret_cast<uintptr_t>(cls) >> 3) % kBitSlots];
    return first.cls == cls ? first.bit : FindBit(cls);
  }
  [[gnu::noinline]] uint64_t FindBit(const char* cls) const {
    size_t i = (reinterpret_cast<uintptr_t>(cls) >> 3) % kBitSlots;
    for (size_t probes = 0; probes < kBitSlots; ++probes, i = (i + 1) % kBitSlots) {
      BitSlot& slot = bits_[i];
      if (slot.cls == cls) return slot.bit;
      if (slot.cls == nullptr) {
        slot = {cls, lang_.words.Bit(cls)};
        return slot.bit;
      }
    }
    return lang_.words.Bit(cls);  // a full table: not with the classes asked about here
  }
  // A title (Mr., Sen., Presiden), written with or without its dot.
  bool IsTitle(uint32_t t) const { return Is("title", t) || TitleDot(t); }
  // Whether token t can be (part of) a name; it depends on the document only, so it is worked
  // out once per token.
  bool IsNameToken(uint32_t t) const {
    if (name_token_[t] < 0) name_token_[t] = ComputeIsNameToken(t) ? 1 : 0;
    return name_token_[t] != 0;
  }
  bool ComputeIsNameToken(uint32_t t) const;
  // A capitalised word at the start of a sentence that is a common word there: the document
  // writes it in lower case elsewhere ("Following a meeting, …"), or it is a participle or an
  // adverb opening the sentence ("Bemoaning the …", "Conversely, …").
  bool CommonAtStart(uint32_t t) const;
  bool AfterPersonalTitle(uint32_t t) const;
  // Whether the word at t also stands capitalised elsewhere in the document, not at the start of
  // a sentence: a name rather than a word that opens this sentence.
  bool CapitalisedInside(uint32_t t) const;
  bool SentenceStart(uint32_t t) const;  // "Mr. King": a surname that is also a word
  bool IsInitial(uint32_t t) const;      // "H" of "Marc H. Morial", "Jr"
  bool Possessive(uint32_t t) const;
  bool AfterPrep(uint32_t a, uint32_t floor) const;
  uint32_t PrepBefore(uint32_t a, uint32_t floor) const;  // the preposition's token, or kNone
  bool WithPrep(uint32_t p) const { return p != kNone && Is("withprep", p); }
  uint32_t NameRunEnd(uint32_t begin, uint32_t limit) const;
  std::string RawText(uint32_t a, uint32_t b) const;
  // The names in tokens [a, b), in order; quotations and brackets are skipped.
  // With `search` set (looking for a subject rather than reading a cue), a headline in title case
  // or in capitals gives only the names the document knows.
  // Looking for a subject rather than reading a cue: kKnownInHeadlines keeps only the names the
  // document knows in a headline in title case or in capitals; kNoBareNouns drops a single
  // unknown capitalised word after a determiner before a word in lower case ("the Scot
  // admitted", "The United boss said", "the German firm").
  enum UnitsMode : int { kCue = 0, kNoBareNouns = 1, kKnownInHeadlines = 2, kSearch = 3 };
  void Units(uint32_t a, uint32_t b, std::vector<Unit>* out, int mode = kCue) const;
  std::string Commit(const Unit& u);  // the unit's name, adding a mention for a new one
  // Surname coreference: "Clinton" and "Mrs. Clinton" are the document's Hillary Clinton, unless
  // it names two people so.
  void AddSurname(const std::string& full);
  std::string FullName(const std::string& name) const;
  std::string ResolveRole(const std::string& role, const std::string& of) const;
  std::pair<std::string, std::string> RoleAt(uint32_t a, uint32_t b, uint32_t* after) const;
  // head_first: the cue stands before the span ("said X, …", "kata X …", "according to X"),
  // whose first person is the speaker; else the span precedes the cue ("X said", "X
  // mengatakan:") and the person nearest the cue is.
  Who ResolveSpan(uint32_t a, uint32_t b, bool head_first = true);
  bool AppositiveAfterTitle(uint32_t a, uint32_t e, uint32_t b) const;
  // Whether a name, known or not, stands right after token c, within [c, b) (an appositive's).
  bool NameAfter(uint32_t c, uint32_t b) const {
    return c + 1 < b && (token_mention_[c + 1] >= 0 || IsNameToken(c + 1));
  }
  // limit: where the text the verb may govern ends (the opening mark), for "was asked by X".
  Who SubjectBefore(uint32_t verb, uint32_t floor, uint32_t limit = kNone);
  // The first name of [floor, limit) that is a subject; with `sure`, only a name the document
  // knows, one of several words, or a surname of a known person.
  Who ClauseSubject(uint32_t floor, uint32_t limit, bool sure = false);
  Who UnitWho(const Unit& u);
  // floor: the first token a subject may be looked for in (for a participle cue of a `before`
  // rule: "X deflected questions before saying, …").
  // need_say: the match must hold a listed speech verb (after a quotation ending its sentence,
  // "…." Born in 1912 and educated at … is no cue). text is a part of text_ (the rules' filters
  // read the folded text at the same offsets).
  Who MatchRules(const char* kind, std::string_view text, bool need_say, std::string* rule,
                 uint32_t floor = kNone);
  // from_tok is the first token of a segment.
  Who VerbSearch(uint32_t from_tok, uint32_t to_offset, std::string* rule);
  struct Verb {
    uint32_t begin, end;
    const Rule* rule;
  };
  static constexpr int kUnset = -2;
  // What is looked up in a segment again and again: its names (as ClauseSubject reads them), its
  // subject, and its speech verbs. Built on first use.
  struct SegmentInfo {
    std::vector<Unit> units;            // once units_read
    int subject[2] = {kUnset, kUnset};  // index into units (not sure / sure), -1 none
    std::vector<Verb> verbs;            // once verbs_found
    bool units_read = false;
    bool verbs_found = false;
  };
  // The units are the segment's as they stand at the first call: they depend on the names
  // committed so far. A call for the verbs alone (which depend on the text alone) leaves them
  // owed (units_owed_) and they are read when first asked for, or by the next Commit before it
  // changes what they depend on, whichever comes first: the same units, and none read for the
  // many segments searched only for a verb.
  SegmentInfo& SegInfo(uint32_t seg, bool with_verbs = false);
  void ReadUnits(uint32_t seg, SegmentInfo* info) const;
  Who LabelAt(const Quotation& q);
  std::string PersonBefore(uint32_t seg);

  const Rules& rules_;
  const LangRules& lang_;
  Document* doc_;
  std::string_view text_;
  const std::vector<Token>& toks_;
  // >= 0: index of the entity mention covering the token; <= -2: a name added here
  // (new_people_[-2 - v]); -1: none.
  std::vector<int> token_mention_;
  std::vector<uint8_t> in_quote_;         // inside a quotation's marks
  std::vector<uint32_t> token_sentence_;  // the document's sentences
  std::vector<uint32_t> token_seg_;       // sentences, also split after a quotation ending one
  std::vector<std::pair<uint32_t, uint32_t>> segs_;  // [first, last) tokens of each segment
  // The tokens after the first that start a line, in order: LineOf's answers.
  std::vector<uint32_t> line_starts_;
  // Per segment, once asked (TitleCase): 1 for a headline in title case or in capitals, else 0;
  // -1 not yet worked out.
  mutable std::vector<int8_t> title_case_;
  std::unordered_map<uint32_t, SegmentInfo> seg_info_;
  std::vector<uint32_t> units_owed_;  // segments whose units are still to be read (SegInfo)
  mutable std::unordered_map<std::string, std::string> roles_;  // "role\tof" -> person
  mutable bool roles_built_ = false;
  std::unordered_map<std::string, std::string> surnames_;  // folded last name -> person
  std::vector<Mention> new_people_;
  std::string last_named_;                      // the most recent named speaker
  std::string last_person_;                     // the most recent named speaker that is a person
  std::unordered_set<std::string> not_people_;  // speakers found to be organisations or places
  uint32_t subject_cursor_ = 0;                 // segments looked at for their subject so far
  std::string last_subject_;                    // the latest person subject of those segments
  std::string last_mentioned_;                  // the latest person they mention
  mutable std::vector<uint64_t> mask_;  // word classes of each token (PhraseTable::Mask), lazily
  mutable std::vector<uint8_t> mask_done_;
  mutable std::vector<uint8_t> title_dot_;
  mutable std::vector<int8_t> name_token_;  // IsNameToken of each token; -1 not yet known
  // Class name -> bit (Bit). The attributor asks about some thirty classes from some forty places
  // in the code, so the table stays under a third full.
  static constexpr size_t kBitSlots = 128;
  struct BitSlot {
    const char* cls = nullptr;
    uint64_t bit = 0;
  };
  mutable std::array<BitSlot, kBitSlots> bits_{};
  mutable uint64_t not_name_bits_ = 0;
  mutable ViewSet lower_words_;                  // built on first use
  mutable std::vector<std::string> lower_keys_;  // what lower_words_ was built for
  mutable bool lower_built_ = false;
  mutable std::unordered_map<std::string, int> inside_caps_;  // built on first use
  mutable bool inside_built_ = false;
};

void Attributor::IndexMentions() {
  for (size_t i = 0; i < doc_->mentions.size(); ++i) {
    const Mention& m = doc_->mentions[i];
    if (m.kind != MentionKind::kPerson && m.kind != MentionKind::kOrg &&
        m.kind != MentionKind::kPlace) {
      continue;
    }
    // Nested mentions ("Komisi Militer Pusat [Partai Pekerja Korea]"): the longest one holds
    // the token.
    for (uint32_t t = TokenAt(m.span.begin); t < toks_.size() && toks_[t].span.begin < m.span.end;
         ++t) {
      int& cur = token_mention_[t];
      if (cur >= 0 && doc_->mentions[static_cast<size_t>(cur)].span.size() >= m.span.size())
        continue;
      cur = static_cast<int>(i);
    }
    if (m.kind == MentionKind::kPerson) AddSurname(m.value);
  }
}

// Sentences as the document splits them, split again after a quotation whose words end a sentence
// ("… back." He said …), which the sentence splitter keeps together to protect the quotation.
void Attributor::BuildSegments() {
  const uint32_t n = static_cast<uint32_t>(toks_.size());
  std::vector<uint8_t> split(n, 0);
  token_sentence_.assign(n, 0);
  for (uint32_t s = 0; s < doc_->sentences.size(); ++s) {
    const Sentence& se = doc_->sentences[s];
    if (se.first < n) split[se.first] = 1;
    const uint32_t end = std::min(se.last, n);
    if (se.first < end) {
      std::fill(token_sentence_.begin() + se.first, token_sentence_.begin() + end, s);
    }
  }
  for (const Quotation& q : doc_->quotes) {
    if (q.close.empty()) continue;
    std::string_view c = q.content.In(text_);
    size_t e = c.find_last_not_of(" '\")");
    if (e == std::string_view::npos) continue;
    char last = c[e];
    bool ellipsis = e >= 2 && c.substr(e - 2, 3) == "\xE2\x80\xA6";
    if (last != '.' && last != '?' && last != '!' && !ellipsis) continue;
    uint32_t t = q.close_token + 1;
    if (t >= n || toks_[t].Is(Token::kLineStart)) continue;
    int l;
    char32_t ch = DecodeUtf8(text_, toks_[t].span.begin, &l);
    if (IsUpper(ch) || toks_[t].kind == TokenKind::kQuote) split[t] = 1;
  }
  line_starts_.clear();
  for (uint32_t t = 0; t < n; ++t) {
    const bool line_start = toks_[t].Is(Token::kLineStart);
    if (t > 0 && line_start) line_starts_.push_back(t);
    if (t == 0 || split[t] || line_start) {
      if (!segs_.empty()) segs_.back().second = t;
      segs_.push_back({t, n});
    }
  }
  token_seg_.resize(n);
  for (uint32_t sg = 0; sg < segs_.size(); ++sg) {
    std::fill(token_seg_.begin() + segs_[sg].first, token_seg_.begin() + segs_[sg].second, sg);
  }
  title_case_.assign(segs_.size(), -1);
}

// A segment is in title case when it has five words or more outside quotations, seven in ten of
// them capitalised. Counted by arithmetic: words and other tokens, capitalised or not, come in no
// order a branch could be predicted in.
bool Attributor::TitleCase(uint32_t seg) const {
  int8_t& known = title_case_[seg];
  if (known < 0) {
    uint32_t words = 0, caps = 0;
    for (uint32_t t = segs_[seg].first; t < segs_[seg].second; ++t) {
      const Token& tok = toks_[t];
      const bool counts = (tok.kind == TokenKind::kWord) & !in_quote_[t];
      words += counts;
      caps += counts & tok.Is(Token::kCapitalised);
    }
    known = words >= 5 && caps * 10 >= words * 7 ? 1 : 0;
  }
  return known != 0;
}

// The line of token t, counted from 0 (the tokens that start a line after the first).
uint32_t Attributor::LineOf(uint32_t t) const {
  return static_cast<uint32_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), t) -
                               line_starts_.begin());
}

uint32_t Attributor::TokenAt(uint32_t offset) const { return FirstTokenAt(toks_, offset); }

bool Attributor::ComputeIsNameToken(uint32_t t) const {
  const Token& tok = toks_[t];
  if (tok.kind != TokenKind::kWord || !tok.Is(Token::kCapitalised)) return false;
  if (AfterPersonalTitle(t)) return !Is("stopword", t);
  // A capitalised word inside a sentence right before a speech verb is a name, even one that is
  // also a word ("“…,” Read said", "“…,” Will wrote", "“…,” Jun wrote").
  if (t + 1 < toks_.size() && (Is("say", t + 1) || Is("sayverb", t + 1)) && !SentenceStart(t) &&
      !Is("pronoun", t) && !Is("determiner", t) && !Is("title", t) && !Is("role", t) &&
      !tok.Is(Token::kLineStart) &&
      !(t > 0 && toks_[t - 1].kind == TokenKind::kWord && !toks_[t - 1].Is(Token::kCapitalised) &&
        !Is("say", t - 1) && !Is("sayverb", t - 1))) {
    return true;
  }
  // "King says": a title or role word right before a speech verb, with no determiner, is a name.
  if (t + 1 < toks_.size() && (Is("say", t + 1) || Is("sayverb", t + 1)) &&
      (Is("title", t) || Is("role", t)) &&
      !(t > 0 &&
        (Is("determiner", t - 1) || IsTitle(t - 1) || toks_[t - 1].Is(Token::kCapitalised)))) {
    return !Is("stopword", t) && !Is("pronoun", t);
  }
  if (!not_name_bits_) {
    for (const char* cls : {"stopword", "notname", "month", "weekday", "role", "occupation",
                            "title", "pronoun", "say", "determiner"}) {
      not_name_bits_ |= Bit(cls);
    }
  }
  if ((MaskOf(t) & not_name_bits_) || TitleDot(t)) return false;
  // A demonym before a common noun: "Latvian journalist Dainis Ivans" (but "Cuban said").
  if (t + 1 < toks_.size() && toks_[t + 1].kind == TokenKind::kWord &&
      !toks_[t + 1].Is(Token::kCapitalised) && !Is("say", t + 1) && !Is("sayverb", t + 1) &&
      !rules_.gazetteer.PlaceOfDemonym(Folded(t)).empty()) {
    return false;
  }
  return !CommonAtStart(t);
}

bool Attributor::AfterPersonalTitle(uint32_t t) const {
  if (t < 2 || Tok(t - 1) != "." || toks_[t - 1].span.begin != toks_[t - 2].span.end) return false;
  if (!TitleDot(t - 2)) return false;
  // Not a second title: "Lt. Gen. Mick Bednarek" (but "Mr. King said").
  if (IsTitle(t) && t + 1 < toks_.size() &&
      (Tok(t + 1) == "." || toks_[t + 1].Is(Token::kCapitalised))) {
    return false;
  }
  return true;
}

bool Attributor::SentenceStart(uint32_t t) const {
  // The start of a sentence: its first token, or the first after its opening quote mark.
  auto first_of_seg = [&](uint32_t k) {
    return toks_[k].Is(Token::kLineStart) || segs_[token_seg_[k]].first == k;
  };
  return first_of_seg(t) ||
         (t > 0 && toks_[t - 1].kind == TokenKind::kQuote && first_of_seg(t - 1));
}

bool Attributor::CapitalisedInside(uint32_t t) const {
  if (!inside_built_) {
    inside_built_ = true;
    for (uint32_t k = 0; k < toks_.size(); ++k) {
      if (toks_[k].kind == TokenKind::kWord && toks_[k].Is(Token::kCapitalised) &&
          !SentenceStart(k)) {
        ++inside_caps_[std::string(Tok(k))];
      }
    }
  }
  auto it = inside_caps_.find(std::string(Tok(t)));
  int n = it == inside_caps_.end() ? 0 : it->second;
  return n > (SentenceStart(t) ? 0 : 1);
}

bool Attributor::CommonAtStart(uint32_t t) const {
  if (!SentenceStart(t)) return false;
  // Only a word standing alone: "Long Island" is a name.
  if (t + 1 < toks_.size() && toks_[t + 1].Is(Token::kCapitalised) &&
      !toks_[t + 1].Is(Token::kLineStart)) {
    return false;
  }
  std::string k = Folded(t);
  if (t + 1 < toks_.size()) {
    // "Facing mounting criticism, …", "Alarmed by …", "Hastily, …" (but "Manning said",
    // "Ahmed was").
    auto ends = [&](const char* suf, size_t min) {
      size_t n = std::strlen(suf);
      return k.size() >= min && k.compare(k.size() - n, n, suf) == 0;
    };
    if (ends("ing", 6) || ends("ed", 5) || ends("ly", 5)) {
      const Token& nx = toks_[t + 1];
      if (Tok(t + 1) == "," ||
          (nx.kind == TokenKind::kWord && !nx.Is(Token::kCapitalised) && !Is("say", t + 1) &&
           !Is("sayverb", t + 1) && !Is("adverb", t + 1))) {
        return true;
      }
    }
  }
  if (!lower_built_) {
    lower_built_ = true;
    // Only capitalised words at a sentence start are ever asked about: the set keeps the
    // lower-case words (of three bytes or more) that are the folded form of one of them.
    std::vector<uint32_t> asked;
    for (uint32_t k2 = 0; k2 < toks_.size(); ++k2) {
      if (toks_[k2].kind == TokenKind::kWord && toks_[k2].Is(Token::kCapitalised) &&
          SentenceStart(k2)) {
        asked.push_back(k2);
      }
    }
    lower_keys_.clear();
    lower_keys_.reserve(asked.size());  // no reallocation: the set holds views of these
    ViewSet keys(asked.size());
    for (uint32_t k2 : asked) {
      lower_keys_.push_back(Folded(k2));
      keys.Insert(lower_keys_.back());
    }
    lower_words_.Reset(keys.size());
    for (const Token& tk : toks_) {
      if (tk.kind == TokenKind::kWord && !tk.Is(Token::kCapitalised)) {
        std::string_view w = tk.span.In(text_);
        if (w.size() > 2 && keys.Contains(w)) lower_words_.Insert(w);
      }
    }
  }
  return lower_words_.Contains(k);
}

bool Attributor::IsInitial(uint32_t t) const {
  std::string_view s = Tok(t);
  if (toks_[t].kind != TokenKind::kWord || !toks_[t].Is(Token::kCapitalised)) return false;
  int l;
  DecodeUtf8(s, 0, &l);
  return static_cast<size_t>(l) == s.size() || Is("namesuffix", t);
}

bool Attributor::Possessive(uint32_t t) const {
  std::string_view s = Tok(t);
  if (s.size() > 2 && s.substr(s.size() - 2) == "'s") return true;
  // "the United States' southern neighbor"
  return s.size() > 1 && s.back() == 's' && t + 1 < toks_.size() &&
         toks_[t + 1].kind == TokenKind::kQuote && Tok(t + 1) == "'" &&
         !toks_[t + 1].Is(Token::kSpaceBefore) &&
         (t + 2 >= toks_.size() || toks_[t + 2].Is(Token::kSpaceBefore));
}

// Whether the name starting at token a is the object of a preposition ("for Donald Trump",
// "in a White House statement"), looking back over determiners and titles.
bool Attributor::AfterPrep(uint32_t a, uint32_t floor) const {
  return PrepBefore(a, floor) != kNone;
}

uint32_t Attributor::PrepBefore(uint32_t a, uint32_t floor) const {
  uint32_t p = a;
  for (int guard = 0; p > floor && guard < 4; ++guard) {
    --p;
    if (toks_[p + 1].Is(Token::kLineStart)) return kNone;
    if (Tok(p) == "." && p > floor && IsTitle(p - 1)) {
      --p;
      continue;
    }
    if (Is("determiner", p) || IsTitle(p) || toks_[p].kind == TokenKind::kNumber) continue;
    return Is("prep", p) ? p : kNone;
  }
  return kNone;
}

// One past the last token of the run of name words starting at begin: capitalised words, middle
// initials with their dot (Marc H. Morial), particles inside a name (Ludwig van Beethoven).
uint32_t Attributor::NameRunEnd(uint32_t begin, uint32_t limit) const {
  uint32_t e = begin;
  while (e < limit && e - begin < kMaxNameTokens) {
    if (e > begin && toks_[e].Is(Token::kLineStart)) break;
    if (token_mention_[e] != -1 || in_quote_[e] != in_quote_[begin]) break;
    if (IsNameToken(e)) {
      ++e;
      if (Possessive(e - 1)) break;
      continue;
    }
    if (e > begin && Tok(e) == "." && toks_[e - 1].span.end == toks_[e].span.begin &&
        IsInitial(e - 1)) {
      if (e + 1 < limit && toks_[e + 1].kind == TokenKind::kWord &&
          toks_[e + 1].Is(Token::kCapitalised) && !toks_[e + 1].Is(Token::kLineStart)) {
        ++e;
        continue;
      }
      if (Is("namesuffix", e - 1)) ++e;  // "… Jr."
      break;
    }
    if (e > begin && e + 1 < limit && Is("nameparticle", e) && IsNameToken(e + 1)) {
      ++e;
      continue;
    }
    break;
  }
  return e;
}

std::string Attributor::RawText(uint32_t a, uint32_t b) const {
  std::string out;
  for (uint32_t t = a; t < b; ++t) {
    if (t > a && toks_[t].Is(Token::kSpaceBefore)) out.push_back(' ');
    out.append(Tok(t));
  }
  if (b > a && Possessive(b - 1)) out.resize(out.size() - 2);
  return out;
}

void Attributor::Units(uint32_t a, uint32_t b, std::vector<Unit>* out, int mode) const {
  out->clear();
  uint32_t t = a;
  while (t < b) {
    if (in_quote_[t] || toks_[t].kind == TokenKind::kQuote) {
      ++t;
      continue;
    }
    std::string_view s = Tok(t);
    if (s == "(" || s == "[") {  // "Rep. John Mica (R-Fla.)"
      uint32_t u = t + 1;
      while (u < b && u - t < 12 && Tok(u) != ")" && Tok(u) != "]") ++u;
      if (u < b && (Tok(u) == ")" || Tok(u) == "]")) {
        t = u + 1;
        continue;
      }
    }
    int mi = token_mention_[t];
    Unit u;
    u.a = t;
    if (mi >= 0) {
      const Mention& m = doc_->mentions[static_cast<size_t>(mi)];
      uint32_t e = t + 1;
      while (e < b && token_mention_[e] == mi) ++e;
      u.b = e;
      u.value = m.kind == MentionKind::kPerson ? FullName(m.value) : m.value;
      u.kind = m.kind;
      u.known = true;
      if (m.kind == MentionKind::kPerson && e - t == 1 && !out->empty() && out->back().b == t &&
          !out->back().known && out->back().kind == MentionKind::kPerson &&
          !out->back().possessive) {
        // "Luis" + "Rubio": a first name the text gives joins a known surname: another person.
        Unit& p = out->back();
        p.b = e;
        while (p.b < b && p.b - e < 2 && (Is("namesuffix", p.b) || Tok(p.b) == ".") &&
               !toks_[p.b].Is(Token::kLineStart)) {
          ++p.b;
          if (Tok(p.b - 1) == ".") break;
        }
        p.value = RawText(p.a, p.b);
        p.possessive = Possessive(p.b - 1);
        t = p.b;
        continue;
      }
      if ((m.kind == MentionKind::kPlace || m.kind == MentionKind::kOrg) && !Possessive(e - 1)) {
        // "New York" + "Post": a longer organisation name that holds a place or organisation
        // (a word of organisation names follows; "KPK Asep Guntur" is an organisation and a name).
        uint32_t f = NameRunEnd(e, b);
        bool org = false;
        for (uint32_t k = e; k < f && !org; ++k) org = Is("orgword", k);
        if (f > e && org) {
          u.b = f;
          u.value = RawText(t, f);
          u.kind = MentionKind::kOrg;
          u.known = false;
        }
      }
    } else if (mi <= -2) {
      const Mention& m = new_people_[static_cast<size_t>(-2 - mi)];
      uint32_t e = t + 1;
      while (e < b && token_mention_[e] == mi) ++e;
      u.b = e;
      u.value = m.value;
      u.kind = m.kind;
      u.known = true;
    } else if (IsNameToken(t)) {
      u.b = NameRunEnd(t, b);
      bool caps = u.b - t >= 2;
      for (uint32_t k = t; k < u.b && caps; ++k) {
        caps = toks_[k].Is(Token::kAllCaps) || toks_[k].kind != TokenKind::kWord;
      }
      if ((mode & kKnownInHeadlines) && (TitleCase(token_seg_[t]) || caps)) {
        t = u.b;
        continue;
      }
      if ((mode & kNoBareNouns) && u.b - t == 1 && t > a && Is("determiner", t - 1) && u.b < b &&
          toks_[u.b].kind == TokenKind::kWord && !toks_[u.b].Is(Token::kCapitalised) &&
          !Is("orgword", t) && !toks_[t].Is(Token::kAllCaps)) {
        t = u.b;
        continue;
      }
      u.value = RawText(t, u.b);
      u.kind = MentionKind::kPerson;
      for (uint32_t k = t; k < u.b; ++k) {
        if (Is("orgword", k)) u.kind = MentionKind::kOrg;
      }
    } else {
      ++t;
      continue;
    }
    // "Hillary" + "Clinton's" where only the first word is known: one possessive name.
    if (u.b < b && toks_[u.b].Is(Token::kCapitalised) && !toks_[u.b].Is(Token::kLineStart) &&
        Possessive(u.b) && token_mention_[u.b] == -1) {
      ++u.b;
    }
    u.possessive = Possessive(u.b - 1);
    u.after_prep = AfterPrep(u.a, a);
    u.after_possessive = !out->empty() && out->back().possessive && out->back().b == u.a;
    // "in the White House East Room": a name right after one that follows a preposition.
    if (!u.after_prep && !out->empty() && out->back().after_prep && out->back().b == u.a) {
      u.after_prep = true;
    }
    // "in Salem, New Hampshire", "in Portsmouth, N.H.": a place after a name, a preposition
    // before it, and a comma goes with it.
    if (!u.after_prep && u.kind == MentionKind::kPlace && !out->empty() && out->back().after_prep &&
        u.a >= 1 && Tok(u.a - 1) == "," &&
        (out->back().b + 1 == u.a || (out->back().b + 2 == u.a && Tok(out->back().b) == "."))) {
      u.after_prep = true;
    }
    // A dateline ("WASHINGTON -- President Obama …", "Washington (AFP) – Democrat Hillary
    // Clinton …") is no part of the sentence.
    if (toks_[u.a].Is(Token::kLineStart) && u.b < b &&
        (toks_[u.a].Is(Token::kAllCaps) || u.kind == MentionKind::kPlace)) {
      std::string_view nx = Tok(u.b);
      if (nx == "-" || nx == "\xE2\x80\x94" || nx == "\xE2\x80\x93" || nx == "(" ||
          (nx == "," && toks_[u.a].Is(Token::kAllCaps))) {
        t = u.b;
        continue;
      }
    }
    out->push_back(std::move(u));
    t = out->back().b;
  }
  // A place next to an organisation names where the organisation is: "U.S. State Department",
  // "Komisi Militer Pusat Korut".
  for (size_t i = 0; i + 1 < out->size(); ++i) {
    Unit& u = (*out)[i];
    Unit& v = (*out)[i + 1];
    if (u.b != v.a) continue;
    if (u.kind == MentionKind::kPlace && v.kind == MentionKind::kOrg && !u.possessive)
      u.modifier = true;
    if (u.kind == MentionKind::kOrg && v.kind == MentionKind::kPlace && !u.possessive)
      v.modifier = true;
  }
  // A name before a role and another name only qualifies that role: "Trump campaign spokesman
  // Jason Miller", "IMF chief economist Maury Obstfeld", "Charlotte Mayor Jennifer Roberts";
  // so does a place or an unknown name right before a person ("Kepala Dikbud Kendari Saemina").
  // Read right to left, so that a chain of names qualifies the person at its end: "Senate
  // Majority Leader Mitch McConnell", "Priorities USA chief strategist Guy Cecil".
  std::vector<uint8_t> qualifies(out->size(), 0);  // qualifies a person further on
  for (size_t i = out->size(); i-- > 1;) {
    Unit& u = (*out)[i - 1];
    const Unit& v = (*out)[i];
    if (u.possessive || v.a - u.b > 5) continue;
    if (v.kind != MentionKind::kPerson && !qualifies[i]) continue;
    // Between them: role words, at most one other word in lower case ("campaign"), capitalised
    // words that are no names ("State", "Education").
    bool role = false, plain = true;
    int lower = 0;
    for (uint32_t k = u.b; k < v.a && plain; ++k) {
      std::string_view s = Tok(k);
      if (Is("role", k) || Is("occupation", k) || IsTitle(k)) {
        role = true;
      } else if (s == "." && k > u.b && IsTitle(k - 1)) {
      } else if (toks_[k].kind != TokenKind::kWord || Is("sayverb", k) || Is("say", k) ||
                 Is("stop", k) || Is("prep", k) || Is("determiner", k) ||
                 (toks_[k].Is(Token::kCapitalised) && !Is("notname", k))) {
        plain = false;
      } else if (!toks_[k].Is(Token::kCapitalised)) {
        plain = ++lower <= 1;
      }
    }
    if (!plain) continue;
    bool next_to_person = v.a == u.b && v.kind == MentionKind::kPerson &&
                          !(u.kind == MentionKind::kPerson && u.known);
    if (role || (lower == 0 && (qualifies[i] || next_to_person))) {
      u.modifier = true;
      qualifies[i - 1] = 1;
    }
  }
}

void Attributor::AddSurname(const std::string& full) {
  size_t sp = full.rfind(' ');
  if (sp == std::string::npos) return;
  auto [it, added] = surnames_.emplace(CaseFold(full.substr(sp + 1)), full);
  if (!added && it->second != full) it->second.clear();  // two people: no guess
}

std::string Attributor::FullName(const std::string& name) const {
  if (name.find(' ') != std::string::npos) return name;
  auto it = surnames_.find(CaseFold(name));
  return it == surnames_.end() || it->second.empty() ? name : it->second;
}

std::string Attributor::Commit(const Unit& u) {
  if (u.known) return u.value;
  if (token_mention_[u.a] <= -2) {  // added since the unit was read (segment caches)
    return new_people_[static_cast<size_t>(-2 - token_mention_[u.a])].value;
  }
  // What follows changes what units are read as: the owed ones are read as they stand first.
  for (uint32_t seg : units_owed_) {
    SegmentInfo& info = seg_info_.at(seg);
    if (!info.units_read) ReadUnits(seg, &info);
  }
  units_owed_.clear();
  std::string name = u.value;
  if (u.b - u.a == 1 && u.kind == MentionKind::kPerson) name = FullName(name);
  Mention m;
  m.kind = u.kind;
  m.span = {toks_[u.a].span.begin, toks_[u.b - 1].span.end};
  if (u.possessive) m.span.end -= 2;
  m.value = name;
  m.rule = "speaker-name";
  int idx = -2 - static_cast<int>(new_people_.size());
  for (uint32_t t = u.a; t < u.b; ++t) token_mention_[t] = idx;
  new_people_.push_back(m);
  if (u.kind == MentionKind::kPerson) AddSurname(name);
  return name;
}

Who Attributor::UnitWho(const Unit& u) {
  Who who;
  who.kind = u.kind;
  who.name = Commit(u);
  if (u.kind != MentionKind::kPerson) not_people_.insert(who.name);
  return who;
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
  while (i < parts.size() && Is("determiner", a + i)) ++i;
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
    if (!roles_built_) BuildRoleMap();
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

void Attributor::BuildRoleMap() const {
  roles_built_ = true;
  for (const Mention& m : doc_->mentions) {
    if (m.kind != MentionKind::kPerson) continue;
    uint32_t first = TokenAt(m.span.begin);
    uint32_t b = first;
    if (b > 0 && Tok(b - 1) == ",") --b;
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

// Whether tokens [a, e) hold a role and no name the document knows, and a comma follows e within
// the phrase [e, b), before another stop word, with a name right after it: the appositive that
// names the role's holder.
bool Attributor::AppositiveAfterTitle(uint32_t a, uint32_t e, uint32_t b) const {
  for (uint32_t k = a; k < e; ++k) {
    if (token_mention_[k] >= 0) return false;
  }
  uint32_t after = 0;
  if (RoleAt(a, e, &after).first.empty()) return false;
  for (uint32_t c = e + 1; c < b && c - e < 16; ++c) {
    if (in_quote_[c] || toks_[c].Is(Token::kLineStart)) return false;
    if (Tok(c) == ",") return NameAfter(c, b);
    if (Is("stop", c) && !Is("connector", c)) return false;
  }
  return false;
}

// Resolves the speaker named in tokens [a, b) of a cue.
Who Attributor::ResolveSpan(uint32_t a, uint32_t b, bool head_first) {
  Who who;
  // Trim at stop words and punctuation; an appositive ", Name Name" after a role is kept, and so
  // are the dots of titles and initials and a bracket after a name ("Rep. X (D-S.C.)").
  uint32_t e = a;
  uint32_t appositive = kNone;  // the name after "role, " ("juru bicara Kremlin, Dmitry Peskov")
  while (e < b) {
    const Token& t = toks_[e];
    std::string_view s = t.span.In(text_);
    if (e > a && t.Is(Token::kLineStart)) break;
    if (in_quote_[e]) break;
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kQuote) {
      if (s == "," && appositive == kNone && NameAfter(e, b)) {
        // "juru bicara Kremlin, Dmitry Peskov": keep going only if a role came before.
        uint32_t dummy;
        if (!RoleAt(a, e, &dummy).first.empty()) {
          appositive = ++e;
          continue;
        }
      }
      if (s == "." && e > a && toks_[e - 1].span.end == t.span.begin &&
          (IsTitle(e - 1) || IsInitial(e - 1))) {
        ++e;  // "Sen." "Mr." "H."
        continue;
      }
      if (s == "/" && !t.Is(Token::kSpaceBefore)) {  // "9/11 widow Terry Strada"
        ++e;
        continue;
      }
      if (s == "(" && e > a) {
        uint32_t c = e + 1;
        while (c < b && c - e < 12 && Tok(c) != ")") ++c;
        if (c < b) {
          e = c + 1;
          continue;
        }
      }
      break;
    }
    // A stop word ends the phrase once it has a name ("Mr. Morgan of the Sierra Club"); before
    // one it may belong to a title ("master of ceremonies Asab Al-Tabchi").
    if (e > a && Is("stop", e) && token_mention_[e] == -1) {
      bool named = false;
      for (uint32_t k = a; k < e && !named; ++k) {
        named = token_mention_[k] != -1 || (IsNameToken(k) && !in_quote_[k]);
      }
      // "Kepala Badan Pengelola Keuangan dan Aset Daerah (BPKAD) Provinsi Banten, Rina
      // Dewiyanti": after a role, "dan" goes on with the office's name when the person comes
      // after it, set off by a comma.
      if (named && Is("connector", e) && AppositiveAfterTitle(a, e, b)) {
        ++e;
        continue;
      }
      if (named || !Is("prep", e)) break;
    }
    ++e;
  }
  b = e;
  if (a >= b) return who;
  // A phrase that opens with a preposition names no speaker ("… in the way the United States
  // responds", "… to Mr. Sanders, said …").
  if (Is("prep", a)) return who;
  // A pronoun.
  if (const std::string* v = WordClass("pronoun", a)) {
    who.pronoun = true;
    who.person_pronoun = *v != "group";
    return who;
  }
  std::vector<Unit> units;
  Units(a, b, &units);
  // The speaker is the first person of the phrase that neither qualifies another name ("Trump
  // campaign spokesman Jason Miller", "the New York Times' Maggie Haberman") nor follows a
  // preposition ("a spokesman for Donald Trump"); what comes after it is an appositive or an
  // adverbial ("kata Hetifah saat ziarah di TMP Kalibata"). Failing a person, the last
  // organisation or place ("the IMF report", "Komisi Militer Pusat Korut").
  auto pick = [&](MentionKind kind, bool first) -> const Unit* {
    const Unit* found = nullptr;
    for (const Unit& u : units) {
      if (u.possessive || u.modifier || u.after_prep || u.kind != kind) continue;
      found = &u;
      if (first) break;
    }
    return found;
  };
  auto last = [&](MentionKind kind) { return pick(kind, false); };
  const Unit* head = nullptr;
  if (appositive != kNone) {
    for (const Unit& u : units) {
      if (u.a >= appositive && u.kind == MentionKind::kPerson && !u.possessive) {
        head = &u;
        break;
      }
    }
  }
  if (!head) head = pick(MentionKind::kPerson, head_first);
  if (head) return UnitWho(*head);
  // A role: the person the document names with it, else the gazetteer's holder of it.
  uint32_t after = 0;
  auto [role, of] = RoleAt(a, b, &after);
  if (!role.empty()) {
    std::string p = ResolveRole(role, of);
    if (!p.empty()) {
      who.name = p;
      return who;
    }
  }
  // An organisation or a place ("the IMF report stated", "The Hill reported").
  head = last(MentionKind::kOrg);
  if (!head) head = last(MentionKind::kPlace);
  if (head) return UnitWho(*head);
  return who;
}

// The subject of the clause [floor, limit): its first name that is neither the object of a
// preposition nor a possessive or a qualifier of another name.
Who Attributor::ClauseSubject(uint32_t floor, uint32_t limit, bool sure) {
  // floor is always the first token of a segment: the segment's names are found once and its
  // subject remembered, so that many quotations in one sentence cost no rescans.
  uint32_t seg = token_seg_[floor];
  SegmentInfo& info = SegInfo(seg);
  int& idx = info.subject[sure ? 1 : 0];
  if (idx == kUnset) {
    idx = -1;
    for (size_t i = 0; i < info.units.size(); ++i) {
      const Unit& u = info.units[i];
      if (u.after_prep || u.possessive || u.modifier) continue;
      // After a possessive, only a person's full name: "The Post's Dana Milbank" but not "Mrs.
      // Clinton's N.Y.U. speech".
      if (u.after_possessive && (u.kind != MentionKind::kPerson || u.b - u.a < 2)) continue;
      if (sure && !u.known && u.b - u.a < 2 && !surnames_.count(CaseFold(u.value)) &&
          !CapitalisedInside(u.a)) {
        continue;
      }
      idx = static_cast<int>(i);
      break;
    }
  }
  if (idx < 0 || info.units[static_cast<size_t>(idx)].b > limit) return Who();
  return UnitWho(info.units[static_cast<size_t>(idx)]);
}

Attributor::SegmentInfo& Attributor::SegInfo(uint32_t seg, bool with_verbs) {
  auto [it, added] = seg_info_.try_emplace(seg);
  SegmentInfo& info = it->second;
  const auto& sg = segs_[seg];
  if (!with_verbs && !info.units_read) {
    ReadUnits(seg, &info);  // nothing has been committed since the first call, if any
  } else if (added) {
    units_owed_.push_back(seg);
  }
  if (!with_verbs || info.verbs_found) return info;
  info.verbs_found = true;
  // Every speech verb of the segment, outside quotations, in text order.
  uint32_t from = toks_[sg.first].span.begin;
  uint32_t to = toks_[sg.second - 1].span.end;
  std::string_view text = text_.substr(from, to - from);
  for (const Rule& r : lang_.speakers) {
    if (r.kind != "verb") continue;
    re2::StringPiece m;
    size_t pos = 0;
    while (pos < text.size() && r.re->Match(re2::StringPiece(text.data(), text.size()), pos,
                                            text.size(), RE2::UNANCHORED, &m, 1)) {
      size_t at = static_cast<size_t>(m.data() - text.data());
      size_t end = at + m.size();
      bool bounded = (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))) &&
                     (end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
      uint32_t vt = TokenAt(from + static_cast<uint32_t>(at));
      // A capitalised verb only in a headline ("Lindsey Graham Says"), not "the United States".
      if (bounded && vt < toks_.size() && !in_quote_[vt] &&
          (!toks_[vt].Is(Token::kCapitalised) || TitleCase(seg))) {
        info.verbs.push_back(
            {from + static_cast<uint32_t>(at), from + static_cast<uint32_t>(end), &r});
      }
      pos = std::max(end, at + 1);
    }
  }
  std::sort(info.verbs.begin(), info.verbs.end(),
            [](const Verb& x, const Verb& y) { return x.begin < y.begin; });
  return info;
}

void Attributor::ReadUnits(uint32_t seg, SegmentInfo* info) const {
  Units(segs_[seg].first, segs_[seg].second, &info->units, kSearch);
  info->units_read = true;
}

// The subject of the speech verb at `verb`:
//   - for a participle (", saying", "before asking her"), the subject of the clause;
//   - "X, <appositive>, said": X, the name before the first comma;
//   - a pronoun right before it;
//   - else the nearest name before it that is not the object of a preposition.
Who Attributor::SubjectBefore(uint32_t verb, uint32_t floor, uint32_t limit) {
  Who who;
  // A passive with its agent: "Sanders was asked by host Bill Maher, …, “…”".
  if (limit != kNone && verb + 2 < limit && Is("agent", verb + 1)) {
    std::vector<Unit> agents;
    Units(verb + 2, std::min(limit, verb + 10), &agents);
    for (const Unit& u : agents) {
      if (u.possessive || u.modifier) continue;
      if (u.a > verb + 6) break;
      return UnitWho(u);
    }
  }
  uint32_t lo = verb > kAppositiveWindow ? verb - kAppositiveWindow : 0;
  if (lo < floor) lo = floor;
  std::vector<Unit> units;
  Units(lo, verb, &units, kNoBareNouns);
  uint32_t k = verb;
  while (k > lo && toks_[k - 1].kind == TokenKind::kWord && Is("adverb", k - 1)) --k;
  const std::string* form = WordClass("sayverb", verb);
  if (form && *form == "participle") {
    // "footage of Hillary Clinton asking, …", "with Donald Trump tweeting", "Trump reportedly
    // yelling": the name right before it (not one after another preposition: "a statement to
    // Wired explaining").
    if (!units.empty() && units.back().b == k && !units.back().possessive &&
        (!units.back().after_prep || WithPrep(PrepBefore(units.back().a, lo)))) {
      return UnitWho(units.back());
    }
    // "Nefzi said, adding, …": the subject of the speech verb it goes with.
    for (uint32_t t = verb; t > lo;) {
      --t;
      if (in_quote_[t] || toks_[t].kind != TokenKind::kWord) continue;
      const std::string* f = WordClass("sayverb", t);
      if ((f && *f != "participle") || (!f && Is("say", t))) return SubjectBefore(t, floor);
    }
    // Else the clause's subject ("X went after Bush, calling him", "before asking her").
    return ClauseSubject(floor, verb);
  }
  // ("…," mengklaim …: the comma stands inside the quotation before the verb.)
  if (k > lo + 1 && toks_[k - 1].kind == TokenKind::kQuote && Tok(k - 2) == ",") --k;
  if (k > lo && (Tok(k - 1) == "," || Tok(k - 1) == "-" || Tok(k - 1) == "\xE2\x80\x94" ||
                 Tok(k - 1) == "\xE2\x80\x93")) {
    // "X, <appositive>, said": the first name that a comma (or dash) follows before the one
    // closing the appositive.
    const Unit* best = nullptr;
    for (const Unit& u : units) {
      uint32_t c = u.b;
      if (c < k && Tok(c) == "(") {  // "Rep. Jim Jordan (R-Ohio), an oversight panel member,"
        while (c < k && Tok(c) != ")") ++c;
        ++c;
      }
      if (c + 1 < k && (Tok(c) == "," || Tok(c) == Tok(k - 1)) && !u.after_prep && !u.possessive &&
          !u.modifier) {
        // The first such person ("Ketua The Fed, Jerome Powell, menyampaikan"), else the first.
        if (!best) best = &u;
        if (u.kind == MentionKind::kPerson) {
          if (best->kind != MentionKind::kPerson) best = &u;
          break;
        }
      }
    }
    // "European Union ambassador to the WTO, Carlo Trojan, said": the person set off by the
    // commas of the appositive itself.
    if (!best && !units.empty()) {
      const Unit& u = units.back();
      if (u.kind == MentionKind::kPerson && !u.possessive && u.b + 1 == k && Tok(u.b) == "," &&
          u.a > lo && Tok(u.a - 1) == ",") {
        best = &u;
      }
    }
    if (best) return UnitWho(*best);
  }
  // A verb after a comma, a dash or a conjunction with no such name has the clause's subject:
  // "X membantah klaim Y, menyatakan …", "X bemoaned the unrest and said …".
  if (k > lo && (Tok(k - 1) == "," || Tok(k - 1) == "-" || Tok(k - 1) == "\xE2\x80\x94" ||
                 Tok(k - 1) == "\xE2\x80\x93" || Is("conjunction", k - 1))) {
    Who s = ClauseSubject(floor, verb);
    if (s.found()) return s;
  }
  for (uint32_t t = verb; t > lo && verb - t < 3;) {
    --t;
    if (const std::string* v = WordClass("pronoun", t)) {
      who.pronoun = true;
      who.person_pronoun = *v != "group";
      who.pronoun_at = t;
      return who;
    }
  }
  for (size_t i = units.size(); i > 0; --i) {
    const Unit& u = units[i - 1];
    if (u.b + kSubjectWindow < verb) break;
    if (u.after_prep || u.possessive || u.modifier) continue;
    return UnitWho(u);
  }
  return who;
}

// Matches the `kind` rules against text, the first that names a speaker (or a pronoun) wins.
Who Attributor::MatchRules(const char* kind, std::string_view text, bool need_say,
                           std::string* rule, uint32_t floor) {
  Who who;
  const re2::StringPiece piece(text.data(), text.size());
  // The rules' filters (LangRules::speaker_filter) over the text's folded form; rules share
  // filters, so each answer is kept for the next rule that asks.
  const std::string_view folded =
      std::string_view(doc_->folded)
          .substr(static_cast<size_t>(text.data() - text_.data()), text.size());
  std::array<std::pair<const AtomFilter*, bool>, 4> asked{};
  size_t n_asked = 0;
  auto may_match = [&](const AtomFilter* f) {
    for (size_t k = 0; k < n_asked; ++k) {
      if (asked[k].first == f) return asked[k].second;
    }
    const bool may = f->MayMatch(folded);
    if (n_asked < asked.size()) asked[n_asked++] = {f, may};
    return may;
  };
  // The kinds differ in length: only a rule of this kind gets as far as comparing bytes.
  const std::string_view kind_name(kind);
  for (size_t ri = 0; ri < lang_.speakers.size(); ++ri) {
    const Rule& r = lang_.speakers[ri];
    if (r.kind != kind_name) continue;
    if (ri < lang_.speaker_filter.size() && lang_.speaker_filter[ri] &&
        !may_match(lang_.speaker_filter[ri].get())) {
      continue;
    }
    // Whether it matches at all first: without submatches RE2 answers from its DFA, while a
    // search for groups in a short text may go straight to a slower engine, match or not. The
    // rule widened (LangRules::speaker_widened) first, when it has long counted repetitions.
    if (ri < lang_.speaker_widened.size() && lang_.speaker_widened[ri] &&
        !lang_.speaker_widened[ri]->Match(piece, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) {
      continue;
    }
    // With a cut (alternation_cut.h): the match's ends from the DFA, then its groups from the rule
    // with its word lists cut to the words in the match (the same groups, a far smaller program).
    // The search for the ends answers whether the rule matches at all, from the same DFA pass.
    const AlternationCut* cut =
        ri < lang_.speaker_cut.size() ? lang_.speaker_cut[ri].get() : nullptr;
    if (!cut && !r.re->Match(piece, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) continue;
    int ng = r.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(static_cast<size_t>(ng) + 1);
    const RE2* groups_re = nullptr;
    if (cut) {
      if (!r.re->Match(piece, 0, text.size(), RE2::UNANCHORED, g.data(), 1)) continue;
      groups_re = cut->For(std::string_view(g[0].data(), g[0].size()));
    }
    if (groups_re) {
      const size_t mb = static_cast<size_t>(g[0].data() - piece.data());
      if (!groups_re->Match(piece, mb, mb + g[0].size(), RE2::ANCHOR_BOTH, g.data(), ng + 1)) {
        continue;
      }
    } else if (!r.re->Match(piece, 0, text.size(), RE2::UNANCHORED, g.data(), ng + 1)) {
      continue;
    }
    if (need_say) {
      bool say = false;
      uint32_t mb = static_cast<uint32_t>(g[0].data() - text_.data());
      for (uint32_t t = TokenAt(mb);
           t < toks_.size() && toks_[t].span.end <= mb + g[0].size() && !say; ++t) {
        say = Is("say", t) || Is("sayverb", t);
      }
      if (!say) continue;
    }
    // A rule not tied to the closing mark (one closing the sentence) names its speaker in the
    // whole of its `who` group, which must then be a phrase.
    const bool tail = r.kind == "after" && r.re->pattern()[0] != '^';
    const auto& names = r.re->NamedCapturingGroups();
    auto it = names.find("who");
    if (it == names.end() || g[static_cast<size_t>(it->second)].empty()) {
      who = Who();
      who.pronoun = true;
    } else {
      const auto& w = g[static_cast<size_t>(it->second)];
      uint32_t wb = static_cast<uint32_t>(w.data() - text_.data());
      uint32_t we = wb + static_cast<uint32_t>(w.size());
      uint32_t verb = TokenAt(we);
      const std::string* form = verb < toks_.size() ? WordClass("sayverb", verb) : nullptr;
      if (floor != kNone && form && *form == "participle") {
        who = SubjectBefore(verb, floor);
      } else {
        // Is the cue after the speaker's span (any word of the match follows it)?
        const auto& m = g[0];
        std::string_view rest(w.data() + w.size(),
                              static_cast<size_t>(m.data() + m.size() - (w.data() + w.size())));
        bool cue_after = std::any_of(rest.begin(), rest.end(), [](char c) {
          return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80);
        });
        // A speaker is named in a phrase, not a clause: only its end nearest the cue counts (the
        // rules leave the length to this, as counted repetitions make RE2 slow).
        if (we - wb > kMaxSpeakerPhrase) {
          if (tail) continue;
          if (cue_after) {
            wb = we - kMaxSpeakerPhrase;
          } else {
            we = wb + kMaxSpeakerPhrase;
          }
        }
        who = ResolveSpan(TokenAt(wb), TokenAt(we), !cue_after);  // whole tokens inside
      }
    }
    if (who.found()) {
      *rule = r.id;
      return who;
    }
  }
  return who;
}

// The subject of the last speech verb in the text from token from_tok to offset to_offset
// (outside quotations).
Who Attributor::VerbSearch(uint32_t from_tok, uint32_t to_offset, std::string* rule) {
  Who who;
  if (from_tok >= toks_.size() || to_offset <= toks_[from_tok].span.begin) return who;
  const SegmentInfo& info = SegInfo(token_seg_[from_tok], /*with_verbs=*/true);
  // The last verb ending before to_offset (the latest-starting one when two overlap).
  auto it = std::lower_bound(info.verbs.begin(), info.verbs.end(), to_offset,
                             [](const Verb& v, uint32_t o) { return v.begin < o; });
  const Verb* best = nullptr;
  for (int guard = 0; it != info.verbs.begin() && guard < 8; ++guard) {
    --it;
    if (it->end <= to_offset) {
      best = &*it;
      break;
    }
  }
  if (!best) return who;
  uint32_t vt = TokenAt(best->begin);
  who = SubjectBefore(vt, from_tok, TokenAt(to_offset));
  if (who.found()) *rule = best->rule->id;
  return who;
}

// A speaker label in capitals at the start of a quotation: "PENCE: Well, look, …".
Who Attributor::LabelAt(const Quotation& q) {
  Who who;
  uint32_t t = q.first_token + 1;
  uint32_t e = t;
  while (e < q.close_token && e - t < 3 && toks_[e].kind == TokenKind::kWord &&
         toks_[e].Is(Token::kAllCaps)) {
    ++e;
  }
  if (e == t || e >= q.close_token || Tok(e) != ":") return who;
  std::string label;
  for (uint32_t k = t; k < e; ++k) {
    std::string_view w = Tok(k);
    if (!label.empty()) label.push_back(' ');
    // Written as a name: "PENCE" -> "Pence".
    for (size_t i = 0; i < w.size(); ++i) {
      char c = w[i];
      label.push_back(i == 0 || (c & 0x80) ? c : static_cast<char>(std::tolower(c)));
    }
  }
  who.name = FullName(label);
  return who;
}

// The latest person that is the subject of a sentence before segment seg.
std::string Attributor::PersonBefore(uint32_t seg) {
  for (; subject_cursor_ < seg; ++subject_cursor_) {
    const auto& s = segs_[subject_cursor_];
    std::vector<Unit> units;
    Units(s.first, s.second, &units, kSearch);
    bool subject = true;
    for (const Unit& u : units) {
      if (u.kind != MentionKind::kPerson || !u.known) {
        if (!(u.after_prep || u.possessive || u.modifier)) subject = false;
        continue;
      }
      last_mentioned_ = u.value;
      if (subject && !u.after_prep && !u.possessive && !u.modifier) last_subject_ = u.value;
      subject = false;
    }
  }
  return last_subject_.empty() ? last_mentioned_ : last_subject_;
}

void Attributor::Run() {
  const auto& quotes = doc_->quotes;
  const size_t nq = quotes.size();
  const uint32_t n = static_cast<uint32_t>(toks_.size());
  std::vector<Who> direct(nq);
  std::vector<std::string> rules(nq);
  std::vector<uint32_t> q_seg(nq);
  // Pass 1: the cues of each quotation.
  for (size_t qi = 0; qi < nq; ++qi) {
    const Quotation& q = quotes[qi];
    uint32_t seg = token_seg_[std::min(q.first_token, n - 1)];
    q_seg[qi] = seg;
    Who who = LabelAt(q);
    if (who.found()) rules[qi] = "label";
    // 1. After the closing mark, to the end of its sentence (or the next quotation).
    if (!who.found() && !q.close.empty()) {
      uint32_t close_t = std::min<uint32_t>(q.close_token, n - 1);
      const Sentence& cs = doc_->sentences[token_sentence_[close_t]];
      uint32_t from = q.close.end;
      uint32_t to = std::max(cs.span.end, from);
      if (qi + 1 < nq && quotes[qi + 1].open.begin < to) to = quotes[qi + 1].open.begin;
      std::string_view after = text_.substr(from, to - from);
      std::string_view c = q.content.In(text_);
      size_t le = c.find_last_not_of(" '\")");
      bool full_stop = le != std::string_view::npos && c[le] == '.';
      size_t first = after.find_first_not_of(" ,");
      bool upper_next = false;
      if (first != std::string_view::npos) {
        int l;
        upper_next = IsUpper(DecodeUtf8(after, first, &l));
      }
      // After a quotation that ends its sentence, a pronoun starts a new one ("… back." He said
      // that …); a name may still be the cue of a quotation that is a sentence of its own
      // ("“… missing.” Trump said."), not of one inside a sentence ("X said “… timing.” Gov. Y
      // said …").
      bool whole = q.first_token == segs_[seg].first;
      if (!(full_stop && upper_next && !whole)) {
        who = MatchRules("after", after, full_stop && upper_next, &rules[qi]);
        if (full_stop && upper_next && who.pronoun) {
          who = Who();
          rules[qi].clear();
        }
      }
    }
    // 2. Before the opening mark, from the start of its segment (or the previous quotation).
    uint32_t floor_tok = segs_[seg].first;
    uint32_t from = toks_[floor_tok].span.begin;
    if (qi > 0 && q_seg[qi - 1] == seg && quotes[qi - 1].close.end > from &&
        quotes[qi - 1].close.end <= q.open.begin) {
      from = quotes[qi - 1].close.end;
    }
    if (!who.found() && q.open.begin > from) {
      who = MatchRules("before", text_.substr(from, q.open.begin - from), false, &rules[qi],
                       segs_[seg].first);
    }
    // 3. The subject of the last speech verb before the quotation in its segment.
    if (!who.found()) who = VerbSearch(floor_tok, q.open.begin, &rules[qi]);
    direct[qi] = who;
  }
  // The next quotation of the same segment whose own cue names its speaker.
  constexpr size_t kNoQuote = SIZE_MAX;
  std::vector<size_t> next_named(nq, kNoQuote);
  for (size_t qi = nq; qi-- > 1;) {
    if (q_seg[qi] != q_seg[qi - 1]) continue;
    next_named[qi - 1] = !direct[qi].pronoun && !direct[qi].name.empty() ? qi : next_named[qi];
  }
  size_t last_named_quote = kNoQuote;
  // Pass 2, in order: pronouns, and quotations without a cue of their own.
  std::vector<std::string> final_name(nq);
  for (size_t qi = 0; qi < nq; ++qi) {
    const Quotation& q = quotes[qi];
    const uint32_t seg = q_seg[qi];
    Who who = direct[qi];
    std::string name = who.name;
    std::string rule = rules[qi];
    if (who.pronoun && who.pronoun_at != kNone && next_named[qi] != kNoQuote) {
      // "Ia menyebut pasukan itu “pahlawan” dan “prajurit berani,” kata Putin": the sentence
      // names the one its pronoun stands for.
      name = direct[next_named[qi]].name;
      rule = "same-sentence";
    } else if (who.pronoun) {
      // "Clinton says she appreciated … what she calls a “…”": the subject of the sentence.
      // "Sen. Claire McCaskill scolded him: “…” she said": the subject before the quotation.
      uint32_t limit = who.pronoun_at != kNone ? who.pronoun_at : q.first_token;
      if (limit > segs_[seg].first) {
        Who s = ClauseSubject(segs_[seg].first, limit, true);
        if (!s.name.empty() && (s.kind == MentionKind::kPerson) == who.person_pronoun) {
          name = s.name;
        }
      }
      // "John Prescott said the report was completed … He said: “…”": the speaker of the
      // sentence just before, when it reports speech after the last quotation with a speaker.
      if (name.empty() && seg > 0 && LineOf(segs_[seg - 1].first) + 1 >= LineOf(q.first_token) &&
          (last_named_quote == kNoQuote ||
           quotes[last_named_quote].close_token < segs_[seg - 1].first)) {
        std::string r;
        Who s = VerbSearch(segs_[seg - 1].first, toks_[segs_[seg - 1].second - 1].span.end, &r);
        if (!s.pronoun && !s.name.empty() &&
            (s.kind == MentionKind::kPerson) == who.person_pronoun) {
          name = s.name;
        }
      }
      if (name.empty()) name = who.person_pronoun ? last_person_ : last_named_;
      if (name.empty()) name = PersonBefore(seg);
    }
    if (name.empty()) {
      // 4. Another quotation of the same sentence.
      if (next_named[qi] != kNoQuote) {
        name = direct[next_named[qi]].name;
        rule = "same-sentence";
      }
      if (name.empty() && qi > 0 && q_seg[qi - 1] == seg && !final_name[qi - 1].empty()) {
        name = final_name[qi - 1];
        rule = "same-sentence";
      }
      const uint32_t line = LineOf(q.first_token);
      if (name.empty() && q.first_token == segs_[seg].first) {
        // 5. A quotation that opens its sentence goes on from the speaker before it: a speech
        // verb of the sentence just before ("…, Schiff said. “…”"), else the last quotation of
        // the paragraph ("“…,” Flynn said. “…”"), else, at the start of a paragraph, the last
        // quotation of the paragraph before.
        // qj - 1: the last quotation of this line with a speaker.
        size_t qj = last_named_quote + 1;
        bool prev_in_line =
            last_named_quote != kNoQuote && LineOf(quotes[last_named_quote].first_token) == line;
        if (seg > 0 && LineOf(segs_[seg - 1].first) == line &&
            (!prev_in_line || quotes[qj - 1].close_token < segs_[seg - 1].first)) {
          std::string r;
          Who s = VerbSearch(segs_[seg - 1].first, toks_[segs_[seg - 1].second - 1].span.end, &r);
          if (!s.pronoun && !s.name.empty()) {
            name = s.name;
            rule = "reported-speech";
          }
        }
        if (name.empty() && prev_in_line) {
          name = final_name[qj - 1];
          rule = "continued-quote";
        }
        // A quotation opening a paragraph: the last sentence of the paragraph before, when it
        // holds a quotation with a speaker, introduces it ("Cruz continued:", "Stated Stone:")
        // or reports speech ("Carter said that …").
        if (name.empty() && toks_[q.first_token].Is(Token::kLineStart) && seg > 0) {
          const auto& ps = segs_[seg - 1];
          uint32_t pe = toks_[ps.second - 1].span.end;
          std::string_view gap = text_.substr(pe, q.open.begin - pe);
          if (std::count(gap.begin(), gap.end(), '\n') <= 2) {
            bool quoted = false;
            for (size_t qk = qi; qk > 0 && q_seg[qk - 1] == seg - 1; --qk) {
              quoted = true;
              if (!final_name[qk - 1].empty()) {
                name = final_name[qk - 1];
                rule = "continued-quote";
                break;
              }
            }
            if (!quoted) {
              std::string r;
              Who s = MatchRules(
                  "before",
                  text_.substr(toks_[ps.first].span.begin, pe - toks_[ps.first].span.begin), false,
                  &r);
              if (!s.found()) s = VerbSearch(ps.first, pe, &r);
              if (s.pronoun) s.name = s.person_pronoun ? last_person_ : last_named_;
              if (!s.name.empty()) {
                name = s.name;
                rule = "introduced";
              }
            }
          }
        }
        if (name.empty() && qi > 0 && toks_[q.first_token].Is(Token::kLineStart) &&
            !final_name[qi - 1].empty()) {
          uint32_t prev_end = quotes[qi - 1].content.end;
          std::string_view gap = text_.substr(prev_end, q.open.begin - prev_end);
          if (std::count(gap.begin(), gap.end(), '\n') <= 2) {
            name = final_name[qi - 1];
            rule = "continued-quote";
          }
        }
      } else if (name.empty()) {
        // 6. A quotation inside a sentence with no cue: the sentence's subject ("Reid has gone
        // after Trump as a “con artist”").
        Who s = ClauseSubject(segs_[seg].first, q.first_token, true);
        if (s.name.empty() && q.close_token + 1 < segs_[seg].second) {
          // In an opening phrase, the subject right after it: "Bemoaning the “phony system,”
          // Trump accused Holt …".
          uint32_t t = q.close_token + 1;
          while (t < segs_[seg].second && (Tok(t) == "," || toks_[t].kind == TokenKind::kQuote))
            ++t;
          if (t > q.close_token + 1 || Tok(q.close_token - 1) == ",") {
            std::vector<Unit> next;
            Units(t, std::min(segs_[seg].second, t + kMaxNameTokens + 2), &next, kSearch);
            if (!next.empty() && next.front().a == t && !next.front().possessive &&
                (next.front().known || next.front().b - next.front().a >= 2)) {
              s = UnitWho(next.front());
            }
          }
        }
        if (!s.name.empty()) {
          name = s.name;
          rule = "subject";
        } else if (qi > 0 && LineOf(quotes[qi - 1].first_token) == line &&
                   !final_name[qi - 1].empty()) {
          // "…,'' said Steve Schmidt. Unless rivals quit, ''it's very difficult …''"
          name = final_name[qi - 1];
          rule = "continued-quote";
        }
      }
    }
    final_name[qi] = name;
    rules[qi] = rule;
    if (!name.empty()) last_named_quote = qi;
    // The antecedent of a later pronoun: a speaker a cue names or a quotation continues, not a
    // sentence's subject guessed for a quotation without a cue.
    if (!name.empty() && !who.pronoun && rule != "subject") {
      last_named_ = name;
      if (!not_people_.count(name)) last_person_ = name;
    }
  }
  for (size_t qi = 0; qi < nq; ++qi) {
    Mention m;
    m.kind = MentionKind::kQuote;
    m.span = quotes[qi].content;
    m.speaker = final_name[qi];
    m.rule = rules[qi].empty() ? "quote" : rules[qi];
    doc_->mentions.push_back(std::move(m));
  }
  for (auto& p : new_people_) doc_->mentions.push_back(std::move(p));
}

}  // namespace

void AttributeSpeakers(const Rules& rules, Document* doc) {
  // Speakers are only ever found for quotations: without one there is nothing to attribute.
  if (doc->tokens.empty() || doc->sentences.empty() || doc->quotes.empty()) return;
  Attributor(rules, doc).Run();
}

}  // namespace claims
