import Foundation
import Testing
@testable import Ingest

@Test func dumpSeed() throws {
    let document = try Ingestor.read(path: Fixtures.seedFile.path)
    for article in ArticleSplitter.split(document) {
        print("==", article.id, article.title, "|", article.author, "|", article.position, "|", article.region, "|", article.date, article.paragraphs.count, article.characterCount)
        for p in article.paragraphs { print("  ¶", p.prefix(40), "…", p.suffix(12)) }
    }
}
