/// The tool's exit statuses (the BSD sysexits codes where one fits), listed in every `--help`.
enum ExitStatus: Int32 {
    /// Everything worked.
    case success = 0
    /// A check ran and failed (`gradcheck`).
    case checkFailed = 1
    /// The arguments are wrong (EX_USAGE).
    case usage = 64
    /// The input is wrong: a program or DOT that does not parse, a picture too big (EX_DATAERR).
    case badInput = 65
    /// A service cannot be had: the server's port is taken (EX_UNAVAILABLE).
    case unavailable = 69
    /// Graphviz failed (EX_SOFTWARE).
    case software = 70
    /// The output cannot be written (EX_CANTCREAT).
    case cannotWrite = 73
    /// The input cannot be read (EX_IOERR).
    case cannotRead = 74

    /// The sentence `--help` ends with.
    static let summary = """
        Exit status: 0 success, 1 a check failed (gradcheck), 64 bad arguments,
        65 bad input (a program or DOT that does not parse, a picture too big, a
        graph past the render budget, input past --max-input), 69 serve cannot
        listen, 70 Graphviz failed (crashed, past --timeout or --memory-limit),
        73 cannot write the output, 74 cannot read the input.
        """
}
