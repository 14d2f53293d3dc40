// Helpers shared by the tests: the embedded rules (loaded once), one-call analysis of a string as a
// Document, mentions of one kind, a runner for the built `claims` binary, a scratch folder, and
// small JSON and RFC 4180 CSV parsers so that output tests check what a consumer would read.
//
// Everything here is header-only and deterministic; nothing reads ../shared or the network.
#ifndef CLAIMS_TESTS_TEST_UTIL_H_
#define CLAIMS_TESTS_TEST_UTIL_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims/dates.h"
#include "claims/document.h"
#include "claims/mention.h"
#include "claims/rules.h"

#ifndef CLAIMS_SOURCE_DIR
#error "CLAIMS_SOURCE_DIR must be defined by the build"
#endif
#ifndef CLAIMS_BINARY
#error "CLAIMS_BINARY must be defined by the build"
#endif

namespace claims::test {

// The reference date most tests resolve against: Monday 28 April 2025, the seeds' news day.
inline constexpr Ymd kRef{2025, 4, 28};

// The rules compiled into the binary, loaded once for the whole test binary. Aborts with the
// loader's message when they cannot be loaded: every analysis test would fail anyway.
inline const Rules& EmbeddedRules() {
  static const Rules* rules = [] {
    auto* r = new Rules;
    Status s = LoadEmbeddedRules(r);
    if (!s.ok()) {
      std::fprintf(stderr, "test_util: cannot load the embedded rules: %s\n", s.message().c_str());
      std::abort();
    }
    return r;
  }();
  return *rules;
}

// Analyses text as one article (AnalyzeDocument) and resolves its dates against ref. The buffers
// (tokens, clean text, quotations) are kept for inspection.
inline Document AnalyzeText(std::string_view text, const Ymd& ref = kRef,
                            const std::string& path = "test.txt") {
  Document doc;
  doc.path = path;
  doc.name = path;
  doc.original = std::string(text);
  AnalyzeDocument(EmbeddedRules(), &doc);
  ResolveDocumentDates(&doc, ref, "reference");
  return doc;
}

inline std::vector<Mention> MentionsOf(const Document& doc, MentionKind kind) {
  std::vector<Mention> out;
  for (const Mention& m : doc.mentions) {
    if (m.kind == kind) out.push_back(m);
  }
  return out;
}

// Analyses text and returns its mentions of one kind.
inline std::vector<Mention> Mentions(std::string_view text, MentionKind kind,
                                     const Ymd& ref = kRef) {
  return MentionsOf(AnalyzeText(text, ref), kind);
}

// The values of mentions, in order.
inline std::vector<std::string> Values(const std::vector<Mention>& ms) {
  std::vector<std::string> out;
  for (const Mention& m : ms) out.push_back(m.value);
  return out;
}

// Every mention of a document, one per line, for failure messages.
inline std::string Dump(const Document& doc) {
  std::string s;
  for (const Mention& m : doc.mentions) {
    s += std::string(KindName(m.kind)) + " [" + m.text + "] = [" + m.value + "]";
    if (!m.speaker.empty()) s += " speaker=[" + m.speaker + "]";
    if (!m.unit.empty()) s += " unit=[" + m.unit + "]";
    if (!m.qualifier.empty()) s += " qualifier=[" + m.qualifier + "]";
    s += " rule=" + m.rule + "\n";
  }
  return s.empty() ? "(no mentions)\n" : s;
}

// ---- Files ----

inline std::string SourceDir() { return CLAIMS_SOURCE_DIR; }
inline std::string BinaryPath() { return CLAIMS_BINARY; }

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::string();
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The seed articles of examples/seeds, whole, in file-name order.
inline std::vector<std::string> SeedTexts() {
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/examples/seeds")) {
    if (e.is_regular_file()) paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& p : paths) texts.push_back(ReadFileOrDie(p));
  return texts;
}

// prefix followed by the number, appended: GCC 12 warns wrongly (-Wrestrict) about
// "literal" + std::string once inlined in an optimised build.
template <typename N>
std::string Numbered(std::string prefix, N n) {
  return prefix.append(std::to_string(n));
}

inline bool WriteFile(const std::string& path, std::string_view bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// A fresh folder under the system's temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "claims_test_XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(std::string_view rel) const { return path_ + "/" + std::string(rel); }

 private:
  std::string path_;
};

// ---- Running the binary ----

struct ProcResult {
  int status = -1;  // exit status; 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

// Runs `claims` with args (no shell), feeding stdin_data and capturing both output streams.
// cwd, when not empty, is the working folder of the child. A child still running after
// timeout_seconds is killed and the result says so (status -1, "timed out" on err). env: NAME=VALUE
// settings added to the child's environment.
inline ProcResult RunClaims(const std::vector<std::string>& args, const std::string& cwd = "",
                            const std::string& stdin_data = "", int timeout_seconds = 60,
                            const std::vector<std::string>& env = {}) {
  ProcResult r;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    r.err = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  std::vector<std::string> argv_s{BinaryPath()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The child's environment, made here: between fork and exec only async-signal-safe calls.
  // The settings added come first: getenv takes the first NAME= it meets.
  std::vector<std::string> env_s(env.begin(), env.end());
  for (char** e = environ; *e != nullptr; ++e) env_s.emplace_back(*e);
  std::vector<char*> envp;
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    r.err = std::string("fork: ") + std::strerror(errno);
    return r;
  }
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    signal(SIGPIPE, SIG_DFL);  // the parent ignores it; the child gets the usual disposition
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  // Feed stdin and drain both outputs together so that no pipe fills up and blocks the child.
  signal(SIGPIPE, SIG_IGN);
  size_t fed = 0;
  int in_fd = in_pipe[1];
  if (stdin_data.empty()) {
    close(in_fd);
    in_fd = -1;
  } else {
    fcntl(in_fd, F_SETFL, fcntl(in_fd, F_GETFL) | O_NONBLOCK);
  }
  int fds[2] = {out_pipe[0], err_pipe[0]};
  std::string* sinks[2] = {&r.out, &r.err};
  bool open_fd[2] = {true, true};
  char buf[1 << 16];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool timed_out = false;
  while (open_fd[0] || open_fd[1] || in_fd >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd p[3];
    int np = 0;
    int idx[3];
    for (int k = 0; k < 2; ++k) {
      if (open_fd[k]) {
        p[np] = {fds[k], POLLIN, 0};
        idx[np++] = k;
      }
    }
    if (in_fd >= 0) {
      p[np] = {in_fd, POLLOUT, 0};
      idx[np++] = 2;
    }
    if (poll(p, static_cast<nfds_t>(np), static_cast<int>(left.count())) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < np; ++k) {
      if (p[k].revents == 0) continue;
      if (idx[k] == 2) {
        ssize_t w = write(in_fd, stdin_data.data() + fed, stdin_data.size() - fed);
        if (w > 0) fed += static_cast<size_t>(w);
        if (w < 0 && errno != EAGAIN) fed = stdin_data.size();
        if (fed >= stdin_data.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t n = read(p[k].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[idx[k]]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(p[k].fd);
        open_fd[idx[k]] = false;
      }
    }
  }
  for (int k = 0; k < 2; ++k) {
    if (open_fd[k]) close(fds[k]);
  }
  if (in_fd >= 0) close(in_fd);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    r.status = -1;
    r.err += "\n(test_util: claims timed out after " + std::to_string(timeout_seconds) + " s)";
  } else if (WIFEXITED(wstatus)) {
    r.status = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus)) {
    r.status = 128 + WTERMSIG(wstatus);
  }
  return r;
}

inline std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    out.emplace_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// ---- JSON ----

// A parsed JSON value. Objects keep their members in order.
struct Json {
  enum Type { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  bool b = false;
  double num = 0;
  std::string str;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* Get(std::string_view key) const {
    for (const auto& [k, v] : members) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  bool Has(std::string_view key) const { return Get(key) != nullptr; }
};

// A strict RFC 8259 parser: true when text is exactly one JSON value (surrounding white space
// allowed). Strings must be valid UTF-8 with no raw control characters.
class JsonParser {
 public:
  static bool Parse(std::string_view text, Json* out, std::string* error) {
    JsonParser p(text);
    p.Ws();
    if (!p.Value(out, 0)) {
      if (error) *error = p.err_ + " at byte " + std::to_string(p.pos_);
      return false;
    }
    p.Ws();
    if (p.pos_ != text.size()) {
      if (error) *error = "trailing bytes at byte " + std::to_string(p.pos_);
      return false;
    }
    return true;
  }

 private:
  explicit JsonParser(std::string_view t) : t_(t) {}
  void Ws() {
    while (pos_ < t_.size() &&
           (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Fail(const char* why) {
    err_ = why;
    return false;
  }
  bool Lit(std::string_view w) {
    if (t_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  bool Value(Json* v, int depth) {
    if (depth > 64) return Fail("too deep");
    if (pos_ >= t_.size()) return Fail("unexpected end");
    char c = t_[pos_];
    if (c == '{') return Object(v, depth);
    if (c == '[') return Array(v, depth);
    if (c == '"') {
      v->type = Json::kString;
      return String(&v->str);
    }
    if (Lit("true")) {
      v->type = Json::kBool;
      v->b = true;
      return true;
    }
    if (Lit("false")) {
      v->type = Json::kBool;
      return true;
    }
    if (Lit("null")) {
      v->type = Json::kNull;
      return true;
    }
    return Number(v);
  }
  bool Number(Json* v) {
    size_t b = pos_;
    if (pos_ < t_.size() && t_[pos_] == '-') ++pos_;
    if (pos_ >= t_.size() || !isdigit(static_cast<unsigned char>(t_[pos_])))
      return Fail("bad value");
    if (t_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < t_.size() && isdigit(static_cast<unsigned char>(t_[pos_]))) ++pos_;
    }
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      if (pos_ >= t_.size() || !isdigit(static_cast<unsigned char>(t_[pos_])))
        return Fail("bad fraction");
      while (pos_ < t_.size() && isdigit(static_cast<unsigned char>(t_[pos_]))) ++pos_;
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (pos_ >= t_.size() || !isdigit(static_cast<unsigned char>(t_[pos_])))
        return Fail("bad exponent");
      while (pos_ < t_.size() && isdigit(static_cast<unsigned char>(t_[pos_]))) ++pos_;
    }
    v->type = Json::kNumber;
    v->num = std::strtod(std::string(t_.substr(b, pos_ - b)).c_str(), nullptr);
    return true;
  }
  static void Utf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  bool Hex4(uint32_t* v) {
    if (pos_ + 4 > t_.size()) return Fail("short \\u escape");
    *v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = t_[pos_++];
      *v <<= 4;
      if (h >= '0' && h <= '9')
        *v |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        *v |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        *v |= static_cast<uint32_t>(h - 'A' + 10);
      else
        return Fail("bad \\u escape");
    }
    return true;
  }
  // Length of the valid UTF-8 sequence at pos_, or 0.
  size_t Utf8Len() const {
    unsigned char c = static_cast<unsigned char>(t_[pos_]);
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (n == 0 || pos_ + n > t_.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(t_[pos_ + k]) & 0xC0) != 0x80) return 0;
    }
    unsigned char c1 = static_cast<unsigned char>(t_[pos_ + 1]);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // > U+10FFFF
    return n;
  }
  bool String(std::string* s) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= t_.size()) return Fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return Fail("raw control character in string");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= t_.size()) return Fail("unterminated escape");
        char e = t_[pos_++];
        switch (e) {
          case '"':
            s->push_back('"');
            break;
          case '\\':
            s->push_back('\\');
            break;
          case '/':
            s->push_back('/');
            break;
          case 'b':
            s->push_back('\b');
            break;
          case 'f':
            s->push_back('\f');
            break;
          case 'n':
            s->push_back('\n');
            break;
          case 'r':
            s->push_back('\r');
            break;
          case 't':
            s->push_back('\t');
            break;
          case 'u': {
            uint32_t cp;
            if (!Hex4(&cp)) return false;
            if (cp >= 0xD800 && cp < 0xDC00) {
              uint32_t lo = 0;
              if (!Lit("\\u") || !Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) {
                return Fail("lone surrogate");
              }
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp < 0xE000) {
              return Fail("lone surrogate");
            }
            Utf8(cp, s);
            break;
          }
          default:
            return Fail("bad escape");
        }
        continue;
      }
      if (c < 0x80) {
        s->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      size_t n = Utf8Len();
      if (n == 0) return Fail("invalid UTF-8 in string");
      s->append(t_.substr(pos_, n));
      pos_ += n;
    }
  }
  bool Array(Json* v, int depth) {
    v->type = Json::kArray;
    ++pos_;
    Ws();
    if (pos_ < t_.size() && t_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      Json item;
      Ws();
      if (!Value(&item, depth + 1)) return false;
      v->items.push_back(std::move(item));
      Ws();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return Fail("expected , or ]");
    }
  }
  bool Object(Json* v, int depth) {
    v->type = Json::kObject;
    ++pos_;
    Ws();
    if (pos_ < t_.size() && t_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      Ws();
      if (pos_ >= t_.size() || t_[pos_] != '"') return Fail("expected a key");
      std::string key;
      if (!String(&key)) return false;
      Ws();
      if (pos_ >= t_.size() || t_[pos_] != ':') return Fail("expected :");
      ++pos_;
      Ws();
      Json val;
      if (!Value(&val, depth + 1)) return false;
      v->members.emplace_back(std::move(key), std::move(val));
      Ws();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return Fail("expected , or }");
    }
  }

  std::string_view t_;
  size_t pos_ = 0;
  std::string err_;
};

// ---- CSV (RFC 4180) ----

// Parses CSV as RFC 4180 defines it: fields separated by commas, records by CRLF (a lone LF is
// accepted as well), a field that holds a comma, quote or line break is enclosed in double quotes
// and its quotes are doubled. False (with *error) on a quote in an unquoted field, text after a
// closing quote, or an unterminated quoted field.
inline bool ParseCsv(std::string_view s, std::vector<std::vector<std::string>>* rows,
                     std::string* error) {
  rows->clear();
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    std::vector<std::string> row;
    while (true) {
      std::string field;
      if (i < n && s[i] == '"') {
        ++i;
        while (true) {
          if (i >= n) {
            *error = "unterminated quoted field in record " + std::to_string(rows->size() + 1);
            return false;
          }
          if (s[i] == '"') {
            if (i + 1 < n && s[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          field.push_back(s[i++]);
        }
        if (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
          *error = "text after a closing quote in record " + std::to_string(rows->size() + 1);
          return false;
        }
      } else {
        while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
          if (s[i] == '"') {
            *error = "quote inside an unquoted field in record " + std::to_string(rows->size() + 1);
            return false;
          }
          field.push_back(s[i++]);
        }
      }
      row.push_back(std::move(field));
      if (i < n && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && s[i] == '\r') {
        ++i;
        if (i < n && s[i] == '\n') ++i;
      } else if (i < n && s[i] == '\n') {
        ++i;
      }
      break;
    }
    rows->push_back(std::move(row));
  }
  return true;
}

}  // namespace claims::test

#endif  // CLAIMS_TESTS_TEST_UTIL_H_
