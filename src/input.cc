// Reading inputs (see input.h).
#include "claims/input.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>

namespace claims {
namespace fs = std::filesystem;

namespace {

void Walk(const fs::path& dir, std::set<std::string>* seen_dirs, std::vector<std::string>* out,
          std::vector<Skipped>* skipped) {
  std::error_code ec;
  fs::path canon = fs::canonical(dir, ec);
  if (!ec && !seen_dirs->insert(canon.string()).second) {
    skipped->push_back({dir.string(), "symbolic link loop (folder already read)", true});
    return;
  }
  std::vector<fs::directory_entry> entries;
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
    entries.push_back(*it);
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().string() < b.path().filename().string();
            });
  for (const auto& e : entries) {
    std::string name = e.path().filename().string();
    if (!name.empty() && name[0] == '.') continue;  // hidden files and folders
    std::error_code ec2;
    fs::file_status st = fs::status(e.path(), ec2);
    if (ec2) {
      fs::file_status lst = fs::symlink_status(e.path(), ec2);
      skipped->push_back(
          {e.path().string(), fs::is_symlink(lst) ? "broken symbolic link" : ec2.message(), true});
      continue;
    }
    if (fs::is_directory(st)) {
      Walk(e.path(), seen_dirs, out, skipped);
    } else if (fs::is_regular_file(st)) {
      out->push_back(e.path().string());
    } else {
      skipped->push_back({e.path().string(), "not a regular file (device, FIFO or socket)", true});
    }
  }
}

}  // namespace

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<Skipped>* skipped) {
  std::vector<std::string> out;
  std::set<std::string> seen_files;  // canonical paths: a file named twice is read once
  auto add = [&](const std::string& path) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(path, ec).string();
    if (ec) key = path;
    if (seen_files.insert(key).second) out.push_back(path);
  };
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
      std::vector<std::string> files;
      Walk(p, &seen_dirs, &files, skipped);
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add(f);
    } else if (fs::is_regular_file(st)) {
      add(p);
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
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError(std::strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      std::fclose(f);
      return Status::IoError("is a directory");
    }
    if (static_cast<size_t>(st.st_size) > max_bytes) {
      std::fclose(f);
      return Status::TooLarge(
          fmt::format("{} bytes is larger than the limit of {} bytes (raise it with --max-bytes)",
                      st.st_size, max_bytes));
    }
    bytes->reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (bytes->size() + n > max_bytes) {
      std::fclose(f);
      return Status::TooLarge(
          fmt::format("larger than the limit of {} bytes (raise it with --max-bytes)", max_bytes));
    }
    bytes->append(buf, n);
  }
  bool err = std::ferror(f);
  int e = errno;
  std::fclose(f);
  if (err) return Status::IoError(std::strerror(e));
  return Status::Ok();
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
