// Stage 0, read: expands the paths a user gives into documents in a stable order and reads them,
// saying for each one that cannot be read or is not text why it was skipped. One bad input never
// stops the others.
#ifndef CLAIMS_INPUT_H_
#define CLAIMS_INPUT_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claims/status.h"

namespace claims {

// An input that was not read, and why ("no such file or directory", "binary file", ...).
struct Skipped {
  std::string path;
  std::string reason;
  bool error = true;  // false for files skipped on purpose (binary, not text); true for failures
};

// Expands files, folders (recursively, sorted by byte order of their paths) and "-" (standard
// input) into document paths, one at a time: a folder's files come in byte order of their whole
// paths, the arguments in the order given, each file once. Missing paths, broken links, loops and
// special files go to the caller's list of skipped inputs as they are met.
//
// What it holds is the listing of each folder on the way down to the current one (sorted), not a
// list of every file, so a walk over a million files keeps no more than its largest folders. A
// file can come twice only where the arguments overlap (a path given twice, a folder and one
// inside it) or through a symbolic link; then the walk keeps the canonical path of every file it
// gave (keys) to give each once. A walk without keys stops at the first symbolic link it meets:
// Next returns false and restart() is true, and the caller walks again with keys (ExpandPaths).
class PathWalker {
 public:
  // keys: keep every file's canonical path from the start (else only when the arguments
  // overlap).
  explicit PathWalker(const std::vector<std::string>& paths, bool keys = false);
  ~PathWalker();
  PathWalker(const PathWalker&) = delete;
  PathWalker& operator=(const PathWalker&) = delete;

  // The next document path into *path; false at the end, or when restart() says to walk again.
  // Inputs skipped on the way are appended to *skipped.
  bool Next(std::string* path, std::vector<Skipped>* skipped);
  // The walk met a symbolic link without keys and stopped: walk again with keys.
  bool restart() const;
  // Whether this walk keeps keys (asked for, or the arguments overlap).
  bool keys() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// A PathWalker that goes on through links: when a walk without keys stops at one, it walks again
// with keys, passing over the paths and the skipped inputs it gave already, and goes on from
// there. So its callers see one walk, each file once, each skipped input said once.
class ResumingPathWalker {
 public:
  explicit ResumingPathWalker(const std::vector<std::string>& paths, bool keys = false);
  // As PathWalker::Next, never stopping at a link.
  bool Next(std::string* path, std::vector<Skipped>* skipped);
  // Whether the walk keeps keys now (asked for, the arguments overlap, or since a link).
  bool keys() const { return walker_->keys(); }

 private:
  std::vector<std::string> paths_;
  std::unique_ptr<PathWalker> walker_;
  size_t given_ = 0;       // paths given
  size_t since_path_ = 0;  // skipped inputs given since the last path
  size_t replay_ = 0;      // after walking again: skipped inputs to pass over, given before
};

// Every path a ResumingPathWalker gives; the inputs skipped go to *skipped.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<Skipped>* skipped);

// Reads one document. max_bytes bounds what is read (a larger file fails with kTooLarge).
Status ReadDocument(const std::string& path, size_t max_bytes, std::string* bytes);

// The first n bytes of a file (fewer when it is shorter); false when it cannot be opened. *whole
// (when given): the read ended before n bytes, so *head is all of the file (false when the read
// failed: a directory, say).
bool ReadHead(const std::string& path, size_t n, std::string* head, bool* whole = nullptr);

// What ReadHead gives for one file: ok is its return value.
struct Head {
  bool ok = false;
  bool whole = false;
  std::string bytes;
};

// ReadHead for each of paths, in order. Where the kernel has io_uring (Linux 5.19 on), a batch of
// files is opened, read and closed with one system call, not three a file, which counts where a
// system call is dear (a virtual machine's kernel) and the files are small (news articles): 2.6
// against 6.4 us a file on the benchmark's machine. Any file the batch could not read (a missing
// one, a folder, a kernel without io_uring or with it forbidden) is read again by ReadHead, so each
// answer is ReadHead's. CLAIMS_NO_URING=1 in the environment reads file by file, to compare.
std::vector<Head> ReadHeads(std::span<const std::string* const> paths, size_t n);

// Why bytes are not text (NUL bytes, a known binary signature), or empty when they are text.
std::string NotTextReason(std::string_view bytes);

}  // namespace claims

#endif  // CLAIMS_INPUT_H_
