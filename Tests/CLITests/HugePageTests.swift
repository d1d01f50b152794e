import Foundation
import Testing

/// The kernel's transparent-huge-page mode ("madvise" on Debian): the bracketed word of
/// /sys/kernel/mm/transparent_hugepage/enabled; nil when the kernel has none.
private let hugePageMode: String? = {
    guard let text = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8),
          let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") else { return nil }
    return String(text[text.index(after: open)..<close])
}()

/// Huge pages the kernel has handed out since it started (`thp_fault_alloc` in /proc/vmstat).
private func hugePageFaults() -> Int? {
    let text = (try? String(contentsOfFile: "/proc/vmstat", encoding: .utf8)) ?? ""
    let line = text.split(separator: "\n").first { $0.hasPrefix("thp_fault_alloc ") }
    return line.flatMap { Int($0.split(separator: " ")[1]) }
}

@Suite("Large layouts on huge pages (GraphRender's LayoutHeap), as the command runs them")
struct HugePageTests {
    @Test("mlp 2,16,16,1 (190 KB of DOT) is laid out on huge pages, at dot's size",
          .enabled(if: hugePageMode == "madvise" || hugePageMode == "always"))
    func largeLayout() throws {
        let before = try #require(hugePageFaults())
        let svg = try Tool.run(["mlp", "2,16,16,1", "--svg"])
        let after = try #require(hugePageFaults())
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(after > before, "no huge page was faulted in while the layout ran")
        let dot = try Tool.run(["mlp", "2,16,16,1", "--dot"])
        #expect(dot.stdout.count >= 128 << 10)
        let theirs = try Tool.run(URL(fileURLWithPath: "/usr/bin/dot"), ["-Tsvg"], stdin: Data(dot.stdout))
        #expect(theirs.status == 0)
        // The size line, not every byte: the order in which Graphviz writes the clusters follows the
        // addresses of their names, which vary between runs of ours (see the session notes).
        let size = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("<svg width=") } }
        #expect(size(svg.text) != nil && size(svg.text) == size(theirs.text))
    }
}
