#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How signals end a run: SIGINT, SIGTERM, SIGHUP and SIGQUIT remove the temporary file being
/// written and end the process by the signal (SIGQUIT as SIGINT does: no core dump, no Swift
/// backtrace); SIGPIPE (`| head`) ends it quietly, as Unix tools do.
enum Signals {
    /// The signals that interrupt a run.
    static let interrupts = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs the handlers, and unblocks the signals: a parent may start us with them blocked
    /// (Foundation's Process does when it runs on a Dispatch or Swift-concurrency thread).
    static func install() {
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in interrupts + [SIGPIPE] { sigaddset(&unblocked, signal) }
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
        Glibc.signal(SIGPIPE, SIG_DFL)
        for signal in interrupts {
            Glibc.signal(signal) { number in
                PendingFile.remove()
                let ending = number == SIGQUIT ? SIGINT : number
                Glibc.signal(ending, SIG_DFL)
                raise(ending)
            }
        }
    }
}
