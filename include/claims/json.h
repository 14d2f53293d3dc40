// A small JSON reader for the two JSON Lines inputs: articles (`--input jsonl`) and mentions
// (`extract --from-mentions`). Values are parsed into a tree; errors say at which byte.
#ifndef CLAIMS_JSON_H_
#define CLAIMS_JSON_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claims/status.h"

namespace claims {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject } type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  // Member lookup on an object; nullptr when absent or not an object.
  const JsonValue* Get(std::string_view key) const;
  // The member as a string ("" when absent or not a string).
  std::string Str(std::string_view key) const;
  // The member as an integer (def when absent or not a number).
  long long Int(std::string_view key, long long def = 0) const;
};

// Parses one JSON document (a whole line of JSON Lines). Nesting deeper than 64 is refused.
Status ParseJson(std::string_view text, JsonValue* out);

}  // namespace claims

#endif  // CLAIMS_JSON_H_
