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

// A file found in a folder, with the key that tells whether it was seen already: its canonical
// path. For a file that is not a symbolic link that is the folder's canonical path and its name,
// so that only folders and links cost a realpath() (one per file was a tenth of a run's time).
struct Found {
  std::string path;
  std::string key;
};

// What a walk finds: with keys, the files and their keys; without, only their paths, and whether
// a symbolic link was met (then the walk stops: its files may repeat, and it is done again with
// keys).
struct WalkOut {
  bool keys = true;
  std::vector<Found> found;        // with keys
  std::vector<std::string> paths;  // without
  bool linked = false;
};

void Walk(const fs::path& dir, std::set<std::string>* seen_dirs, WalkOut* out,
          std::vector<Skipped>* skipped) {
  std::error_code ec;
  fs::path canon = fs::canonical(dir, ec);
  if (ec) canon.clear();
  if (!ec && !seen_dirs->insert(canon.string()).second) {
    skipped->push_back({dir.string(), "symbolic link loop (folder already read)", true});
    return;
  }
  // Each entry with its name, taken once: a comparison that took both names from their paths
  // built two strings, n log n times (20 thousand instructions a file on a folder of 4,000).
  std::vector<std::pair<std::string, fs::directory_entry>> entries;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    skipped->push_back({dir.string(), ec.message(), true});
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      skipped->push_back({dir.string(), ec.message(), true});
      break;
    }
    entries.emplace_back(it->path().filename().string(), *it);
  }
  // Names in one folder differ, so the order is the same whatever the sort.
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [name, e] : entries) {
    if (!name.empty() && name[0] == '.') continue;  // hidden files and folders
    std::error_code ec2;
    // The type the folder listing gave (d_type) when it is not a link: no stat() per file.
    bool link = e.is_symlink(ec2);
    if (link && !out->keys) {
      out->linked = true;
      return;
    }
    fs::file_status st;
    if (!link && !ec2 && e.is_regular_file(ec2) && !ec2) {
      st = fs::file_status(fs::file_type::regular);
    } else if (!link && !ec2 && e.is_directory(ec2) && !ec2) {
      st = fs::file_status(fs::file_type::directory);
    } else {
      st = fs::status(e.path(), ec2);
    }
    if (ec2) {
      fs::file_status lst = fs::symlink_status(e.path(), ec2);
      skipped->push_back(
          {e.path().string(), fs::is_symlink(lst) ? "broken symbolic link" : ec2.message(), true});
      continue;
    }
    if (fs::is_directory(st)) {
      Walk(e.path(), seen_dirs, out, skipped);
      if (out->linked) return;
    } else if (fs::is_regular_file(st) && !out->keys) {
      out->paths.push_back(e.path().string());
    } else if (fs::is_regular_file(st)) {
      std::string key;
      if (!link && !canon.empty()) {
        key = (canon / e.path().filename()).string();
      } else {
        key = fs::weakly_canonical(e.path(), ec2).string();
        if (ec2) key = e.path().string();
      }
      out->found.push_back({e.path().string(), std::move(key)});
    } else {
      skipped->push_back({e.path().string(), "not a regular file (device, FIFO or socket)", true});
    }
  }
}

}  // namespace

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<Skipped>* skipped) {
  std::vector<std::string> out;
  // Canonical paths: a file named twice is read once. Hashed: an archive has 100,000s of files.
  std::unordered_set<std::string> seen_files;
  auto add = [&](std::string path, std::string key) {
    if (seen_files.insert(std::move(key)).second) out.push_back(std::move(path));
  };
  // A file can come twice only through two arguments or a symbolic link: the files of the one
  // folder named, with no link inside, are all different, and their keys (and the set of them)
  // are not made. With a second copy of every path, they were half of `claims mentions`' peak
  // memory on 280,000 files (159 MB; 83 MB without them).
  const size_t named = static_cast<size_t>(
      std::count_if(paths.begin(), paths.end(), [](const std::string& p) { return p != "-"; }));
  for (const auto& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec) {
      fs::file_status lst = fs::symlink_status(p, ec);
      if (!ec && fs::is_symlink(lst)) {
        skipped->push_back({p, "broken symbolic link", true});
      } else {
        skipped->push_back({p, "no such file or directory", true});
      }
      continue;
    }
    if (fs::is_directory(st)) {
      // A folder's files in byte order of their whole paths; link loops are looked for within
      // one folder argument.
      std::set<std::string> seen_dirs;
      WalkOut files;
      files.keys = named > 1;
      const size_t skipped_before = skipped->size();
      Walk(p, &seen_dirs, &files, skipped);
      if (files.linked) {  // again with keys, which says again what the first walk skipped
        skipped->erase(skipped->begin() + static_cast<std::ptrdiff_t>(skipped_before),
                       skipped->end());
        seen_dirs.clear();
        files = WalkOut();
        Walk(p, &seen_dirs, &files, skipped);
      }
      if (!files.keys) {
        std::sort(files.paths.begin(), files.paths.end());
        out.insert(out.end(), std::make_move_iterator(files.paths.begin()),
                   std::make_move_iterator(files.paths.end()));
        continue;
      }
      std::sort(files.found.begin(), files.found.end(),
                [](const Found& a, const Found& b) { return a.path < b.path; });
      for (auto& f : files.found) add(std::move(f.path), std::move(f.key));
    } else if (fs::is_regular_file(st)) {
      std::string key = fs::weakly_canonical(p, ec).string();
      if (ec) key = p;
      add(p, std::move(key));
    } else {
      skipped->push_back({p, "not a regular file (device, FIFO or socket)", true});
    }
  }
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
