/// One column of the tape: a growable buffer of plain values that its graph owns and frees.
///
/// The graph keeps its columns the same length and grows them together; a column never
/// retains anything, so reading and writing it costs a load or a store.
struct Column<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>

    init(capacity: Int) {
        base = .allocate(capacity: max(capacity, 1))
    }

    /// Moves the first `count` elements into a buffer of `capacity` elements.
    mutating func grow(count: Int, to capacity: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
    }

    func free() { base.deallocate() }

    @inline(__always)
    subscript(_ i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
