import Foundation
import Reporting

/// Renders a DocBook report to one HTML page, `index.html`, with `xsltproc` and `Reports/cipin-html.xsl`.
///
///     let page = try renderHTML(report: URL(fileURLWithPath: "Reports/seed/report.xml"))
///     // Reports/seed/index.html, cipin.css beside it
///
/// The stylesheet folder is searched for in this order (see `HTMLRenderer.stylesheetSearchFolders`):
/// `$CIPIN_STYLESHEETS` (when set, the only place searched); `<bin>/../share/cipin` for an installed
/// binary; `<bin>/../../../Reports` and `<bin>/../../Reports` for a build inside a checkout.
///
/// - Parameters:
///   - report: The `report.xml` written by `cipin run`.
///   - outputFolder: Where `index.html` goes; `nil` for the report's folder. A different folder also
///     gets copies of the report's images; either way `cipin.css` is copied beside the page.
/// - Returns: The page written.
/// - Throws: `ReportingError` naming the file: `.stylesheetNotFound` (with the folders searched),
///   `.toolMissing` (xsltproc not installed), `.cannotReadDocument`, `.notDocBook`, `.missingImage`,
///   `.transformFailed`, `.cannotWriteFile`.
public func renderHTML(report: URL, outputFolder: URL? = nil) throws -> URL {
    let stylesheets = try HTMLRenderer.locateStylesheetFolder()
    return try HTMLRenderer.render(
        reportAt: report, options: HTMLRenderer.Options(stylesheetFolder: stylesheets, outputFolder: outputFolder))
}
