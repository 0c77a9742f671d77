/// `process.mustache`: everything one process page shows, under the name `process`.
struct ProcessPage: TemplateModel {
    struct RaciRow: Hashable, Sendable {
        var letter: String
        var label: String
        var hint: String
        var roles: [RoleLink]
    }

    struct Review: Hashable, Sendable {
        var last: String?
        var every: String?
        var next: String?
        var overdue: Bool
    }

    struct Change: Hashable, Sendable {
        var date: String
        var author: String
    }

    /// The revision block and history: from Git, or a notice saying why Git's history is not shown.
    struct RevisionBlock: Hashable, Sendable {
        var number: Int?
        var effective: String?
        var approval: Approval?
        var history: [GitHistory.Revision]
        var notice: String?
    }

    /// What Git says of one file, for its page (`Input.revisions`).
    struct Revisions: Hashable, Sendable {
        var completeness: GitHistory.Completeness
        var list: [GitHistory.Revision]
    }

    var title: String
    var id: String
    var status: ProcedureStatus
    var statusLabel: String
    var area: String
    /// The page itself, and where its area's processes are listed (`Layout.areaHref`), from the root of the site.
    var page: Shared<String>
    var areaHref: String
    /// The body's HTML, links rewritten to pages.
    var body: BodyHTML
    var tags: [String]
    var stepCount: Int
    var undocumentedCount: Int
    var owner: RoleLink?
    /// The owners named after the first (the accountable one), when a page names several.
    var coOwners: [RoleLink]
    var summary: String?
    var raci: [RaciRow]?
    var quality: [QualityStandard]
    var review: Review?
    var lastChanged: Change?
    var revision: RevisionBlock
    var editURL: String?
    var findings: [FindingItem]
    var backlinks: [ProcessLink]
    var previous: ProcessLink?
    var next: ProcessLink?
    /// For a retired SOP, the current one that replaces it (its banner's link).
    var supersededBy: ProcessLink? = nil

    var templateValue: TemplateValue {
        var p: TemplateObject = [
            "title": .text(title), "id": .text(id), "status": .text(status.rawValue), "statusLabel": .text(statusLabel),
            "isActive": .bool(status == .active), "area": .text(area), "areaHref": .text(SitePlanner.relativeURL(from: page.value, to: areaHref)),
            "body": body.templateValue, "tags": .texts(tags), "hasTags": .bool(!tags.isEmpty),
            "stepCount": .int(stepCount), "undocumentedCount": .int(undocumentedCount),
            "hasUndocumented": .bool(undocumentedCount > 0),
            "quality": .list(quality.map(Self.qualityValue)), "hasQuality": .bool(!quality.isEmpty),
            "findings": findings.templateValue, "hasFindings": .bool(!findings.isEmpty),
            "backlinks": backlinks.templateValue, "hasBacklinks": .bool(!backlinks.isEmpty),
        ]
        p.set("owner", owner.templateValue)
        p["coOwners"] = .list(coOwners.map(\.templateValue))
        p["hasCoOwners"] = .bool(!coOwners.isEmpty)
        p.set("summary", summary)
        p.set("raci", raci.map { rows in .object(["rows": .list(rows.map(Self.raciValue))]) })
        p.set("review", review.map(Self.reviewValue))
        p.set("lastChanged", lastChanged.map { .object(["date": .text($0.date), "author": .text($0.author)]) })
        p["revision"] = Self.revisionValue(revision)
        p.set("editURL", editURL)
        p.set("previous", previous.templateValue)
        p.set("next", next.templateValue)
        p["isRetired"] = .bool(status == .retired)
        p.set("supersededBy", supersededBy.templateValue)
        return .object(["process": .object(p)])
    }

    static func qualityValue(_ q: QualityStandard) -> TemplateValue {
        var d: TemplateObject = ["standard": .text(q.standard)]
        d.set("metric", q.metric)
        d.set("target", q.target)
        return .object(d)
    }

    static func raciValue(_ row: RaciRow) -> TemplateValue {
        .object(["letter": .text(row.letter), "label": .text(row.label), "hint": .text(row.hint),
                 "roles": row.roles.templateValue, "empty": .bool(row.roles.isEmpty)])
    }

    static func revisionValue(_ r: RevisionBlock) -> TemplateValue {
        var d: TemplateObject = [
            "history": .list(r.history.map { .object(["date": .text($0.date), "author": .text($0.author),
                                                      "subject": .text($0.subject), "shortHash": .text($0.shortHash)]) }),
            "hasHistory": .bool(!r.history.isEmpty),
        ]
        d.set("number", r.number.map { .int($0) })
        d.set("effective", r.effective)
        d.set("approval", r.approval.map { .object(["by": .text($0.by), "on": .text($0.on.description)]) })
        d.set("notice", r.notice)
        return .object(d)
    }

    static func reviewValue(_ r: Review) -> TemplateValue {
        var d: TemplateObject = [:]
        d.set("last", r.last)
        d.set("every", r.every)
        if let next = r.next {
            d["next"] = .text(next)
            d["overdue"] = .bool(r.overdue)
        }
        return .object(d)
    }
}

extension ProcessPage {
    /// Everything a process page shows, as values and shared references: `make` reads nothing else, so
    /// equal inputs make equal pages, and a page's job holds its input as its model (its key in `serve`).
    /// A class: ten thousand of them pass from stage to stage, and a copy is then one reference.
    final class Input: Sendable, Hashable {
        /// Not hashed: made from `source` read with `settings`, its HTML being `body`.
        let parsed: ParsedBody
        let source: SourceFile
        let settings: Shared<MarkdownSettings>
        let body: BodyHTML
        /// Title, status label and area name, as links to the process show them.
        let target: Shared<LinkTarget>
        let page: String
        let areaHref: String
        let backlinks: [Shared<LinkTarget>]
        let previous: Shared<LinkTarget>?
        let next: Shared<LinkTarget>?
        let findings: [Finding]
        /// Which of `findings` the baseline holds (empty without a baseline).
        let known: [Bool]
        /// The page of each role that has one (the whole site's table, shared).
        let rolePages: Shared<[String: String]>
        let lastChanged: Change?
        let revisions: Revisions
        let editURL: String?
        let site: Shared<PageFrame.Site>
        let today: CivilDate
        /// What links to the SOP named by `superseded_by` show, for a retired SOP whose successor exists.
        let supersededBy: Shared<LinkTarget>?

        init(parsed: ParsedBody, source: SourceFile, settings: Shared<MarkdownSettings>, body: BodyHTML,
             target: Shared<LinkTarget>, page: String, areaHref: String, backlinks: [Shared<LinkTarget>],
             previous: Shared<LinkTarget>?, next: Shared<LinkTarget>?, findings: [Finding], known: [Bool] = [],
             rolePages: Shared<[String: String]>, lastChanged: Change?,
             revisions: Revisions = Revisions(completeness: .outside, list: []), editURL: String?,
             site: Shared<PageFrame.Site>, today: CivilDate, supersededBy: Shared<LinkTarget>? = nil) {
            self.parsed = parsed
            self.source = source
            self.settings = settings
            self.body = body
            self.target = target
            self.page = page
            self.areaHref = areaHref
            self.backlinks = backlinks
            self.previous = previous
            self.next = next
            self.findings = findings
            self.known = known
            self.rolePages = rolePages
            self.lastChanged = lastChanged
            self.revisions = revisions
            self.editURL = editURL
            self.site = site
            self.today = today
            self.supersededBy = supersededBy
        }

        static func == (a: Input, b: Input) -> Bool {
            a.source == b.source && a.settings == b.settings && a.body == b.body && a.target == b.target && a.page == b.page
                && a.areaHref == b.areaHref && a.backlinks == b.backlinks && a.previous == b.previous && a.next == b.next
                && a.findings == b.findings && a.known == b.known && a.rolePages == b.rolePages && a.lastChanged == b.lastChanged
                && a.revisions == b.revisions && a.editURL == b.editURL && a.site == b.site && a.today == b.today
                && a.supersededBy == b.supersededBy
        }

        func hash(into h: inout Hasher) {
            h.combine(source)
            h.combine(settings)
            h.combine(body)
            h.combine(target)
            h.combine(page)
            h.combine(areaHref)
            h.combine(backlinks)
            h.combine(previous)
            h.combine(next)
            h.combine(findings)
            h.combine(known)
            h.combine(rolePages)
            h.combine(lastChanged)
            h.combine(revisions)
            h.combine(editURL)
            h.combine(site)
            h.combine(today)
            h.combine(supersededBy)
        }
    }

    static func make(_ input: Input) -> ProcessPage {
        let p = input.parsed.procedure
        let strings = input.site.value.strings
        let page = Shared(input.page)
        func role(_ name: String) -> RoleLink { RoleLink(name: name, page: input.rolePages.value[name], from: page) }
        let review = p.review.map { r in
            Review(last: r.last?.description, every: r.every?.description, next: r.due?.description,
                   overdue: p.status != .retired && r.due.map { $0 < input.today } ?? false)
        }
        let raci = p.raci.map { raci in
            [("R", "responsible", raci.responsible), ("A", "accountable", raci.accountable),
             ("C", "consulted", raci.consulted), ("I", "informed", raci.informed)].map { letter, key, names in
                RaciRow(letter: letter, label: strings[key] ?? key, hint: strings[key + "Hint"] ?? key, roles: names.map(role))
            }
        }
        let link = { (target: Shared<LinkTarget>) in ProcessLink(target: target, from: page) }
        return ProcessPage(
            title: input.target.value.title, id: p.id, status: p.status, statusLabel: input.target.value.statusLabel,
            area: input.target.value.area, page: page, areaHref: input.areaHref, body: input.body, tags: p.tags,
            stepCount: p.steps.count, undocumentedCount: p.steps.filter(\.isUndocumented).count, owner: p.owner.map(role),
            coOwners: p.owners.dropFirst().map(role), summary: p.summary.flatMap { $0.isEmpty ? nil : $0 }, raci: raci, quality: p.quality, review: review,
            lastChanged: input.lastChanged, revision: revisionBlock(input), editURL: input.editURL, findings: input.findings.indices.map { FindingItem(input.findings[$0], known: input.known.indices.contains($0) && input.known[$0]) },
            backlinks: input.backlinks.map(link), previous: input.previous.map(link), next: input.next.map(link),
            supersededBy: p.status == .retired ? input.supersededBy.map(link) : nil)
    }

    /// Rev. N and the history only when Git holds the whole of it; otherwise the notice saying why not.
    static func revisionBlock(_ input: Input) -> RevisionBlock {
        let p = input.parsed.procedure
        let strings = input.site.value.strings
        let complete = input.revisions.completeness == .complete
        let notice: String? = switch input.revisions.completeness {
        case .complete: nil
        case .shallow: strings["historyShallow"]
        case .outside: strings["historyOutside"]
        }
        return RevisionBlock(number: complete && !input.revisions.list.isEmpty ? input.revisions.list.count : nil,
                             effective: p.effective?.description, approval: p.approval,
                             history: complete ? input.revisions.list : [], notice: notice)
    }
}

/// A process page's job holds its input, and its model is made when the page is written: the models of
/// 10,000 SOPs, all made during the plan and held until the write, were 11 MB of `build`'s peak (heaptrack).
extension ProcessPage.Input: TemplateModel {
    var templateValue: TemplateValue { ProcessPage.make(self).templateValue }
}
