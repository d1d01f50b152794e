#if os(Linux)
import CMalloc
import Glibc
#endif

/// Room for a large layout on 2 MiB pages, made by the processes that exist to lay out (`enable()`).
///
/// Graphviz's dot layout chases pointers through nodes, edges and their records all over its heap:
/// for the 6k-node loss graph of `make bench` the heap grows to ~70 MiB, some 18,000 pages of 4 KiB,
/// far more than the TLB holds, and in a virtual machine each miss walks two sets of page tables.
/// Debian gives transparent huge pages only to memory that asks for them (`madvise` mode) and `dot`
/// never asks. On 2 MiB pages the same layout takes ~20% less time (`make bench`, the render_dot
/// row; the SVG is the same, byte for byte).
///
/// Before a large layout, `prepare` grows the heap once by a block sized from the DOT text, asks the
/// kernel to back it with huge pages, and frees it: malloc serves the layout from that free space and
/// keeps it (no trimming), instead of growing the heap 128 KiB at a time on small pages. That is
/// glibc's main heap, the one a process's main thread allocates from: the render processes' renders
/// run there (the command line's, the render process's, a worker's). A child forked from another
/// thread allocates from that thread's arena, which this does not reach: its layout runs on small pages.
enum LayoutHeap {
    /// DOT texts shorter than this get no huge pages: their layout's heap (under ~15 MiB) mostly fits
    /// the TLB anyway, and on huge pages every first touch would clear 2 MiB.
    static let smallestDOT = 128 << 10
    /// Heap to make room for, per byte of DOT text: ~110 was measured on the loss graphs, so the
    /// layout seldom grows past it.
    static let heapPerDOTByte = 256
    /// The most of a render budget's address space the room may take, as a fraction (1/4): the rest
    /// is left for what the layout maps beyond it.
    static let budgetShare = 4

    /// Whether this process lays out for others (set by `enable()`); a library user's own process is never tuned.
    nonisolated(unsafe) private static var enabled = false
    /// Bytes made room for so far. Both are touched only under the Graphviz lock, or in a child with one thread.
    nonisolated(unsafe) private static var reserved = 0

    /// Marks this process as one that exists to lay out (the forked child, the render process, a
    /// worker), whose allocator `prepare` may tune.
    static func enable() {
        enabled = true
    }

    /// Whether a layout of `dotBytes` of DOT text runs on huge pages here: in a render process, for
    /// large texts (the graph's own memory too, CGraphviz's graph_memory.h).
    static func prefersHugePages(dotBytes: Int) -> Bool {
        enabled && dotBytes >= smallestDOT
    }

    /// Makes room for laying out `dotBytes` of DOT text, within a fraction of `addressSpace` (the
    /// budget's): does nothing for small texts, outside a render process, when the room is already
    /// there, or when the memory cannot be had (the layout then runs on small pages, as before).
    static func prepare(dotBytes: Int, addressSpace: Int) {
        #if os(Linux)
        let hugePage = 2 << 20
        let bytes = min(dotBytes, addressSpace / budgetShare / heapPerDOTByte) * heapPerDOTByte / hugePage * hugePage
        guard prefersHugePages(dotBytes: dotBytes), bytes > reserved else { return }
        mallopt(M_TRIM_THRESHOLD, Int32.max)  // free space at the heap's top is kept, not given back
        mallopt(M_MMAP_MAX, 0)  // the block comes from the heap, not from a mapping of its own
        let block = malloc(bytes)
        mallopt(M_MMAP_MAX, 65536)  // glibc's default again, for Graphviz's own large arrays
        guard let block else { return }
        defer { free(block) }
        let heapEnd = Int(bitPattern: sbrk(0))
        guard Int(bitPattern: block) + bytes <= heapEnd else { return }  // not the main heap: a mapping, freed at once
        let start = (Int(bitPattern: block) + hugePage - 1) / hugePage * hugePage
        let end = (Int(bitPattern: block) + bytes) / hugePage * hugePage
        if end > start, let first = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(first, end - start, MADV_HUGEPAGE)
        }
        reserved = bytes
        #endif
    }
}
