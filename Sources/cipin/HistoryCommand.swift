import ArgumentParser
import Foundation
import Pipeline

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the stored runs of a pipeline that has `history: true`.")

    @Argument(help: "The pipeline file.")
    var pipeline: String

    func run() throws {
        do {
            print(Pipeline.History.listing(try Pipeline.History.runs(pipelineAt: pipeline)), terminator: "")
        } catch {
            throw report(error)
        }
    }
}
