import ArgumentParser
import Foundation
import Pipeline

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the stored runs of a pipeline that has `history: true`.")

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @Option(name: .shortAndLong, help: "The output folder the runs went to, if not the pipeline's (as given to `cipin run --output`).")
    var output: String?

    func validate() throws {
        if output?.isEmpty == true { throw ValidationError("--output needs the folder given to `cipin run --output`") }
    }

    func run() throws {
        do {
            print(Pipeline.History.listing(try Pipeline.History.runs(pipelineAt: pipeline, output: output)), terminator: "")
        } catch {
            throw report(error)
        }
    }
}
