#if os(Linux)
@testable import GraphRender
import Glibc
import Testing

/// Huge pages in use for a large layout are checked from outside, in CLITests (the render
/// processes' main heap is the command's; a test's child allocates from its thread's arena).
@Suite("Layout heap: room on huge pages for a large layout, in render processes only")
struct LayoutHeapTests {
    /// Bytes of this process's memory that asked for huge pages (`hg` among a region's VmFlags in
    /// /proc/self/smaps). Read with plain system calls: it also runs in a forked child.
    static func hugePageBytes() -> Int {
        let fd = open("/proc/self/smaps", O_RDONLY)
        guard fd >= 0 else { return -1 }
        defer { close(fd) }
        var text: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            text += chunk[..<n]
        }
        var total = 0, size = 0
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("Size:") {
                size = (Int(line.split(separator: " ")[1]) ?? 0) * 1024
            } else if line.hasPrefix("VmFlags:"), line.split(separator: " ").contains("hg") {
                total += size
            }
        }
        return total
    }

    /// What `hugePageBytes()` says in a render child after `prepare(dotBytes:)`, before and after.
    static func inChild(dotBytes: Int) throws -> (before: Int, after: Int) {
        let rendering = try Isolation.run(.standard) { () throws(GraphvizError) in
            let before = hugePageBytes()
            LayoutHeap.prepare(dotBytes: dotBytes, addressSpace: RenderBudget.standard.addressSpace)
            return Rendering(bytes: Array("\(before) \(hugePageBytes())".utf8), note: nil)
        }
        let numbers = String(decoding: rendering.bytes, as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        return (numbers.first ?? -1, numbers.last ?? -1)
    }

    @Test("a small DOT text gets no huge pages: each first touch would clear 2 MiB")
    func smallLayout() throws {
        let (before, after) = try Self.inChild(dotBytes: LayoutHeap.smallestDOT - 1)
        #expect(before >= 0)
        #expect(after == before)
    }

    @Test("the caller's own process is never tuned: only the processes that exist to lay out")
    func callerLeftAlone() {
        let before = Self.hugePageBytes()
        LayoutHeap.prepare(dotBytes: 1 << 20, addressSpace: RenderBudget.standard.addressSpace)
        #expect(before >= 0)
        #expect(Self.hugePageBytes() == before)
    }
}
#endif
