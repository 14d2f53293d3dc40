// What --outlets FILE says of the inputs: for a path as given, or a file name, its outlet and its
// date. Part of stage 0 (read): the table is consulted for every file before it is analysed.
#ifndef CLAIMS_OUTLETS_H_
#define CLAIMS_OUTLETS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/dates.h"
#include "claims/status.h"

namespace claims {

// One entry of the table.
struct OutletInfo {
  std::string_view outlet;
  std::optional<Ymd> date;
};

// The table, held compactly: an outlets file has a row a file, so a newsroom's archive of 280,000
// files gives 280,000 rows, and a hash map of strings held them in some 350 bytes a row. Here a
// row costs its key's bytes (in blocks, never moved) and about 40 bytes (its entry and its
// index slots); each outlet's name is kept once. Nothing is kept of the url column.
class OutletTable {
 public:
  OutletTable();
  ~OutletTable();
  OutletTable(const OutletTable& other);
  OutletTable& operator=(const OutletTable& other);
  OutletTable(OutletTable&&) noexcept;
  OutletTable& operator=(OutletTable&&) noexcept;

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  // Adds key's entry, or replaces it (the last line of a path given twice counts).
  void Set(std::string_view key, std::string_view outlet, std::optional<Ymd> date);
  // key's entry; its outlet is valid as long as the table.
  std::optional<OutletInfo> Find(std::string_view key) const;

 private:
  struct Entry {
    const char* key;
    uint32_t size;
    uint32_t outlet;  // index into outlets_
    int32_t date;     // PackYmd, or -1
  };
  static constexpr uint32_t kEmpty = ~uint32_t{0};
  struct Slot {
    uint32_t tag;    // high bits of the key's hash
    uint32_t entry;  // index into entries_, or kEmpty
  };
  uint32_t Locate(std::string_view key, uint64_t h) const;
  void Place(uint32_t entry, uint64_t h);
  void Grow();
  const char* Store(std::string_view key);

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_next_ = nullptr;  // free space in the last block of kBlock
  size_t block_left_ = 0;
  std::vector<std::string> outlets_;
  std::map<std::string, uint32_t, std::less<>> outlet_ids_;  // index into outlets_, by name
};

// Reads --outlets FILE into *out: TSV of path-or-name, outlet[, date YYYY-MM-DD[, url]], with
// comment lines (#), blank lines and CRLF. A bad line is an error naming the file and the line.
Status LoadOutletsFile(const std::string& path, OutletTable* out);

}  // namespace claims

#endif  // CLAIMS_OUTLETS_H_
