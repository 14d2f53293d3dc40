// The process's heap: its growth pre-faulted, in one system call a chunk, and in huge pages where
// the kernel offers them.
//
// Every page the allocator gets from the kernel is mapped lazily: its first touch traps into the
// kernel (a minor page fault), one page at a time. In a virtual machine that trap is dear: on the
// PVM guests the benchmarks ran on (bench/README.md), 10 to 12 microseconds a 4 KB page, and the
// faults were 12–15% of a run (system time 76 of 455 ms on the x1 English set).
// madvise(MADV_POPULATE_WRITE) maps a whole range at once; elsewhere it does the same zeroing and
// mapping as the faults it replaces, without a trap a page. Populated, a page still cost 4.7
// microseconds at its first touch there, most likely the hypervisor filling its own (shadow) page
// table a page at a time, which PVM keeps for the guest's. A transparent huge page is one entry for
// 2 MB: populated, 0.2 microseconds a 4 KB page (BM_FirstTouch in bench/memory_bench.cc: 32 MB, 39
// ms in small pages, 1.7 ms in huge ones).
//
// So the allocator's chunks are whole huge pages, taken from regions marked MADV_HUGEPAGE (with
// `madvise` in /sys/kernel/mm/transparent_hugepage/enabled, as on the benchmark machines, only
// such ranges get huge pages). The allocator asks for memory in chunks of a megabyte or so for its
// small and medium objects and uses nearly all of it, so populating each such chunk as it arrives
// replaces faults, not adds work. A larger request, one large allocation, is left to fault in as it
// is used (a huge page at a time).
#ifndef CLAIMS_HEAP_H_
#define CLAIMS_HEAP_H_

#include <string>

namespace claims {

// With tcmalloc linked (CLAIMS_HAVE_TCMALLOC), puts a system allocator in front of tcmalloc's own
// that hands out whole huge pages of 64 MB regions marked MADV_HUGEPAGE, and populates each chunk
// of one huge page. Where the kernel refuses MADV_HUGEPAGE, or with CLAIMS_NO_HUGEPAGES set in the
// environment, chunks come as tcmalloc asks for them and those of up to a megabyte are populated.
// Without tcmalloc, or with CLAIMS_NO_PREFAULT set, does nothing. A kernel without
// MADV_POPULATE_WRITE (before Linux 5.14) answers the first try with an error, and no other is
// made. The allocator is normally in place before main: heap.cc defines tcmalloc's hook
// tc_get_sysalloc_override, which tcmalloc calls at its first system allocation, so its own
// set-up (some 4 MB, the page map's 2 MB leaf among it) comes in huge pages too. Where the hook
// was not called (a tcmalloc without it), this puts the allocator in place for what comes after:
// call it first thing in main(), before any thread starts. Calling it again changes nothing.
void PrefaultHeapGrowth();

// How the heap grows in this process, for `claims --version` (a bug report's first line about
// speed): which allocator, whether its growth is pre-faulted and since when (tcmalloc's start-up,
// through the hook, or main), in huge pages or small. E.g. "tcmalloc, growth pre-faulted from
// tcmalloc's start-up, in huge pages (MADV_HUGEPAGE)". Call it while no other thread allocates.
std::string HeapReport();

}  // namespace claims

#endif  // CLAIMS_HEAP_H_
