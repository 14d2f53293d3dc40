// Rules: loading data/ (embedded, from a folder, from memory) and the `path:line: what is wrong`
// messages for malformed files, asserted verbatim.
#include "claims/rules.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "claims/embedded_data.h"
#include "test_util.h"

namespace claims {
namespace {

// The embedded data/ files as a path -> bytes map, to break one of them.
std::map<std::string, std::string> EmbeddedFiles() {
  std::map<std::string, std::string> files;
  for (const EmbeddedFile& f : EmbeddedData()) files.emplace(f.path, f.bytes);
  return files;
}

// Loads the embedded files with `path` replaced by `bytes`; returns the status message.
Status LoadWith(const std::string& path, const std::string& bytes) {
  std::map<std::string, std::string> files = EmbeddedFiles();
  files[path] = bytes;
  Rules rules;
  return LoadRulesFromFiles(files, &rules);
}

TEST(Rules, EmbeddedRulesLoad) {
  Rules rules;
  Status s = LoadEmbeddedRules(&rules);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GT(rules.file_count, 8u);
  for (Lang l : {Lang::kId, Lang::kEn}) {
    const LangRules& lr = rules.For(l);
    EXPECT_EQ(lr.lang, l);
    EXPECT_FALSE(lr.dates.empty()) << LangName(l);
    EXPECT_FALSE(lr.speakers.empty()) << LangName(l);
    EXPECT_FALSE(lr.laws.empty()) << LangName(l);
    EXPECT_FALSE(lr.stopwords.empty()) << LangName(l);
    EXPECT_NE(lr.date_set, nullptr);
  }
  EXPECT_FALSE(rules.boilerplate.empty());
  EXPECT_FALSE(rules.outlets.empty());
  EXPECT_GT(rules.gazetteer.size(), 100u);
}

TEST(Rules, EmbeddedDataIsSortedAndMatchesTheSourceFolder) {
  const auto& data = EmbeddedData();
  ASSERT_FALSE(data.empty());
  for (size_t i = 1; i < data.size(); ++i) EXPECT_LT(data[i - 1].path, data[i].path);
  for (const EmbeddedFile& f : data) {
    EXPECT_TRUE(f.bytes == test::ReadFileOrDie(test::SourceDir() + "/data/" + std::string(f.path)))
        << "data/" << f.path << " differs from the embedded copy (rebuild?)";
  }
}

TEST(Rules, RuleFieldsAndOrigin) {
  const LangRules& id = test::EmbeddedRules().For(Lang::kId);
  ASSERT_FALSE(id.laws.empty());
  const Rule& r = id.laws.front();
  EXPECT_EQ(r.file, "lang/id/laws.rules");
  EXPECT_GT(r.line, 0);
  EXPECT_EQ(r.kind, "law");
  ASSERT_NE(r.re, nullptr);
  EXPECT_TRUE(r.re->ok());
  EXPECT_FALSE(r.templ.empty());
}

TEST(Rules, WordListsAreKeyedByMatchKey) {
  const LangRules& id = test::EmbeddedRules().For(Lang::kId);
  const std::string* v = id.words.Value("month", "agustus");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, "8");
  EXPECT_NE(id.words.Value("qualifier", "kira kira"), nullptr);  // "kira-kira": hyphen as space
  EXPECT_NE(id.words.Value("abbrev", "dr ."), nullptr);
  EXPECT_EQ(id.words.Value("month", "agustusan"), nullptr);
  EXPECT_TRUE(id.words.IsPrefix("lebih"));
  EXPECT_EQ(FoldKey("Kim  Jong-Un"), "kim jong un");
}

TEST(Rules, WrongFieldCountInARuleFile) {
  Status s = LoadWith("lang/id/laws.rules", "# comment\n\nid.law.x\tlaw\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_EQ(s.message(),
            "lang/id/laws.rules:3: expected 'id<TAB>kind<TAB>pattern[<TAB>template]', got 2 "
            "field(s)");
}

TEST(Rules, TooManyFieldsInARuleFile) {
  Status s = LoadWith("lang/en/laws.rules", "a\tlaw\tx\ty\tz\n");
  EXPECT_EQ(s.message(),
            "lang/en/laws.rules:1: expected 'id<TAB>kind<TAB>pattern[<TAB>template]', got 5 "
            "field(s)");
}

TEST(Rules, UnknownKind) {
  Status s = LoadWith("lang/id/speakers.rules", "id.x\tafter\t^x\nid.y\tnope\tabc\n");
  EXPECT_EQ(s.message(),
            "lang/id/speakers.rules:2: unknown kind 'nope' (expected one of: after, before, verb)");
}

TEST(Rules, BadRe2Pattern) {
  Status s = LoadWith("lang/id/dates.rules", "id.date.x\tdate\t(?P<d>\\d+\n");
  EXPECT_EQ(s.message(), "lang/id/dates.rules:1: bad pattern: missing ): (?P<d>\\d+");
}

TEST(Rules, LookAroundIsABadPattern) {
  // RE2 has no look-around: a rule written for PCRE is reported, not silently mis-read.
  Status s = LoadWith("boilerplate.rules", "bp.x\tline\tfoo(?=bar)\n");
  EXPECT_EQ(s.message(), "boilerplate.rules:1: bad pattern: invalid perl operator: (?=");
}

TEST(Rules, UnknownMacro) {
  Status s = LoadWith("lang/en/dates.rules", "# dates\nen.date.x\tdate\t{@nope}\\s+\\d+\n");
  EXPECT_EQ(s.message(), "lang/en/dates.rules:2: unknown word class '{@nope}'");
}

TEST(Rules, UnterminatedMacro) {
  Status s = LoadWith("lang/en/dates.rules", "en.date.x\tdate\t{@month\\s+\\d+\n");
  EXPECT_EQ(s.message(), "lang/en/dates.rules:1: unterminated macro '{@'");
}

TEST(Rules, BadRoleSyntaxInPeople) {
  Status s = LoadWith("gazetteer/people.tsv",
                      "# people\nAnna Example\tperson\tExample\tpresident:Russia\n"
                      "Bob Example\tperson\tBob\tpresident\n");
  EXPECT_EQ(s.message(), "gazetteer/people.tsv:3: role 'president' is not 'role:Whom'");
  EXPECT_EQ(LoadWith("gazetteer/people.tsv", "Bob Example\tperson\t\t:Russia\n").message(),
            "gazetteer/people.tsv:1: role ':Russia' is not 'role:Whom'");
}

TEST(Rules, GazetteerErrors) {
  EXPECT_EQ(LoadWith("gazetteer/places.tsv", "Atlantis\n").message(),
            "gazetteer/places.tsv:1: expected 'canonical<TAB>subtype[<TAB>aliases[<TAB>extra]]', "
            "got 1 field(s)");
  EXPECT_EQ(LoadWith("gazetteer/places.tsv", "Atlantis\tcity\tAtl@fr\n").message(),
            "gazetteer/places.tsv:1: unknown language tag in alias 'Atl@fr'");
  EXPECT_EQ(LoadWith("gazetteer/moons.tsv", "Luna\tmoon\n").message(),
            "gazetteer/moons.tsv: unknown gazetteer file (expected places, orgs, people or laws "
            ".tsv)");
}

TEST(Rules, WordListErrors) {
  EXPECT_EQ(LoadWith("lang/id/words.tsv", "month\n").message(),
            "lang/id/words.tsv:1: expected 'class<TAB>phrase[<TAB>value]', got 1 field(s)");
  EXPECT_EQ(LoadWith("lang/en/words.tsv", "# x\n\tphrase\n").message(),
            "lang/en/words.tsv:2: empty class or phrase");
}

// given-names.tsv: one name of one word a line, kept by its FoldSameLength form; a folder
// without the file has no given names.
TEST(Rules, GivenNames) {
  EXPECT_EQ(LoadWith("given-names.tsv", "# names\nWayne\nMary Ann\n").message(),
            "given-names.tsv:3: expected one name (one word) a line");
  Rules rules;
  ASSERT_TRUE(LoadEmbeddedRules(&rules).ok());
  EXPECT_TRUE(rules.given_names.Contains("wayne"));
  EXPECT_TRUE(rules.given_names.Contains("budi"));
  EXPECT_FALSE(rules.given_names.Contains("Wayne"));
  EXPECT_FALSE(rules.given_names.Contains("hope"));  // a word more than a name
  std::map<std::string, std::string> files = EmbeddedFiles();
  files.erase("given-names.tsv");
  Rules without;
  ASSERT_TRUE(LoadRulesFromFiles(files, &without).ok());
  EXPECT_EQ(without.given_names.size(), 0u);
  EXPECT_EQ(without.file_count + 1, rules.file_count);
}

TEST(Rules, LineNumbersCountCommentsBlankLinesAndCrLf) {
  Status s = LoadWith("lang/id/laws.rules",
                      "\xEF\xBB\xBF# comment\r\n\r\nid.law.a\tlaw\ta\r\n   # indented comment\r\n"
                      "id.law.b\tlaw\t(\r\n");
  EXPECT_EQ(s.message(), "lang/id/laws.rules:5: bad pattern: missing ): (");
}

TEST(Rules, MissingWordsFile) {
  std::map<std::string, std::string> files = EmbeddedFiles();
  files.erase("lang/en/words.tsv");
  Rules rules;
  Status s = LoadRulesFromFiles(files, &rules);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "lang/en/words.tsv: missing from the rule folder");
}

// With two threads, the rule files load on three (the first language, outlets.rules and
// boilerplate.rules on one, the gazetteer on another, the other language on the calling thread);
// with several broken, the error reported is the one a single thread loading them in turn meets
// first, whichever thread finishes first.
TEST(Rules, FirstErrorInLoadingOrderWhenSeveralFilesAreBroken) {
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    std::map<std::string, std::string> files = EmbeddedFiles();
    files["lang/id/laws.rules"] = "id.law.x\tlaw\t(\n";
    files["lang/en/laws.rules"] = "en.law.x\tlaw\t(\n";
    files["gazetteer/places.tsv"] = "\n";
    files["gazetteer/unknown.tsv"] = "x\ty\n";
    files["outlets.rules"] = "o\toutlet\t(\n";
    files["boilerplate.rules"] = "b\tline\t(\n";
    files["given-names.tsv"] = "Wayne\tRooney\n";
    for (int round = 0; round < 5; ++round) {  // the threads' timing varies; the answer must not
      Rules rules;
      EXPECT_EQ(LoadRulesFromFiles(files, &rules, threads).message(),
                "lang/id/laws.rules:1: bad pattern: missing ): (");
    }
    files.erase("lang/id/laws.rules");
    {
      Rules rules;
      EXPECT_EQ(LoadRulesFromFiles(files, &rules, threads).message(),
                "lang/en/laws.rules:1: bad pattern: missing ): (");
    }
    files.erase("lang/en/laws.rules");
    {
      Rules rules;
      EXPECT_EQ(LoadRulesFromFiles(files, &rules, threads).message(),
                "gazetteer/unknown.tsv: unknown gazetteer file (expected places, orgs, people or "
                "laws .tsv)");
    }
    files.erase("gazetteer/unknown.tsv");
    {
      Rules rules;
      EXPECT_EQ(LoadRulesFromFiles(files, &rules, threads).message(),
                "boilerplate.rules:1: bad pattern: missing ): (");
    }
    files.erase("boilerplate.rules");
    {
      Rules rules;
      EXPECT_EQ(LoadRulesFromFiles(files, &rules, threads).message(),
                "outlets.rules:1: bad pattern: missing ): (");
    }
    files.erase("outlets.rules");
    {
      Rules rules;
      EXPECT_EQ(LoadRulesFromFiles(files, &rules, threads).message(),
                "given-names.tsv:1: expected one name (one word) a line");
    }
  }
}

// The first seed article (Indonesian) analysed with `rules`, as test::Dump prints it; empty, with a
// failure, when it does not come out Indonesian with at least 20 mentions.
std::string AnalyzedSeed(const Rules& rules) {
  Document d;
  d.path = d.name = "seed.txt";
  d.original = test::ReadFileOrDie(test::SourceDir() + "/examples/seeds/000_98bf82339018c866.txt");
  AnalyzeDocument(rules, &d);
  EXPECT_EQ(d.lang, Lang::kId);
  EXPECT_GT(d.mentions.size(), 20u);
  if (d.lang != Lang::kId || d.mentions.size() <= 20u) return "";
  return test::Dump(d);
}

// -j 1 loads the rules on one thread, -j 2 on two: the same rules either way, as the mentions of
// a seed article analysed with each show.
TEST(Rules, OneThreadLoadsWhatTwoLoad) {
  Rules one, two;
  ASSERT_TRUE(LoadEmbeddedRules(&one, 1).ok());
  ASSERT_TRUE(LoadEmbeddedRules(&two, 2).ok());
  EXPECT_EQ(one.file_count, two.file_count);
  for (Lang l : {Lang::kId, Lang::kEn}) {
    EXPECT_EQ(one.For(l).dates.size(), two.For(l).dates.size());
    EXPECT_EQ(one.For(l).speakers.size(), two.For(l).speakers.size());
    EXPECT_EQ(one.For(l).laws.size(), two.For(l).laws.size());
  }
  EXPECT_EQ(AnalyzedSeed(one), AnalyzedSeed(two));
}

// Deferred, as `claims` loads its embedded rules: a language's speaker and law rules load when
// For() first asks for the language, and are then what an eager load makes; the other language's
// stay unloaded, and a document analysed with them gets the same mentions.
TEST(Rules, DeferredLanguageLoadsAtItsFirstUse) {
  Rules eager, lazy;
  ASSERT_TRUE(LoadEmbeddedRules(&eager, 1).ok());
  ASSERT_TRUE(LoadEmbeddedRules(&lazy, 1, /*defer=*/true).ok());
  EXPECT_EQ(eager.file_count, lazy.file_count);
  for (Lang l : {Lang::kId, Lang::kEn}) {
    const LangRules& lr = lazy.lang[static_cast<int>(l)];
    EXPECT_TRUE(lr.deferred) << LangName(l);
    EXPECT_TRUE(lr.speakers.empty()) << LangName(l);
    EXPECT_TRUE(lr.laws.empty()) << LangName(l);
    EXPECT_EQ(lr.law_set, nullptr) << LangName(l);
    // Dates load at once: the pre-scan's own-date search reads every language's.
    EXPECT_EQ(lr.dates.size(), eager.lang[static_cast<int>(l)].dates.size()) << LangName(l);
    EXPECT_NE(lr.date_set, nullptr) << LangName(l);
  }
  EXPECT_EQ(AnalyzedSeed(eager), AnalyzedSeed(lazy));
  const LangRules& en = lazy.lang[static_cast<int>(Lang::kEn)];
  EXPECT_TRUE(en.speakers.empty());
  EXPECT_NE(en.pending, nullptr);
  const LangRules& id = lazy.lang[static_cast<int>(Lang::kId)];
  const LangRules& id_eager = eager.lang[static_cast<int>(Lang::kId)];
  EXPECT_EQ(id.pending, nullptr);
  ASSERT_EQ(id.speakers.size(), id_eager.speakers.size());
  ASSERT_EQ(id.speaker_cut.size(), id.speakers.size());
  ASSERT_EQ(id.speaker_filter.size(), id.speakers.size());
  ASSERT_EQ(id.speaker_widened.size(), id.speakers.size());
  for (size_t i = 0; i < id.speakers.size(); ++i) {
    EXPECT_EQ(id.speakers[i].id, id_eager.speakers[i].id);
    EXPECT_EQ(id.speakers[i].re->pattern(), id_eager.speakers[i].re->pattern());
    EXPECT_EQ(id.speaker_cut[i] != nullptr, id_eager.speaker_cut[i] != nullptr);
    EXPECT_EQ(id.speaker_filter[i] != nullptr, id_eager.speaker_filter[i] != nullptr);
    EXPECT_EQ(id.speaker_widened[i] != nullptr, id_eager.speaker_widened[i] != nullptr);
  }
  ASSERT_EQ(id.laws.size(), id_eager.laws.size());
  for (size_t i = 0; i < id.laws.size(); ++i) EXPECT_EQ(id.laws[i].id, id_eager.laws[i].id);
  EXPECT_NE(id.law_set, nullptr);
  EXPECT_EQ(id.law_filter != nullptr, id_eager.law_filter != nullptr);
}

// Threads that ask for a deferred language at once: one loads it, the others wait for it, and
// all find it whole (the test command runs this under ThreadSanitizer too).
TEST(Rules, DeferredLanguageLoadsOnceForManyThreads) {
  Rules eager, lazy;
  ASSERT_TRUE(LoadEmbeddedRules(&eager, 1).ok());
  ASSERT_TRUE(LoadEmbeddedRules(&lazy, 1, /*defer=*/true).ok());
  constexpr int kThreads = 4;
  size_t speakers[kThreads] = {}, laws[kThreads] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const LangRules& en = lazy.For(Lang::kEn);
      speakers[t] = en.speakers.size();
      laws[t] = en.law_set != nullptr ? en.laws.size() : 0;
    });
  }
  for (auto& th : threads) th.join();
  const LangRules& en_eager = eager.For(Lang::kEn);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(speakers[t], en_eager.speakers.size()) << "thread " << t;
    EXPECT_EQ(laws[t], en_eager.laws.size()) << "thread " << t;
  }
}

// A deferred rule file that does not load: the load itself succeeds, and For() throws the message
// the eager load gives, with the file and line, at every call.
TEST(Rules, DeferredRuleFileThatDoesNotLoadThrowsItsMessage) {
  std::map<std::string, std::string> files = EmbeddedFiles();
  files["lang/en/speakers.rules"] = "en.x\tafter\t^x\nen.y\tnope\tabc\n";
  Rules eager, lazy;
  const Status s = LoadRulesFromFiles(files, &eager, 1);
  EXPECT_EQ(s.message(),
            "lang/en/speakers.rules:2: unknown kind 'nope' (expected one of: after, before, verb)");
  ASSERT_TRUE(LoadRulesFromFiles(files, &lazy, 1, /*defer=*/true).ok());
  EXPECT_NO_THROW(lazy.For(Lang::kId));
  for (int call = 0; call < 2; ++call) {  // the second call as the first: the error stays
    try {
      lazy.For(Lang::kEn);
      ADD_FAILURE() << "no exception, call " << call;
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), s.message()) << "call " << call;
    }
  }
}

TEST(Rules, NoGazetteer) {
  std::map<std::string, std::string> files = EmbeddedFiles();
  for (auto it = files.begin(); it != files.end();) {
    it = it->first.rfind("gazetteer/", 0) == 0 ? files.erase(it) : std::next(it);
  }
  Rules rules;
  Status s = LoadRulesFromFiles(files, &rules);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "gazetteer/: no gazetteer files in the rule folder");
}

TEST(Rules, LoadRulesFromDirOnAMissingFolder) {
  test::TempDir tmp;
  const std::string missing = tmp / "no-such-rules";
  Rules rules;
  Status s = LoadRulesFromDir(missing, &rules);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), missing + ": not a folder of rules");
}

TEST(Rules, LoadRulesFromDirOnAFile) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "file.rules", "x"));
  Rules rules;
  Status s = LoadRulesFromDir(tmp / "file.rules", &rules);
  EXPECT_EQ(s.message(), (tmp / "file.rules") + ": not a folder of rules");
}

// Writes the embedded data/ into dir, replacing `path` with `bytes` when path is not empty.
void WriteRuleDir(const std::string& dir, const std::string& path = "",
                  const std::string& bytes = "") {
  for (const auto& [p, b] : EmbeddedFiles()) ASSERT_TRUE(test::WriteFile(dir + "/" + p, b));
  if (!path.empty()) {
    ASSERT_TRUE(test::WriteFile(dir + "/" + path, bytes));
  }
}

TEST(Rules, LoadRulesFromDirReadsACopyOfData) {
  test::TempDir tmp;
  WriteRuleDir(tmp.path());
  Rules rules;
  Status s = LoadRulesFromDir(tmp.path(), &rules);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(rules.file_count, test::EmbeddedRules().file_count);
  EXPECT_EQ(rules.gazetteer.size(), test::EmbeddedRules().gazetteer.size());
}

TEST(Rules, LoadRulesFromDirNamesTheFileAsGiven) {
  test::TempDir tmp;
  WriteRuleDir(tmp.path(), "lang/id/dates.rules", "# x\nid.date.x\tdate\t{@nope}\n");
  Rules rules;
  Status s = LoadRulesFromDir(tmp.path(), &rules);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), tmp.path() + "/lang/id/dates.rules:2: unknown word class '{@nope}'");
  // A trailing slash does not double.
  Rules again;
  EXPECT_EQ(LoadRulesFromDir(tmp.path() + "/", &again).message(), s.message());
}

TEST(Rules, LoadRulesFromDirWithoutWordsFile) {
  test::TempDir tmp;
  WriteRuleDir(tmp.path());
  std::filesystem::remove(tmp / "lang/id/words.tsv");
  Rules rules;
  Status s = LoadRulesFromDir(tmp.path(), &rules);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), tmp.path() + "/lang/id/words.tsv: missing from the rule folder");
}

TEST(Rules, AliasCaseConditions) {
  const Gazetteer& g = test::EmbeddedRules().gazetteer;
  const std::vector<GazAlias>* as = g.Find("as");
  ASSERT_NE(as, nullptr);
  bool found = false;
  for (const GazAlias& a : *as) {
    if (g.entry(a.entry).canonical != "United States") continue;
    found = true;
    EXPECT_EQ(a.match_case, GazAlias::kExact);
    EXPECT_EQ(a.lang, static_cast<int8_t>(Lang::kId));
    EXPECT_EQ(a.surface, "AS");
  }
  EXPECT_TRUE(found);
}

// Whether some key goes on past a key (GazKey::longer, PhraseKey::longer), worked out again by
// brute force over all keys: the gazetteer's and the word lists' searches stop on it.
std::vector<std::string> Keys(
    const std::function<void(const std::function<void(std::string_view)>&)>& for_each_key) {
  std::vector<std::string> keys;
  for_each_key([&](std::string_view k) { keys.emplace_back(k); });
  return keys;
}

bool SomeKeyGoesOnPast(const std::vector<std::string>& keys, std::string_view prefix) {
  for (const std::string& k : keys) {
    if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0 &&
        k[prefix.size()] == ' ') {
      return true;
    }
  }
  return false;
}

TEST(Rules, KeysKnowWhetherALongerKeyStartsWithThem) {
  const Rules& rules = test::EmbeddedRules();
  const Gazetteer& g = rules.gazetteer;
  const std::vector<std::string> gaz_keys = Keys([&](const auto& fn) { g.ForEachKey(fn); });
  ASSERT_GT(gaz_keys.size(), 1000u);
  size_t longer = 0;
  for (const std::string& key : gaz_keys) {
    // The key itself, and each of its prefixes that ends before a space.
    for (size_t end = key.find(' ');; end = key.find(' ', end + 1)) {
      std::string_view prefix = std::string_view(key).substr(0, end);
      const GazKey* found = g.FindPrefix(prefix);
      ASSERT_NE(found, nullptr) << prefix;
      EXPECT_EQ(found->longer, SomeKeyGoesOnPast(gaz_keys, prefix)) << prefix;
      longer += found->longer;
      if (end == std::string::npos) break;
    }
  }
  EXPECT_GT(longer, 100u);
  EXPECT_EQ(g.FindPrefix("no such key"), nullptr);
  for (const LangRules& lang : rules.lang) {
    const std::vector<std::string> keys = Keys([&](const auto& fn) { lang.words.ForEachKey(fn); });
    ASSERT_GT(keys.size(), 500u);
    size_t phrase_longer = 0;
    for (const std::string& key : keys) {
      for (size_t end = key.find(' ');; end = key.find(' ', end + 1)) {
        std::string_view prefix = std::string_view(key).substr(0, end);
        const PhraseKey* found = lang.words.FindPrefix(prefix);
        ASSERT_NE(found, nullptr) << prefix;
        EXPECT_EQ(found->longer, SomeKeyGoesOnPast(keys, prefix)) << prefix;
        phrase_longer += found->longer;
        if (end == std::string::npos) break;
      }
    }
    EXPECT_GT(phrase_longer, 20u);
  }
}

// Every gazetteer key's first word has its words_all_langs entry, which holds that word's own
// gazetteer key (WordInfo::gaz): the gazetteer's search takes it from there.
TEST(Rules, EachGazetteerFirstWordHoldsItsKey) {
  const Rules& rules = test::EmbeddedRules();
  size_t n = 0;
  rules.gazetteer.ForEachKey([&](std::string_view key) {
    std::string_view first = key.substr(0, key.find(' '));
    const Rules::WordInfo* w = rules.words_all_langs.Find(first);
    ASSERT_NE(w, nullptr) << first;
    EXPECT_EQ(w->gaz, rules.gazetteer.FindPrefix(first)) << first;
    EXPECT_NE(w->gaz, nullptr) << first;
    ++n;
  });
  EXPECT_GT(n, 1000u);
  const Rules::WordInfo* the = rules.words_all_langs.Find("said");
  ASSERT_NE(the, nullptr);  // a word of the lists that starts no gazetteer key
  EXPECT_EQ(the->gaz, nullptr);
}

// NextWithFlag reads eight flags a step: every start, end and place of the flag, against a byte
// at a time, with other flags set around it.
TEST(Rules, NextWithFlagIsTheFirstFlaggedPartInRange) {
  for (size_t size : {0u, 1u, 7u, 8u, 9u, 16u, 23u, 40u}) {
    for (size_t at = 0; at <= size; ++at) {  // at == size: no part has the flag
      std::vector<uint8_t> flags(size, WordIndex::kPhrase | WordIndex::kTitleStart);
      if (at < size) flags[at] |= WordIndex::kName;
      if (at + 3 < size) flags[at + 3] |= WordIndex::kName;
      for (size_t from = 0; from <= size; ++from) {
        for (size_t to = from; to <= size + 2; ++to) {
          size_t want = from;
          const size_t end = std::min(to, size);
          while (want < end && !(flags[want] & WordIndex::kName)) ++want;
          EXPECT_EQ(NextWithFlag(flags, from, to, WordIndex::kName), want)
              << size << " " << at << " " << from << " " << to;
        }
      }
      EXPECT_EQ(NextWithFlag(flags, 0, size, WordIndex::kEventStart), size);
      // Either of two flags: the first part, which has the other one.
      EXPECT_EQ(NextWithFlag(flags, 0, size, WordIndex::kName | WordIndex::kTitleStart), 0u);
    }
  }
}

// The word table holds a few one-byte words ("a", "i") and no punctuation: FlatStringMap answers
// a one-byte key from its bit (flat_map_test.cc), and that answer is the table's.
TEST(Rules, OneByteWordsAreTheOneByteKeys) {
  const Rules& rules = test::EmbeddedRules();
  std::set<std::string> keys;
  rules.words_all_langs.ForEach([&](std::string_view w, const Rules::WordInfo&) {
    if (w.size() == 1) keys.emplace(w);
  });
  size_t held = 0;
  for (int c = 0; c < 256; ++c) {
    const std::string key(1, static_cast<char>(c));
    EXPECT_EQ(rules.words_all_langs.Find(key) != nullptr, keys.count(key) == 1) << c;
    held += keys.count(key);
  }
  EXPECT_GT(held, 0u);   // "a", "i" ...
  EXPECT_LT(held, 60u);  // not every letter, digit and mark
  EXPECT_EQ(rules.words_all_langs.Find(","), nullptr);
}

// The first words of longer role and title phrases are flagged, so that the name finder and the
// speakers look the longer key up only after them; a phrase of one word flags nothing of the kind.
TEST(Rules, FirstWordsOfLongerRolesAndTitlesAreFlagged) {
  const Rules& rules = test::EmbeddedRules();
  const WordIndex& id = rules.For(Lang::kId).first_words;
  const WordIndex& en = rules.For(Lang::kEn).first_words;
  EXPECT_TRUE(id.Get("juru") & WordIndex::kRoleStart);       // juru bicara
  EXPECT_TRUE(en.Get("prime") & WordIndex::kRoleStart);      // prime minister
  EXPECT_FALSE(en.Get("minister") & WordIndex::kRoleStart);  // a role of one word only
  EXPECT_TRUE(en.Get("minister") & WordIndex::kPhrase);
  EXPECT_FALSE(en.Get("the") & (WordIndex::kRoleStart | WordIndex::kTitleStart));
  EXPECT_TRUE(en.Get("attorney") & WordIndex::kTitleStart);  // Attorney General
  // A rule folder's own lists: a two-word title flags its first word, a one-word title does not.
  std::map<std::string, std::string> files = EmbeddedFiles();
  files["lang/en/words.tsv"] += "title\tlord chief\ntitle\tdame\nrole\tchief whip\n";
  Rules own;
  ASSERT_TRUE(LoadRulesFromFiles(files, &own).ok());
  const WordIndex& w = own.For(Lang::kEn).first_words;
  EXPECT_TRUE(w.Get("lord") & WordIndex::kTitleStart);
  EXPECT_FALSE(w.Get("dame") & WordIndex::kTitleStart);
  EXPECT_TRUE(w.Get("chief") & WordIndex::kRoleStart);
}

}  // namespace
}  // namespace claims

namespace claims {
namespace {

TEST(MatchCore, DropsTheOptionalElementsAtEitherEnd) {
  struct Case {
    const char* pattern;
    const char* core;
  } cases[] = {
      {"(?:a\\s*,\\s*)?b\\s+c(?:st|nd)?", "b\\s+c"},
      {"x{0,3}y{1,2}z{00}", "y{1,2}"},
      {"a+?b??", "a+?"},
      {"x*?yz*", "y"},
      {"\\pL?x\\pN?", "x"},
      {"\\p{Greek}?x\\P{Han}*", "x"},
      {"\\x{41}?x\\x41?", "x"},
      {"[?]?x[)]*", "x"},
      {"[]a]?x[^]b]?", "x"},
      {"\xC3\xA9?x\xC3\xA9?", "x"},  // é, two bytes, one element
      {"^a?", "^"},                  // both match wherever ^ holds: everywhere
      {"a?\\bb", "\\bb"},
      // One group left: its content, inside its flags.
      {"(?:x)", "x"},
      {"((a)?b)", "b"},
      {"(?P<wd>Mon|Tue)", "Mon|Tue"},
      {"(?P<rel>(?i:(?:late|early)\\s+)?(?i:last|this)\\s+year)", "(?i:last|this)\\s+year"},
      {"(?i:(?:pada\\s+)?hari)", "(?i:hari)"},
      {"(?i-s:a?b)", "(?i-s:b)"},
  };
  for (const Case& c : cases) EXPECT_EQ(MatchCore(c.pattern), c.core) << c.pattern;
}

TEST(MatchCore, LeavesWhatItCannotReadOrWouldEmpty) {
  for (const char* p : {
           "a|b?",                         // a top-level alternation
           "(?:a)?b|c",                    //
           "a?b*c{0,2}d{0}",               // every element optional: it matches the empty string
           "(?i:(?:pada\\s+)?hari)\\s+x",  // the optional part is inside a required group
           "(?i)a?b",                      // a flag group first is no optional element
           "\\123?x",                      // an octal escape
           "a\\Q?\\E",                     // \Q...\E
           "a{,2}b",                       // "{,2}" is literal text for RE2
           "(a",                           // unbalanced
           "a)",                           //
           "[a",                           //
           "(?i)",                         // flags alone
           "a(?i)*",                       // the * quantifies the a, not the flags
       }) {
    EXPECT_EQ(MatchCore(p), p) << p;
  }
}

// The core of every pattern the rule sets are compiled from is a pattern RE2 reads, and the
// date rules, whose sets are compiled from their cores, lose something in most languages.
TEST(MatchCore, EveryEmbeddedDateRuleHasACoreThatCompiles) {
  int shorter = 0;
  for (Lang l : {Lang::kId, Lang::kEn}) {
    for (const Rule& r : test::EmbeddedRules().For(l).dates) {
      const std::string core = MatchCore(r.re->pattern());
      RE2 re(core, r.re->options());
      EXPECT_TRUE(re.ok()) << r.id << ": " << core << ": " << re.error();
      shorter += core.size() < r.re->pattern().size();
    }
  }
  EXPECT_GE(shorter, 10);
}

// Random patterns from pieces of RE2's syntax, each quantified or not: wherever RE2 reads the
// pattern, it reads the core, and the two match the same texts somewhere. (It found that a
// quantifier after a flag group, "a(?i)*", quantifies what comes before it.)
TEST(MatchCore, RandomPatternsMatchWhereTheirCoresMatch) {
  const std::vector<std::string> atoms = {
      "a",        "b",    "\\s",     "\\d",      "[ab]",      "[^a]", ".",          "^",
      "$",        "\\b",  "(?:a|b)", "(?P<x>a)", "(?i:ab)",   "(a)",  "\\pL",       "\\x{61}",
      "\xC3\xA9", "(?i)", "\\.",     "[]a]",     "(?:a\\s*)", "a|b",  "(?P<y>a?b)", "(?:)",
      "(?-i:A)",  "a{0}", "(?s:.)",  "\\Q",      "\\1",       "{",    "}",          ")"};
  const std::vector<std::string> quantifiers = {"",      "",      "",   "?",  "*",   "+",
                                                "{0,2}", "{1,2}", "??", "*?", "{2}", "{0}"};
  const std::vector<std::string> texts = {"",    "a",   "b",    "ab",      "ba",       " a",
                                          "a b", "aab", "1",    "a1 b",    "\xC3\xA9", "xa",
                                          "AB",  "a.b", "a\nb", "bbb aaa", "a  b 2"};
  std::mt19937 rng(20261206);
  int read = 0, changed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string p;
    for (int k = 1 + static_cast<int>(rng() % 5); k > 0; --k) {
      std::string a = atoms[rng() % atoms.size()];
      if (rng() % 4 == 0) a = "(?:" + a + atoms[rng() % atoms.size()] + ")";
      p += a + quantifiers[rng() % quantifiers.size()];
    }
    RE2 whole(p, RE2::Quiet);
    if (!whole.ok()) continue;
    ++read;
    const std::string core = MatchCore(p);
    changed += core != p;
    RE2 re(core, RE2::Quiet);
    ASSERT_TRUE(re.ok()) << p << " -> " << core;
    for (const std::string& t : texts) {
      ASSERT_EQ(RE2::PartialMatch(t, re), RE2::PartialMatch(t, whole))
          << "'" << t << "': " << p << " -> " << core;
    }
  }
  EXPECT_GT(read, 1500);
  EXPECT_GT(changed, read / 4);
}

}  // namespace
}  // namespace claims
