import ArgumentParser
import Foundation
import Pipeline

@main
struct Cipin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cipin",
        abstract: "Word frequencies and text statistics for collections of Chinese documents.",
        discussion: """
            Exit codes: 0 success; 3 success, but some input files were skipped (on_error: skip); \
            64 bad command line; 65 bad input (pipeline file, input file, metadata); \
            69 a tool the HTML needs is missing; 70 internal error; 73 an output could not be written, or the run store is damaged \
            (the previous report is intact); 75 another run of the pipeline holds the lock; 130/143 stopped by SIGINT/SIGTERM.
            """,
        version: CipinVersion.current,
        subcommands: [Run.self, Ingest.self, Segment.self, Compare.self, History.self, Merge.self, Render.self]
    )

    /// Parses the command line and runs the command. A mistake in the command line reads as every
    /// other error does (`cipin: error: …`, then the usage; exit 64), not as ArgumentParser's
    /// `Error: …`; help, the version and the commands' own exit codes are ArgumentParser's.
    static func main() {
        do {
            // `cipin help NAME` for a command there is not: ArgumentParser would print the main
            // help and exit 0, as if it were a question answered.
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "help", arguments.count > 1, !arguments[1].hasPrefix("-"), arguments[1] != "help",
               !configuration.subcommands.contains(where: { $0._commandName == arguments[1] }) {
                throw ValidationError("unknown command '\(arguments[1])'; the commands are "
                    + configuration.subcommands.map { $0._commandName }.joined(separator: ", "))
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "cipin: error: " + message.dropFirst("Error: ".count) }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }
}

/// The documented exit codes.
enum ExitStatus {
    static let skippedFiles = ExitCode(3)
    static let inputError = ExitCode(65)
    static let internalError = ExitCode(70)
    static let outputError = ExitCode(73)
}

/// Prints an error the way every command does and returns its exit code.
func report(_ error: Error, options: Bool = false) -> ExitCode {
    let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
    FileHandle.standardError.write(Data("cipin: error: \(Logs.oneLine(options ? inOptionWords(message) : message))\n".utf8))
    return ExitCode(exitCode(for: error))
}

/// A message that names a pipeline's settings (`encoding: gb18030`, `on_error: skip`, `extensions`) in
/// the words of `cipin ingest`'s options (`--encoding gb18030`, `--on-error skip`, `--extensions`), for
/// that command's errors and warnings.
func inOptionWords(_ message: String) -> String {
    var text = message
    for (setting, option) in [("set `on_error: skip`", "use `--on-error skip`"), ("`on_error: skip`", "`--on-error skip`"),
                              ("set `encoding:`", "use `--encoding`"), ("`encoding: ", "`--encoding "), ("`encoding:`", "`--encoding`"),
                              ("`extensions`", "`--extensions`")] {
        text = text.replacingOccurrences(of: setting, with: option)
    }
    return text
}
