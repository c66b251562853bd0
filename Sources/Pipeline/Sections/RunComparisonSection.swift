import Analysis
import Foundation
import Ingest
import Reporting

/// A scheduled run against the previous successful run: new and removed articles, keyword rates
/// then and now with the change and its confidence interval, terms new to the corpus, keyness.
enum RunComparisonSection {
    /// - Parameter unreadablePrevious: why the previous successful run's statistics could not be
    ///   read, when they could not (the run is then not compared with it).
    /// - Parameters:
    ///   - method: what this run's numbers depend on besides its inputs; compared with the previous
    ///     run's to say which changes come from settings.
    ///   - pipelineHash: this run's pipeline file's SHA-256 (for runs stored before `RunMethod`).
    ///   - metadata: each article's `RunRecord.metadata(_:at:)`, when already made.
    static func section(current corpus: SegmentedCorpus, analysis: AnalysisResults, runID: Int, previous: StoredRunStatistics?,
                        unreadablePrevious: String? = nil, config: PipelineConfig, pipelineFolder: URL,
                        method: RunMethod? = nil, pipelineHash: String? = nil, bodyHashes: [String: String] = [:],
                        metadata: [[String: String]]? = nil, skippedPaths: Set<String> = []) throws -> Section {
        if let unreadablePrevious {
            return Section(id: "since-last-run", title: "Since the last run", blocks: [
                .paragraph("The previous successful run could not be read from the run store, so this run (run \(runID)) is "
                    + "not compared with it: \(unreadablePrevious). The next run will be compared with this one."),
            ])
        }
        guard let previous else {
            return Section(id: "since-last-run", title: "Since the last run", blocks: [
                .paragraph("This is the first successful run of this pipeline in the run store (run \(runID)); the next run will be compared with it."),
            ])
        }
        let settings = config.analysis ?? AnalysisConfig()
        let filter = TermFilter(stopWords: try AnalysisRun.loadStopWords(settings.stopwords, pipelineFolder: pipelineFolder),
                                excludePunctuation: settings.excludePunctuation ?? true, excludeNumbers: settings.excludeNumbers ?? true)
        var tokens: [String: Int] = [:]
        for row in analysis.frequencies.totals where row.member.isEmpty { tokens[row.keyword] = row.tokenMatches }
        // A keyword the previous run did not count, or counted with other words, has no rate then:
        // a 0 there would read as a change in the corpus.
        let (comparable, notes, _) = comparableKeywords(analysis.keywords.map(\.name), method: method, pipelineHash: pipelineHash,
                                                     previous: previous)
        let result = Comparing.compare(
            target: ("run \(runID)", analysis.wholeTable, tokens),
            reference: ("run \(previous.run.id)", previous.terms, previous.keywords.mapValues(\.tokenCount)),
            keywords: comparable, filter: filter,
            options: AnalysisRun.keynessOptions(settings.keyness, filter: filter))
        // The current articles are read in place, by index: a copy of an article retains its dozen strings.
        let articles = corpus.articles
        let now = articles.indices.map { index in
            (id: articles[index].id, title: articles[index].shown("title"), sourcePath: articles[index].sourcePath,
             bodyHash: bodyHashes[articles[index].id], fields: Optional(metadata?[index] ?? RunRecord.metadata(articles, at: index)))
        }
        let rows = articleChanges(now: now, then: previous.articles.map { ($0.id, $0.title, $0.sourcePath, $0.bodyHash, $0.fields) },
                                  skippedPaths: skippedPaths)
        let (changes, counted) = changesTable(rows, since: previous.run.id, id: "run-articles", csvName: "run_articles.csv")
        var rates = ComparisonSection.ratesTable([result])
        rates.id = "run-rates"
        rates.csvName = "run_rates.csv"
        var newTerms = ComparisonSection.onlyTable([ComparisonResult(target: result.target, reference: result.reference, keyness: result.keyness,
                                                                     rates: [], onlyTarget: result.onlyTarget, onlyReference: [], pairs: [])],
                                                    limit: nil)
        newTerms.id = "run-new-terms"
        newTerms.title = "Terms new to the corpus (at least 3 occurrences now, none in run \(previous.run.id))"
        newTerms.csvName = "run_new_terms.csv"
        var keyness = ComparisonSection.keynessTable([result], top: 20)
        keyness.id = "run-keyness"
        return Section(id: "since-last-run", title: "Since the last run", blocks: [
            .paragraph("Run \(runID) against run \(previous.run.id) of \(previous.run.started) (\(previous.run.articles) articles, "
                + "\(previous.run.tokens) words; now \(corpus.articles.count) articles, \(corpus.tokenCount) words): "
                + counted + ". Keyword rates are whole words per 10,000 words, "
                + "with a 95% interval for the change; keyness as in the Keyness section. The intervals and the keyness take the "
                + "two runs for independent samples, though the runs share most of their articles: they say whether a change is "
                + "larger than chance would make between two such corpora, not how sure the change of this corpus is."),
        ] + notes.map { .paragraph($0) } + (skippedPaths.isEmpty ? [] : [
            .paragraph("This run skipped \(skippedPaths.count) file(s) (skipped.csv). Their articles are listed as not read, and this run's "
                + "rates, terms and keyness count without them: a change there may be the skipped files' words, not the corpus's."),
        ]) + [
            .table(changes), .table(rates), .table(newTerms), .table(keyness),
        ])
    }

    /// What became of an article since the previous run, as `run_articles.csv` says it.
    enum ArticleChange {
        case new, removed, notRead
        case changed(was: String), sameText(was: String), inChangedFile(was: String), renumbered(was: String)
        /// The same text, its metadata changed (a sidecar edited, the file moved to a folder that
        /// dates it otherwise): each changed field with its value then and now.
        case metadataChanged([(field: String, then: String, now: String)])

        var label: String {
            switch self {
            case .new: return "new"
            case .removed: return "removed"
            case .notRead: return "not read: its file was skipped this run"
            case .changed(let was): return "changed (was \(was))"
            case .sameText(let was): return "unchanged, its file changed (was \(was))"
            case .inChangedFile(let was): return "in a changed file (was \(was))"
            case .renumbered(let was): return "unchanged, renumbered among copies of its file (was \(was))"
            case .metadataChanged(let fields):
                return "metadata changed: " + fields.map { "\($0.field) \($0.then.isEmpty ? Article.noValue : $0.then) → "
                    + "\($0.now.isEmpty ? Article.noValue : $0.now)" }.joined(separator: "; ")
            }
        }
    }

    /// What became of each article between two runs, as `run_articles.csv` (and `compare
    /// --runs`'s `compare_articles.csv`) list it: the articles of `now` that are new, changed or
    /// renumbered, in their order, then those of `then` that are gone (removed, or not read when
    /// their file is in `skippedPaths`). Unchanged articles are not listed.
    ///
    /// Matching, in this order: the same id in the same file (unchanged); an id of the same file
    /// that differs only in its `-dupN` (renumbered among copies); the same id in another file (the
    /// file renamed or moved: unchanged); the same file and title (changed, or the same text when
    /// its body hash is the same; `bodyHash` nil on the earlier side: a run stored before the
    /// hashes, which cannot tell). An article matched by its id whose metadata fields differ (both
    /// sides' known: `fields` nil on the earlier side is a run stored before them) is listed as
    /// its metadata changed.
    static func articleChanges(now: [(id: String, title: String, sourcePath: String, bodyHash: String?, fields: [String: String]?)],
                               then previous: [(id: String, title: String, sourcePath: String, bodyHash: String?, fields: [String: String]?)],
                               skippedPaths: Set<String> = []) -> [(id: String, title: String, change: ArticleChange)] {
        // By the current article's index, listed in article order.
        var added: [(index: Int, change: ArticleChange)] = []
        /// An article matched by id: listed if its metadata changed.
        func matched(_ index: Int, with match: Int) {
            guard let fieldsNow = now[index].fields, let fieldsThen = previous[match].fields, fieldsNow != fieldsThen else { return }
            let changed = Set(fieldsNow.keys).union(fieldsThen.keys).sorted().filter { fieldsNow[$0] != fieldsThen[$0] }
            added.append((index, .metadataChanged(changed.map { ($0, fieldsThen[$0] ?? "", fieldsNow[$0] ?? "") })))
        }
        // Previous articles not yet matched with a current one, by id and by file and title.
        var unmatched = Set(previous.indices)
        var previousByID: [String: [Int]] = [:]
        for (index, article) in previous.enumerated() { previousByID[article.id, default: []].append(index) }
        var pending: [Int] = []
        for index in now.indices {
            if let match = previousByID[now[index].id]?.first(where: { unmatched.contains($0) && previous[$0].sourcePath == now[index].sourcePath }) {
                unmatched.remove(match)
                matched(index, with: match)
            } else {
                pending.append(index)
            }
        }
        // Copies (files of the same bytes) number their articles `-dup2`, `-dup3`, … in file order: an
        // id of the same file that differs only in that number is the same article, renumbered
        // because another copy came or went.
        var previousByFileAndBase: [String: [Int]] = [:]
        for index in unmatched.sorted() {
            previousByFileAndBase[previous[index].sourcePath + "\u{0}" + withoutCopyNumber(previous[index].id), default: []].append(index)
        }
        pending = pending.filter { index in
            let key = now[index].sourcePath + "\u{0}" + withoutCopyNumber(now[index].id)
            guard let match = previousByFileAndBase[key]?.first(where: { unmatched.contains($0) }) else { return true }
            unmatched.remove(match)
            added.append((index, .renumbered(was: previous[match].id)))
            return false
        }
        // The same id in another file: the file was renamed or moved, the article unchanged.
        pending = pending.filter { index in
            guard let match = previousByID[now[index].id]?.first(where: { unmatched.contains($0) }) else { return true }
            unmatched.remove(match)
            matched(index, with: match)
            return false
        }
        // An article whose file changed gets a new id (ids follow the file's bytes): one of the same
        // file and title as an article gone is that article, changed, not a new one and a removed one.
        var goneByPlace: [String: [Int]] = [:]
        for index in unmatched.sorted() {
            goneByPlace[previous[index].sourcePath + "\u{0}" + previous[index].title, default: []].append(index)
        }
        for index in pending {
            if let match = goneByPlace[now[index].sourcePath + "\u{0}" + now[index].title]?.first(where: { unmatched.contains($0) }) {
                unmatched.remove(match)
                let was = previous[match]
                added.append((index, was.bodyHash.map { $0 == now[index].bodyHash ? .sameText(was: was.id) : .changed(was: was.id) }
                                  ?? .inChangedFile(was: was.id)))
            } else {
                added.append((index, .new))
            }
        }
        // A file skipped this run (`on_error: skip`) is not gone: its articles are said to be in it.
        return added.sorted { $0.index < $1.index }.map { (id: now[$0.index].id, title: now[$0.index].title, change: $0.change) }
            + unmatched.sorted().map { (id: previous[$0].id, title: previous[$0].title,
                                        change: skippedPaths.contains(previous[$0].sourcePath) ? ArticleChange.notRead : .removed) }
    }

    /// The table of `articleChanges` and the sentence that counts them ("2 new, 1 changed and 0
    /// removed article(s) …").
    static func changesTable(_ rows: [(id: String, title: String, change: ArticleChange)], since run: Int, id: String,
                             csvName: String) -> (table: Table, counted: String) {
        func count(_ test: (ArticleChange) -> Bool) -> Int { rows.count { test($0.change) } }
        let newCount = count { if case .new = $0 { true } else { false } }
        let changedCount = count { if case .changed = $0 { true } else if case .inChangedFile = $0 { true } else { false } }
        let sameCount = count { if case .sameText = $0 { true } else { false } }
        let removedCount = count { if case .removed = $0 { true } else { false } }
        let skippedCount = count { if case .notRead = $0 { true } else { false } }
        let renumberedCount = count { if case .renumbered = $0 { true } else { false } }
        let metadataCount = count { if case .metadataChanged = $0 { true } else { false } }
        let table = Table(id: id, title: "Articles new, changed or removed since run \(run)",
                            columns: [Column("id", label: "ID"), Column("title", label: "Title"), Column("change", label: "Change")],
                            rows: rows.map { [.text($0.id), .text($0.title), .text($0.change.label)] }, csvName: csvName)
        let counted = "\(newCount) new, \(changedCount) changed and \(removedCount) removed article(s)"
            + (sameCount > 0 ? " (and \(sameCount) unchanged in changed files)" : "")
            + (renumberedCount > 0 ? " (and \(renumberedCount) unchanged but renumbered, as a copy of their file came or went)" : "")
            + (metadataCount > 0 ? " (and \(metadataCount) of the same text whose metadata changed, as a sidecar or the folder "
                + "that dates them did: their groups may have changed)" : "")
            + (skippedCount > 0 ? " (and \(skippedCount) not read, their files skipped this run)" : "")
        return (table, counted)
    }

    /// An article id without the `-dupN` that copies of a file add (see `Ingestor.disambiguateDuplicates`).
    static func withoutCopyNumber(_ id: String) -> Substring {
        guard let dash = id.range(of: "-dup", options: .backwards), dash.upperBound < id.endIndex,
              id[dash.upperBound...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return id[...] }
        return id[..<dash.lowerBound]
    }

    /// The keywords whose rates can be compared with the previous run's, and what to say about
    /// the others and about changed settings.
    static func comparableKeywords(_ names: [String], method: RunMethod?, pipelineHash: String?,
                                   previous: StoredRunStatistics) -> (keywords: [String], notes: [String], settingsChanged: Bool) {
        var notes: [String] = []
        var settingsChanged = false
        let id = previous.run.id
        if let method, let before = previous.run.method {
            // Both runs' words are filtered with today's stop words and filters: only the reading and
            // the segmentation can mix changes of settings into the changes of the corpus.
            if let now = method.reading, let then = before.reading {
                if now != then {
                    settingsChanged = true
                    notes.append("The reading or the segmentation changed since run \(id) (the encoding or layout, the model, or a "
                                 + "dictionary or its content): the changes below mix those of the settings with those of the corpus. "
                                 + "(Both runs' words are filtered with the current stop words and filters, so a change of those alone "
                                 + "changes nothing below.)")
                }
            } else if method.settings != before.settings {
                settingsChanged = true
                notes.append("The reading, the segmentation or the term filters changed since run \(id) (the encoding or layout, "
                             + "the model, a dictionary or its content, the stop words, or the punctuation and number filters): "
                             + "the changes below mix those of the settings with those of the corpus.")
            }
        } else if let pipelineHash, pipelineHash != previous.run.pipelineHash {
            settingsChanged = true
            notes.append("The pipeline file changed since run \(id): if its settings changed, the changes below mix those of the "
                         + "settings with those of the corpus.")
        }
        var comparable: [String] = []
        var new: [String] = [], redefined: [String] = []
        for name in names {
            if previous.keywords[name] == nil {
                new.append(name)
            } else if let now = method?.keywords[name], let then = previous.run.method?.keywords[name], now != then {
                redefined.append(name)
            } else {
                comparable.append(name)
            }
        }
        if !new.isEmpty {
            notes.append("Not counted in run \(id), so not compared: \(new.joined(separator: "、")).")
        }
        if !redefined.isEmpty {
            notes.append("Counted with other words in run \(id), so not compared: "
                         + redefined.map { "\($0) (then \(previous.run.method?.keywords[$0] ?? ""), now \(method?.keywords[$0] ?? ""))" }
                            .joined(separator: "; ") + ".")
        }
        return (comparable, notes, settingsChanged)
    }
}
