// The heap's growth pre-faulted (see heap.h).
#include "claims/heap.h"

#include <cstdlib>

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

// tcmalloc calls Alloc with its page heap's lock held, so one thread at a time.
class PrefaultingAllocator final : public SysAllocator {
 public:
  explicit PrefaultingAllocator(SysAllocator* next) : next_(next) {}

  void* Alloc(size_t size, size_t* actual_size, size_t alignment) override {
    void* p = next_->Alloc(size, actual_size, alignment);
    if (p != nullptr && populate_ && size <= kMaxPopulated) {
      const size_t n = actual_size != nullptr ? *actual_size : size;
      // An error (an older kernel's EINVAL) leaves the pages to fault in as before.
      if (madvise(p, n, MADV_POPULATE_WRITE) != 0) populate_ = false;
    }
    return p;
  }

 private:
  SysAllocator* next_;
  bool populate_ = true;
};

}  // namespace

void PrefaultHeapGrowth() {
  const char* off = std::getenv("CLAIMS_NO_PREFAULT");
  if (off != nullptr && *off != '\0') return;
  MallocExtension* ext = MallocExtension::instance();
  SysAllocator* next = ext->GetSystemAllocator();
  if (next == nullptr) return;
  // Lives as long as the process: tcmalloc may call it until the last free. Made once, around the
  // allocator found the first time: a second call finds it in place and sets it again.
  static PrefaultingAllocator* const prefaulting = new PrefaultingAllocator(next);
  ext->SetSystemAllocator(prefaulting);
}
#else
void PrefaultHeapGrowth() {}
#endif

}  // namespace claims
