// The per-article pipeline (see document.h): runs the stages in order and turns what they find
// into mentions with canonical values and original offsets.
#include "claims/document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include "claims/entities.h"
#include "claims/names.h"
#include "claims/numbers.h"
#include "claims/speakers.h"
#include "claims/utf8.h"

namespace claims {
namespace {

// The order std::sort would put n elements in by less on their indices: the sort runs over the
// indices, which takes the very steps, and so gives the very order, that sorting the elements
// would, ties included. The elements (several strings each) are then read in that order where
// they lie, never swapped or moved.
template <typename Less>
std::vector<uint32_t> SortedOrder(size_t n, Less less) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), less);
  return order;
}

// std::sort of v by less (SortedOrder), moving only the elements that change places: each cycle
// of the permutation in place, through one element held aside.
template <typename T, typename Less>
void SortByIndex(std::vector<T>* v, Less less) {
  std::vector<uint32_t> order =
      SortedOrder(v->size(), [&](uint32_t a, uint32_t b) { return less((*v)[a], (*v)[b]); });
  // order[k]: the element that goes to place k. A place is marked done by setting order[k] = k.
  for (uint32_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    T held = std::move((*v)[start]);
    uint32_t k = start;
    for (;;) {
      const uint32_t from = order[k];
      order[k] = k;
      if (from == start) {
        (*v)[k] = std::move(held);
        break;
      }
      (*v)[k] = std::move((*v)[from]);
      k = from;
    }
  }
}

constexpr size_t kLangSampleTokens = 600;
// The language is decided from the head of the article; the document's own date from its first
// lines only (FindOwnDate), so that a pre-scan of a file's first bytes finds the same date as the
// full analysis, cheaply.
constexpr uint32_t kHeadBytes = 8192;
constexpr size_t kOwnDateMaxLines =
    12;                                 // lines read, so that boilerplate at the top can be skipped
constexpr size_t kOutletWindow = 3000;  // bytes from the top searched for a dateline
// A full date counts as the document's own (its dateline) only near the top of the article; one
// further down is usually an event the article reports ("Pada tanggal 6 Agustus 2024, ...").
constexpr size_t kOwnDateLines = 6;

// *w, or the entry of a word that is in no list when w is null: the choice is a conditional
// move, where a test of w would be a branch taken about every other word, unpredictably.
const Rules::WordInfo& WordOrNone(const Rules::WordInfo* w) {
  static const Rules::WordInfo kNone;
  return *(w != nullptr ? w : &kNone);
}

// The language whose stopwords cover most of the first word tokens. folded: the text lower-cased
// by FoldSameLength; infos: Rules::words_all_langs of each part (a token that is one part is
// looked up as that part; a hyphenated one whole, here).
Lang DetectLanguage(const Rules& rules, std::string_view folded, const std::vector<Token>& tokens,
                    const std::vector<Part>& parts,
                    const std::vector<const Rules::WordInfo*>& infos) {
  int score[kNumLangs] = {0, 0};
  size_t seen = 0;
  uint32_t last_token = ~uint32_t{0};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].token == last_token) continue;  // every token has a part: its first one
    last_token = parts[i].token;
    const Token& t = tokens[parts[i].token];
    if (t.span.begin >= kHeadBytes) break;
    // Words and the other tokens come in no order a processor could predict: what is not a
    // word, or not in the table, counts for no language by arithmetic, not by a branch.
    const bool word = t.kind == TokenKind::kWord;
    seen += word;
    if (seen > kLangSampleTokens) break;
    const Rules::WordInfo* w =
        word && t.Is(Token::kHyphenated) ? rules.words_all_langs.Find(t.span.In(folded)) : infos[i];
    const uint8_t langs = static_cast<uint8_t>(WordOrNone(w).stop_langs & (0u - word));
    for (int l = 0; l < kNumLangs; ++l) score[l] += (langs >> l) & 1;
  }
  return score[1] > score[0] ? Lang::kEn : Lang::kId;
}

// The outlet named in a dateline near the top; *where is its span in text. folded: the text
// lower-cased by FoldSameLength.
std::string FindOutlet(const Rules& rules, std::string_view text, std::string_view folded,
                       Span* where) {
  std::string_view head = text.substr(0, std::min(text.size(), kOutletWindow));
  // One pass of the set says which rules match the head at all (usually none); the filter, that
  // none can, without it.
  std::vector<int> hits;
  if (!rules.outlet_set ||
      (rules.outlet_filter && !rules.outlet_filter->MayMatch(folded.substr(0, head.size()))) ||
      !rules.outlet_set->Match(re2::StringPiece(head.data(), head.size()), &hits)) {
    return std::string();
  }
  std::sort(hits.begin(), hits.end());
  for (int hit : hits) {
    const Rule& r = rules.outlets[static_cast<size_t>(hit)];
    re2::StringPiece m[2];
    if (r.re->NumberOfCapturingGroups() < 1) continue;
    if (r.re->Match(re2::StringPiece(head.data(), head.size()), 0, head.size(), RE2::UNANCHORED, m,
                    2) &&
        !m[1].empty()) {
      uint32_t b = static_cast<uint32_t>(m[1].data() - text.data());
      *where = {b, b + static_cast<uint32_t>(m[1].size())};
      return std::string(m[1].data(), m[1].size());
    }
  }
  return std::string();
}

// Offset where the kOwnDateLines-th non-blank line ends, but never past the last line that ends
// before original offset `limit`. last_ends: the text's last line ends where the text does, newline
// or not (else that line may go on past the bytes read, and is not counted).
uint32_t TopOfArticle(std::string_view text, const NormalizedText& norm, uint32_t limit,
                      bool last_ends) {
  size_t lines = 0;
  size_t pos = 0;
  uint32_t last_whole = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    bool ended = nl != std::string_view::npos;
    if (!ended) nl = text.size();
    if (ended ? norm.origin[nl] >= limit : !last_ends) return last_whole;
    last_whole = static_cast<uint32_t>(nl);
    if (text.substr(pos, nl - pos).find_first_not_of(' ') != std::string_view::npos) {
      if (++lines >= kOwnDateLines) return last_whole;
    }
    pos = nl + 1;
  }
  return last_whole;
}

// Whether s holds four digits, 1 or 2 first: the year of a full date, when it has four digits
// (OwnDate takes years from 1900 to 2200).
bool HasYearDigits(std::string_view s) {
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  for (size_t i = 0; i + 3 < s.size();) {
    // A year starting at i, i+1, i+2 or i+3 has a digit at i+3: without one, skip all four.
    if (!digit(i + 3)) {
      i += 4;
      continue;
    }
    if ((s[i] == '1' || s[i] == '2') && digit(i + 1) && digit(i + 2)) return true;
    ++i;
  }
  return false;
}

// Whether `before`, the text of a line before a date in it, opens a dateline: at most
// kDatelineWords white-space separated chunks with a word (their first word token counts), each
// capitalised and none a stopword of either language ("JAKARTA, KOMPAS.com -", "Published:",
// "Updated"), so not the start of a sentence ("Pada 20 Oktober 2025", "On 5 April 1920") nor the
// middle of one. The language is not known yet, and a month name may be both languages'.
constexpr size_t kDatelineWords = 4;
bool OpensDateline(const Rules& rules, std::string_view before) {
  size_t words = 0;
  bool counted = false;  // the current chunk's word is counted
  for (const Token& t : Tokenize(before)) {
    if (t.Is(Token::kSpaceBefore)) counted = false;
    if (t.kind != TokenKind::kWord || counted) continue;
    counted = true;
    if (++words > kDatelineWords || !t.Is(Token::kCapitalised)) return false;
    const Rules::WordInfo* w = rules.words_all_langs.Find(FoldSameLength(t.span.In(before)));
    if (w && w->stop_langs) return false;
  }
  return true;
}

// The first full date in text[0, top) by the date rules of either language (the earlier one; at
// the same offset, the first language's) that is the document's own: one that names its weekday
// (news writing names the weekday of what happened in the days around the article, "kata Prabowo,
// Selasa (21/10/2025)"), or that opens a dateline (OpensDateline). A full date in the body without
// a weekday is an event's, often long before the article (a birth, a law, "11 September 2001").
// Dates never span a line, so the lines are searched in order and the search stops at the first
// line that holds one. A language's date rules run on a line only when one of its rules that can
// give a full date matches there (Rules::own_date_set, one pass over both languages' such rules; a
// line searched on its own matches at least what it matches inside the text), and that match,
// taken alone, would count as the own date; and, unless one of those rules reads two-digit years,
// only on lines with a four-digit year (HasYearDigits: most lines, and the set's pass, skipped).
std::optional<Ymd> OwnDateIn(const Rules& rules, std::string_view text, uint32_t top) {
  const std::string_view head = text.substr(0, top);
  std::vector<int> which, full;
  for (size_t lb = 0; lb < head.size();) {
    size_t le = head.find('\n', lb);
    if (le == std::string_view::npos) le = head.size();
    const size_t begin = lb;
    lb = le + 1;
    const re2::StringPiece line(head.data() + begin, le - begin);
    const bool year4 = HasYearDigits(std::string_view(line.data(), line.size()));
    std::optional<Ymd> best;
    size_t best_at = std::string_view::npos;
    auto own_date = [&](const DateMatch& dm) -> std::optional<Ymd> {
      std::optional<Ymd> own = OwnDate(dm.spec);
      if (own && (dm.spec.weekday != 0 ||
                  OpensDateline(rules, head.substr(begin, dm.span.begin - begin)))) {
        return own;
      }
      return std::nullopt;
    };
    if ((!year4 && !rules.own_date_two_digit_year) || !rules.own_date_set ||
        !rules.own_date_set->Match(line, &which)) {
      continue;
    }
    for (int l = 0; l < kNumLangs; ++l) {
      const LangRules& lang = rules.lang[l];
      if (!year4 && !lang.own_date_two_digit_year) continue;
      // Only a full-date rule's match can be the own date, and of those the whole rules' pass
      // below keeps a subset (it drops those a longer date overlaps): when no full-date match
      // would count even on its own, which is most lines, that pass is skipped.
      full.clear();
      for (int w : which) {
        const auto [wl, rule] = rules.own_date_at[static_cast<size_t>(w)];
        if (wl == l) full.push_back(rule);
      }
      if (full.empty()) continue;
      const std::vector<DateMatch> alone = FindRuleMatchesInLine(lang, full, head, begin, le);
      if (std::none_of(alone.begin(), alone.end(),
                       [&](const DateMatch& dm) { return own_date(dm).has_value(); })) {
        continue;
      }
      for (const DateMatch& dm : FindDatesInLines(lang, head, begin, le)) {
        if (dm.span.begin >= best_at) break;
        if (std::optional<Ymd> own = own_date(dm)) {
          best = own;
          best_at = dm.span.begin;
          break;
        }
      }
    }
    if (best) return best;
  }
  return std::nullopt;
}

MentionKind KindOfEntry(const GazEntry& e) {
  if (e.kind == "person") return MentionKind::kPerson;
  if (e.kind == "org") return MentionKind::kOrg;
  if (e.kind == "law") return MentionKind::kLaw;
  return MentionKind::kPlace;
}

std::string FillTemplate(const Rule& r, const std::vector<re2::StringPiece>& groups) {
  std::string out;
  const auto& names = r.re->NamedCapturingGroups();
  for (size_t i = 0; i < r.templ.size(); ++i) {
    if (r.templ[i] == '{') {
      size_t close = r.templ.find('}', i);
      if (close != std::string::npos) {
        std::string name = r.templ.substr(i + 1, close - i - 1);
        auto it = names.find(name);
        if (it != names.end()) {
          const auto& g = groups[static_cast<size_t>(it->second)];
          out.append(g.data(), g.size());
        } else if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
          size_t gi = static_cast<size_t>(std::stoi(name));
          if (gi < groups.size()) out.append(groups[gi].data(), groups[gi].size());
        }
        i = close;
        continue;
      }
    }
    out.push_back(r.templ[i]);
  }
  return out;
}

struct Found {
  Span span;
  MentionKind kind;
  std::string value;
  std::string rule;
  std::string unit, qualifier;
  int pending = -1;  // index into specs for dates
};

}  // namespace

std::optional<Ymd> FindOwnDate(const Rules& rules, std::string_view original) {
  // The first kOwnDateMaxLines lines within kOwnDateBytes (+1, so that a line ending exactly
  // there counts); the analysis calls this too, so both always agree.
  std::string_view head = original.substr(0, std::min(original.size(), kOwnDateBytes + 1));
  // A document no longer than that is all there (a caller passes more of a longer one), and so is
  // its last line, with or without a newline at its end.
  bool last_ends = original.size() <= kOwnDateBytes;
  // A full date has a four-digit year, unless some rule reads two-digit years: without one in
  // the head there is nothing to find.
  if (!rules.own_date_two_digit_year && !HasYearDigits(head)) return std::nullopt;
  size_t lines = 0;
  for (size_t i = head.find('\n'); i != std::string_view::npos; i = head.find('\n', i + 1)) {
    if (++lines == kOwnDateMaxLines) {
      head = head.substr(0, i + 1);  // ends with its newline
      break;
    }
  }
  // An article on one line (a JSON Lines record's text, often), which goes on past the bytes read,
  // counts up to its last space there: the words before it are whole, and a dateline is at its
  // start. A later line that goes on past them does not count: it starts deep in the body, where
  // a full date is more often an event's than the article's (one in a BBC article's fifth
  // paragraph: 15 December 1953).
  if (!last_ends && head.find('\n') == std::string_view::npos) {
    const size_t space = head.find_last_of(" \t");
    if (space != std::string_view::npos && space > 0) {
      head = head.substr(0, space);
      last_ends = true;
    }
  }
  NormalizedText norm = Normalize(head);
  std::string clean = std::move(norm.text);  // TopOfArticle reads only norm.origin
  StripBoilerplate(rules, &clean);
  return OwnDateIn(rules, clean,
                   TopOfArticle(clean, norm, static_cast<uint32_t>(head.size()), last_ends));
}

void LineCol(std::string_view original, uint32_t offset, uint32_t* line, uint32_t* col) {
  uint32_t l = 1;
  size_t last_nl = std::string_view::npos;
  for (size_t i = 0; i < offset && i < original.size(); ++i) {
    if (original[i] == '\n') {
      ++l;
      last_nl = i;
    }
  }
  *line = l;
  *col = static_cast<uint32_t>(offset - (last_nl == std::string_view::npos ? 0 : last_nl + 1) + 1);
}

void Document::DropBuffers() {
  std::string().swap(clean);
  std::string().swap(folded);
  std::vector<Token>().swap(tokens);
  std::vector<Part>().swap(parts);
  std::vector<uint8_t>().swap(part_flags);
  std::vector<WordIndex::Info>().swap(token_words);
  std::vector<Quotation>().swap(quotes);
  std::vector<Removed>().swap(removed);
  norm.origin = OriginMap();
  std::string().swap(norm.text);
}

namespace {

// What one article carries from one stage to the next in AnalyzeDocuments.
struct Pending {
  Document* doc;
  const LangRules* lang = nullptr;
  Span outlet_span;
  std::vector<Found> found;     // dates, laws and entities, then what of them is kept, numbers
  std::vector<DateSpec> specs;  // of the dates in `found`
  std::vector<Mention> nested;  // names nested in longer names
  std::vector<Span> taken;      // dates and laws kept, in text order
  // Each part's Rules::words_all_langs entry, or null: from the tokens to the gazetteer's search.
  std::vector<const Rules::WordInfo*> part_words;
};

// 1. Normalise. 2. Strip boilerplate.
void NormalizeAndStrip(const Rules& rules, Pending* p) {
  Document* doc = p->doc;
  doc->norm = Normalize(doc->original);
  doc->clean = doc->norm.text;
  doc->removed = StripBoilerplate(rules, &doc->clean, &doc->folded);
}

// 3. Tokenise, pair quotations, split sentences; the language, the outlet and the own date.
void TokensAndSentences(const Rules& rules, Pending* p) {
  Document* doc = p->doc;
  const std::string_view text(doc->clean);
  doc->tokens = Tokenize(text);
  doc->parts = SplitParts(text, doc->tokens);
  // doc->folded, the clean text's fold, is the stage before's (StripBoilerplate hands it back).
  // One lookup per part for what it is in every language.
  p->part_words = PartWords(rules, doc->folded, doc->parts);
  const std::vector<const Rules::WordInfo*>& infos = p->part_words;
  doc->lang = DetectLanguage(rules, doc->folded, doc->tokens, doc->parts, infos);
  p->lang = &rules.For(doc->lang);
  const int lang_index = static_cast<int>(doc->lang);
  doc->part_flags.resize(doc->parts.size());
  doc->token_words.assign(doc->tokens.size(), WordIndex::Info());
  for (size_t i = 0; i < doc->parts.size(); ++i) {
    const Part& part = doc->parts[i];
    const WordIndex::Info info = WordOrNone(infos[i]).lang[lang_index];
    const Token& token = doc->tokens[part.token];
    doc->part_flags[i] =
        info.flags | (token.kind == TokenKind::kNumber ? WordIndex::kNumberToken : 0);
    if (!token.Is(Token::kHyphenated)) doc->token_words[part.token] = info;
  }
  doc->quotes = FindQuotations(text, doc->original, doc->norm, doc->tokens);
  std::vector<Span> protect;
  for (const auto& q : doc->quotes) {
    if (!q.close.empty()) protect.push_back({q.open.begin, q.close.end});
  }
  doc->sentences = SplitSentences(text, doc->tokens, *p->lang, protect, &doc->token_words);
  {
    std::string found_outlet = FindOutlet(rules, text, doc->folded, &p->outlet_span);
    if (doc->outlet.empty()) {
      doc->outlet = found_outlet;
      doc->outlet_from_text = !doc->outlet.empty();
    }
  }
  // A date given with the input wins over the text's own (below): then the text's is not read.
  if (!doc->own_date_scanned && !doc->given_date) {
    doc->own_date = FindOwnDate(rules, doc->original);
  }
}

// 4. Match rules: dates.
void MatchDates(Pending* p) {
  for (const DateMatch& dm : FindDates(*p->lang, p->doc->clean)) {
    Found f{
        dm.span, MentionKind::kDate, "", dm.rule->id, "", "", static_cast<int>(p->specs.size())};
    p->specs.push_back(dm.spec);
    p->found.push_back(std::move(f));
  }
}

// ... laws.
void MatchLaws(Pending* p) {
  const LangRules& lang = *p->lang;
  const std::string_view text(p->doc->clean);
  std::vector<int> law_hits;
  if (lang.law_set && (!lang.law_filter || lang.law_filter->MayMatch(p->doc->folded)) &&
      !lang.law_set->Match(re2::StringPiece(text.data(), text.size()), &law_hits)) {
    law_hits.clear();
  }
  std::sort(law_hits.begin(), law_hits.end());
  for (int li : law_hits) {
    const Rule& r = lang.laws[static_cast<size_t>(li)];
    int ng = r.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(static_cast<size_t>(ng) + 1);
    size_t pos = 0;
    re2::StringPiece input(text.data(), text.size());
    while (pos < text.size() &&
           r.re->Match(input, pos, text.size(), RE2::UNANCHORED, g.data(), ng + 1)) {
      uint32_t b = static_cast<uint32_t>(g[0].data() - text.data());
      uint32_t e = b + static_cast<uint32_t>(g[0].size());
      pos = e > b ? e : b + 1;
      p->found.push_back({{b, e}, MentionKind::kLaw, FillTemplate(r, g), r.id, "", "", -1});
    }
  }
}

// ... gazetteer entities.
void MatchEntities(const Rules& rules, Pending* p) {
  Document* doc = p->doc;
  const Gazetteer& gaz = rules.gazetteer;
  // Names nested in longer names join the mentions after the speaker stage, which reads one
  // name per word.
  for (const EntityMatch& em : MatchGazetteer(gaz, doc->lang, doc->clean, doc->folded, doc->tokens,
                                              doc->parts, &doc->part_flags, &p->part_words)) {
    if (em.span.Overlaps(p->outlet_span)) continue;  // the outlet's own name in its dateline
    const GazEntry& e = gaz.entry(em.entry);
    if (em.nested) {
      Mention m;
      m.kind = KindOfEntry(e);
      m.span = em.span;
      m.value = e.canonical;
      m.rule = "gazetteer-nested:" + e.kind + ":" + e.subtype;
      p->nested.push_back(std::move(m));
      continue;
    }
    p->found.push_back({em.span, KindOfEntry(e), e.canonical, e.rule, "", "", -1});
  }
  std::vector<const Rules::WordInfo*>().swap(p->part_words);  // no later stage reads them
}

// ... numbers, outside the dates and laws kept; then the mentions so far, in text order.
void MatchNumbers(Pending* p) {
  Document* doc = p->doc;
  std::vector<Found>& found = p->found;
  // Dates and laws win over entities and numbers that overlap them. The Founds stay where they
  // are: `kept` names them by index, the numbers' after found's (at()).
  std::vector<Found> numbered;
  auto at = [&](uint32_t k) -> Found& {
    return k < found.size() ? found[k] : numbered[k - found.size()];
  };
  const std::vector<uint32_t> by_start = SortedOrder(found.size(), [&](uint32_t a, uint32_t b) {
    const Found& fa = found[a];
    const Found& fb = found[b];
    if (fa.span.begin != fb.span.begin) return fa.span.begin < fb.span.begin;
    return fa.span.size() > fb.span.size();
  });
  std::vector<uint32_t> kept;
  kept.reserve(found.size());
  for (uint32_t fi : by_start) {
    const Found& f = found[fi];
    bool clash = false;
    for (auto it = kept.rbegin(); it != kept.rend() && found[*it].span.end > f.span.begin; ++it) {
      Found& k = found[*it];
      if (!k.span.Overlaps(f.span)) continue;
      // A law alias inside a longer law, a place inside a date: the longer, earlier one stays,
      // except that an entity never hides a date or law that it overlaps.
      bool f_strong = f.kind == MentionKind::kDate || f.kind == MentionKind::kLaw;
      bool k_strong = k.kind == MentionKind::kDate || k.kind == MentionKind::kLaw;
      if (f_strong && !k_strong) {
        k.span = {0, 0};  // drop the weaker one
        continue;
      }
      clash = true;
      break;
    }
    if (!clash) kept.push_back(fi);
  }
  kept.erase(
      std::remove_if(kept.begin(), kept.end(), [&](uint32_t k) { return found[k].span.empty(); }),
      kept.end());
  std::vector<Span>& taken = p->taken;
  for (uint32_t k : kept) {
    const Found& f = found[k];
    if (f.kind == MentionKind::kDate || f.kind == MentionKind::kLaw) taken.push_back(f.span);
  }
  std::vector<NumberMatch> numbers = FindNumbers(*p->lang, doc->clean, doc->folded, doc->tokens,
                                                 doc->parts, taken, &doc->part_flags);
  numbered.reserve(numbers.size());
  kept.reserve(kept.size() + numbers.size());
  for (auto& nm : numbers) {
    numbered.push_back({nm.span, MentionKind::kNumber, std::move(nm.value), "number",
                        std::move(nm.unit), std::move(nm.qualifier), -1});
    kept.push_back(static_cast<uint32_t>(found.size() + numbered.size() - 1));
  }
  const std::vector<uint32_t> in_text_order = SortedOrder(kept.size(), [&](uint32_t a, uint32_t b) {
    return at(kept[a]).span.begin < at(kept[b]).span.begin;
  });

  doc->mentions.clear();
  // Room for the nested names too (FinishMentions), and a few of the names and quotes the later
  // stages add, so that the vector is seldom moved as it grows.
  doc->mentions.reserve(kept.size() + p->nested.size() + 16);
  for (uint32_t r : in_text_order) {
    Found& f = at(kept[r]);
    Mention& m = doc->mentions.emplace_back();
    m.kind = f.kind;
    m.span = f.span;
    m.value = std::move(f.value);
    m.rule = std::move(f.rule);
    m.unit = std::move(f.unit);
    m.qualifier = std::move(f.qualifier);
    if (f.pending >= 0) {
      doc->pending_dates.push_back({f.span, p->specs[static_cast<size_t>(f.pending)]});
    }
  }
  std::vector<Found>().swap(found);
}

// 6. The nested names; offsets in the original, sentence numbers, surface text.
void FinishMentions(Pending* p) {
  Document* doc = p->doc;
  const std::vector<Span>& taken = p->taken;
  // A nested name inside a date or law is not a mention of its own. `taken` (dates and laws)
  // is sorted and does not overlap itself.
  for (auto& m : p->nested) {
    auto it = std::lower_bound(taken.begin(), taken.end(), m.span.begin,
                               [](const Span& t, uint32_t b) { return t.end <= b; });
    if (it != taken.end() && it->Overlaps(m.span)) continue;
    doc->mentions.push_back(std::move(m));
  }
  // Text order, the longer first; mentions of one span by kind and value, so that the order does
  // not depend on the order the stages added them in (the names stage appends what it finds).
  SortByIndex(&doc->mentions, [](const Mention& a, const Mention& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.value < b.value;
  });
  std::vector<uint32_t> line_starts{0};
  {
    const char* const text = doc->original.data();
    const char* const end = text + doc->original.size();
    for (const char* nl = text; (nl = static_cast<const char*>(std::memchr(nl, '\n', end - nl)));) {
      ++nl;
      line_starts.push_back(static_cast<uint32_t>(nl - text));
    }
  }
  size_t si = 0;
  for (Mention& m : doc->mentions) {
    m.orig = doc->norm.ToOriginal(m.span);
    // The surface text as written; from a Windows-1252 original, as converted to UTF-8.
    m.text = doc->norm.windows1252 ? std::string(m.span.In(doc->norm.text))
                                   : std::string(m.orig.In(doc->original));
    if (m.kind == MentionKind::kQuote && m.value.empty()) m.value = m.text;
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), m.orig.begin);
    size_t li = static_cast<size_t>(it - line_starts.begin()) - 1;
    m.line = static_cast<uint32_t>(li + 1);
    m.col = m.orig.begin - line_starts[li] + 1;
    while (si + 1 < doc->sentences.size() && doc->sentences[si].span.end <= m.span.begin) ++si;
    if (si > 0 && doc->sentences[si].span.begin > m.span.begin) --si;
    m.sentence = static_cast<uint32_t>(si);
  }
  // A date given with the input (--outlets, a JSON Lines record) is the publication date: it
  // wins over the one read from the text.
  if (doc->given_date) doc->own_date = doc->given_date;
}

}  // namespace

void AnalyzeDocuments(const Rules& rules, std::span<Document* const> docs) {
  std::vector<Pending> batch(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) batch[i].doc = docs[i];
  // Each stage over every document before the next stage, so that its rules and tables stay in
  // the caches from one document to the next.
  for (Pending& p : batch) NormalizeAndStrip(rules, &p);
  for (Pending& p : batch) TokensAndSentences(rules, &p);
  for (Pending& p : batch) MatchDates(&p);
  for (Pending& p : batch) MatchLaws(&p);
  for (Pending& p : batch) MatchEntities(rules, &p);
  for (Pending& p : batch) MatchNumbers(&p);
  // 5. People known by their titles and speech verbs; then quotes and their speakers.
  for (Pending& p : batch) FindNames(rules, p.doc);
  for (Pending& p : batch) AttributeSpeakers(rules, p.doc);
  for (Pending& p : batch) FinishMentions(&p);
}

void AnalyzeDocument(const Rules& rules, Document* doc) {
  AnalyzeDocuments(rules, std::span<Document* const>(&doc, 1));
}

void ResolveDocumentDates(Document* doc, const Ymd& ref, std::string_view anchor) {
  std::vector<bool> drop(doc->mentions.size(), false);
  // Both lists are in text order.
  size_t mi = 0;
  for (const auto& p : doc->pending_dates) {
    while (mi < doc->mentions.size() &&
           !(doc->mentions[mi].kind == MentionKind::kDate && doc->mentions[mi].span == p.span)) {
      ++mi;
    }
    if (mi == doc->mentions.size()) break;
    Mention& m = doc->mentions[mi];
    m.spec = SerializeDateSpec(p.spec);
    m.anchor = std::string(anchor);
    Resolved r = ResolveDate(p.spec, ref);
    if (r.value.empty()) {
      // With no date to resolve against, a relative date stays (without a value) so that a later
      // `extract --from-mentions` over the whole run can resolve it.
      if (anchor != "none") drop[mi] = true;
      continue;
    }
    m.value = r.value;
    if (r.corrected) {
      doc->warnings.push_back(fmt::format(
          "{}:{}:{}: date '{}' contradicts its weekday and the document date; read as {}",
          doc->path, m.line, m.col, m.text, r.value));
    } else if (r.weekday_slip) {
      doc->warnings.push_back(
          fmt::format("{}:{}:{}: date '{}' is not on the weekday it names; kept as written, {}",
                      doc->path, m.line, m.col, m.text, r.value));
    }
  }
  doc->pending_dates.clear();
  size_t w = 0;
  for (size_t i = 0; i < doc->mentions.size(); ++i) {
    if (drop[i]) continue;
    if (w != i) doc->mentions[w] = std::move(doc->mentions[i]);
    ++w;
  }
  doc->mentions.resize(w);
}

}  // namespace claims
