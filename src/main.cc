// claims: who said what across news outlets. main() reads as the list of passes: parse the
// command line, load the rules, run the per-article stages, match claims, print.
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "claims/claims.h"
#include "claims/heap.h"
#include "claims/mentions_reader.h"
#include "claims/parallel.h"
#include "claims/printer.h"
#include "claims/rules.h"
#include "claims/run.h"
#include "claims/utf8.h"

namespace {

using namespace claims;

// Exit statuses (README.md, "Exit status").
enum ExitStatus : int {
  kExitOk = 0,
  kExitInputFailed = 2,  // some input could not be read; the others were processed
  kExitUsage = 3,        // bad command line: nothing was read
  kExitRules = 4,        // the rules could not be loaded: nothing was read
};

struct CommonFlags {
  std::vector<std::string> paths;
  std::string format;
  std::string rules_dir;
  std::string reference_date;
  std::string outlets_file;
  int threads = 0;
  size_t max_bytes = size_t{256} << 20;
  bool stats = false;
  bool quiet = false;
  bool progress = false;
  std::string input = "text";
};

struct ExtractFlags {
  std::string color = "auto";
  std::string kind;
  std::string speaker;
  int min_outlets = 0;
  bool conflicts = false;
  std::string only_in;
  int width = 0;
  bool from_mentions = false;
};

void AddCommon(CLI::App* app, CommonFlags* f, const char* what) {
  app->add_option("paths", f->paths, "Files, folders (read recursively) or - for standard input")
      ->required();
  app->add_option("-f,--format", f->format, what);
  app->add_option("--rules", f->rules_dir,
                  "Folder of rules to use instead of the built-in ones (same layout as data/)");
  app->add_option("--reference-date", f->reference_date,
                  "YYYY-MM-DD to resolve relative dates against, for every document");
  app->add_option("--outlets", f->outlets_file,
                  "TSV file: path or file name, outlet name, optional date and URL");
  app->add_option("-j,--threads", f->threads, "Worker threads (default: all cores)");
  app->add_option("--max-bytes", f->max_bytes, "Largest file read, in bytes (default 268435456)");
  app->add_flag("--stats", f->stats,
                "Print counts of documents, skips, mentions and claims to stderr");
  app->add_flag("-q,--quiet", f->quiet, "No warnings or progress on standard error");
  app->add_option(
      "--input", f->input,
      "text (default): each path is an article or a folder of them; jsonl: each path "
      "(or -) holds one article per line as {\"id\",\"outlet\",\"date\",\"url\",\"text\"}");
}

int TerminalWidth() {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    int w = std::atoi(c);
    if (w > 0) return w;
  }
  return 80;
}

// Turns flags into run options, reporting every problem at once.
bool Validate(const CommonFlags& f, bool extract, Format* format, RunOptions* run,
              std::vector<std::string>* problems) {
  bool tty = isatty(STDOUT_FILENO);
  if (f.format.empty()) {
    *format =
        extract ? (tty ? Format::kTable : Format::kTsv) : (tty ? Format::kTsv : Format::kJsonl);
  } else if (!ParseFormat(f.format, format)) {
    problems->push_back(fmt::format("--format: unknown format '{}'", f.format));
  } else if (!extract && (*format == Format::kTable || *format == Format::kMarkdown)) {
    problems->push_back(
        fmt::format("--format: mentions print as jsonl, tsv or csv, not '{}'", f.format));
  }
  run->paths = f.paths;
  run->threads = f.threads;
  run->max_bytes = f.max_bytes;
  run->progress = !f.quiet;
  if (f.threads < 0) problems->push_back("--threads: must be 0 (all cores) or more");
  if (!f.reference_date.empty()) {
    Ymd d;
    if (!ParseIsoDate(f.reference_date, &d)) {
      problems->push_back(fmt::format("--reference-date: '{}' is not a date in the form YYYY-MM-DD",
                                      f.reference_date));
    } else {
      run->reference_date = d;
    }
  }
  if (!f.outlets_file.empty()) {
    Status s = LoadOutletsFile(f.outlets_file, &run->outlets);
    if (!s.ok()) problems->push_back("--outlets: " + s.message());
  }
  return problems->empty();
}

void PrintStats(const RunStats& r, size_t claims_count, bool extract) {
  std::map<std::string, int> reasons;
  for (const auto& s : r.skipped) ++reasons[s.reason];
  size_t mentions = 0;
  for (const auto& [k, n] : r.mentions) mentions += n;
  std::string s = fmt::format("claims: {} documents read ({} bytes), {} skipped\n", r.documents,
                              r.bytes, r.skipped.size());
  for (const auto& [why, n] : reasons) s += fmt::format("claims:   skipped {}: {}\n", n, why);
  s += fmt::format("claims: {} mentions", mentions);
  std::string sep = " (";
  for (const auto& [k, n] : r.mentions) {
    s += fmt::format("{}{} {}", sep, n, k);
    sep = ", ";
  }
  if (!r.mentions.empty()) s += ")";
  s += "\n";
  if (extract) s += fmt::format("claims: {} claims\n", claims_count);
  std::fputs(s.c_str(), stderr);
}

void ReportSkipped(const Skipped& sk, bool quiet, bool* failed) {
  if (sk.error) *failed = true;
  if (!quiet || sk.error) {
    std::fprintf(stderr, "claims: %s: %s%s\n", sk.path.c_str(),
                 sk.error ? "" : "skipped: ", sk.reason.c_str());
  }
}

// Filters the rows and prints them.
// The outlets of a run in order of first appearance, the table's columns: a set answers "seen?"
// (a search of the list per document grew with documents times outlets).
struct DistinctOutlets {
  std::vector<std::string> list;
  StringSet seen;
  void Add(const std::string& outlet) {
    if (seen.insert(outlet).second) list.push_back(outlet);
  }
};

size_t PrintRows(std::vector<ClaimRow> rows, const std::vector<std::string>& outlets,
                 const ExtractFlags& x, Format format, int threads) {
  std::string speaker = CaseFold(x.speaker);
  std::vector<ClaimRow> kept;
  for (auto& r : rows) {
    if (!x.kind.empty() && r.kind != x.kind) continue;
    if (static_cast<int>(r.outlets.size()) < x.min_outlets) continue;
    if (x.conflicts && !r.conflict) continue;
    if (!x.only_in.empty() && !(r.outlets.size() == 1 && r.outlets[0] == x.only_in)) continue;
    if (!speaker.empty()) {
      bool hit = false;
      for (const auto& m : r.members) {
        if (CaseFold(m.speaker).find(speaker) != std::string::npos) hit = true;
      }
      if (!hit) continue;
    }
    kept.push_back(std::move(r));
  }
  TableOptions table;
  table.width = x.width > 0 ? x.width : TerminalWidth();
  bool tty = isatty(STDOUT_FILENO);
  table.color =
      x.color == "always" || (x.color == "auto" && tty && std::getenv("NO_COLOR") == nullptr);
  PrintClaims(format, kept, outlets, table, stdout, threads);
  return kept.size();
}

int RunCommand(const CommonFlags& f, const ExtractFlags* x) {
  const bool extract = x != nullptr;
  Format format = Format::kTsv;
  RunOptions run;
  std::vector<std::string> problems;
  Validate(f, extract, &format, &run, &problems);
  if (!f.input.empty() && f.input != "text" && f.input != "jsonl") {
    problems.push_back(fmt::format("--input: expected text or jsonl, not '{}'", f.input));
  }
  run.input_jsonl = f.input == "jsonl";
  if (extract) {
    if (x->color != "auto" && x->color != "always" && x->color != "never") {
      problems.push_back(
          fmt::format("--color: expected auto, always or never, not '{}'", x->color));
    }
    if (!x->kind.empty() && x->kind != "quote" && x->kind != "fact") {
      problems.push_back(fmt::format("--kind: expected quote or fact, not '{}'", x->kind));
    }
    if (x->min_outlets < 0) problems.push_back("--min-outlets: must be 0 or more");
    if (x->from_mentions && run.input_jsonl) {
      problems.push_back("--from-mentions reads mentions, not articles: drop --input");
    }
  }
  if (!problems.empty()) {
    for (const auto& p : problems) std::fprintf(stderr, "claims: %s\n", p.c_str());
    return kExitUsage;
  }
  // -j: loading the rules, the analysis, and then joining and printing the claims.
  const int threads = ThreadCount(f.threads);
  Rules rules;
  // The embedded rules with each language's speaker and law rules loaded at its first document: a
  // run over one language's articles never compiles the other's (a --rules folder loads whole,
  // so that its errors come before any output).
  Status s = f.rules_dir.empty() ? LoadEmbeddedRules(&rules, threads, /*defer=*/true)
                                 : LoadRulesFromDir(f.rules_dir, &rules, threads);
  if (!s.ok()) {
    std::fprintf(stderr, "claims: %s\n", s.message().c_str());
    return kExitRules;
  }
  bool failed = false;
  RunStats stats;
  size_t claim_count = 0;
  if (extract && x->from_mentions) {
    // The corpus-wide stage alone, over mentions written by `claims mentions --format jsonl`.
    ReadDocuments in;
    for (const auto& p : f.paths) {
      Status rs = ReadMentionsFile(p, f.max_bytes, &in);
      if (!rs.ok()) {
        // The message already names the file (and line): "F:2: not JSON: ...".
        std::fprintf(stderr, "claims: %s\n", rs.message().c_str());
        failed = true;
      }
    }
    ResolveReadDates(run.reference_date, &in);
    ClaimMatcher matcher(rules);
    DistinctOutlets outlets;
    for (size_t i = 0; i < in.docs.size(); ++i) {
      matcher.Add(in.docs[i], in.facts[i]);
      outlets.Add(in.docs[i].outlet);
      ++stats.documents;
      for (const auto& m : in.docs[i].mentions) ++stats.mentions[std::string(KindName(m.kind))];
    }
    claim_count = PrintRows(matcher.TakeRows(threads), outlets.list, *x, format, threads);
  } else if (!extract) {
    // Mentions stream: each document is printed as soon as it and those before it are done.
    auto printer = MakeMentionPrinter(format, stdout);
    printer->Begin();
    run.find_facts = format == Format::kJsonl;
    const MentionPrinter* renderer = printer.get();
    run.render = [renderer](const Document& doc, const std::vector<FactCandidate>* facts,
                            std::string* out) { renderer->Render(doc, facts, out); };
    RunPipeline(
        rules, run,
        [&](RunItem& item) {
          if (item.skipped) {
            ReportSkipped(*item.skipped, f.quiet, &failed);
            return;
          }
          if (!f.quiet) {
            for (const auto& w : item.doc->warnings)
              std::fprintf(stderr, "claims: warning: %s\n", w.c_str());
          }
          printer->Write(*item.rendered);  // run.render is set: every document is rendered
        },
        &stats);
  } else {
    run.find_facts = true;
    run.prepare_quote_units = true;
    ClaimMatcher matcher(rules);
    DistinctOutlets outlets;
    RunPipeline(
        rules, run,
        [&](RunItem& item) {
          if (item.skipped) {
            ReportSkipped(*item.skipped, f.quiet, &failed);
            return;
          }
          Document& d = *item.doc;
          if (!f.quiet) {
            for (const auto& w : d.warnings)
              std::fprintf(stderr, "claims: warning: %s\n", w.c_str());
          }
          matcher.Add(d, *item.facts, item.quote_units);
          outlets.Add(d.outlet);
        },
        &stats);
    claim_count = PrintRows(matcher.TakeRows(threads), outlets.list, *x, format, threads);
  }
  std::fflush(stdout);
  if (f.stats) PrintStats(stats, claim_count, extract);
  return failed ? kExitInputFailed : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  claims::PrefaultHeapGrowth();  // first: before the rules, and before any thread
  CLI::App app{
      "claims: who said what, and where news outlets disagree.\n"
      "Reads news articles (Indonesian or English, plain text) and prints the quotes with their\n"
      "speakers, the people, organisations, places, dates, numbers and legal references in them,\n"
      "and a table of which outlet reported which claim."};
  app.set_version_flag("--version", [] { return "claims 0.1.0\nheap: " + claims::HeapReport(); });
  app.require_subcommand(1);
  CommonFlags mf, xf;
  ExtractFlags xx;
  CLI::App* mentions = app.add_subcommand("mentions", "Print every mention, one per line");
  AddCommon(mentions, &mf, "jsonl, tsv or csv (default: tsv on a terminal, jsonl when piped)");
  CLI::App* extract = app.add_subcommand("extract", "Print the table of claims by outlet");
  AddCommon(extract, &xf,
            "table, tsv, csv, jsonl or markdown (default: table on a terminal, tsv when piped)");
  extract->add_option("--color", xx.color, "auto, always or never (NO_COLOR is honoured)");
  extract->add_option("--kind", xx.kind, "Only rows of this kind: quote or fact");
  extract->add_option("--speaker", xx.speaker, "Only quotes whose speaker contains NAME");
  extract->add_option("--min-outlets", xx.min_outlets,
                      "Only claims reported by at least N outlets");
  extract->add_flag("--conflicts", xx.conflicts, "Only claims whose outlets disagree");
  extract->add_option("--only-in", xx.only_in, "Only claims that no outlet but OUTLET reported");
  extract->add_option("--width", xx.width, "Table width (default: the terminal's, else 80)");
  extract->add_flag("--from-mentions", xx.from_mentions,
                    "PATHS are mentions JSON Lines written by `claims mentions --format jsonl` "
                    "(e.g. in shards); build the table from them");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  // Output to a file or a pipe in 64 KB writes: stdio's default (4 KB, the pipe's or the file's
  // block) made a write call per document or so (11,234 for `mentions` over 8,900 BBC articles;
  // 769 with this), and a system call is dear on a virtual machine. A terminal keeps its line
  // buffering, so that rows show as they come.
  static char out_buffer[1 << 16];
  if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  try {
    if (mentions->parsed()) return RunCommand(mf, nullptr);
    return RunCommand(xf, &xx);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "claims: internal error: %s\n", e.what());
    return 70;
  }
}
