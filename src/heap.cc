// The heap's growth pre-faulted, in huge pages where the kernel offers them (see heap.h).
#include "claims/heap.h"

#include <cstdlib>
#include <new>
#include <string>

#if defined(CLAIMS_HAVE_TCMALLOC)
#include <gperftools/malloc_extension.h>
#include <sys/mman.h>
#endif

namespace claims {

#if defined(CLAIMS_HAVE_TCMALLOC)
namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; glibc's headers name it from 2.35 on
#endif

// The largest chunk populated. tcmalloc grows its heap for small and medium objects a megabyte at
// a time (kMinSystemAlloc), and carves that into spans that are soon written. A larger request is
// one large allocation, often a vector whose capacity runs ahead of its size: populating it made
// `extract` hold 11% more (x16 en 264 -> 293 MB), pages it never touched. Those fault in as before.
constexpr size_t kMaxPopulated = size_t{1} << 20;

// A transparent huge page (x86-64, arm64 with 4 KB pages): what the heap grows by when huge pages
// are on, so that each chunk is whole huge pages.
constexpr size_t kHugePage = size_t{2} << 20;

// Address space taken at a time for the chunks, from tcmalloc's own system allocator (sbrk where
// it can): none of it is memory until touched. Consecutive chunks are neighbours, next to the heap
// tcmalloc already has, so its page map covers them without a new leaf (2 MB that it zeroes a
// small page at a time: 500 faults fewer than regions from mmap).
constexpr size_t kRegion = size_t{64} << 20;

size_t RoundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

// tcmalloc calls Alloc from TCMalloc_SystemAlloc, under that function's own lock: one thread at
// a time.
class PrefaultingAllocator final : public SysAllocator {
 public:
  PrefaultingAllocator(SysAllocator* next, bool huge) : next_(next), huge_(huge) {}

  void* Alloc(size_t size, size_t* actual_size, size_t alignment) override {
    if (huge_ && alignment <= kHugePage) {
      void* p = AllocHuge(size, actual_size);
      if (p != nullptr) return p;
    }
    void* p = next_->Alloc(size, actual_size, alignment);
    if (p != nullptr && populate_ && size <= kMaxPopulated) {
      const size_t n = actual_size != nullptr ? *actual_size : size;
      // An error (an older kernel's EINVAL) leaves the pages to fault in as before.
      if (madvise(p, n, MADV_POPULATE_WRITE) != 0) populate_ = false;
    }
    return p;
  }

  // What it does now (read while no other thread allocates): chunks in whole huge pages of
  // MADV_HUGEPAGE regions; chunks populated.
  bool huge() const { return huge_; }
  bool populating() const { return populate_; }

 private:
  // `size` rounded up to whole huge pages, from the current region (a new one when it is short),
  // populated when it is one huge page (the heap's growth for small and medium objects). Null when
  // no region is to be had. When the kernel refuses huge pages, they are off from then on, and the
  // new region goes to tcmalloc whole, as its allocator gave it.
  void* AllocHuge(size_t size, size_t* actual_size) {
    const size_t n = RoundUp(size, kHugePage);
    if (n < size) return nullptr;  // overflow
    if (static_cast<size_t>(end_ - next_free_) < n) {
      const size_t want = n > kRegion ? n : kRegion;
      size_t got = 0;
      char* region = static_cast<char*>(next_->Alloc(want, &got, kHugePage));
      if (region == nullptr) return nullptr;
      if (madvise(region, got, MADV_HUGEPAGE) != 0) {  // no transparent huge pages here
        huge_ = false;
        next_free_ = end_ = nullptr;
        if (actual_size != nullptr) *actual_size = got;
        return region;
      }
      // What is left of the old region stays unused address space.
      next_free_ = region;
      end_ = region + got;
    }
    char* p = next_free_;
    next_free_ += n;
    if (actual_size != nullptr) *actual_size = n;
    if (populate_ && n == kHugePage && madvise(p, n, MADV_POPULATE_WRITE) != 0) populate_ = false;
    return p;
  }

  SysAllocator* next_;
  bool huge_;
  bool populate_ = true;
  char* next_free_ = nullptr;
  char* end_ = nullptr;
};

bool EnvSet(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

// The allocator in front of tcmalloc's, in static storage: it is made before main, inside
// tcmalloc's first system allocation, where nothing may be allocated. Never destroyed: tcmalloc
// may call it until the last free.
alignas(PrefaultingAllocator) unsigned char prefaulting_storage[sizeof(PrefaultingAllocator)];
PrefaultingAllocator* prefaulting = nullptr;
bool made_in_hook = false;  // by tc_get_sysalloc_override, before main

// Puts the allocator in front of `next`, once; null when the environment turns it off.
PrefaultingAllocator* MakePrefaulting(SysAllocator* next) {
  if (prefaulting == nullptr && next != nullptr && !EnvSet("CLAIMS_NO_PREFAULT")) {
    prefaulting =
        new (prefaulting_storage) PrefaultingAllocator(next, !EnvSet("CLAIMS_NO_HUGEPAGES"));
  }
  return prefaulting;
}

}  // namespace

void PrefaultHeapGrowth() {
  // Normally in place since tcmalloc's set-up (tc_get_sysalloc_override, below). MakePrefaulting
  // reads the environment's switch.
  if (prefaulting != nullptr) return;
  MallocExtension* ext = MallocExtension::instance();
  if (MakePrefaulting(ext->GetSystemAllocator()) != nullptr) ext->SetSystemAllocator(prefaulting);
}

std::string HeapReport() {
  if (prefaulting == nullptr) return "tcmalloc, growth not pre-faulted";
  std::string s = "tcmalloc, growth ";
  s += prefaulting->populating() ? "pre-faulted" : "not pre-faulted (no MADV_POPULATE_WRITE)";
  s += made_in_hook ? " from tcmalloc's start-up" : " from main";
  s += prefaulting->huge() ? ", in huge pages (MADV_HUGEPAGE)" : ", in small pages";
  return s;
}
#else
void PrefaultHeapGrowth() {}

std::string HeapReport() { return "the C library's malloc"; }
#endif

}  // namespace claims

#if defined(CLAIMS_HAVE_TCMALLOC)
// tcmalloc's hook for a program's own system allocator (system-alloc.cc: a weak definition that
// returns `def`, which this one overrides). tcmalloc calls it once, under its own lock, when it
// first needs memory from the system: in the first allocation of the process, before main. So the
// allocator above serves its set-up too (the page map's first 2 MB leaf, which it zeroes: some 500
// faults a small page at a time, one huge page here) and everything after.
SysAllocator* tc_get_sysalloc_override(SysAllocator* def) {
  SysAllocator* mine = claims::MakePrefaulting(def);
  if (mine == nullptr) return def;
  claims::made_in_hook = true;
  return mine;
}
#endif
