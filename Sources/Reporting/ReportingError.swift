import Foundation

/// Everything that can go wrong while rendering, writing or validating a report.
///
/// Each message begins with the file it is about (the `path` of the case, or the document name given
/// to an in-memory render), quotes the bad value and says what to do.
///
///     do {
///         try DocBookWriter.write(Report(title: "词频报告", date: "2021-11-25"), to: url)
///     } catch let error as ReportingError {
///         print(error.localizedDescription)  // "/out/report.xml: cannot write the file (rename: Is a directory); …"
///     }
public enum ReportingError: LocalizedError, Equatable, Sendable {
    /// A system call failed while writing `path`; `step` names the call, `reason` is `strerror(errno)`.
    case cannotWriteFile(path: String, step: String, reason: String)
    /// libxml2's text writer returned an error code; `call` names the libxml2 function.
    case xmlWriterFailed(path: String, call: String)
    /// An `xml:id` of a section, table or figure is not an XML name (NCName).
    case invalidXMLID(path: String, id: String)
    /// Two sections, tables or figures share one `xml:id`.
    case duplicateXMLID(path: String, id: String)
    /// A table has no columns; neither DocBook nor CSV can show it.
    case tableWithoutColumns(path: String, table: String)
    /// A row of a table has a different number of cells than the table has columns (`row` counts from 1).
    case rowWidthMismatch(path: String, table: String, row: Int, cellCount: Int, columnCount: Int)
    /// A table's `csvName` is not a plain file name inside the output folder.
    case invalidCSVName(path: String, table: String, name: String)
    /// Two tables (or a table and the report itself) would be written to the same file name.
    case duplicateFileName(path: String, name: String)
    /// The CSV text could not be converted to the requested encoding.
    case cannotEncode(path: String, encoding: String)
    /// A RELAX NG schema could not be read or compiled; `message` holds libxml2's first messages.
    case cannotLoadSchema(path: String, message: String)
    /// A document to validate could not be read or is not well-formed XML.
    case cannotReadDocument(path: String, line: Int, column: Int, message: String)
    /// A rendered document does not validate against its schema; `issues` are the validator's messages.
    case invalidDocument(path: String, issues: [String])

    /// A chart series has not one value per category.
    case chartDataMismatch(path: String, series: String, valueCount: Int, categoryCount: Int)
    /// Two nodes of a network chart share an id.
    case duplicateNetworkNode(path: String, node: String)
    /// An edge of a network chart names a node id that no node has.
    case unknownNetworkNode(path: String, node: String)
    /// A figure with a chart has a `fileRef` that is not a plain file name inside the output folder.
    case invalidFigureFileName(path: String, figure: String, name: String)
    /// A program the command needs is not installed; `install` says how to get it.
    case toolMissing(path: String, install: String)
    /// The HTML stylesheet was not found in any of the `searched` folders.
    case stylesheetNotFound(searched: [String])
    /// The file to render is not a DocBook 5 document; `root` is its root element.
    case notDocBook(path: String, root: String)
    /// The report refers to an image that is not there.
    case missingImage(path: String, image: String)
    /// xsltproc failed; `message` holds the first lines it printed.
    case transformFailed(path: String, status: Int32, message: String)

    public var errorDescription: String? {
        switch self {
        case let .cannotWriteFile(path, step, reason):
            return "\(path): cannot write the file (\(step): \(reason)); "
                + "check that the folder exists, is writable and that no folder has this name."
        case let .xmlWriterFailed(path, call):
            return "\(path): libxml2 failed to write the XML (\(call) returned an error); "
                + "this is a bug in Cipin or a lack of memory, please report it with the input."
        case let .invalidXMLID(path, id):
            return "\(path): the id '\(id)' is not a valid xml:id; "
                + "use ASCII letters, digits, '-', '_' and '.', starting with a letter or '_', e.g. 'keywords-2021'."
        case let .duplicateXMLID(path, id):
            return "\(path): the id '\(id)' is used more than once; "
                + "give every section, table and figure its own id."
        case let .tableWithoutColumns(path, table):
            return "\(path): table '\(table)' has no columns; give every table at least one column."
        case let .rowWidthMismatch(path, table, row, cellCount, columnCount):
            return "\(path): row \(row) of table '\(table)' has \(cellCount) cells but the table has "
                + "\(columnCount) columns; give every row one cell per column (use .empty for blanks)."
        case let .invalidCSVName(path, table, name):
            return "\(path): table '\(table)' has the CSV file name '\(name)', which is not a plain file name; "
                + "use a name without '/' such as 'keywords.csv'."
        case let .duplicateFileName(path, name):
            return "\(path): more than one output would be written to '\(name)'; give every table its own CSV name."
        case let .cannotEncode(path, encoding):
            return "\(path): the CSV text cannot be encoded as \(encoding); choose UTF-8 instead."
        case let .cannotLoadSchema(path, message):
            return "\(path): cannot load the RELAX NG schema: \(message); "
                + "check the path (Debian: apt-get install docbook5-xml)."
        case let .cannotReadDocument(path, line, column, message):
            let place = line > 0 ? ":\(line):\(column)" : ""
            return "\(path)\(place): cannot read the document: \(message)"
        case let .chartDataMismatch(path, series, valueCount, categoryCount):
            return "\(path): chart series '\(series)' has \(valueCount) values but the chart has \(categoryCount) "
                + "categories; give every series one value per category (nil for a missing one)."
        case let .duplicateNetworkNode(path, node):
            return "\(path): the network node id '\(node)' is used more than once; give every node its own id."
        case let .unknownNetworkNode(path, node):
            return "\(path): a network edge refers to the node '\(node)', which is not among the nodes; "
                + "add the node or drop the edge."
        case let .invalidFigureFileName(path, figure, name):
            return "\(path): figure '\(figure)' has the chart file name '\(name)', which is not a plain file name; "
                + "use a name without '/' such as 'keywords.svg'."
        case let .toolMissing(path, install):
            return "\(path): not found; \(install)."
        case let .stylesheetNotFound(searched):
            return "cannot find the HTML stylesheet cipin-html.xsl; looked in: " + searched.joined(separator: ", ")
                + "; set CIPIN_STYLESHEETS to the folder that holds cipin-html.xsl and cipin.css."
        case let .notDocBook(path, root):
            return "\(path): not a DocBook 5 report (the root element is '\(root)', expected 'article' in the "
                + "namespace http://docbook.org/ns/docbook); give the report.xml that 'cipin run' wrote."
        case let .missingImage(path, image):
            return "\(path): the report shows the image '\(image)', which is not in the report's folder; "
                + "run the pipeline again to write it."
        case let .transformFailed(path, status, message):
            return "\(path): xsltproc failed (exit status \(status)): \(message)"
        case let .invalidDocument(path, issues):
            return "\(path): the report does not validate against its schema, so nothing was written "
                + "(this is a bug in Cipin, please report it): " + issues.prefix(5).joined(separator: "; ")
        }
    }
}
