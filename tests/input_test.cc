// Reading inputs: ExpandPaths over a real temporary folder (order, hidden files, missing paths,
// broken links, loops, FIFOs), ReadDocument's limit, and NotTextReason.
#include "claims/input.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

namespace fs = std::filesystem;

// The reasons given for skipped paths, by path.
std::string ReasonFor(const std::vector<Skipped>& skipped, const std::string& path) {
  for (const Skipped& s : skipped) {
    if (s.path == path) return s.reason;
  }
  return "(not skipped)";
}

TEST(ExpandPaths, FolderIsReadRecursivelyInSortedOrder) {
  test::TempDir tmp;
  for (const char* f : {"b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "Z.txt", "sub2/e.txt"}) {
    ASSERT_TRUE(test::WriteFile(tmp / f, "x"));
  }
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp.path()}, &skipped);
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(
      got, (std::vector<std::string>{tmp / "Z.txt", tmp / "a.txt", tmp / "b.txt", tmp / "sub/c.txt",
                                     tmp / "sub/deeper/d.txt", tmp / "sub2/e.txt"}));
}

TEST(ExpandPaths, HiddenFilesAndFoldersAreSkippedSilently) {
  test::TempDir tmp;
  for (const char* f : {"a.txt", ".hidden.txt", ".git/config", "sub/.DS_Store", "sub/b.txt"}) {
    ASSERT_TRUE(test::WriteFile(tmp / f, "x"));
  }
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp.path()}, &skipped);
  EXPECT_EQ(got, (std::vector<std::string>{tmp / "a.txt", tmp / "sub/b.txt"}));
  EXPECT_TRUE(skipped.empty());
}

TEST(ExpandPaths, ArgumentsKeepTheirOrderAndDashIsStandardInput) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "b.txt", "x"));
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", "x"));
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp / "b.txt", "-", tmp / "a.txt"}, &skipped);
  EXPECT_EQ(got, (std::vector<std::string>{tmp / "b.txt", "-", tmp / "a.txt"}));
  // A hidden file named on the command line is read.
  ASSERT_TRUE(test::WriteFile(tmp / ".h.txt", "x"));
  EXPECT_EQ(ExpandPaths({tmp / ".h.txt"}, &skipped), std::vector<std::string>{tmp / ".h.txt"});
}

TEST(ExpandPaths, MissingPathIsReportedAndTheOthersStillExpand) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", "x"));
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp / "missing.txt", tmp / "a.txt"}, &skipped);
  EXPECT_EQ(got, std::vector<std::string>{tmp / "a.txt"});
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, tmp / "missing.txt");
  EXPECT_EQ(skipped[0].reason, "no such file or directory");
  EXPECT_TRUE(skipped[0].error);
}

// A path named on the command line that stat() refuses for another reason than a missing file is
// skipped with that reason (a folder's entries go through the same UnreadablePathReason; their
// other failures, such as a permission, need a user other than root to show): a file used as a
// folder (not a directory), a name longer than the system allows.
TEST(ExpandPaths, OtherUnreadablePathsSayTheSystemsReason) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", "x"));
  const std::string long_name(300, 'n');  // over NAME_MAX (255) on every Linux file system
  std::vector<Skipped> skipped;
  std::vector<std::string> got =
      ExpandPaths({tmp / "a.txt/inside.txt", tmp / long_name, tmp / "a.txt"}, &skipped);
  EXPECT_EQ(got, std::vector<std::string>{tmp / "a.txt"});
  EXPECT_EQ(ReasonFor(skipped, tmp / "a.txt/inside.txt"),
            std::make_error_code(std::errc::not_a_directory).message());
  EXPECT_EQ(ReasonFor(skipped, tmp / long_name),
            std::make_error_code(std::errc::filename_too_long).message());
  for (const Skipped& s : skipped) EXPECT_TRUE(s.error);
}

TEST(ExpandPaths, BrokenSymbolicLink) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/a.txt", "x"));
  fs::create_symlink(tmp / "nowhere.txt", tmp / "dir/broken.txt");
  fs::create_symlink(tmp / "nowhere.txt", tmp / "top-broken.txt");
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp / "dir", tmp / "top-broken.txt"}, &skipped);
  EXPECT_EQ(got, std::vector<std::string>{tmp / "dir/a.txt"});
  EXPECT_EQ(ReasonFor(skipped, tmp / "dir/broken.txt"), "broken symbolic link");
  EXPECT_EQ(ReasonFor(skipped, tmp / "top-broken.txt"), "broken symbolic link");
  for (const Skipped& s : skipped) EXPECT_TRUE(s.error);
}

TEST(ExpandPaths, SymbolicLinkLoopIsReadOnce) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/a.txt", "x"));
  fs::create_directory_symlink(tmp / "dir", tmp / "dir/loop");
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp / "dir"}, &skipped);
  EXPECT_EQ(got, std::vector<std::string>{tmp / "dir/a.txt"});
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, tmp / "dir/loop");
  EXPECT_EQ(skipped[0].reason, "symbolic link loop (folder already read)");
}

TEST(ExpandPaths, SelfReferencingLinkDoesNotHang) {
  test::TempDir tmp;
  fs::create_symlink(tmp / "self", tmp / "self");
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp.path()}, &skipped);
  EXPECT_TRUE(got.empty());
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, tmp / "self");
}

TEST(ExpandPaths, FifoIsNotRead) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", "x"));
  ASSERT_EQ(mkfifo((tmp / "pipe").c_str(), 0600), 0);
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp.path(), tmp / "pipe"}, &skipped);
  EXPECT_EQ(got, std::vector<std::string>{tmp / "a.txt"});
  ASSERT_EQ(skipped.size(), 2u);  // once inside the folder, once named directly
  for (const Skipped& s : skipped) {
    EXPECT_EQ(s.path, tmp / "pipe");
    EXPECT_EQ(s.reason, "not a regular file (device, FIFO or socket)");
  }
}

// Regression (fixed in f1e7c80): input.h promises byte order of whole paths, but folders were
// sorted by file name and descended into in place, so "dir/a/z.txt" came before "dir/a.txt".
TEST(ExpandPaths, OrderIsByteOrderOfTheWholePath) {
  test::TempDir tmp;
  for (const char* f : {"a/z.txt", "a.txt", "a-b/y.txt"})
    ASSERT_TRUE(test::WriteFile(tmp / f, "x"));
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp.path()}, &skipped);
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
  EXPECT_EQ(got, (std::vector<std::string>{tmp / "a-b/y.txt", tmp / "a.txt", tmp / "a/z.txt"}));
}

// Regression (fixed in f1e7c80): a folder given twice ("claims mentions dir dir", or a folder and
// its subfolder) was reported as a "symbolic link loop" with error = true, and the CLI exited 2.
TEST(ExpandPaths, FolderGivenTwiceIsNotALinkLoop) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/sub/a.txt", "x"));
  std::vector<Skipped> skipped;
  ExpandPaths({tmp / "dir", tmp / "dir", tmp / "dir/sub"}, &skipped);
  for (const Skipped& s : skipped) {
    EXPECT_FALSE(s.error) << s.path << ": " << s.reason;
    EXPECT_EQ(s.reason.find("symbolic link"), std::string::npos) << s.path << ": " << s.reason;
  }
}

TEST(ReadDocument, ReadsBytesAsTheyAre) {
  test::TempDir tmp;
  const std::string bytes = std::string("\xEF\xBB\xBFline\r\n\0nul", 13);
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", bytes));
  std::string got;
  Status s = ReadDocument(tmp / "a.txt", 1 << 20, &got);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(got, bytes);
}

TEST(ReadDocument, LimitAndErrors) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "big.txt", std::string(100, 'x')));
  std::string got;
  Status s = ReadDocument(tmp / "big.txt", 99, &got);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("--max-bytes"), std::string::npos) << s.message();
  EXPECT_TRUE(ReadDocument(tmp / "big.txt", 100, &got).ok());
  EXPECT_EQ(ReadDocument(tmp / "missing.txt", 100, &got).code(), Status::Code::kIoError);
  EXPECT_EQ(ReadDocument(tmp.path(), 100, &got).code(), Status::Code::kIoError);
}

TEST(ReadDocument, FilesLargerThanOneReadAndAtTheLimit) {
  test::TempDir tmp;
  // Larger than the 64 KiB steps, and exactly at --max-bytes.
  std::string bytes;
  for (int i = 0; bytes.size() < 200000; ++i) bytes += "baris " + std::to_string(i) + "\n";
  ASSERT_TRUE(test::WriteFile(tmp / "long.txt", bytes));
  std::string got = "left over from an earlier document";
  ASSERT_TRUE(ReadDocument(tmp / "long.txt", 1 << 20, &got).ok());
  EXPECT_EQ(got, bytes);
  EXPECT_TRUE(ReadDocument(tmp / "long.txt", bytes.size(), &got).ok());
  EXPECT_EQ(got, bytes);
  EXPECT_EQ(ReadDocument(tmp / "long.txt", bytes.size() - 1, &got).code(), Status::Code::kTooLarge);
  ASSERT_TRUE(test::WriteFile(tmp / "empty.txt", ""));
  ASSERT_TRUE(ReadDocument(tmp / "empty.txt", 10, &got).ok());
  EXPECT_EQ(got, "");
}

TEST(ReadHead, FirstBytesOrTheWholeShortFile) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", "JAKARTA, KOMPAS.com - Senin (28/4/2025)"));
  std::string head = "stale";
  ASSERT_TRUE(ReadHead(tmp / "a.txt", 7, &head));
  EXPECT_EQ(head, "JAKARTA");
  ASSERT_TRUE(ReadHead(tmp / "a.txt", 4096, &head));
  EXPECT_EQ(head, "JAKARTA, KOMPAS.com - Senin (28/4/2025)");
  EXPECT_FALSE(ReadHead(tmp / "missing.txt", 10, &head));
}

TEST(ReadHead, SaysWhenItReadTheWholeFile) {
  test::TempDir tmp;
  const std::string text = "JAKARTA, KOMPAS.com - Senin (28/4/2025)";
  ASSERT_TRUE(test::WriteFile(tmp / "a.txt", text));
  ASSERT_TRUE(test::WriteFile(tmp / "empty.txt", ""));
  std::string head;
  bool whole = true;
  ASSERT_TRUE(ReadHead(tmp / "a.txt", 7, &head, &whole));
  EXPECT_FALSE(whole);
  // Exactly n bytes: whether more follow is not known from one read.
  ASSERT_TRUE(ReadHead(tmp / "a.txt", text.size(), &head, &whole));
  EXPECT_EQ(head, text);
  EXPECT_FALSE(whole);
  ASSERT_TRUE(ReadHead(tmp / "a.txt", text.size() + 1, &head, &whole));
  EXPECT_EQ(head, text);
  EXPECT_TRUE(whole);
  ASSERT_TRUE(ReadHead(tmp / "empty.txt", 10, &head, &whole));
  EXPECT_EQ(head, "");
  EXPECT_TRUE(whole);
  // A folder opens but does not read: nothing of it is whole.
  whole = true;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/x.txt", "x"));
  ReadHead(tmp / "dir", 10, &head, &whole);
  EXPECT_EQ(head, "");
  EXPECT_FALSE(whole);
  whole = true;
  EXPECT_FALSE(ReadHead(tmp / "missing.txt", 10, &head, &whole));
  EXPECT_FALSE(whole);
}

// ReadHeads answers as ReadHead does, file for file: short and long files, empty ones, one of
// exactly n bytes, a folder (opens, does not read), missing paths, in batches and past them (the
// ring takes sixteen files at a time), from two threads at once, with io_uring and without it
// (CLAIMS_NO_URING=1; a build without liburing reads file by file either way).
TEST(ReadHeads, AnswersAsReadHeadDoesForEveryFile) {
  test::TempDir tmp;
  constexpr size_t n = 4096;
  std::vector<std::string> paths;
  size_t k = 0;
  for (size_t size : {size_t{0}, size_t{1}, size_t{300}, n - 1, n, n + 1, 3 * n}) {
    for (int copy = 0; copy < 5; ++copy, ++k) {
      std::string body;
      for (size_t i = 0; body.size() < size; ++i) body += static_cast<char>('a' + (i + k) % 26);
      const std::string path = tmp / ("f" + std::to_string(k) + " \xC3\xA9.txt");
      ASSERT_TRUE(test::WriteFile(path, body));
      paths.push_back(path);
      if (copy == 2) paths.push_back(tmp / ("missing" + std::to_string(k)));
    }
  }
  ASSERT_TRUE(test::WriteFile(tmp / "dir/x.txt", "x"));
  paths.insert(paths.begin() + 17, tmp / "dir");
  std::vector<const std::string*> ptrs;
  for (const auto& p : paths) ptrs.push_back(&p);
  auto check = [&](const std::vector<Head>& got) {
    ASSERT_EQ(got.size(), paths.size());
    size_t read = 0;
    for (size_t i = 0; i < paths.size(); ++i) {
      SCOPED_TRACE(paths[i]);
      Head want;
      want.ok = ReadHead(paths[i], n, &want.bytes, &want.whole);
      EXPECT_EQ(got[i].ok, want.ok);
      EXPECT_EQ(got[i].whole, want.whole);
      EXPECT_TRUE(got[i].bytes == want.bytes)
          << got[i].bytes.size() << " bytes, not " << want.bytes.size();
      read += got[i].ok;
    }
    EXPECT_EQ(read, 35u + 1u);  // the folder opens too
  };
  for (const char* no_uring : {"0", "1"}) {
    SCOPED_TRACE(std::string("CLAIMS_NO_URING=") + no_uring);
    ASSERT_EQ(setenv("CLAIMS_NO_URING", no_uring, 1), 0);
    check(ReadHeads(ptrs, n));
    std::vector<Head> other;
    std::thread t([&] { other = ReadHeads(ptrs, n); });
    std::vector<Head> here = ReadHeads(ptrs, n);
    t.join();
    check(here);
    check(other);
    // One file, and none.
    std::vector<Head> one = ReadHeads(std::span(ptrs).first(1), n);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_TRUE(one[0].ok);
    EXPECT_TRUE(ReadHeads({}, n).empty());
  }
  unsetenv("CLAIMS_NO_URING");
}

TEST(ExpandPaths, LinkedFilesInAFolderAreReadOnceUnderTheirFirstName) {
  // A file and a link to it in one folder, and a link to a file in another folder named too:
  // each file is read once, under the path that comes first.
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/b.txt", "x"));
  ASSERT_TRUE(test::WriteFile(tmp / "other/c.txt", "y"));
  fs::create_symlink(tmp / "dir/b.txt", tmp / "dir/a-link.txt");
  fs::create_symlink(tmp / "other/c.txt", tmp / "dir/c-link.txt");
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp / "dir", tmp / "other"}, &skipped);
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(got, (std::vector<std::string>{tmp / "dir/a-link.txt", tmp / "dir/c-link.txt"}));
}

// One folder named alone is walked without keys (its files cannot repeat) until a symbolic link
// turns up; then it is walked again with them. What the first walk skipped is said once, and the
// linked file is still read once.
TEST(ExpandPaths, OneFolderWithALinkIsWalkedAgainAndSaysWhatItSkippedOnce) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/c.txt", "x"));
  ASSERT_EQ(mkfifo((tmp / "dir/a-pipe").c_str(), 0600), 0);  // before the link, in name order
  fs::create_symlink(tmp / "dir/c.txt", tmp / "dir/b-link.txt");
  std::vector<Skipped> skipped;
  std::vector<std::string> got = ExpandPaths({tmp / "dir"}, &skipped);
  EXPECT_EQ(got, std::vector<std::string>{tmp / "dir/b-link.txt"});
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, tmp / "dir/a-pipe");
  // Without the link, the same folder gives its files in order, and the FIFO once.
  fs::remove(tmp / "dir/b-link.txt");
  ASSERT_TRUE(test::WriteFile(tmp / "dir/sub/b.txt", "x"));
  skipped.clear();
  got = ExpandPaths({"-", tmp / "dir"}, &skipped);
  EXPECT_EQ(got, (std::vector<std::string>{"-", tmp / "dir/c.txt", tmp / "dir/sub/b.txt"}));
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, tmp / "dir/a-pipe");
}

// PathWalker gives what ExpandPaths lists, one path at a time; it keeps keys (canonical paths of
// the files given) only when the arguments overlap, and without them it stops at a link.
TEST(PathWalker, KeysOnlyWhereTheArgumentsOverlap) {
  test::TempDir tmp;
  for (const char* f : {"one/a.txt", "one/sub/b.txt", "two/c.txt"})
    ASSERT_TRUE(test::WriteFile(tmp / f, "x"));
  auto walk = [](const std::vector<std::string>& paths, bool* keys) {
    PathWalker w(paths);
    std::vector<std::string> got;
    std::vector<Skipped> skipped;
    std::string p;
    while (w.Next(&p, &skipped)) got.push_back(p);
    EXPECT_FALSE(w.restart());
    EXPECT_TRUE(skipped.empty());
    *keys = w.keys();
    return got;
  };
  bool keys = true;
  EXPECT_EQ(
      walk({tmp / "one", tmp / "two"}, &keys),
      (std::vector<std::string>{tmp / "one/a.txt", tmp / "one/sub/b.txt", tmp / "two/c.txt"}));
  EXPECT_FALSE(keys);
  // A folder inside another, a folder twice (written another way), a file inside a folder.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{tmp / "one", tmp / "one/sub"},
        std::vector<std::string>{tmp / "one/", tmp / "two", tmp / "one"},
        std::vector<std::string>{tmp / "one/sub/b.txt", "-", tmp / "one"}}) {
    std::vector<std::string> got = walk(args, &keys);
    EXPECT_TRUE(keys) << args[0] << " " << args[1];
    std::vector<std::string> sorted = got;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end()) << "a file given twice";
  }
  // A prefix of a name is not a folder above it.
  ASSERT_TRUE(test::WriteFile(tmp / "one-more/d.txt", "x"));
  walk({tmp / "one", tmp / "one-more"}, &keys);
  EXPECT_FALSE(keys);
}

TEST(PathWalker, StopsAtALinkWithoutKeysAndGoesOnWithThem) {
  test::TempDir tmp;
  ASSERT_TRUE(test::WriteFile(tmp / "dir/a.txt", "x"));
  ASSERT_TRUE(test::WriteFile(tmp / "dir/sub/c.txt", "x"));
  fs::create_symlink(tmp / "dir/a.txt", tmp / "dir/sub/b-link.txt");
  std::vector<Skipped> skipped;
  std::string p;
  PathWalker plain({tmp / "dir"});
  ASSERT_TRUE(plain.Next(&p, &skipped));
  EXPECT_EQ(p, tmp / "dir/a.txt");
  EXPECT_FALSE(plain.Next(&p, &skipped));  // the link, in sub/
  EXPECT_TRUE(plain.restart());
  PathWalker keyed({tmp / "dir"}, true);
  std::vector<std::string> got;
  while (keyed.Next(&p, &skipped)) got.push_back(p);
  EXPECT_FALSE(keyed.restart());
  EXPECT_EQ(got, (std::vector<std::string>{tmp / "dir/a.txt", tmp / "dir/sub/c.txt"}));
  EXPECT_TRUE(skipped.empty());
}

TEST(NotTextReason, TextIsText) {
  EXPECT_EQ(NotTextReason(""), "");
  EXPECT_EQ(NotTextReason("Putin berterima kasih kepada Korea Utara.\n"), "");
  EXPECT_EQ(NotTextReason("\xEF\xBB\xBFUTF-8 with a BOM \xE5\xB9\xB3"), "");
  EXPECT_EQ(NotTextReason("bad \xFF byte is still text"), "");
}

TEST(NotTextReason, NulBytes) {
  EXPECT_EQ(NotTextReason(std::string("abc\0def", 7)), "binary file (contains NUL bytes)");
}

TEST(NotTextReason, KnownSignatures) {
  EXPECT_EQ(NotTextReason("\x89PNG\r\n\x1a\n...."), "binary file (PNG image)");
  EXPECT_EQ(NotTextReason("%PDF-1.7\n"), "binary file (PDF document)");
  EXPECT_EQ(NotTextReason(std::string("PK\x03\x04rest", 8)), "binary file (zip archive)");
  EXPECT_EQ(NotTextReason("\x1f\x8b\x08"), "binary file (gzip archive)");
  EXPECT_EQ(NotTextReason("\x7f"
                          "ELF\x02\x01"),
            "binary file (executable)");
}

TEST(NotTextReason, Utf16IsNamedAsSuch) {
  // "Hi" in UTF-16 LE and BE, each with its byte order mark.
  EXPECT_EQ(NotTextReason(std::string("\xFF\xFEH\0i\0", 6)), "UTF-16 text (convert it to UTF-8)");
  EXPECT_EQ(NotTextReason(std::string("\xFE\xFF\0H\0i", 6)), "UTF-16 text (convert it to UTF-8)");
}

}  // namespace
}  // namespace claims
