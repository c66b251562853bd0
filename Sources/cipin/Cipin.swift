import ArgumentParser

@main
struct Cipin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cipin",
        abstract: "Chinese word frequency and text statistics for document collections."
    )
}
