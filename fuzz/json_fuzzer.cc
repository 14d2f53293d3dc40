// Fuzzes the JSON reader behind `--input jsonl` and `extract --from-mentions`: ParseJson on the
// input, then every accessor the readers call (Get, Str, Int) on every member, as a record's
// fields would be read. Also a round trip: any valid UTF-8 string escaped by the printers'
// AppendJsonString parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claims/json.h"
#include "claims/printer.h"
#include "claims/utf8.h"
#include "fuzz_common.h"

using namespace claims;

namespace {

void Walk(const JsonValue& v, int depth) {
  FUZZ_CHECK(depth <= 70, "tree deeper than the parser allows: %d", depth);
  switch (v.type) {
    case JsonValue::Type::kObject:
      for (const auto& [k, member] : v.object) {
        FUZZ_CHECK(v.Get(k) == &member, "Get('%s') does not find the member", k.c_str());
        (void)v.Str(k);
        (void)v.Int(k);
        (void)v.Int(k, -1);
        Walk(member, depth + 1);
      }
      break;
    case JsonValue::Type::kArray:
      for (const auto& item : v.array) Walk(item, depth + 1);
      break;
    default:
      FUZZ_CHECK(v.Get("text") == nullptr, "Get on a non-object");
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  JsonValue v;
  Status s = ParseJson(in, &v);
  if (s.ok()) {
    Walk(v, 0);
  } else {
    FUZZ_CHECK(!s.message().empty(), "a parse error without a message");
  }
  // Round trip of a string through the printers' escaping.
  if (FirstInvalidUtf8(in) == std::string_view::npos) {
    std::string quoted;
    AppendJsonString(in, &quoted);
    JsonValue back;
    Status rs = ParseJson(quoted, &back);
    FUZZ_CHECK(rs.ok(), "escaped string does not parse: %s", rs.message().c_str());
    FUZZ_CHECK(back.type == JsonValue::Type::kString && back.string == in,
               "escaped string does not read back as itself");
  }
  return 0;
}
