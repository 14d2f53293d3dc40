// Names of mention kinds, as printed.
#include "claims/mention.h"

namespace claims {

namespace {
constexpr std::string_view kNames[] = {"quote", "person", "org", "place", "date", "number", "law"};
}

std::string_view KindName(MentionKind k) { return kNames[static_cast<int>(k)]; }

bool ParseKind(std::string_view name, MentionKind* out) {
  for (int i = 0; i < 7; ++i) {
    if (kNames[i] == name) {
      *out = static_cast<MentionKind>(i);
      return true;
    }
  }
  return false;
}

}  // namespace claims
