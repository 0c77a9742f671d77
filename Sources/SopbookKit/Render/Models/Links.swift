/// What a link to a process shows wherever it appears, made once per process and shared by every list
/// that links to it (a page's key then costs a word per link).
struct LinkTarget: Hashable, Sendable {
    var title: String
    /// The target's page, from the root of the site.
    var page: String
    var status: ProcedureStatus
    var statusLabel: String
    var area: String
    var owner: String?
    var summary: String?
    /// For the RACI matrix's row of the process.
    var raci: Raci?
}

/// A link to a process from a page: its `href` is made relative to that page when the page is rendered.
struct ProcessLink: TemplateModel {
    var target: Shared<LinkTarget>
    /// The linking page, from the root of the site.
    var from: Shared<String>

    var templateValue: TemplateValue {
        let t = target.value
        var d: TemplateObject = ["title": .text(t.title), "href": .text(ContentPath.relativeURL(from: from.value, to: t.page)),
                                          "status": .text(t.status.rawValue), "statusLabel": .text(t.statusLabel),
                                          "area": .text(t.area), "isActive": .bool(t.status == .active)]
        d.set("owner", t.owner)
        d.set("summary", t.summary)
        return .object(d)
    }

    /// The same link with extra keys, for lists that add their own (a path's number, a matrix row's cells).
    func with(_ extra: TemplateObject) -> TemplateValue { Self.adding(extra, to: templateValue) }

    /// A link's value (made before, and shared) with extra keys.
    static func adding(_ extra: TemplateObject, to value: TemplateValue) -> TemplateValue {
        guard case .object(var d) = value else { return value }
        d.merge(extra) { _, new in new }
        return .object(d)
    }
}

/// A role's name, linked to its page when it has one.
struct RoleLink: TemplateModel {
    var name: String
    /// The role's page, from the root of the site.
    var page: String?
    var from: Shared<String>

    var templateValue: TemplateValue {
        var d: TemplateObject = ["name": .text(name)]
        d.set("href", page.map { ContentPath.relativeURL(from: from.value, to: $0) })
        return .object(d)
    }
}

/// A finding as a page lists it.
struct FindingItem: TemplateModel {
    var severity: String
    var rule: String
    var message: String
    var line: Int
    /// Held by the baseline: shown, marked, and not failing the run.
    var known = false

    init(_ f: Finding, known: Bool = false) {
        severity = f.severity.rawValue
        rule = f.rule
        message = f.message
        line = f.location.line
        self.known = known
    }

    var templateValue: TemplateValue {
        .object(["severity": .text(severity), "rule": .text(rule), "message": .text(message), "line": .int(line), "known": .bool(known)])
    }
}
