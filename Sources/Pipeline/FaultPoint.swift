#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named moments of a run at which the tests kill it, for windows too short to hit by timing (the
/// microseconds between storing a run and switching `latest`): with `CIPIN_TEST_KILL_AT=<name>` in
/// its environment the process sends itself SIGKILL on reaching that point. Unset, as in every
/// real run, a point is one `getenv`.
enum FaultPoint {
    static func reach(_ name: String) {
        guard let value = getenv("CIPIN_TEST_KILL_AT"), String(cString: value) == name else { return }
        kill(getpid(), SIGKILL)
    }

    /// `reach`, for use inside a condition; always true.
    static func passes(_ name: String) -> Bool {
        reach(name)
        return true
    }
}
