// The --outlets table (see outlets.h).
#include "claims/outlets.h"

#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include "claims/hash.h"

namespace claims {
namespace {

// Keys are stored in blocks of this size (a longer key in a block of its own), which never move.
constexpr size_t kBlock = size_t{1} << 20;

int32_t PackDate(const std::optional<Ymd>& d) { return d ? PackYmd(*d) : -1; }

std::optional<Ymd> UnpackDate(int32_t v) {
  if (v < 0) return std::nullopt;
  return UnpackYmd(v);
}

}  // namespace

OutletTable::OutletTable() = default;
OutletTable::~OutletTable() = default;
OutletTable::OutletTable(OutletTable&& other) noexcept { *this = std::move(other); }

OutletTable& OutletTable::operator=(OutletTable&& other) noexcept {
  entries_ = std::move(other.entries_);
  slots_ = std::move(other.slots_);
  blocks_ = std::move(other.blocks_);  // the keys stay where they are
  block_next_ = std::exchange(other.block_next_, nullptr);
  block_left_ = std::exchange(other.block_left_, 0);
  outlets_ = std::move(other.outlets_);
  outlet_ids_ = std::move(other.outlet_ids_);
  other.entries_.clear();
  other.slots_.clear();
  other.blocks_.clear();
  other.outlets_.clear();
  other.outlet_ids_.clear();
  return *this;
}

OutletTable::OutletTable(const OutletTable& other) { *this = other; }

OutletTable& OutletTable::operator=(const OutletTable& other) {
  if (this == &other) return *this;
  OutletTable copy;
  for (const Entry& e : other.entries_) {
    copy.Set(std::string_view(e.key, e.size), other.outlets_[e.outlet], UnpackDate(e.date));
  }
  return *this = std::move(copy);
}

const char* OutletTable::Store(std::string_view key) {
  if (key.size() > kBlock / 4) {  // a long key: a block of its own
    blocks_.push_back(std::make_unique<char[]>(key.size()));
    std::memcpy(blocks_.back().get(), key.data(), key.size());
    return blocks_.back().get();
  }
  if (key.size() > block_left_) {
    blocks_.push_back(std::make_unique<char[]>(kBlock));
    block_next_ = blocks_.back().get();
    block_left_ = kBlock;
  }
  char* p = block_next_;
  std::memcpy(p, key.data(), key.size());
  block_next_ += key.size();
  block_left_ -= key.size();
  return p;
}

uint32_t OutletTable::Locate(std::string_view key, uint64_t h) const {
  if (slots_.empty()) return kEmpty;
  const size_t mask = slots_.size() - 1;
  const auto tag = static_cast<uint32_t>(h >> 32);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.entry == kEmpty) return kEmpty;
    const Entry& e = entries_[s.entry];
    if (s.tag == tag && e.size == key.size() && std::memcmp(e.key, key.data(), key.size()) == 0)
      return s.entry;
  }
}

void OutletTable::Place(uint32_t entry, uint64_t h) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i].entry == kEmpty) {
      slots_[i] = Slot{static_cast<uint32_t>(h >> 32), entry};
      return;
    }
  }
}

void OutletTable::Grow() {
  slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, Slot{0, kEmpty});
  for (size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    Place(static_cast<uint32_t>(k), HashBytes(std::string_view(e.key, e.size)));
  }
}

void OutletTable::Set(std::string_view key, std::string_view outlet, std::optional<Ymd> date) {
  auto id = outlet_ids_.find(outlet);
  if (id == outlet_ids_.end()) {
    id = outlet_ids_.emplace(std::string(outlet), static_cast<uint32_t>(outlets_.size())).first;
    outlets_.emplace_back(outlet);
  }
  const uint64_t h = HashBytes(key);
  const uint32_t at = Locate(key, h);
  if (at != kEmpty) {
    entries_[at].outlet = id->second;
    entries_[at].date = PackDate(date);
    return;
  }
  if (2 * (entries_.size() + 1) > slots_.size()) Grow();
  entries_.push_back(
      Entry{Store(key), static_cast<uint32_t>(key.size()), id->second, PackDate(date)});
  Place(static_cast<uint32_t>(entries_.size() - 1), h);
}

std::optional<OutletInfo> OutletTable::Find(std::string_view key) const {
  if (entries_.empty()) return std::nullopt;
  const uint32_t at = Locate(key, HashBytes(key));
  if (at == kEmpty) return std::nullopt;
  const Entry& e = entries_[at];
  return OutletInfo{outlets_[e.outlet], UnpackDate(e.date)};
}

Status LoadOutletsFile(const std::string& path, OutletTable* out) {
  constexpr uintmax_t kMaxOutletsFile = uintmax_t{64} << 20;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::IoError(fmt::format("{}: {}", path, ec ? ec.message() : "not a regular file"));
  }
  if (std::filesystem::file_size(path, ec) > kMaxOutletsFile) {
    return Status::TooLarge(
        fmt::format("{}: larger than {} bytes: not an outlets file", path, kMaxOutletsFile));
  }
  int n = 0;
  // One line: its first four tab-separated fields (more are ignored), as views into the buffer.
  auto add = [&](std::string_view line) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') return Status::Ok();
    std::string_view f[4];
    size_t fields = 0;
    for (size_t start = 0;;) {
      const size_t tab = line.find('\t', start);
      if (fields < 4)
        f[fields] = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
      ++fields;
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields < 2 || f[0].empty() || f[1].empty()) {
      return Status::Corrupt(
          fmt::format("{}:{}: expected 'path<TAB>outlet[<TAB>date[<TAB>url]]'", path, n));
    }
    std::optional<Ymd> date;
    if (fields >= 3 && !f[2].empty()) {
      Ymd d;
      if (!ParseIsoDate(f[2], &d)) {
        return Status::Corrupt(
            fmt::format("{}:{}: '{}' is not a date (YYYY-MM-DD)", path, n, f[2]));
      }
      date = d;
    }
    out->Set(f[0], f[1], date);  // the url (f[3]) is not used
    return Status::Ok();
  };
  // Read a piece at a time, so that the file's text is never all in memory beside the table (for
  // 280,000 rows, 59 MB of text). A line split between pieces is carried over.
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the outlets file", path));
  std::vector<char> buf(size_t{1} << 20);
  std::string carry;
  uintmax_t total = 0;
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
    total += static_cast<uintmax_t>(in.gcount());
    if (total > kMaxOutletsFile) {  // grew since its size was read
      return Status::TooLarge(
          fmt::format("{}: larger than {} bytes: not an outlets file", path, kMaxOutletsFile));
    }
    std::string_view piece(buf.data(), static_cast<size_t>(in.gcount()));
    for (size_t eol; (eol = piece.find('\n')) != std::string_view::npos;) {
      Status s;
      if (carry.empty()) {
        s = add(piece.substr(0, eol));
      } else {
        carry.append(piece.substr(0, eol));
        s = add(carry);
        carry.clear();
      }
      if (!s.ok()) return s;
      piece.remove_prefix(eol + 1);
    }
    carry.append(piece);
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: cannot read the outlets file", path));
  if (!carry.empty()) return add(carry);  // the last line, without its newline
  return Status::Ok();
}

}  // namespace claims
