/// A link to a process as lists show it: title, status, area, owner and summary.
struct ProcessLink: TemplateModel {
    var title: String
    var href: String
    var status: ProcedureStatus
    var statusLabel: String
    var area: String
    var owner: String?
    var summary: String?

    var templateValue: TemplateValue {
        var d: [String: TemplateValue] = ["title": .text(title), "href": .text(href), "status": .text(status.rawValue),
                                          "statusLabel": .text(statusLabel), "area": .text(area),
                                          "isActive": .bool(status == .active)]
        d.set("owner", owner)
        d.set("summary", summary)
        return .object(d)
    }

    /// The same link with extra keys, for lists that add their own (a path's number, a matrix row's cells).
    func with(_ extra: [String: TemplateValue]) -> TemplateValue {
        guard case .object(var d) = templateValue else { return templateValue }
        d.merge(extra) { _, new in new }
        return .object(d)
    }
}

/// A role's name, linked to its page when it has one.
struct RoleLink: TemplateModel {
    var name: String
    var href: String?

    var templateValue: TemplateValue {
        var d: [String: TemplateValue] = ["name": .text(name)]
        d.set("href", href)
        return .object(d)
    }
}

/// A finding as a page lists it.
struct FindingItem: TemplateModel {
    var severity: String
    var rule: String
    var message: String
    var line: Int

    init(_ f: Finding) {
        severity = f.severity.rawValue
        rule = f.rule
        message = f.message
        line = f.location.line
    }

    var templateValue: TemplateValue {
        .object(["severity": .text(severity), "rule": .text(rule), "message": .text(message), "line": .int(line)])
    }
}
