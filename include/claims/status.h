// Status: the result of an operation that can fail, in the style of leveldb and RE2. Code inside
// the library returns a Status instead of throwing; the command-line edge turns it into a message.
#ifndef CLAIMS_STATUS_H_
#define CLAIMS_STATUS_H_

#include <string>
#include <utility>

namespace claims {

class Status {
 public:
  enum class Code { kOk, kNotFound, kInvalidArgument, kIoError, kCorrupt, kUnsupported, kTooLarge };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Corrupt(std::string msg) { return Status(Code::kCorrupt, std::move(msg)); }
  static Status Unsupported(std::string msg) { return Status(Code::kUnsupported, std::move(msg)); }
  static Status TooLarge(std::string msg) { return Status(Code::kTooLarge, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The message alone, e.g. "data/x.rules:3: unknown kind 'foo'".
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace claims

#endif  // CLAIMS_STATUS_H_
