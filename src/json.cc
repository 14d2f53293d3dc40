// JSON reader (see json.h). Recursive descent with a depth limit, so hostile input cannot blow
// the stack; strings are validated and \u escapes (with surrogate pairs) decoded to UTF-8.
#include "claims/json.h"

#include <fmt/format.h>

#include <charconv>

#include "claims/utf8.h"

namespace claims {

const JsonValue* JsonValue::Get(std::string_view key) const {
  if (type != Type::kObject) return nullptr;
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &it->second;
}

std::string JsonValue::Str(std::string_view key) const {
  const JsonValue* v = Get(key);
  return v && v->type == Type::kString ? v->string : std::string();
}

long long JsonValue::Int(std::string_view key, long long def) const {
  const JsonValue* v = Get(key);
  if (!v || v->type != Type::kNumber) return def;
  // Out of range (or NaN) numbers are not integers: the default, never an undefined cast.
  if (!(v->number >= -9.2e18 && v->number <= 9.2e18)) return def;
  return static_cast<long long>(v->number);
}

namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  Status Parse(JsonValue* out) {
    SkipSpace();
    Status s = Value(out, 0);
    if (!s.ok()) return s;
    SkipSpace();
    if (p_ != t_.size()) return Error("trailing characters after the value");
    return s;
  }

 private:
  Status Error(std::string_view what) const {
    return Status::Corrupt(fmt::format("byte {}: {}", p_ + 1, what));
  }
  void SkipSpace() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r'))
      ++p_;
  }
  bool Literal(std::string_view lit) {
    if (t_.substr(p_, lit.size()) != lit) return false;
    p_ += lit.size();
    return true;
  }

  Status Value(JsonValue* v, int depth) {
    if (depth > kMaxDepth) return Error("nested too deeply");
    if (p_ >= t_.size()) return Error("unexpected end of input");
    char c = t_[p_];
    if (c == '{') return Object(v, depth);
    if (c == '[') return Array(v, depth);
    if (c == '"') {
      v->type = JsonValue::Type::kString;
      return String(&v->string);
    }
    if (Literal("true")) {
      v->type = JsonValue::Type::kBool;
      v->boolean = true;
      return Status::Ok();
    }
    if (Literal("false")) {
      v->type = JsonValue::Type::kBool;
      return Status::Ok();
    }
    if (Literal("null")) {
      v->type = JsonValue::Type::kNull;
      return Status::Ok();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t b = p_;
      ++p_;
      while (p_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[p_])) || t_[p_] == '.' ||
                                t_[p_] == 'e' || t_[p_] == 'E' || t_[p_] == '+' || t_[p_] == '-')) {
        ++p_;
      }
      v->type = JsonValue::Type::kNumber;
      auto r = std::from_chars(t_.data() + b, t_.data() + p_, v->number);
      if (r.ec != std::errc() || r.ptr != t_.data() + p_) {
        p_ = b;
        return Error("bad number");
      }
      return Status::Ok();
    }
    return Error(fmt::format("unexpected character '{}'", c));
  }

  Status Object(JsonValue* v, int depth) {
    v->type = JsonValue::Type::kObject;
    ++p_;
    SkipSpace();
    if (p_ < t_.size() && t_[p_] == '}') {
      ++p_;
      return Status::Ok();
    }
    while (true) {
      SkipSpace();
      if (p_ >= t_.size() || t_[p_] != '"') return Error("expected a string key");
      std::string key;
      Status s = String(&key);
      if (!s.ok()) return s;
      SkipSpace();
      if (p_ >= t_.size() || t_[p_] != ':') return Error("expected ':'");
      ++p_;
      SkipSpace();
      JsonValue member;
      s = Value(&member, depth + 1);
      if (!s.ok()) return s;
      v->object[std::move(key)] = std::move(member);
      SkipSpace();
      if (p_ < t_.size() && t_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < t_.size() && t_[p_] == '}') {
        ++p_;
        return Status::Ok();
      }
      return Error("expected ',' or '}'");
    }
  }

  Status Array(JsonValue* v, int depth) {
    v->type = JsonValue::Type::kArray;
    ++p_;
    SkipSpace();
    if (p_ < t_.size() && t_[p_] == ']') {
      ++p_;
      return Status::Ok();
    }
    while (true) {
      SkipSpace();
      JsonValue item;
      Status s = Value(&item, depth + 1);
      if (!s.ok()) return s;
      v->array.push_back(std::move(item));
      SkipSpace();
      if (p_ < t_.size() && t_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < t_.size() && t_[p_] == ']') {
        ++p_;
        return Status::Ok();
      }
      return Error("expected ',' or ']'");
    }
  }

  bool Hex4(unsigned* out) {
    if (p_ + 4 > t_.size()) return false;
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = t_[p_ + static_cast<size_t>(i)];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    p_ += 4;
    *out = v;
    return true;
  }

  Status String(std::string* out) {
    ++p_;  // opening quote
    while (p_ < t_.size()) {
      char c = t_[p_];
      if (c == '"') {
        ++p_;
        return Status::Ok();
      }
      if (static_cast<unsigned char>(c) < 0x20) return Error("control character in a string");
      if (c != '\\') {
        out->push_back(c);
        ++p_;
        continue;
      }
      ++p_;
      if (p_ >= t_.size()) break;
      char e = t_[p_++];
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          unsigned cp;
          if (!Hex4(&cp)) return Error("bad \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF && t_.substr(p_, 2) == "\\u") {
            p_ += 2;
            unsigned lo;
            if (!Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) return Error("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          AppendUtf8(static_cast<char32_t>(cp), out);
          break;
        }
        default:
          return Error("bad escape");
      }
    }
    return Error("unterminated string");
  }

  std::string_view t_;
  size_t p_ = 0;
};

}  // namespace

Status ParseJson(std::string_view text, JsonValue* out) {
  *out = JsonValue();
  return Parser(text).Parse(out);
}

}  // namespace claims
