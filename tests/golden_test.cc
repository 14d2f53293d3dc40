// Golden files: the output of the built binary on examples/seeds, in every format, compared byte
// for byte with tests/golden/. With CLAIMS_UPDATE_GOLDEN=1 in the environment the test rewrites
// the golden files instead (and says which); review the diff before committing it.
//
// The run uses no --reference-date, so dates resolve against each seed's own date (or the run's
// most common one), as a user's run would.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

struct Golden {
  const char* file;  // under tests/golden/
  std::vector<std::string> args;
};

const Golden kGoldens[] = {
    {"seeds.mentions.tsv", {"mentions", "--format", "tsv"}},
    {"seeds.claims.tsv", {"extract", "--format", "tsv"}},
    {"seeds.claims.csv", {"extract", "--format", "csv"}},
    {"seeds.claims.jsonl", {"extract", "--format", "jsonl"}},
    {"seeds.claims.md", {"extract", "--format", "markdown"}},
    {"seeds.claims.table", {"extract", "--format", "table", "--width", "80", "--color", "never"}},
};

// For test names and failure messages (not a byte dump of the struct).
void PrintTo(const Golden& g, std::ostream* os) { *os << g.file; }

bool Updating() {
  const char* v = std::getenv("CLAIMS_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// The first line where a and b differ, for the failure message.
std::string FirstDifference(const std::string& want, const std::string& got) {
  std::vector<std::string> w = test::SplitLines(want), g = test::SplitLines(got);
  for (size_t i = 0; i < std::max(w.size(), g.size()); ++i) {
    std::string wl = i < w.size() ? w[i] : "(end of file)";
    std::string gl = i < g.size() ? g[i] : "(end of output)";
    if (wl != gl) {
      return "first difference at line " + std::to_string(i + 1) + ":\n  golden: " + wl +
             "\n  output: " + gl;
    }
  }
  return "the files differ only in line endings or a final newline";
}

class GoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenTest, MatchesTheSeeds) {
  const Golden& g = GetParam();
  std::vector<std::string> args = g.args;
  args.push_back("-q");
  args.push_back("examples/seeds");
  test::ProcResult r = test::RunClaims(args, test::SourceDir());
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_FALSE(r.out.empty());
  const std::string path = test::SourceDir() + "/tests/golden/" + g.file;
  if (Updating()) {
    bool changed = test::ReadFileOrDie(path) != r.out;
    ASSERT_TRUE(test::WriteFile(path, r.out)) << "cannot write " << path;
    std::printf("%s tests/golden/%s\n", changed ? "updated" : "unchanged", g.file);
    return;
  }
  std::string want = test::ReadFileOrDie(path);
  ASSERT_FALSE(want.empty()) << "missing golden file tests/golden/" << g.file
                             << "; create it with CLAIMS_UPDATE_GOLDEN=1";
  if (want != r.out) {
    std::string cmd;
    for (const auto& a : args) cmd += " " + a;
    ADD_FAILURE() << "`claims" << cmd << "` differs from tests/golden/" << g.file << "\n"
                  << FirstDifference(want, r.out)
                  << "\nIf the change is intended, rerun with CLAIMS_UPDATE_GOLDEN=1 and review "
                     "the diff.";
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, GoldenTest, ::testing::ValuesIn(kGoldens),
                         [](const ::testing::TestParamInfo<Golden>& param_info) {
                           std::string name;
                           for (const char* p = param_info.param.file; *p; ++p) {
                             name.push_back(std::isalnum(static_cast<unsigned char>(*p)) ? *p
                                                                                         : '_');
                           }
                           return name;
                         });

}  // namespace
}  // namespace claims
