import ArgumentParser
import Foundation
import Pipeline

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a report into one HTML page (index.html) with xsltproc and the DocBook stylesheets.",
        discussion: """
            Needs xsltproc and the DocBook XSL-NS stylesheets (Debian: apt-get install xsltproc \
            docbook-xsl-ns); nothing is fetched from the network. Cipin's own stylesheet, \
            cipin-html.xsl with cipin.css, is looked for in $CIPIN_STYLESHEETS if set, else in \
            <bin>/../share/cipin, else in the Reports folder of the checkout the binary was built in.
            """)

    @Argument(help: ArgumentHelp("The DocBook report written by `cipin run`.", valueName: "report.xml"))
    var reportFile: String

    @Option(name: .shortAndLong, help: "Output folder (default: the report's folder).")
    var output: String?

    func run() throws {
        let page: URL
        do {
            page = try renderHTML(
                report: URL(fileURLWithPath: reportFile),
                outputFolder: output.map { URL(fileURLWithPath: $0, isDirectory: true) })
        } catch {
            throw report(error)
        }
        print(page.path)
    }
}
