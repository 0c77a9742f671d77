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

    var title: String
    var id: String
    var status: ProcedureStatus
    var statusLabel: String
    var area: String
    /// The page itself, from the root of the site, and the anchor of its area on the home page.
    var page: Shared<String>
    var areaAnchor: String
    /// The body's HTML, links rewritten to pages.
    var body: Shared<String>
    var tags: [String]
    var stepCount: Int
    var undocumentedCount: Int
    var owner: RoleLink?
    var summary: String?
    var raci: [RaciRow]?
    var quality: [QualityStandard]
    var review: Review?
    var lastChanged: Change?
    var editURL: String?
    var findings: [FindingItem]
    var backlinks: [ProcessLink]
    var previous: ProcessLink?
    var next: ProcessLink?

    var templateValue: TemplateValue {
        var p: [String: TemplateValue] = [
            "title": .text(title), "id": .text(id), "status": .text(status.rawValue), "statusLabel": .text(statusLabel),
            "isActive": .bool(status == .active), "area": .text(area), "areaHref": .text(ContentPath.relativeURL(from: page.value, to: "index.html") + "#" + areaAnchor),
            "body": .text(body.value), "tags": .texts(tags), "hasTags": .bool(!tags.isEmpty),
            "stepCount": .int(stepCount), "undocumentedCount": .int(undocumentedCount),
            "hasUndocumented": .bool(undocumentedCount > 0),
            "quality": .list(quality.map(Self.qualityValue)), "hasQuality": .bool(!quality.isEmpty),
            "findings": findings.templateValue, "hasFindings": .bool(!findings.isEmpty),
            "backlinks": backlinks.templateValue, "hasBacklinks": .bool(!backlinks.isEmpty),
        ]
        p.set("owner", owner.templateValue)
        p.set("summary", summary)
        p.set("raci", raci.map { rows in .object(["rows": .list(rows.map(Self.raciValue))]) })
        p.set("review", review.map(Self.reviewValue))
        p.set("lastChanged", lastChanged.map { .object(["date": .text($0.date), "author": .text($0.author)]) })
        p.set("editURL", editURL)
        p.set("previous", previous.templateValue)
        p.set("next", next.templateValue)
        return .object(["process": .object(p)])
    }

    static func qualityValue(_ q: QualityStandard) -> TemplateValue {
        var d: [String: TemplateValue] = ["standard": .text(q.standard)]
        d.set("metric", q.metric)
        d.set("target", q.target)
        return .object(d)
    }

    static func raciValue(_ row: RaciRow) -> TemplateValue {
        .object(["letter": .text(row.letter), "label": .text(row.label), "hint": .text(row.hint),
                 "roles": row.roles.templateValue, "empty": .bool(row.roles.isEmpty)])
    }

    static func reviewValue(_ r: Review) -> TemplateValue {
        var d: [String: TemplateValue] = [:]
        d.set("last", r.last)
        d.set("every", r.every)
        if let next = r.next {
            d["next"] = .text(next)
            d["overdue"] = .bool(r.overdue)
        }
        return .object(d)
    }
}
