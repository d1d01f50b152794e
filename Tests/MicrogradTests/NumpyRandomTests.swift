import Testing
import Micrograd

@Suite("NumpyRandom reproduces numpy's legacy RandomState")
struct NumpyRandomTests {
    @Test("random_sample() after np.random.seed(n), from numpy 2.4", arguments: [
        (UInt32(1337), [0.2620246750155817, 0.1586839721544656, 0.27812651949435974]),
        (UInt32(0), [0.5488135039273248]),
        (UInt32.max, [0.0976320289940138]),
    ])
    func randomSample(seed: UInt32, expected: [Double]) {
        var r = NumpyRandom(seed: seed)
        #expect(expected.map { _ in r.randomSample() } == expected)
    }

    @Test("the legacy polar Gaussian, its cached second value and normal(scale:)")
    func gauss() {
        var r = NumpyRandom(seed: 1337)
        #expect((0..<3).map { _ in r.gauss() } == [-0.7031873098624105, -0.49028236278771464, -0.3218143296501526])
        var s = NumpyRandom(seed: 0)
        _ = s.randomSample()
        #expect(s.normal(scale: 0.1) == 0.07415917408091614)
    }

    @Test("permutation(10) and shuffle(arange(1000)), then the stream goes on where numpy's does")
    func shuffle() {
        var r = NumpyRandom(seed: 1337)
        #expect(r.permutation(10) == [6, 3, 0, 4, 5, 2, 1, 9, 8, 7])
        var s = NumpyRandom(seed: 1337)
        var a = Array(0..<1000)
        s.shuffle(&a)
        #expect(Array(a.prefix(5)) == [977, 15, 56, 801, 747])
        #expect(s.randomSample() == 0.8083957891773543)
    }
}
