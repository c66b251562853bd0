import Foundation

/// Splits a decoded file into articles and reads each article's header.
///
/// An article header is a title line followed by a byline in parentheses and/or a date line, in
/// either order:
///
///     集聚引领县域跨越发展的精锐之师
///     （宿迁市宿豫区委常委、组织部部长张贤永）
///     2021年 11月 11日
///
/// A date line may also name the meeting or the adoption (`（2023年3月13日第十四届全国人民代表大会
/// 第一次会议通过）`); such a line stays in the body. A title printed twice is one title.
///
/// A file with no such header is one article titled by its first line (when that line reads as a
/// title) or by the file name. Text before the first header becomes an article of its own, so
/// nothing is lost, unless it is only the file's title block and the header has no byline: then
/// the header dates the file's first article and starts none.
public enum ArticleSplitter {
    /// The id of the `index`-th (1-based) article of a file: `<hash12>-<NN>`, from the file's content
    /// hash, so the same text always gives the same ids (copies are told apart by `Ingestor`).
    public static func articleID(contentHash: String, index: Int) -> String {
        String(contentHash.prefix(12)) + "-" + (index < 10 ? "0" : "") + String(index)
    }

    /// Splits `document` into articles.
    ///
    /// - Parameters:
    ///   - document: a decoded file.
    ///   - layout: how its line breaks are read.
    /// - Returns: the articles in file order, with ids `<hash12>-<NN>`.
    /// - Complexity: O(n) in the length of the text.
    public static func split(_ document: Document, layout: LineLayout = .auto) -> [Article] {
        var warnings: [String] = []
        return split(document, layout: layout, warnings: &warnings)
    }

    /// Splits `document` into articles, adding to `warnings` what the user should know about its
    /// text: each line that reads as a date that does not exist (`2021年13月45日`), named by file
    /// and line. Such a line is kept as text and gives no date.
    public static func split(_ document: Document, layout: LineLayout = .auto, warnings: inout [String]) -> [Article] {
        var notes: [LineNote] = []
        let articles = split(document, layout: layout, notes: &notes)
        warnings += notes.map { $0.message(path: document.path) }
        return articles
    }

    /// `split(_:layout:warnings:)` with the warnings as notes on lines, without the file's path.
    /// - Parameter keepsLines: every line of text of one paragraph per line stays a paragraph, as
    ///   presegmented text needs (a line break inside a sentence joins its lines otherwise).
    public static func split(_ document: Document, layout: LineLayout = .auto, keepsLines: Bool = false,
                             notes: inout [LineNote]) -> [Article] {
        let (lines, measured) = contentLines(of: document.text, layout: layout)
        var profile = measured
        profile.joinsBrokenSentences = !keepsLines
        for line in lines {
            if let problem = line.dateLine?.problem {
                notes.append(LineNote(line: line.number, text: "\"\(line.text)\" reads as a date, but \(problem); "
                    + "the line is kept as text and gives no date"))
            }
        }
        var headers = findHeaders(in: lines, profile: profile)
        // The file's name without its extension, for an article without a title (made only then:
        // Foundation's path functions walk a path Character by Character).
        func stem() -> String { ((document.path as NSString).lastPathComponent as NSString).deletingPathExtension }
        var articles: [Article] = []

        func addArticle(title: String, byline: String?, parsed: Byline? = nil, date: String?, body: [SourceLine], startLine: Int,
                        titleIsFileName: Bool = false, datedByPage: Bool = false, monthDay: String? = nil) {
            var bylineText = byline
            var body = body
            if bylineText == nil, parsed == nil, let speaker = speaker(in: body) {
                bylineText = speaker.byline
                body.removeSubrange(speaker.lines)
            }
            // A date line that names a people's congress (it stays in the text) may name the speaker
            // (`…会议上省长许昆林作政府工作报告。`), and names the congress's place, the region.
            let meeting = meetingLine(in: body)
            if bylineText == nil, parsed == nil, let speaker = meeting?.speaker { bylineText = speaker }
            var paragraphs = ParagraphBuilder.paragraphs(from: body, profile: profile)
            // A report's end mark and editors' credits (`（完）`, `（责任编辑：赵六）`) are no text.
            while let last = paragraphs.last, isTrailingCredit(last) { paragraphs.removeLast() }
            // An end mark glued to the last sentence (`…稳中有增。(完)`).
            if let last = paragraphs.last, let cut = ["（完）", "(完)"].first(where: { last.hasSuffix($0) }), last.count > cut.count,
               let before = last.dropLast(cut.count).last, "。！？!?”」".contains(before) {
                paragraphs[paragraphs.count - 1] = String(last.dropLast(cut.count))
            }
            if bylineText == nil && parsed == nil && date == nil && paragraphs.isEmpty && title.isEmpty { return }
            let index = articles.count + 1
            var byline = parsed ?? bylineText.map(Byline.parse)
            if let place = meeting?.place, byline?.region.isEmpty ?? true {
                if byline == nil { byline = Byline(text: "", author: "", position: "", region: place) } else { byline!.region = place }
            }
            articles.append(Article(
                id: articleID(contentHash: document.contentHash, index: index),
                sourcePath: document.path, indexInFile: index, startLine: startLine,
                title: title, byline: byline?.text ?? "", author: byline?.author ?? "",
                position: byline?.position ?? "", region: byline?.region ?? "", date: date ?? "",
                paragraphs: paragraphs))
            if titleIsFileName { articles[articles.count - 1].titleIsFileName = true }
            if datedByPage { articles[articles.count - 1].datedByPage = true }
            if date == nil, let monthDay { articles[articles.count - 1].monthDay = monthDay }
        }

        // A header without a byline that follows nothing but the file's title block (the title,
        // a heading, a source line: lines that read as titles) gives the file's first article its
        // date; it starts no article of its own.
        var titleBlock: Header?
        if let first = headers.first, first.byline == nil, first.dateline == nil, first.titleIndex > 0, first.titleIndex <= maxTitleBlock,
           lines[0..<first.titleIndex].allSatisfy({ isTitleLike($0, profile: profile) }) {
            titleBlock = headers.removeFirst()
        }
        let firstHeader = headers.first?.titleIndex ?? lines.count
        // An official document's head above its title (`泰州市人民政府文件`, `泰政发〔2022〕16号`): the
        // title is the line under it, and the head stays in the text, as a later document's number does.
        let head = documentHead(lines, upTo: firstHeader)
        var headLines: [SourceLine] = []
        if head > 0, head == firstHeader {
            // The title is the first header's: the head goes to the top of its text.
            headLines = Array(lines[0..<head])
        } else if firstHeader > 0 {
            // No header at all, or text before the first one.
            var taken = Set(titleBlock?.headerLines ?? [])
            var title: String?
            if isTitleLike(lines[head], profile: profile), firstHeader > head + 1 {
                title = ParagraphBuilder.collapseSpaces(lines[head].text, removeAroundCJK: false)
                taken.insert(head)
                // An official document's title printed on two lines (`…关于印发泰州市促进人才发展` /
                // `若干措施的通知`): the second ends with the document's kind, the first does not.
                if let first = title, head > 0 || first.contains("关于"), firstHeader > head + 2, lines[head + 1].blankLinesBefore == 0,
                   !endsWithDocumentKind(first), lines[head + 1].text.count <= 30, endsWithDocumentKind(lines[head + 1].text),
                   !lines[head + 1].text.contains(where: { "，。；：,;:".contains($0) }) {
                    title = first + ParagraphBuilder.collapseSpaces(lines[head + 1].text, removeAroundCJK: false)
                    taken.insert(head + 1)
                }
                // The title printed twice, one copy under the other, is one title.
                if firstHeader > head + 2, lines[head + 1].text == lines[head].text { taken.insert(head + 1) }
                if let titleBlock, lines[titleBlock.titleIndex].text == lines[head].text { taken.insert(titleBlock.titleIndex) }
            }
            let body = slice(lines, 0..<firstHeader, without: taken)
            addArticle(title: title ?? stem(), byline: nil, date: titleBlock?.date, body: body, startLine: lines[0].number,
                       titleIsFileName: title == nil, datedByPage: titleBlock?.datedByPage == true)
        }
        for (position, header) in headers.enumerated() {
            let end = position + 1 < headers.count ? headers[position + 1].titleIndex : lines.count
            var body = slice(lines, header.titleIndex + 1..<end, without: Set(header.headerLines))
            if position == 0, !headLines.isEmpty { body = headLines + body }
            // A news dateline leaves the first paragraph: what follows it is the text.
            if let dateline = header.dateline, let at = header.datelineIndex,
               let first = body.firstIndex(where: { $0.number == lines[at].number }) {
                let last = first + header.datelineLines - 1
                if dateline.rest.isEmpty { body.removeSubrange(first...last) } else {
                    body[last].text = dateline.rest
                    if last > first { body.removeSubrange(first..<last) }
                }
            }
            // The dateline's byline; without a credit, a reporter's line above it (`本报记者 王政`), in its place.
            addArticle(title: header.title ?? ParagraphBuilder.collapseSpaces(lines[header.titleIndex].text, removeAroundCJK: false),
                       byline: header.byline, parsed: header.reporter ?? header.dateline?.byline, date: header.date, body: body,
                       startLine: lines[header.titleIndex].number, datedByPage: header.datedByPage, monthDay: header.dateline?.monthDay)
        }
        if articles.isEmpty {
            addArticle(title: stem(), byline: nil, date: nil, body: [], startLine: 1, titleIsFileName: true)
        }
        return mergingClosings(articles, contentHash: document.contentHash)
    }

    /// Official documents (公文) sign off under their text with the issuing body and the date
    /// (落款): `中共泰州市委组织部` / `2022年3月1日`, perhaps notes under it (`（此件公开发布）`, `抄送：…`).
    /// Read as a title and a date line, that closing started an article of its own, and the
    /// document had no date. An article with no byline whose title names a body (`isIssuer`) and
    /// whose date is its only header line, after an article with no date and no byline, is that
    /// article's closing when its text is only notes, or notes and then another document, which
    /// starts with a title-like line (a file of several documents, each signed off). The document
    /// above takes the closing's date, the issuing body as its byline (a position with its region
    /// and no author; a second body on the line above joins it; a person who signs under the body,
    /// `市长 王华`, is the author) and the notes; the next document,
    /// if any, is an article titled by its first line, dated by its own closing in turn.
    static func mergingClosings(_ articles: [Article], contentHash: String) -> [Article] {
        var result: [Article] = []
        var merged = false
        for article in articles {
            // A dated article without a byline under an undated one without a byline (checked first: the rest reads the title).
            // (An article dated by a web page's information line is dated by its closing instead.)
            guard var previous = result.last, previous.date.isEmpty || previous.datedByPage == true, previous.byline.isEmpty,
                  article.byline.isEmpty, !article.date.isEmpty, article.titleIsFileName != true else {
                result.append(article)
                continue
            }
            // A seal's mark between the body and the date (`（盖章）`) is read as the closing's
            // title: the body is then the line above it.
            let sealed = isSealMark(article.title)
            // A closing signed by a person (`市长 王华`, under the body's name or alone).
            let signer = sealed || isIssuer(withoutSeal(article.title)) ? nil : Byline.unbracketed(article.title)
            guard sealed ? previous.paragraphs.last.map(isIssuer) == true : signer != nil || isIssuer(withoutSeal(article.title)) else {
                result.append(article)
                continue
            }
            let notes = article.paragraphs.prefix { isClosingNote($0) }
            var next = article.paragraphs.dropFirst(notes.count)
            // The next document's number (`泰政发〔2022〕16号`) or an attachment's label (`附件1`)
            // stands above its title; the title is the line under it.
            let label = next.first.flatMap { isDocumentNumber($0) || isAttachmentLabel($0) ? $0 : nil }
            if label != nil { next = next.dropFirst() }
            guard next.isEmpty ? label == nil : isDocumentTitle(next.first!, label: label, following: next.dropFirst().first) else {
                result.append(article)
                continue
            }
            var paragraphs = previous.paragraphs
            if sealed { paragraphs.removeLast() }   // the body's name above the seal's mark signs, as below
            let byline = closingByline(sealed ? previous.paragraphs.last! : article.title, signer: signer, above: &paragraphs)
            sign(&previous, byline: byline, date: article.date, paragraphs: paragraphs + notes)
            result[result.count - 1] = previous
            merged = true
            if let title = next.first {
                var document = article
                (document.title, document.date) = (title, "")
                document.paragraphs = (label.map { [$0] } ?? []) + Array(next.dropFirst())
                result.append(document)
            }
        }
        // A closing at the end of the file is no header (no line follows its date): it is the end
        // of the last article's text.
        if var last = result.last, last.date.isEmpty || last.datedByPage == true, last.byline.isEmpty {
            let notes = last.paragraphs.reversed().prefix { isClosingNote($0) }.count
            var text = Array(last.paragraphs.dropLast(notes))
            // The last line a date and nothing else (checked first: most articles end otherwise).
            if text.count >= 3, let reading = DateLine.read(text.last!), reading.dateOnly, let date = reading.date {
                // A seal's mark on its own line between the body and the date goes.
                if text.count >= 4, isSealMark(text[text.count - 2]) { text.remove(at: text.count - 2) }
                let closing = text[text.count - 2]
                let signer = isIssuer(withoutSeal(closing)) ? nil : Byline.unbracketed(closing)
                if signer != nil || isIssuer(withoutSeal(closing)), endsSentence(text[text.count - 3]) || isIssuer(text[text.count - 3]) {
                    var paragraphs = Array(text.dropLast(2))
                    let byline = closingByline(closing, signer: signer, above: &paragraphs)
                    sign(&last, byline: byline, date: date, paragraphs: paragraphs + last.paragraphs.suffix(notes))
                    result[result.count - 1] = last
                }
            }
        }
        for index in result.indices where result[index].datedByPage != nil { result[index].datedByPage = nil }
        // A dateline's day without a year waits for one only while the article has no date (a closing may have dated it).
        for index in result.indices where !result[index].monthDay.isEmpty && !result[index].date.isEmpty { result[index].monthDay = "" }
        guard merged else { return result }
        for index in result.indices {
            result[index].indexInFile = index + 1
            result[index].id = articleID(contentHash: contentHash, index: index + 1)
        }
        return result
    }

    /// The byline of a closing whose last line above the date is `closing`: a person who signs
    /// (`signer`, read from `closing`) under the body's name on the line above it, or the issuing
    /// bodies (`closingIssuers`). The lines it takes leave `paragraphs`.
    static func closingByline(_ closing: String, signer: String?, above paragraphs: inout [String]) -> Byline {
        if let signer {
            return Byline.parse(paragraphs.last.map(isIssuer) == true ? withoutSeal(paragraphs.removeLast()) + signer : signer)
        }
        return Byline.parse(closingIssuers(withoutSeal(closing), above: &paragraphs).joined(separator: "、"))
    }

    /// `article` signed off by its closing: its byline, date and remaining text.
    static func sign(_ article: inout Article, byline: Byline, date: String, paragraphs: [String]) {
        article.paragraphs = paragraphs
        article.date = date
        (article.byline, article.author, article.position, article.region) = (byline.text, byline.author, byline.position, byline.region)
    }

    /// The issuing bodies of a closing whose last line is `issuer`: it, and a second body on the
    /// line above (two bodies signing jointly), taken out of `paragraphs`, unless that line is one of
    /// a list of bodies (the line above it names a body too, or ends with `：`). A body printed twice
    /// (a seal's text) is one.
    static func closingIssuers(_ issuer: String, above paragraphs: inout [String]) -> [String] {
        guard let last = paragraphs.last, isIssuer(last) else { return [issuer] }
        let before = paragraphs.dropLast().last
        if let before, isIssuer(before) || before.hasSuffix("：") || before.hasSuffix(":") { return [issuer] }
        paragraphs.removeLast()
        return last == issuer ? [issuer] : [last, issuer]
    }

    /// A seal's mark in a closing: `（盖章）`, `(印章)`, `（公章）`, `（签章）`.
    static func isSealMark(_ text: String) -> Bool {
        sealMarks.contains(text.filter { !"（）() 　".contains($0) })
    }

    static let sealMarks: Set<String> = ["盖章", "印章", "公章", "签章", "章", "印"]

    /// A body's name without a seal's mark after it (`江苏省人民政府（盖章）`).
    static func withoutSeal(_ text: String) -> String {
        guard let open = text.lastIndex(where: { $0 == "（" || $0 == "(" }), text.last == "）" || text.last == ")",
              isSealMark(String(text[open...])) else { return text }
        return String(text[..<open]).trimmingCharacters(in: .whitespaces)
    }

    /// A note under a document's closing: in brackets (`（此件公开发布）`, `（联系人：张三）`), a
    /// distribution line (`抄送：…`, `抄报`, `主题词`), or the line of its printing
    /// (`泰州市司法局办公室　2022年3月1日印发`).
    static func isClosingNote(_ paragraph: String) -> Bool {
        guard let first = paragraph.unicodeScalars.first, let last = paragraph.unicodeScalars.last else { return false }
        if (first == "（" && last == "）") || (first == "(" && last == ")") { return paragraph.unicodeScalars.count <= 80 }
        return ["抄送", "抄报", "印发", "主题词", "分送"].contains { paragraph.hasPrefix($0) }
            || paragraph.hasSuffix("印发") || paragraph.hasSuffix("印发日期")
    }

    /// Whether a paragraph is a news report's end mark or an editors' credit: `（完）`, `（责任编辑：赵六）`,
    /// `编辑：李四 校对：王五`, `【责编：张三】`; each label (`creditLabels`) followed by names, at most
    /// 40 characters in all.
    static func isTrailingCredit(_ paragraph: String) -> Bool {
        // Cheap test first: a bracket or a label's first character.
        guard let lead = paragraph.unicodeScalars.first(where: { !TextScalar.isWhitespace($0) }),
              "（(【[值责编校审监美".unicodeScalars.contains(lead) else { return false }
        let text = paragraph.trimmingCharacters(in: .whitespaces)
        guard text.count <= 60 else { return false }
        // Bracketed groups one after another (`（完）（责任编辑：赵六）`, `【纠错】【责任编辑：李四】`), or one credit.
        let closers: [Character: Character] = ["（": "）", "(": ")", "【": "】", "[": "]"]
        if let first = text.first, closers[first] != nil {
            var rest = Substring(text)
            var found = false
            while let open = rest.first, let close = closers[open] {
                guard let end = rest.firstIndex(of: close) else { return false }
                let inner = rest[rest.index(after: rest.startIndex)..<end]
                guard inner == "完" || inner == "全文完" || inner == "纠错" || isCredit(inner) else { return false }
                found = true
                rest = rest[rest.index(after: end)...].drop { $0 == " " || $0 == "\u{3000}" }
            }
            return found && rest.isEmpty
        }
        return isCredit(Substring(text))
    }

    /// `label：names`, one after another (`编辑：李四 校对：王五`, `编辑：李四校对：王五`), at most 40 characters.
    private static func isCredit(_ text: Substring) -> Bool {
        guard text.count <= 40 else { return false }
        var found = false
        var rest = text.drop { $0 == " " || $0 == "\u{3000}" }
        while !rest.isEmpty {
            guard let label = creditLabels.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(label.count)
            guard let colon = rest.first, colon == "：" || colon == ":" else { return false }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\u{3000}" }
            // Names up to the next label, `、` or spaces between them.
            var names = 0
            while var name = rest.split(whereSeparator: { " \u{3000}、，,".contains($0) }).first,
                  !creditLabels.contains(where: { name.hasPrefix($0) }) {
                // A name glued to the next label (`李四校对：王五`) ends where the label begins.
                if let next = creditLabels.compactMap({ name.range(of: $0 + "：") ?? name.range(of: $0 + ":") }).min(by: { $0.lowerBound < $1.lowerBound }) {
                    name = name[..<next.lowerBound]
                }
                guard Byline.isName(name) else { return false }
                names += 1
                rest = rest.dropFirst(name.count).drop { " \u{3000}、，,".contains($0) }
            }
            guard names > 0 else { return false }
            found = true
        }
        return found
    }

    /// Labels of editors' credits under a news report.
    static let creditLabels = ["值班编辑", "责任编辑", "责编", "编辑", "校对", "审核", "审校", "监制", "美编", "编审"]

    /// Whether a paragraph reads as an official document's title, the next document's in a file of
    /// several: `关于…` or a document's kind at its end (通知, 意见, 决定, 批复, 函, …), or a short line
    /// that an addressee (`各有关单位：`) follows; under an attachment's label any short line.
    static func isDocumentTitle(_ paragraph: String, label: String?, following: String?) -> Bool {
        let scalars = paragraph.unicodeScalars
        guard (2...60).contains(scalars.count), let last = scalars.last, !"。！？!?：:；;，,".unicodeScalars.contains(last),
              !isClosingNote(paragraph) else { return false }
        if label.map(isAttachmentLabel) == true { return true }
        return paragraph.contains("关于") || endsWithDocumentKind(paragraph)
            || following.map { $0.hasSuffix("：") || $0.hasSuffix(":") } == true
    }

    /// Whether a title ends with a document's kind (`documentKinds`), perhaps followed by a bracket
    /// that says which version it is: `人才引进办法（试行）`, `…条例（草案）`, `…目录（2024年版）`.
    static func endsWithDocumentKind(_ title: String) -> Bool {
        var text = Substring(title)
        if let last = text.last, last == "）" || last == ")", let open = text.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            if versionWords.contains(where: { inner.contains($0) }) { text = text[..<open] }
        }
        return documentKinds.contains { text.hasSuffix($0) }
    }

    static let documentKinds = ["通知", "通报", "意见", "决定", "决议", "批复", "函", "复函", "办法", "方案", "规定", "细则", "规划", "计划",
                                "报告", "请示", "纪要", "公告", "通告", "命令", "令", "议案", "要点", "条例", "章程", "制度", "指引", "清单",
                                "措施", "行动", "规则", "准则", "纲要", "标准", "指南", "导则", "守则", "公报", "目录"]

    /// Words of a bracket after a document's kind that names its version (`（试行）`, `（2024年版）`).
    static let versionWords = ["试行", "暂行", "修订", "修正", "草案", "征求意见稿", "送审稿", "版"]

    /// How many lines at the top of a file (before line `limit`) are an official document's head,
    /// above its title: its number (`泰政发〔2022〕16号`), under the issuer's red-head line
    /// (`泰州市人民政府文件`) or not, when the line under them reads as a document's title; 0 when none.
    static func documentHead(_ lines: [SourceLine], upTo limit: Int) -> Int {
        var index = 0
        var numbered = false
        var redHead = false
        while index < min(5, limit), index < lines.count {
            let text = lines[index].text.trimmingCharacters(in: .whitespaces)
            if isDocumentNumber(withoutSigner(text)) {
                numbered = true
            } else if !numbered, !redHead, isRedHead(text) {
                redHead = true
            } else if !numbered, !redHead, isCopyOrUrgency(text) {
                // The copy number and the marks of urgency and secrecy above the red head.
            } else {
                break
            }
            index += 1
        }
        guard numbered, index < lines.count, index <= limit else { return 0 }
        let title = lines[index].text.trimmingCharacters(in: .whitespaces)
        let following = index + 1 < lines.count ? lines[index + 1].text : nil
        return isDocumentTitle(title, label: nil, following: following) ? index : 0
    }

    /// A document's number without the signer printed beside it (`泰政发〔2022〕16号　签发人：王华`).
    static func withoutSigner(_ text: String) -> String {
        guard let signer = text.range(of: "签发人") else { return text }
        return String(text[..<signer.lowerBound]).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}")))
    }

    /// A line above an official document's red head: its copy number (`000123`) or a mark of urgency
    /// or secrecy (`特急`, `机密★1年`).
    static func isCopyOrUrgency(_ text: String) -> Bool {
        if text.count == 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        return text.count <= 10 && ["特急", "加急", "特提", "平急", "急件", "机密", "秘密", "绝密"].contains { text.hasPrefix($0) }
    }

    /// The issuer's line at the head of an official document: `泰州市人民政府文件`, `中共江苏省委组织部文件`.
    static func isRedHead(_ text: String) -> Bool {
        text.hasSuffix("文件") && isIssuer(String(text.dropLast(2)))
    }

    /// A document's number: `泰政发〔2022〕16号`, `苏组通[2021]3号`, `国办发（2022）5号`.
    static func isDocumentNumber(_ paragraph: String) -> Bool {
        paragraph.unicodeScalars.last == "号" && paragraph.unicodeScalars.count <= 30 && paragraph.wholeMatch(of: documentNumberPattern) != nil
    }

    nonisolated(unsafe) static let documentNumberPattern = #/\p{Han}{0,12}[〔\[［（(【][0-9０-９]{4}[〕\]］）)】]第?[0-9０-９]{1,5}号/#

    /// An attachment's label on a line of its own: `附件`, `附件1`, `附件２：`.
    static func isAttachmentLabel(_ paragraph: String) -> Bool {
        paragraph.unicodeScalars.count <= 8 && paragraph.wholeMatch(of: #/附件[0-9０-９一二三四五六七八九十]*[:：]?/#) != nil
    }

    static func endsSentence(_ paragraph: String) -> Bool {
        paragraph.unicodeScalars.last.map { "。！？!?".unicodeScalars.contains($0) } ?? false
    }

    /// Whether a line names an issuing body (`中共泰州市委组织部`, `泰州市人民政府办公室`, `国务院`): 3 to
    /// 40 characters, no sentence punctuation, ending with a word for a body.
    static func isIssuer(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard (3...40).contains(scalars.count), !scalars.contains(where: { issuerStops.contains($0) }) else { return false }
        return issuerSuffixes.contains { text.hasSuffix($0) }
    }

    static let issuerStops: Set<Unicode.Scalar> = ["，", "。", "；", "：", "！", "？", ",", ";", ":", "!", "?", "“", "”", "《", "》", "、"]
    static let issuerSuffixes = ["部", "委", "厅", "局", "办公室", "办", "政府", "委员会", "院", "会", "中心", "处", "室", "所", "站", "公司",
                                 "集团", "学校", "大学", "医院", "党组", "支部", "总支", "银行", "小组", "指挥部", "办事处", "署", "社"]

    /// The most lines before an article's unbracketed byline (a source line, a date line, a subtitle).
    static let maxLinesBeforeSpeaker = 3

    /// A byline printed without brackets (`省长 王予波`, see `Byline.unbracketed`) among an
    /// article's first lines, before its text begins (the lines above it hold no sentence or part of
    /// one and greet nobody, `各位代表：`): on one line, or a short position on one and the name on the
    /// next (`国务院总理` / `李克强`). Returns the lines it takes in `body` and the byline's text.
    static func speaker(in body: [SourceLine]) -> (lines: Range<Int>, byline: String)? {
        for (index, line) in body.prefix(maxLinesBeforeSpeaker + 1).enumerated() {
            if let byline = Byline.unbracketed(line.text) {
                // One of a list of such lines (`组　长 张建国` / `副组长 李四`) is none.
                if index + 1 < body.count, Byline.unbracketed(body[index + 1].text) != nil { return nil }
                return (index..<index + 1, byline)
            }
            if index + 1 < body.count, line.text.unicodeScalars.count <= 20, Byline.isPosition(line.text),
               let byline = Byline.unbracketed(line.text + " " + body[index + 1].text) {
                return (index..<index + 2, byline)
            }
            // The lines above a speaker are a title block: no sentence, not even a part of one
            // (`…精神。会议由` / `市委书记 李明` / `主持并讲话。` is running text).
            guard let last = line.text.unicodeScalars.last, !"：:".unicodeScalars.contains(last),
                  !line.text.unicodeScalars.contains(where: { "。！？!?；;，,".unicodeScalars.contains($0) }) else { return nil }
        }
        return nil
    }

    /// The speaker and the place that a date line among an article's first lines names, when it
    /// dates a session of a local people's congress:
    ///
    ///     2025年1月19日在江苏省第十四届人民代表大会第三次会议上省长许昆林作政府工作报告。  → 省长 许昆林, 江苏省
    ///     ——2025年1月16日省长 李乐成在辽宁省第十四届人民代表大会第三次会议上的讲话        → 省长 李乐成, 辽宁省
    ///     ----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告    → 市长 龚正, 上海市
    ///     ——2025年1月18日在云南省第十四届人民代表大会第三次会议上                        → no speaker, 云南省
    ///
    /// The speaker is what stands between 会议上 and 作…报告, or between the date and 在 (a name before
    /// a head of government's title is put after it), as a byline's text; `nil` when none reads as
    /// one. The place is the run of place names between 在 and 第…届 (none for the national congress).
    static func meetingLine(in body: [SourceLine]) -> (speaker: String?, place: String?)? {
        for line in body.prefix(maxLinesBeforeSpeaker + 1) {
            guard let reading = line.dateLine, !reading.dateOnly, !reading.information, line.text.contains("人民代表大会"),
                  let congress = line.text.firstMatch(of: congressPattern) else { continue }
            let place = String(congress.1)
            var speaker: Substring?
            if let after = line.text.firstMatch(of: speakerAfterMeeting) {
                speaker = after.1
            } else if let date = line.text.firstMatch(of: DateLine.chinesePattern), date.range.upperBound < congress.range.lowerBound {
                speaker = line.text[date.range.upperBound..<congress.range.lowerBound]
            }
            var byline: String?
            // A no-break space between position and name (Anhui's report) is a space.
            if var text = speaker?.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces), !text.isEmpty {
                if text.hasSuffix("同志") { text = String(text.dropLast(2)).trimmingCharacters(in: .whitespaces) }
                // A name before the title (`龚正市长`): the title first, as bylines print it.
                if let title = headTitles.first(where: { text.hasSuffix($0) }), Byline.isName(text.dropLast(title.count)),
                   Byline.region(of: String(text.dropLast(title.count))).isEmpty {
                    text = title + " " + text.dropLast(title.count)
                }
                // A speaker has a position and a name (`…会议上作政府工作报告` names nobody: `作政府工` is no name).
                let parsed = Byline.parse(text)
                if !parsed.author.isEmpty, !parsed.position.isEmpty { byline = text }
            }
            return (byline, Byline.genericUnits.contains(place) || place.isEmpty ? nil : place)
        }
        return nil
    }

    /// `在<place>第十四届人民代表大会`: the place a local people's congress is of.
    nonisolated(unsafe) static let congressPattern = #/在(\p{Han}{0,12}?)第[一二三四五六七八九十百零〇0-9０-９]+届\s*人民代表大会/#
    /// `…会议上<speaker>作政府工作报告`.
    nonisolated(unsafe) static let speakerAfterMeeting = #/会议上(\p{Han}[^，。；：、]{1,28}?)作\p{Han}{0,10}报告/#
    /// Heads of government whose title may follow the name (`龚正市长`).
    static let headTitles = ["代省长", "代市长", "省长", "市长", "主席", "区长", "县长", "州长"]

    /// The lines in `range` but those at the indices `taken` (a few header lines), copied a run at a time.
    static func slice(_ lines: [SourceLine], _ range: Range<Int>, without taken: Set<Int>) -> [SourceLine] {
        var start = range.lowerBound
        var inside: [Int] = []
        for index in taken.sorted() where range.contains(index) {
            if index == start { start += 1 } else { inside.append(index) }
        }
        // Usually the header lines lead the range: one copy of the rest.
        guard !inside.isEmpty else { return Array(lines[start..<range.upperBound]) }
        var result: [SourceLine] = []
        result.reserveCapacity(range.count)
        for index in inside {
            result += lines[start..<index]
            start = index + 1
        }
        result += lines[start..<range.upperBound]
        return result
    }

    /// The most lines a file's title block can hold before the date line of its first article.
    static let maxTitleBlock = 5

    struct Header: Equatable {
        var titleIndex: Int
        var byline: String?
        var date: String?
        /// The lines after the title that the header takes out of the text: a repetition of the
        /// title, the byline, a date line that holds only the date. A date line that also names
        /// the meeting or the adoption stays in the text.
        var headerLines: [Int]
        /// The index of the first line after the header.
        var end: Int
        /// A news dateline that opens the article's first paragraph (line `datelineIndex`), which
        /// gives the byline and leaves the text.
        var dateline: NewsDateline? = nil
        var datelineIndex: Int? = nil
        /// How many lines the dateline takes (two when a wrapped line cut its credit).
        var datelineLines = 1
        /// The title's text when it is not its line's (a title printed on two lines).
        var title: String? = nil
        /// A news report's reporters from a line above its dateline (`本报记者 王政`), when the dateline names none.
        var reporter: Byline? = nil
        /// Whether the date is a web page's (its information line's), which a closing (落款) replaces.
        var datedByPage = false
    }

    /// The non-blank lines of the text that are not page numbers, each with its blank-line count,
    /// and the layout they were measured to have.
    ///
    /// The layout is measured without the lines that hold only a number. Decorated page numbers
    /// (`- 30 -`, `第 30 页`) are dropped in every layout; bare numbers only in hard-wrapped text,
    /// where `PageNumbers` finds them to be page numbers. The blank lines around a dropped line
    /// count before the next line.
    static func contentLines(of text: String, layout: LineLayout) -> (lines: [SourceLine], profile: LayoutProfile) {
        var lines: [SourceLine] = []
        var blanks = 0
        var number = 0
        var markers = 0
        var bareNumbers = 0
        // Split on the UTF-8 bytes: splitting a String steps through grapheme clusters, which is slow.
        let utf8 = text.utf8
        var rawLines: [Substring] = []
        // The lines that hold a form feed (a page break), by index in `rawLines`: rare, looked at again.
        var formFeeds: Set<Int> = []
        var lineStart = utf8.startIndex
        var position = utf8.startIndex
        while position < utf8.endIndex {
            let byte = utf8[position]
            if byte == 0x0A {
                rawLines.append(text[lineStart..<position])
                lineStart = utf8.index(after: position)
            } else if byte == 0x0C {
                formFeeds.insert(rawLines.count)
            }
            position = utf8.index(after: position)
        }
        rawLines.append(text[lineStart..<utf8.endIndex])
        var pageBreak = false
        for (rawIndex, raw) in rawLines.enumerated() {
            number += 1
            var line = SourceLine(number: number, raw: raw, blankLinesBefore: blanks)
            var breakAfter = false
            if formFeeds.contains(rawIndex) {
                // A form feed before the line's text breaks the page before it; one after it, after it.
                let scalars = raw.unicodeScalars
                let firstText = scalars.firstIndex { !TextScalar.isWhitespace($0) && !TextScalar.isInvisible($0) }
                if let firstText {
                    if scalars[..<firstText].contains("\u{0C}") { pageBreak = true }
                    if scalars[firstText...].contains("\u{0C}") { breakAfter = true }
                } else {
                    pageBreak = true
                }
            }
            if line.text.isEmpty {
                blanks += 1
                continue
            }
            line.pageBreakBefore = pageBreak
            pageBreak = breakAfter
            if let marker = line.pageMarker {
                markers += 1
                if case .bare = marker { bareNumbers += 1 }
            }
            lines.append(line)
            blanks = 0
        }
        var withoutNumbers = markers > 0 ? dropping(lines) { lines[$0].pageMarker != nil } : lines
        var profile = LayoutProfile.measure(withoutNumbers, layout: layout)
        // Curly quotation marks set full-width (text typed, not extracted from a PDF) widen their lines.
        if profile.fullWidth >= 10, LayoutProfile.quotesAreFullWidth(withoutNumbers, fullWidth: profile.fullWidth) {
            for index in lines.indices where lines[index].curlyQuotes > 0 { lines[index].width += Double(lines[index].curlyQuotes) / 2 }
            withoutNumbers = markers > 0 ? dropping(lines) { lines[$0].pageMarker != nil } : lines
            profile = LayoutProfile.measure(withoutNumbers, layout: layout)
            profile.quotesFullWidth = true
        }
        let kept = bareNumbers > 0 ? PageNumbers.keptBareNumbers(in: lines, wrapped: profile.wrapped) : []
        let pageNumber = markers > 0 ? lines.indices.map { lines[$0].pageMarker != nil && !kept.contains($0) }
            : [Bool](repeating: false, count: lines.count)
        let heads = RunningHeads.find(in: lines, pageNumber: pageNumber, pageBreaks: markers > 0 || !formFeeds.isEmpty,
                                       pageBreakAtEnd: pageBreak, fullWidth: profile.fullWidth) { next in
            next.dateLine?.date != nil || bylineText(next.text) != nil
        }
        guard markers > 0 || !heads.isEmpty else { return (lines, profile) }
        return (dropping(lines, joiningCutSentences: profile.wrapped) { pageNumber[$0] || heads.contains($0) }, profile)
    }

    /// The lines without those at the indices `drop` picks; the blank lines before a dropped line
    /// count before the next line that is kept.
    /// - Parameter joiningCutSentences: in hard-wrapped text, where blank lines end paragraphs, the
    ///   blank lines around dropped lines (a page's number, head or foot, which extraction sets apart)
    ///   count for nothing when the line before them ends no sentence: a page break that cuts a
    ///   sentence ends no paragraph.
    static func dropping(_ lines: [SourceLine], joiningCutSentences: Bool = false, where drop: (Int) -> Bool) -> [SourceLine] {
        var result: [SourceLine] = []
        result.reserveCapacity(lines.count)
        var carried = 0
        var droppedSince = false
        for (index, line) in lines.enumerated() {
            if drop(index) {
                carried += line.blankLinesBefore
                droppedSince = true
            } else {
                var line = line
                if joiningCutSentences, droppedSince, let last = result.last?.text.unicodeScalars.last, !RunningHeads.sentenceEnds.contains(last) {
                    line.blankLinesBefore = 0
                } else {
                    line.blankLinesBefore += carried
                }
                carried = 0
                droppedSince = false
                result.append(line)
            }
        }
        return result
    }

    static func findHeaders(in lines: [SourceLine], profile: LayoutProfile) -> [Header] {
        var headers: [Header] = []
        var index = 0
        while index + 1 < lines.count {
            // A line after one that opens a quotation or bracket (`毛主席说：“`) continues it: the
            // report of the 11th congress quotes `她` / `（指江青）`, an editor's note, not a title and byline.
            guard isTitleLike(lines[index], profile: profile), index == 0 || !endsOpen(lines[index - 1].text) else {
                index += 1
                continue
            }
            // The title printed twice, one copy under the other, is one title.
            var next = index + 1
            var taken: [Int] = []
            if next + 1 < lines.count, lines[next].text.utf8.count == lines[index].text.utf8.count, lines[next].text == lines[index].text {
                taken.append(next)
                next += 1
            }
            // Fields some pages print above the date line (`来源：人民日报` / `发布时间：2024-03-05`)
            // leave the text with it: up to three lines of fields alone, under a title that is no
            // field itself, above a date line that leaves the text (the date alone, or a page's
            // information). Above a line that names a meeting, which stays in the text, they stay
            // too; so they do above a news report's date, whose dateline below finds its title.
            var fieldsAbove = next
            while fieldsAbove + 1 < lines.count, fieldsAbove - next < 3, lines[fieldsAbove].dateLine == nil,
                  DateLine.isFieldLine(lines[fieldsAbove].text) {
                fieldsAbove += 1
            }
            var fieldLines: [Int] = []
            if fieldsAbove > next, lines[fieldsAbove].dateLine?.date != nil, lines[fieldsAbove].dateLine?.dateOnly == true,
               !DateLine.isFieldLine(lines[index].text),
               fieldsAbove + 1 == lines.count || newsDateline(at: fieldsAbove + 1, in: lines, profile: profile) == nil,
               // A byline alone there (`作者：张三`, `作者：本报记者 王五`) is read as a byline, below.
               fieldsAbove - next > 1 || bylineText(lines[next].text) == nil || DateLine.fieldCount(lines[next].text) > 1 {
                fieldLines = Array(next..<fieldsAbove)
            }
            taken += fieldLines
            next += fieldLines.count
            let second = lines[next]
            let third = next + 1 < lines.count ? lines[next + 1] : nil
            // A date line leaves the text when it holds only the date.
            func dateLines(_ index: Int) -> [Int] { lines[index].dateLine?.dateOnly == true ? [index] : [] }
            var header: Header?
            if let byline = bylineText(second.text) {
                if let date = third?.dateLine?.date {
                    header = Header(titleIndex: index, byline: byline, date: date, headerLines: taken + [next] + dateLines(next + 1),
                                    end: next + 2)
                } else {
                    header = Header(titleIndex: index, byline: byline, date: nil, headerLines: taken + [next], end: next + 1)
                }
            } else if let date = second.dateLine?.date, second.dateLine?.information != true || canTitleAPage(lines[index].text) {
                if next + 1 < lines.count, let read = newsDateline(at: next + 1, in: lines, profile: profile),
                   var dated = datelineHeader(read.dateline, at: next + 1, lines: read.lines, above: next, in: lines, profile: profile,
                                              floor: headers.last?.end ?? 0) {
                    // A news report dated under its title (`2023-03-05 10:21`), its dateline below.
                    dated.date = dated.date ?? date
                    dated.headerLines = taken + dated.headerLines + dateLines(next)
                    header = dated
                } else if let third, let byline = bylineText(third.text) {
                    header = Header(titleIndex: index, byline: byline, date: date, headerLines: taken + dateLines(next) + [next + 1],
                                    end: next + 2)
                } else if next + 1 < lines.count {
                    // Title and date with no byline: the title must end what came before it.
                    if endsWhatCameBefore(index, in: lines, profile: profile) {
                        header = Header(titleIndex: index, byline: nil, date: date, headerLines: taken + dateLines(next), end: next + 1)
                    }
                }
                // A `作者：` among the fields above the date line names the author (or is the byline
                // as printed, `作者：本报评论员`, as a byline line of its own is).
                if header?.byline == nil, header?.dateline == nil,
                   let author = fieldLines.lazy.compactMap({ informationByline(lines[$0].text) }).first
                    ?? fieldLines.lazy.compactMap({ bylineText(lines[$0].text) }).first {
                    header?.byline = author
                }
                // A web page's information line (`发布时间：… 来源：… 作者：张三`) names the author, and
                // the page's controls under it (`字号：大 中 小`) are no text either.
                if second.dateLine?.information == true, var found = header {
                    if found.byline == nil, found.dateline == nil, let author = informationByline(second.text) {
                        found.byline = author
                    }
                    found.datedByPage = found.dateline == nil || found.dateline?.date == nil
                    // Fields printed one per line under it (`来源：泰州日报` / `作者：张三`), and the page's
                    // controls, are no text either; a `作者：` among them names the author.
                    while found.end == found.headerLines.last.map({ $0 + 1 }) ?? -1, found.end < lines.count,
                          DateLine.isFieldLine(lines[found.end].text) || DateLine.isPageControls(lines[found.end].text),
                          found.end - next <= 6 {
                        if found.byline == nil, found.dateline == nil, let author = informationByline(lines[found.end].text) {
                            found.byline = author
                        }
                        found.headerLines.append(found.end)
                        found.end += 1
                    }
                    header = found
                }
            } else if let found = datelineBelow(next, in: lines, profile: profile) {
                // A news report: its title (above a reporter's line, a date or source line, a
                // subtitle; on one line or two), then its first paragraph opening with a dateline.
                header = datelineHeader(found.read.dateline, at: found.at, lines: found.read.lines, above: found.at - 1, in: lines,
                                        profile: profile, floor: headers.last?.end ?? 0)
                if header != nil { header!.headerLines = taken + header!.headerLines }
            }
            if var header {
                // A source line (`来源：北京日报`) or a subtitle (`——在…上的报告`) above the date is no
                // title: the title is the line above it, when that reads as one (in a file of
                // several documents a later one's title went to the end of the one before).
                let floor = headers.last?.end ?? 0
                if isSourceOrSubtitle(lines[index].text), index - 1 >= floor, isTitleLike(lines[index - 1], profile: profile),
                   !isSourceOrSubtitle(lines[index - 1].text), lines[index - 1].text.prefixMatch(of: labelLine) == nil,
                   index - 1 == 0 || !endsOpen(lines[index - 2].text), endsWhatCameBefore(index - 1, in: lines, profile: profile) {
                    header.titleIndex = index - 1
                }
                headers.append(header)
                index = header.end
            } else {
                index += 1
            }
        }
        return headers
    }

    /// The news dateline that opens the paragraph at line `index`, and how many lines it takes
    /// (two when a bracketed credit is cut by a wrapped line's end).
    static func newsDateline(at index: Int, in lines: [SourceLine], profile: LayoutProfile) -> (dateline: NewsDateline, lines: Int)? {
        let text = lines[index].text
        // Cheap test first: this runs on the line after every title-like line.
        guard NewsDateline.startsWithAgency(text) else { return nil }
        // In wrapped text a line is part of a paragraph: a credit at its end may go on.
        let complete = !profile.wrapped
        if let dateline = NewsDateline.read(text, complete: complete) { return (dateline, 1) }
        if profile.wrapped, index + 1 < lines.count, lines[index + 1].blankLinesBefore == 0,
           let dateline = NewsDateline.read(text + lines[index + 1].text, complete: false),
           dateline.rest.unicodeScalars.count <= lines[index + 1].text.unicodeScalars.count {
            return (dateline, 2)
        }
        return nil
    }

    /// The news dateline at line `index`, or under up to three lines of a title block there.
    static func datelineBelow(_ index: Int, in lines: [SourceLine], profile: LayoutProfile)
        -> (at: Int, read: (dateline: NewsDateline, lines: Int))? {
        // Cheap test first: an agency's name opens one of the lines.
        guard (index..<min(lines.count, index + 4)).contains(where: { NewsDateline.startsWithAgency(lines[$0].text) }) else { return nil }
        var at = index
        while at < lines.count, at - index <= 3 {
            if let read = newsDateline(at: at, in: lines, profile: profile) { return (at, read) }
            guard isTitleBlockLine(lines[at].text) else { return nil }
            at += 1
        }
        return nil
    }

    /// The header of a news report whose dateline opens line `at` (taking `count` lines), the
    /// title-like line `above` it: the title is that line, or above the lines of the title block
    /// between (a reporter's line `本报记者 王政`, a date or source line, a subtitle), and a line of a
    /// title printed on two lines joins it. `nil` when no title is found above `floor`.
    static func datelineHeader(_ dateline: NewsDateline, at: Int, lines count: Int, above: Int, in lines: [SourceLine],
                               profile: LayoutProfile, floor: Int) -> Header? {
        var title = above
        var taken: [Int] = []
        var reporter: Byline?
        var blockDate: String?
        while title > floor, isTitleBlockLine(lines[title].text) {
            let text = lines[title].text
            if reporter == nil, let byline = reporterLine(text) {
                reporter = byline
                taken.append(title)
            }
            // A date with the time or the source after it (`2023-03-05 10:21 来源：新华社`), which
            // leaves the text when it says nothing else (a web page's information line).
            if blockDate == nil { blockDate = lines[title].dateLine?.date ?? DateLine.read(String(text.prefix { $0 != " " }))?.date }
            if lines[title].dateLine?.dateOnly == true { taken.append(title) }
            title -= 1
        }
        guard isTitleLike(lines[title], profile: profile), !isTitleBlockLine(lines[title].text),
              title == 0 || !endsOpen(lines[title - 1].text), endsWhatCameBefore(title, in: lines, profile: profile) else { return nil }
        var titleText: String?
        // A title on two lines, the second right under the first with no blank line between.
        if title - 1 >= floor, lines[title].blankLinesBefore == 0, isTitleLike(lines[title - 1], profile: profile),
           !isTitleBlockLine(lines[title - 1].text), title - 1 == 0 || lines[title - 1].blankLinesBefore > 0,
           title - 1 == 0 || !endsOpen(lines[title - 2].text), endsWhatCameBefore(title - 1, in: lines, profile: profile) {
            titleText = ParagraphBuilder.collapseSpaces(lines[title - 1].text, removeAroundCJK: false) + " "
                + ParagraphBuilder.collapseSpaces(lines[title].text, removeAroundCJK: false)
            taken.append(title)
            title -= 1
        }
        // The dateline's credit names the reporters; without one, a reporter's line above does.
        var header = Header(titleIndex: title, byline: nil, date: dateline.date ?? blockDate, headerLines: taken.sorted(), end: at,
                            dateline: dateline, datelineIndex: at)
        header.datelineLines = count
        header.title = titleText
        if dateline.credit == nil, var reporter {
            reporter.region = dateline.place
            reporter.position = NewsDateline.position(reporter.position.components(separatedBy: "、"), agency: dateline.agency)
            header.reporter = reporter
        }
        return header
    }

    /// Whether a line can be the title of a web page whose information line (`发布时间：…`) is under
    /// it: not a labelled line (`索引号：…`, `发文字号：…` of an information table) and not a
    /// section's heading (`四、其他补充事宜`, above a notice's own `发布日期：`).
    static func canTitleAPage(_ text: String) -> Bool {
        !informationTableLabels.contains { text.hasPrefix($0 + "：") || text.hasPrefix($0 + ":") }
            && !DateLine.informationLabels.contains { text.hasPrefix($0.label + "：") || text.hasPrefix($0.label + ":") }
            && !ParagraphBuilder.startsItem(text)
    }

    /// The labels of a government portal's information table above a document (信息公开目录).
    static let informationTableLabels = ["索引号", "主题分类", "信息分类", "体裁分类", "组配分类", "服务对象", "分类", "发文字号", "标题", "名称",
                                         "主题词", "公开方式", "公开范围", "公开时限", "有效性", "生效日期", "废止日期", "信息索取号"]

    /// The byline an information line's `作者：` gives: the reporters' names (`张三 李四`,
    /// `张三、李四`), or a byline with a role (`本报记者 王五`); none for a site, a body or an
    /// anonymous author (`本站`, `佚名`, `管理员`, `宣传部`, `新华社`, `人民网`).
    static func informationByline(_ line: String) -> String? {
        guard let value = DateLine.informationAuthor(line) else { return nil }
        let names = value.split(whereSeparator: { " 、，,\u{3000}".contains($0) })
        if !names.isEmpty, names.allSatisfy({ isPersonName($0) }) { return names.joined(separator: "、") }
        let byline = Byline.parse(value)
        return !byline.author.isEmpty && isPersonName(Substring(byline.author)) && !byline.position.isEmpty ? value : nil
    }

    /// A name that is a person's: two to four Chinese characters (or a transliterated name) that
    /// name no body, site or role (`宣传部`, `人民网`, `本站`, `佚名`, `通讯员`).
    static func isPersonName(_ text: Substring) -> Bool {
        guard Byline.isName(text), !notPersons.contains(String(text)), !isIssuer(String(text)),
              !Byline.isPosition(String(text)), !NewsDateline.roleWords.contains(where: { text.hasSuffix($0) }) else { return false }
        return !["网", "站", "报", "刊", "台", "社", "办", "府", "组"].contains { text.hasSuffix($0) }
    }

    static let notPersons: Set<String> = ["本站", "本网", "本报", "本刊", "佚名", "匿名", "管理员", "系统管理员", "网站管理员", "编辑部", "未知", "不详",
                                          "小编", "网友", "作者"]

    /// A reporter's line under a news report's title: `本报记者 王政`, `新华社记者 张三 李四`,
    /// `记者 张三 通讯员 李四`, as a byline (the reporters its author, the roles its position).
    static func reporterLine(_ text: String) -> Byline? {
        guard text.count <= 30, NewsDateline.roleWords.contains(where: { text.contains($0) }) else { return nil }
        let (roles, names) = NewsDateline.credit(text)
        // Every part a role or a name: nothing else on the line.
        let parts = text.split(whereSeparator: { " \u{3000}、，,".contains($0) })
        guard !roles.isEmpty, !names.isEmpty else { return nil }
        let bare: Set<String> = ["记者", "通讯员", "实习生", "见习记者", "特约记者"]
        guard parts.allSatisfy({ part in names.contains(String(part)) || roles.contains(where: { part.hasPrefix($0) || part.hasSuffix($0) })
            || bare.contains(where: { part.hasPrefix($0) }) }) else { return nil }
        return Byline(text: ParagraphBuilder.collapseSpaces(text, removeAroundCJK: false), author: names.joined(separator: "、"),
                      position: roles.joined(separator: "、"), region: "")
    }

    /// A line of a news report's title block that is not its title: a reporter's line
    /// (`本报记者 王政`), a date or source line (`2023-03-05 10:21 来源：新华社`), a subtitle (`——…`).
    static func isTitleBlockLine(_ text: String) -> Bool {
        Byline.unbracketed(text) != nil || reporterLine(text) != nil || isSourceOrSubtitle(text) || DateLine.startsWithYear(text)
            || text.contains("来源：") || text.contains("来源:")
    }

    /// Whether the line before `index` ends what it belongs to, so that a title can start at
    /// `index`: always in text of one paragraph per line, in wrapped text when it ends with closing
    /// punctuation or is clearly short.
    static func endsWhatCameBefore(_ index: Int, in lines: [SourceLine], profile: LayoutProfile) -> Bool {
        index == 0 || !profile.wrapped || ParagraphBuilder.endsWithClosingPunctuation(lines[index - 1].text)
            || lines[index - 1].width < profile.fullWidth - 3
    }

    /// Whether a line names the text's source (`来源：北京日报`, `稿源：…`) or is a subtitle after a
    /// dash (`——在中国共产党第二十次全国代表大会上的报告`): a line of a title block that is no title.
    static func isSourceOrSubtitle(_ text: String) -> Bool {
        for prefix in ["——", "--", "－－", "—"] where text.hasPrefix(prefix) { return true }
        return text.prefixMatch(of: sourceLine) != nil
    }

    /// A labelled line (`编辑：李四`, `责任编辑:`, `作者：`): a credit, no title.
    nonisolated(unsafe) static let labelLine = #/\p{Han}{1,4}\s*[：:]/#

    nonisolated(unsafe) static let sourceLine = #/(?:来源|稿源|转自|出处|來源)\s*[：:]/#

    /// Whether a line ends with an opening quotation mark or bracket, so that the next line goes on inside it.
    static func endsOpen(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last(where: { !CharacterSet.whitespaces.contains($0) }) else { return false }
        return "“‘「『（(《〈【〔［[".unicodeScalars.contains(last)
    }

    /// A line that can be a title: short, not a sentence, not itself a byline or date.
    static func isTitleLike(_ line: SourceLine, profile: LayoutProfile) -> Bool {
        let text = line.text
        // At most 60 Characters, found without counting a long line's Characters to the end.
        guard !text.isEmpty, text.utf8.count <= 60 || text.dropFirst(60).isEmpty else { return false }
        if profile.wrapped && line.width > profile.fullWidth - 0.75 && profile.fullWidth > 0 { return false }
        if let last = text.unicodeScalars.last, "。，、；：,;:".unicodeScalars.contains(last) { return false }
        if line.dateLine != nil || bylineText(text) != nil || isTrailingCredit(text) { return false }
        return text.unicodeScalars.contains { $0.properties.isIdeographic || $0.properties.isAlphabetic }
    }

    /// How a bracketed note of a text's source begins, in simplified and traditional characters:
    /// translated, reprinted, selected or excerpted from, first published in, source.
    static let sourceNoteOpenings = ["译自", "譯自", "转自", "轉自", "转载", "轉載", "选自", "選自", "摘自", "节选", "節選", "摘编", "摘編",
                                     "引自", "原载", "原載", "原刊", "刊于", "刊於", "载于", "載於", "来源", "來源", "出处", "出處",
                                     "本文转自", "本文轉自", "本文原载", "本文原載", "本文选自", "本文選自", "本文摘自", "本文来源", "本文來源",
                                     "根据", "根據", "据", "據"]

    /// The inside of a byline line (`（…）`, `(...)`, or `作者：…`), or `nil` when the line is not one.
    static func bylineText(_ line: String) -> String? {
        // Most lines are rejected by their first character, before any trimming.
        guard let lead = line.unicodeScalars.first(where: { !TextScalar.isWhitespace($0) }),
              lead == "（" || lead == "(" || lead == "作" else { return nil }
        let text = line.trimmingCharacters(in: .whitespaces)
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return nil }
        var inner: Substring
        if (first == "（" || first == "(") && (last == "）" || last == ")") {
            inner = text.dropFirst().dropLast()
            guard !inner.unicodeScalars.contains(where: { "（）()".unicodeScalars.contains($0) }) else { return nil }
        } else if text.hasPrefix("作者"), let third = text.dropFirst(2).unicodeScalars.first, "：:为系".unicodeScalars.contains(third) {
            inner = text[...]
        } else {
            return nil
        }
        guard (2...82).contains(inner.count) else { return nil }
        // A date in brackets, with the meeting or adoption or not, is a date line.
        guard DateLine.read(text) == nil else { return nil }
        let innerText = String(inner).trimmingCharacters(in: .whitespaces)
        guard !innerText.contains("。"), innerText.unicodeScalars.contains(where: { $0.properties.isIdeographic }) else { return nil }
        // A note of where the text comes from (（譯自…俄文稿）, （原载《…》）) names a source, not its author.
        guard !Self.sourceNoteOpenings.contains(where: { innerText.hasPrefix($0) }) else { return nil }
        // A seal's mark (`（盖章）`) names nobody; an editors' credit (`（责任编辑：赵六）`) names no author.
        guard !isSealMark(innerText), !isTrailingCredit(innerText) else { return nil }
        // A byline names a person or a position; a parenthesised phrase like （一） does neither.
        let looksLikeByline = innerText.hasPrefix("作者") || Byline.titleSuffixEnd(in: innerText) != nil
            || !Byline.parse(innerText).author.isEmpty
        return looksLikeByline ? innerText : nil
    }
}
