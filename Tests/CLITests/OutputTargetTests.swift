import Foundation
import Testing

/// Who runs the tool: the test's own user, or (from root) an unprivileged one through setpriv.
enum RunAs: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case me, nobody

    var testDescription: String { self == .me ? (geteuid() == 0 ? "as root" : "as the test's user") : "as uid 65534" }

    static let setpriv = "/usr/bin/setpriv"
    /// Why the unprivileged runs cannot happen here, or nil when they can.
    static let nobodySkipReason: String? = {
        if geteuid() != 0 { return "not root: cannot switch to another user" }
        if !FileManager.default.isExecutableFile(atPath: setpriv) { return "\(setpriv) is missing (util-linux)" }
        return nil
    }()

    /// The users to run as on this machine.
    static var available: [RunAs] { nobodySkipReason == nil ? allCases : [.me] }

    /// Runs the tool with `arguments` in `directory` as this user (a shell `redirect`, e.g. `>/dev/full`, applies to it).
    func run(_ arguments: [String], in directory: URL, redirect: String? = nil) throws -> Tool.Result {
        var command = [Tool.executable.path] + arguments
        if let redirect {
            command = ["/bin/sh", "-c", "exec \"$0\" \"$@\" \(redirect)"] + command
        }
        if self == .nobody { command = ["--reuid=65534", "--regid=65534", "--clear-groups"] + command; command.insert(Self.setpriv, at: 0) }
        return try Tool.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()), in: directory)
    }
}

@Suite("Output targets: kept as the user had them, as root and as an unprivileged user")
struct OutputTargetTests {
    static let program = ["expr", "a*b", "a=1", "b=2"]

    /// Skipped, with the reason, where the unprivileged half of every test below cannot run.
    @Test("the tests also run as uid 65534", .enabled(if: RunAs.nobodySkipReason == nil, Comment(rawValue: RunAs.nobodySkipReason ?? "")))
    func unprivilegedRunsHappen() {
        #expect(RunAs.available == [.me, .nobody])
    }

    /// A fresh directory every user may write in.
    static func directory() throws -> URL {
        let dir = try Tool.temporaryDirectory()
        chmod(dir.path, 0o777)
        return dir
    }

    static func mode(_ url: URL) throws -> (type: FileAttributeType?, permissions: Int, owner: Int) {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.type] as? FileAttributeType, (attributes[.posixPermissions] as? Int) ?? -1,
                (attributes[.ownerAccountID] as? Int) ?? -1)
    }

    /// A file `name` in `dir` holding "old", with `mode`.
    static func oldFile(_ name: String, in dir: URL, mode: mode_t) throws -> URL {
        let file = dir.appendingPathComponent(name)
        try Data("old".utf8).write(to: file)
        chmod(file.path, mode)
        return file
    }

    /// Files in `dir` other than `expected`: the temporary files a write must not leave.
    static func leftovers(_ dir: URL, expected: Set<String>) throws -> [String] {
        try Set(FileManager.default.contentsOfDirectory(atPath: dir.path)).subtracting(expected).sorted()
    }

    @Test("an existing file keeps its mode (and owner, as root)", arguments: RunAs.available)
    func keepsModeAndOwner(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.oldFile("kept.svg", in: dir, mode: 0o640)
        if user == .nobody { chown(file.path, 65534, 65534) } else if geteuid() == 0 { chown(file.path, 12345, 12345) }
        let r = try user.run(Self.program + ["--out", "kept.svg"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let after = try Self.mode(file)
        #expect(after.permissions == 0o640)
        #expect(after.owner == (user == .nobody ? 65534 : geteuid() == 0 ? 12345 : Int(geteuid())))
        #expect(try String(contentsOf: file, encoding: .utf8).hasSuffix("</svg>\n"))
        #expect(try Self.leftovers(dir, expected: ["kept.svg"]).isEmpty)
    }

    @Test("a symlink is written through, the temporary file next to its target", arguments: RunAs.available)
    func followsSymlinks(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        chmod(real.path, 0o777)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.svg").path, withDestinationPath: "real/target.svg")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("chain.svg").path, withDestinationPath: "link.svg")
        for name in ["link.svg", "chain.svg"] {  // a dangling link creates its target; a chain of links is followed
            let r = try user.run(Self.program + ["--out", name], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent(name).path).hasSuffix(".svg"))
        }
        #expect(try String(contentsOf: real.appendingPathComponent("target.svg"), encoding: .utf8).hasSuffix("</svg>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == ["target.svg"])
    }

    @Test("a legal 250-character name works", arguments: RunAs.available)
    func longName(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "n", count: 246) + ".svg"
        let r = try user.run(Self.program + ["--out", name], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.leftovers(dir, expected: [name]).isEmpty)
    }

    @Test("/dev/null and /dev/stdout are written, not replaced", arguments: RunAs.available)
    func devices(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let null = try user.run(Self.program + ["--svg", "--out", "/dev/null"], in: dir)
        #expect(null.status == 0, "\(null.stderr)")
        #expect(try Self.mode(URL(fileURLWithPath: "/dev/null")).type == .typeCharacterSpecial)
        let stdout = try user.run(Self.program + ["--svg", "--out", "/dev/stdout"], in: dir)
        #expect(stdout.status == 0, "\(stdout.stderr)")
        #expect(stdout.text.hasPrefix("<?xml") && stdout.text.hasSuffix("</svg>\n"))
        #expect(try Self.leftovers(dir, expected: []).isEmpty)
    }

    @Test("a FIFO is written to directly", arguments: RunAs.available)
    func fifo(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.dot")
        #expect(mkfifo(fifo.path, 0o666) == 0)
        chmod(fifo.path, 0o666)
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        let r = try user.run(Self.program + ["--out", "pipe.dot"], in: dir)
        if !reader.isFinished {  // the tool never opened the FIFO: release the reader
            let fd = open(fifo.path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        while !reader.isFinished { usleep(10_000) }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("digraph"))
        var status = stat()
        #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "still a FIFO")
    }

    @Test("stdout that cannot be written is status 73 in one line", arguments: RunAs.available)
    func stdoutErrors(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (redirect, reason) in [(">/dev/full", "No space left on device"), (">&-", "Bad file descriptor")] {
            for arguments in [Self.program, ["train", "--steps", "2"], ["--help"]] {
                let r = try user.run(arguments, in: dir, redirect: redirect)
                #expect(r.status == 73, "\(arguments) \(redirect): \(r.stderr)")
                #expect(r.stderr == "micrograd-viz: error: cannot write to stdout: \(reason)\n", "\(arguments) \(redirect)")
            }
        }
    }

    @Test("a failed render leaves the old file untouched, and no walkthrough page", arguments: RunAs.available)
    func failureKeepsOldFile(_ user: RunAs) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try Self.oldFile("old.svg", in: dir, mode: 0o666)
        let dot = dir.appendingPathComponent("k.dot")
        try Data(BadInputTests.complete(200).utf8).write(to: dot)
        let r = try user.run(["render", "k.dot", "--timeout", "1", "--out", "old.svg"], in: dir)
        #expect(r.status == 70)
        #expect(r.stderr == "micrograd-viz: error: k.dot: the layout took longer than the 1 s budget (--timeout raises it)\n")
        #expect(try Data(contentsOf: old) == Data("old".utf8))
        let page = try user.run(Self.program + ["--walkthrough", "page.html", "--svg", "--out", "/dev/full"], in: dir)
        #expect(page.status == 73)
        #expect(page.stderr == "micrograd-viz: error: cannot write '/dev/full': No space left on device\n")
        #expect(try Self.leftovers(dir, expected: ["old.svg", "k.dot"]).isEmpty)
    }
}
