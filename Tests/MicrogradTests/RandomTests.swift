import Testing
import Micrograd

@Suite("PythonRandom reproduces CPython's random module")
struct RandomTests {
    @Test("random() and uniform() after seed(n), from CPython 3.11", arguments: [
        (1337, [0.6177528569514706, 0.5332655736050008, 0.36584835924937553], 0.1715747078045431),
        (0, [0.8444218515250481, 0.7579544029403025, 0.420571580830845], -0.4821664994140733),
        (-5, [0.6229016948897019, 0.7417869892607294, 0.7951935655656966], 0.8849005675541006),
        (1_099_511_627_783, [0.6137037779936511, 0.8149162973309487, 0.9450115087592873], 0.1407813982009123),
    ])
    func matchesCPython(seed: Int, randoms: [Double], uniform: Double) {
        var r = PythonRandom(seed: seed)
        #expect((0..<3).map { _ in r.random() } == randoms)
        #expect(r.uniform(-1, 1) == uniform)
    }

    @Test("the 1001st random() of seed 1337 (past the first twist)")
    func longStream() {
        var r = PythonRandom(seed: 1337)
        for _ in 0..<1000 { _ = r.random() }
        #expect(r.random() == 0.34650228411619344)
    }
}
