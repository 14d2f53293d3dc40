// Reading inputs (see input.h).
#include "claims/input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>
#include <unordered_set>
#include <vector>

#if defined(CLAIMS_HAVE_URING)
#include <liburing.h>
#endif

namespace claims {
namespace fs = std::filesystem;

namespace {

// One entry of a folder being walked.
struct Item {
  enum Kind : uint8_t { kFile, kDir, kOther, kBad };
  // Its name, with a '/' after a folder's: folders' listings sorted by these give the files in
  // byte order of their whole paths ("a-b/y" before "a.txt" before "a/z").
  std::string key;
  fs::path path;
  Kind kind = kOther;
  bool link = false;
  std::string why;  // kBad: why it cannot be read
};

// A folder being walked: its entries, sorted, and how far the walk is through them.
struct Frame {
  std::string canon;  // its canonical path (empty when unknown)
  std::vector<Item> items;
  size_t next = 0;
};

// Whether two of the named paths can give the same file: one is another (by canonical path) or
// lies inside another.
bool ArgumentsOverlap(const std::vector<std::string>& paths) {
  std::set<std::string> canon;
  size_t named = 0;
  for (const auto& p : paths) {
    if (p == "-") continue;
    ++named;
    std::error_code ec;
    std::string c = fs::weakly_canonical(p, ec).string();
    if (ec) c = p;
    while (c.size() > 1 && c.back() == '/') c.pop_back();
    if (!canon.insert(std::move(c)).second) return true;
  }
  if (named < 2) return false;
  for (const std::string& c : canon) {
    for (size_t slash = c.find('/', 1); slash != std::string::npos;
         slash = c.find('/', slash + 1)) {
      if (canon.count(c.substr(0, slash))) return true;
    }
    if (c.size() > 1 && canon.count("/")) return true;
  }
  return false;
}

// Why a path that stat() refused with `error` is skipped, the same for a path named on the command
// line and for a folder's entry: a link whose target is missing (or that loops), a missing file,
// else the system's own words ("Permission denied", "Not a directory", "File name too long").
std::string UnreadablePathReason(const fs::path& path, const std::error_code& error) {
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(path, ec);
  if (!ec && fs::is_symlink(link)) return "broken symbolic link";
  if (error == std::errc::no_such_file_or_directory) return "no such file or directory";
  return error.message();
}

}  // namespace

struct PathWalker::State {
  std::vector<std::string> args;
  bool keys = false;
  bool restart = false;
  size_t arg = 0;
  std::vector<Frame> stack;  // the folders from the argument down to the one being walked
  // The current argument's folders, by canonical path: a link back to one is a loop.
  std::set<std::string> seen_dirs;
  // With keys: the canonical path of every file given. Hashed: an archive has 100,000s of files.
  std::unordered_set<std::string> seen_files;

  // Lists a folder onto the stack (sorted), or says why not; false when a link was met without
  // keys (the walk stops).
  bool Open(const fs::path& dir, std::vector<Skipped>* skipped) {
    std::error_code ec;
    fs::path canon = fs::canonical(dir, ec);
    if (ec) canon.clear();
    if (!ec && !seen_dirs.insert(canon.string()).second) {
      skipped->push_back({dir.string(), "symbolic link loop (folder already read)", true});
      return true;
    }
    fs::directory_iterator it(dir, ec);
    if (ec) {
      skipped->push_back({dir.string(), ec.message(), true});
      return true;
    }
    Frame frame;
    frame.canon = canon.string();
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        skipped->push_back({dir.string(), ec.message(), true});
        break;
      }
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      if (!name.empty() && name[0] == '.') continue;  // hidden files and folders
      Item item;
      std::error_code ec2;
      // The type the folder listing gave (d_type) when it is not a link: no stat() per file.
      item.link = e.is_symlink(ec2);
      if (item.link && !keys) {
        restart = true;
        return false;
      }
      fs::file_status st;
      if (!item.link && !ec2 && e.is_regular_file(ec2) && !ec2) {
        st = fs::file_status(fs::file_type::regular);
      } else if (!item.link && !ec2 && e.is_directory(ec2) && !ec2) {
        st = fs::file_status(fs::file_type::directory);
      } else {
        st = fs::status(e.path(), ec2);
      }
      if (ec2) {
        item.kind = Item::kBad;
        item.why = UnreadablePathReason(e.path(), ec2);
      } else if (fs::is_directory(st)) {
        item.kind = Item::kDir;
        name.push_back('/');
      } else if (fs::is_regular_file(st)) {
        item.kind = Item::kFile;
      }
      item.key = std::move(name);
      item.path = e.path();
      frame.items.push_back(std::move(item));
    }
    // Names in one folder differ, so the order is the same whatever the sort.
    std::sort(frame.items.begin(), frame.items.end(),
              [](const Item& a, const Item& b) { return a.key < b.key; });
    stack.push_back(std::move(frame));
    return true;
  }

  // Whether a file is new: always without keys, else when its canonical path was not given yet.
  bool Fresh(const fs::path& path, bool link, const std::string& dir_canon) {
    if (!keys) return true;
    std::string key;
    std::error_code ec;
    if (!link && !dir_canon.empty()) {
      // A file that is not a link: its folder's canonical path and its name, so that only
      // folders and links cost a realpath() (one per file was a tenth of a run's time).
      key = (fs::path(dir_canon) / path.filename()).string();
    } else {
      key = fs::weakly_canonical(path, ec).string();
      if (ec) key = path.string();
    }
    return seen_files.insert(std::move(key)).second;
  }
};

PathWalker::PathWalker(const std::vector<std::string>& paths, bool keys)
    : s_(std::make_unique<State>()) {
  s_->args = paths;
  s_->keys = keys || ArgumentsOverlap(paths);
}

PathWalker::~PathWalker() = default;

bool PathWalker::restart() const { return s_->restart; }
bool PathWalker::keys() const { return s_->keys; }

bool PathWalker::Next(std::string* path, std::vector<Skipped>* skipped) {
  State& s = *s_;
  while (!s.restart) {
    if (!s.stack.empty()) {
      Frame& f = s.stack.back();
      if (f.next == f.items.size()) {
        s.stack.pop_back();
        continue;
      }
      Item& item = f.items[f.next++];
      switch (item.kind) {
        case Item::kBad:
          skipped->push_back({item.path.string(), std::move(item.why), true});
          break;
        case Item::kOther:
          skipped->push_back(
              {item.path.string(), "not a regular file (device, FIFO or socket)", true});
          break;
        case Item::kDir: {
          const fs::path dir = std::move(item.path);  // the push below moves f
          s.Open(dir, skipped);
          break;
        }
        case Item::kFile:
          if (s.Fresh(item.path, item.link, f.canon)) {
            *path = item.path.string();
            return true;
          }
          break;
      }
      continue;
    }
    if (s.arg == s.args.size()) return false;
    const std::string& p = s.args[s.arg++];
    s.seen_dirs.clear();  // link loops are looked for within one argument
    if (p == "-") {
      *path = p;
      return true;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec) {
      skipped->push_back({p, UnreadablePathReason(p, ec), true});
    } else if (fs::is_directory(st)) {
      s.Open(p, skipped);
    } else if (fs::is_regular_file(st)) {
      if (s.Fresh(p, /*link=*/true, std::string())) {
        *path = p;
        return true;
      }
    } else {
      skipped->push_back({p, "not a regular file (device, FIFO or socket)", true});
    }
  }
  return false;
}

ResumingPathWalker::ResumingPathWalker(const std::vector<std::string>& paths, bool keys)
    : paths_(paths), walker_(std::make_unique<PathWalker>(paths, keys)) {}

bool ResumingPathWalker::Next(std::string* path, std::vector<Skipped>* skipped) {
  while (true) {
    std::vector<Skipped> said;
    const bool got = walker_->Next(path, &said);
    for (Skipped& s : said) {
      if (replay_ > 0) {  // given before the walk began again
        --replay_;
        continue;
      }
      ++since_path_;
      skipped->push_back(std::move(s));
    }
    if (got) {
      ++given_;
      since_path_ = 0;
      return true;
    }
    if (!walker_->restart()) return false;
    // A link, met without keys: again with them, past what was given (the paths, and the skipped
    // inputs since the last of them). The paths given cannot repeat (no link and no overlap
    // before it), so the walk with keys gives the same ones first.
    walker_ = std::make_unique<PathWalker>(paths_, true);
    std::string skip;
    std::vector<Skipped> again;
    for (size_t k = 0; k < given_ && walker_->Next(&skip, &again); ++k) {
    }
    replay_ = since_path_;
  }
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<Skipped>* skipped) {
  ResumingPathWalker walker(paths);
  std::vector<std::string> out;
  std::string path;
  while (walker.Next(&path, skipped)) out.push_back(std::move(path));
  return out;
}

Status ReadDocument(const std::string& path, size_t max_bytes, std::string* bytes) {
  bytes->clear();
  if (path == "-") {
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
      if (bytes->size() + n > max_bytes) {
        return Status::TooLarge(
            fmt::format("larger than the limit of {} bytes (--max-bytes)", max_bytes));
      }
      bytes->append(buf, n);
    }
    if (std::ferror(stdin)) return Status::IoError(std::strerror(errno));
    return Status::Ok();
  }
  // open, fstat, read, close: four system calls for a file that fits its stat size (stdio's
  // buffering adds two more per file, which counts over an archive of small articles).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st = {};
  size_t expect = 0;
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::IoError("is a directory");
    if (static_cast<size_t>(st.st_size) > max_bytes) {
      return Status::TooLarge(
          fmt::format("{} bytes is larger than the limit of {} bytes (raise it with --max-bytes)",
                      st.st_size, max_bytes));
    }
    if (S_ISREG(st.st_mode)) expect = static_cast<size_t>(st.st_size);
  }
  // One byte more than the size, so that a file that grew is seen at once; then by 64 KiB.
  size_t want = S_ISREG(st.st_mode) ? expect + 1 : size_t{1} << 16;
  // At most one byte past max_bytes is read: then want is 0, read() says 0 and the loop ends.
  for (;;) {
    size_t have = bytes->size();
    want = std::min(want, max_bytes + 1 - have);
    bytes->resize(have + want);
    ssize_t n = ::read(fd, bytes->data() + have, want);
    if (n < 0) {
      if (errno == EINTR) {
        bytes->resize(have);
        continue;
      }
      int e = errno;
      bytes->clear();
      return Status::IoError(std::strerror(e));
    }
    bytes->resize(have + static_cast<size_t>(n));
    // A short read of a regular file is its end: no second call to be told so.
    if (n == 0 || (S_ISREG(st.st_mode) && static_cast<size_t>(n) < want)) break;
    want = size_t{1} << 16;
  }
  if (bytes->size() > max_bytes) {
    return Status::TooLarge(
        fmt::format("larger than the limit of {} bytes (raise it with --max-bytes)", max_bytes));
  }
  return Status::Ok();
}

bool ReadHead(const std::string& path, size_t n, std::string* head, bool* whole) {
  head->clear();
  if (whole) *whole = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  // Read into a buffer of the thread's, so that *head is allocated at the size read (a string
  // resized to n first would be filled with n zeros, and keep n bytes of capacity).
  thread_local std::vector<char> buf;
  if (buf.size() < n) buf.resize(n);
  // One read: a regular file gives all it has up to n (a short read is its end); a FIFO or a
  // device is never handed here (the paths are regular files).
  for (;;) {
    ssize_t r = ::read(fd, buf.data(), n);
    if (r < 0 && errno == EINTR) continue;
    if (r >= 0) {
      head->assign(buf.data(), static_cast<size_t>(r));
      if (whole) *whole = static_cast<size_t>(r) < n;
    }
    break;
  }
  ::close(fd);
  return true;
}

namespace {

#if defined(CLAIMS_HAVE_URING)
// A thread's io_uring for ReadHeads: a batch of up to kSlots files, each opened into a registered
// slot of its own (a "direct" descriptor, which never enters the process's table of descriptors),
// read into its part of the thread's buffer and closed, three linked requests a file, all
// submitted and waited for in one system call.
class HeadRing {
 public:
  // Sixteen files a call: in a C loop over x4 en, 2.6 us a file against 2.5 with 32 and 6.4 one
  // file at a time; the thread's buffer is kSlots * n bytes (256 KB for the 16 KiB heads).
  static constexpr unsigned kSlots = 16;

  HeadRing() {
    if (io_uring_queue_init(kSlots * 4, &ring_, 0) < 0) return;
    if (io_uring_register_files_sparse(&ring_, kSlots) < 0) {
      io_uring_queue_exit(&ring_);
      return;
    }
    ok_ = true;
  }
  ~HeadRing() {
    if (ok_) io_uring_queue_exit(&ring_);
  }
  HeadRing(const HeadRing&) = delete;
  HeadRing& operator=(const HeadRing&) = delete;

  bool ok() const { return ok_; }

  // Reads the first n bytes of each of paths (at most kSlots) into out, setting ok on those read;
  // the others are left as they were (a failed open, a failed read: ReadHead's to answer).
  void Batch(std::span<const std::string* const> paths, size_t n, Head* out) {
    const size_t m = paths.size();
    if (buf_.size() < kSlots * n) buf_.resize(kSlots * n);
    for (size_t k = 0; k < m; ++k) {
      const auto slot = static_cast<unsigned>(k);
      io_uring_sqe* open = io_uring_get_sqe(&ring_);
      io_uring_prep_openat_direct(open, AT_FDCWD, paths[k]->c_str(), O_RDONLY, 0, slot);
      open->flags |= IOSQE_IO_LINK;  // a failed open cancels the read and the close
      open->user_data = 3 * k;
      io_uring_sqe* read = io_uring_get_sqe(&ring_);
      io_uring_prep_read(read, static_cast<int>(slot), buf_.data() + k * n,
                         static_cast<unsigned>(n), 0);
      read->flags |= IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;  // the close runs whatever the read gave
      read->user_data = 3 * k + 1;
      io_uring_sqe* close = io_uring_get_sqe(&ring_);
      io_uring_prep_close_direct(close, slot);
      close->user_data = 3 * k + 2;
    }
    int submitted;
    do {
      submitted = io_uring_submit_and_wait(&ring_, static_cast<unsigned>(3 * m));
    } while (submitted == -EINTR);
    if (submitted != static_cast<int>(3 * m)) {
      Stop();  // not all taken: its queue may hold what was not
      return;
    }
    // What each read gave: a read runs only after its open succeeded (the link cancels it
    // otherwise), so a count of bytes says the file was opened too.
    std::array<int, kSlots> got;
    got.fill(-1);
    size_t einval = 0;
    for (size_t seen = 0; seen < 3 * m;) {
      io_uring_cqe* cqe = nullptr;
      const int r = io_uring_wait_cqe(&ring_, &cqe);
      if (r == -EINTR) continue;
      if (r < 0) {
        Stop();
        return;
      }
      const size_t k = static_cast<size_t>(cqe->user_data / 3);
      const int res = cqe->res;
      switch (cqe->user_data % 3) {
        case 0:
          einval += res == -EINVAL;
          break;
        case 1:
          got[k] = res;
          break;
      }
      io_uring_cqe_seen(&ring_, cqe);
      ++seen;
    }
    for (size_t k = 0; k < m; ++k) {
      if (got[k] < 0) continue;
      const auto bytes = static_cast<size_t>(got[k]);
      out[k].ok = true;
      out[k].whole = bytes < n;
      out[k].bytes.assign(buf_.data() + k * n, bytes);
    }
    // Every open refused as invalid: a kernel without direct opens. File by file from now on.
    if (m > 0 && einval == m) Stop();
  }

 private:
  // The ring is not used again (and its buffer, which the kernel may still write, is kept).
  void Stop() {
    io_uring_queue_exit(&ring_);
    ok_ = false;
  }

  io_uring ring_{};
  bool ok_ = false;
  std::vector<char> buf_;
};
#endif

}  // namespace

std::vector<Head> ReadHeads(std::span<const std::string* const> paths, size_t n) {
  std::vector<Head> out(paths.size());
#if defined(CLAIMS_HAVE_URING)
  const char* no = std::getenv("CLAIMS_NO_URING");
  // One file costs its three calls either way; heads over 1 MiB would make the thread's buffer
  // (kSlots of them) too large to keep.
  if (paths.size() > 1 && n > 0 && n <= (size_t{1} << 20) && !(no && std::strcmp(no, "1") == 0)) {
    thread_local HeadRing ring;
    for (size_t i = 0; i < paths.size() && ring.ok(); i += HeadRing::kSlots) {
      ring.Batch(paths.subspan(i, std::min<size_t>(HeadRing::kSlots, paths.size() - i)), n,
                 out.data() + i);
    }
  }
#endif
  for (size_t k = 0; k < paths.size(); ++k) {
    if (!out[k].ok) out[k].ok = ReadHead(*paths[k], n, &out[k].bytes, &out[k].whole);
  }
  return out;
}

std::string NotTextReason(std::string_view b) {
  struct Magic {
    std::string_view sig;
    const char* what;
  } magics[] = {{"\x89PNG", "PNG image"},
                {"\xFF\xD8\xFF", "JPEG image"},
                {"GIF8", "GIF image"},
                {"%PDF", "PDF document"},
                {"PK\x03\x04", "zip archive"},
                {"\x1F\x8B", "gzip archive"},
                {"BZh", "bzip2 archive"},
                {"\xFD"
                 "7zXZ",
                 "xz archive"},
                {"7z\xBC\xAF", "7z archive"},
                {"\x7F"
                 "ELF",
                 "executable"},
                {"RIFF", "RIFF media"},
                {"ID3", "MP3 audio"},
                {std::string_view("\x00\x00\x01\x00", 4), "icon"},
                {"OggS", "Ogg media"}};
  for (const auto& m : magics) {
    if (b.substr(0, m.sig.size()) == m.sig) return fmt::format("binary file ({})", m.what);
  }
  std::string_view head = b.substr(0, 64 * 1024);
  if (head.find('\0') != std::string_view::npos) {
    // UTF-16 text has NUL bytes too; say so rather than calling it binary.
    if (b.size() >= 2 &&
        ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'))) {
      return "UTF-16 text (convert it to UTF-8)";
    }
    return "binary file (contains NUL bytes)";
  }
  return std::string();
}

}  // namespace claims
