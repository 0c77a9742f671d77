/// `roles.mustache`: every role with how many processes it owns and is R, A, C or I for.
struct RolesPage: TemplateModel {
    struct Role: Hashable, Sendable {
        var name: String
        var href: String
        var description: String?
        var owns, accountable, responsible, consulted, informed: Int
    }

    var roles: [Role]

    var templateValue: TemplateValue {
        .object(["roles": .list(roles.map { r in
            var d: TemplateObject = ["name": .text(r.name), "href": .text(r.href), "owns": .int(r.owns),
                                              "accountable": .int(r.accountable), "responsible": .int(r.responsible),
                                              "consulted": .int(r.consulted), "informed": .int(r.informed)]
            d.set("description", r.description)
            return .object(d)
        })])
    }
}

/// `role.mustache`: a role's onboarding path and what it owns and is R, A, C or I for, under `role`.
struct RolePage: TemplateModel {
    struct PathItem: Hashable, Sendable {
        var link: ProcessLink
        /// `R/A`, … or empty.
        var letters: String
        var owns: Bool
    }

    struct Group: Hashable, Sendable {
        var label: String
        var hint: String
        var processes: [ProcessLink]
    }

    var name: String
    /// The role's page, from the root of the site: what an area's part links back to.
    var href: String
    var description: String?
    var path: [PathItem]
    var groups: [Group]
    /// The role's reading pack to print, relative to the role's page.
    var printHref: String? = nil
    /// How many of this role's people have read the current revision of its SOPs, with `people:`.
    var training: Training?
    /// On the page of a long path on a split site: the path's parts by area, instead of the path.
    var parts: [AreaPart] = []
    /// On one area's part: the area's name.
    var areaTitle: String?

    struct Training: Hashable, Sendable {
        var completion: String
        var percent: Int
        var href: String
    }

    var templateValue: TemplateValue {
        // A process is on the path and in one or more lists, all linked from this page: its link's value
        // is made once, and shared.
        var made: [ObjectIdentifier: TemplateValue] = [:]
        func link(_ link: ProcessLink) -> TemplateValue {
            let key = ObjectIdentifier(link.target)
            if let value = made[key] { return value }
            let value = link.templateValue
            made[key] = value
            return value
        }
        var d: TemplateObject = [
            "name": .text(name),
            "href": .text(href),
            "path": .list(path.enumerated().map { n, item in
                var extra: TemplateObject = ["number": .int(n + 1), "owns": .bool(item.owns)]
                if !item.letters.isEmpty { extra["letters"] = .text(item.letters) }
                return ProcessLink.adding(extra, to: link(item.link))
            }),
            "hasPath": .bool(!path.isEmpty),
            "groups": .list(groups.map { g in
                .object(["label": .text(g.label), "hint": .text(g.hint), "processes": .list(g.processes.map(link)),
                         "count": .int(g.processes.count), "empty": .bool(g.processes.isEmpty)])
            }),
        ]
        d.set("description", description)
        d.set("printHref", printHref)
        if let training {
            d["training"] = .object(["completion": .text(training.completion), "percent": .int(training.percent), "href": .text(training.href)])
        }
        var value: TemplateObject = ["role": .object(d)]
        AreaPart.add(parts, areaTitle: areaTitle, to: &value)
        return .object(value)
    }
}

/// `raci.mustache`: processes × roles. The cells of a row are written as HTML here rather than by the
/// template: the matrix is the largest page of a big site.
struct RaciPage: TemplateModel {
    struct Column: Hashable, Sendable {
        var name: String
        var href: String
    }

    struct Area: Hashable, Sendable {
        var name: String
        var value: String
    }

    /// The link carries the process's RACI.
    struct Row: Hashable, Sendable {
        var link: ProcessLink
        var areaValue: String
    }

    var columns: [Column]
    var areas: [Area]
    var rows: [Row]
    /// On a split site's `raci.html`: the areas' matrices, instead of a matrix.
    var parts: [AreaPart] = []
    /// On an area's matrix: the area's name.
    var areaTitle: String?

    var templateValue: TemplateValue {
        // Column by role name, and each column's escaped name, once for the whole matrix.
        let columnOf = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let escapedNames = columns.map { HTML.escape($0.name) }
        let rows: [TemplateValue] = Parallel.map(self.rows) { row in
            let raci = row.link.target.value.raci
            return row.link.with(["cellsHTML": .text(RaciPage.cells(raci, columnOf: columnOf, escapedNames: escapedNames)),
                                  "areaValue": .text(row.areaValue), "noRaci": .bool(raci == nil)])
        }
        var value: TemplateObject = [
            "columns": .list(columns.map { .object(["name": .text($0.name), "href": .text($0.href)]) }),
            "areas": .list(areas.map { .object(["name": .text($0.name), "value": .text($0.value)]) }),
            "rows": .list(rows),
        ]
        AreaPart.add(parts, areaTitle: areaTitle, to: &value)
        return .object(value)
    }

    /// Each row visits its own few roles, not every column.
    static func cells(_ raci: Raci?, columnOf: [String: Int], escapedNames: [String]) -> String {
        var letters = Array(repeating: "", count: escapedNames.count)
        if let raci {
            for (letter, names) in [("R", raci.responsible), ("A", raci.accountable), ("C", raci.consulted), ("I", raci.informed)] {
                for name in Set(names) { if let c = columnOf[name] { letters[c] += letter } }
            }
        }
        var cells = ""
        for (c, l) in letters.enumerated() {
            // Most cells are empty: no class, so the largest page of a big site stays small.
            cells += l.isEmpty ? "<td></td>"
                : "<td class=\"cell\(l.containsByte(UInt8(ascii: "A")) ? " accountable" : "")\" title=\"\(escapedNames[c]): \(l)\">\(l)</td>"
        }
        return cells
    }

}
