// The process's heap: its growth pre-faulted, in one system call a chunk, where the kernel allows.
//
// Every page the allocator gets from the kernel is mapped lazily: its first touch traps into the
// kernel (a minor page fault), one page at a time. In a virtual machine that trap is dear: on the
// PVM guest the benchmarks ran on (bench/README.md), 10 microseconds a page, and the faults were
// 12–15% of a run (system time 76 of 455 ms on the x1 English set). madvise(MADV_POPULATE_WRITE)
// maps a whole range at once for about half that a page (measured there); elsewhere it does the
// same zeroing and mapping as the faults it replaces, without a trap a page. The allocator asks for
// memory in chunks of a megabyte for its small and medium objects and uses nearly all of it, so
// populating each such chunk as it arrives replaces faults, not adds work. A larger request, one
// large allocation, is left to fault in as it is used.
#ifndef CLAIMS_HEAP_H_
#define CLAIMS_HEAP_H_

namespace claims {

// With tcmalloc linked (CLAIMS_HAVE_TCMALLOC), puts a system allocator in front of tcmalloc's own
// that populates every chunk of up to a megabyte it hands out; without tcmalloc, or with
// CLAIMS_NO_PREFAULT set in the environment (to measure the difference), does nothing. A kernel
// without MADV_POPULATE_WRITE (before Linux 5.14) answers the first try with an error, and no other
// is made. Call it first thing in main(), before any thread starts: the memory tcmalloc took before
// (its own set-up, some 4 MB) is not affected. Calling it again changes nothing.
void PrefaultHeapGrowth();

}  // namespace claims

#endif  // CLAIMS_HEAP_H_
