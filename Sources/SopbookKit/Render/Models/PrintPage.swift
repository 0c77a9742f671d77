/// `print.mustache`: one printable document (the whole manual, an area, or a role's reading pack): a
/// cover, a table of contents, then every SOP with its revision block and its body, under `pack`.
struct PrintPage: TemplateModel {
    /// One line of an SOP's RACI: its letter's label and the roles named.
    struct RaciLine: Hashable, Sendable {
        var letter: String
        var label: String
        var roles: [String]
    }

    /// One SOP of the pack, as printed.
    struct Entry: Hashable, Sendable {
        /// The SOP's anchor in the pack, which also prefixes the ids of its body.
        var anchor: String
        var title: String
        var id: String
        var area: String
        /// The SOP's page in the site, relative to the pack, and from the site's root (what paper shows).
        var href: String
        var page: String
        var statusLabel: String
        var isActive: Bool
        /// `rev. N`, nil when Git's history cannot say (outside Git, or a shallow clone).
        var revision: Int?
        var lastChanged: String?
        var effective: String?
        var approvedBy: String?
        var approvedOn: String?
        var owner: String?
        var raci: [RaciLine]?
        var summary: String?
        /// The body's HTML, its links to be rebased on the pack and its ids prefixed by `anchor`.
        var body: PrintBody.Source
    }

    var title: String
    /// What kind of pack this is (`Complete manual`, `Area`, `Reading pack`), under the title.
    var kind: String
    var intro: String?
    /// `YYYY-MM-DD` of the build (`--today`).
    var date: String
    /// The short commit of the content, nil outside Git (then `notInGit` says so).
    var commit: String?
    var notInGit: String
    /// Where the pack comes from in the site (the home page, an area's section, a role's page).
    var backHref: String
    var entries: [Entry]
    /// A pack of more than `SitePlanner.printVolumeLimit` SOPs is printed in volumes: every volume lists them all (`href` relative to this one), and the
    /// numbers of its entries continue from the volumes before it.
    var volumes: [Volume] = []
    var firstNumber = 1
    /// On a split site's `print/index.html`: the areas' packs, instead of every SOP.
    var parts: [AreaPart] = []

    struct Volume: Hashable, Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    var templateValue: TemplateValue {
        var d: TemplateObject = [
            "title": .text(title), "kind": .text(kind), "date": .text(date), "contentRevision": .text(commit ?? notInGit), "inGit": .bool(commit != nil),
            "backHref": .text(backHref), "count": .int(entries.count), "isEmpty": .bool(entries.isEmpty),
            "entries": .list(entries.enumerated().map { Self.entryValue($1, number: $0 + firstNumber) }),
            "hasVolumes": .bool(!volumes.isEmpty), "firstNumber": .int(firstNumber),
            "volumes": .list(volumes.map { .object(["label": .text($0.label), "href": .text($0.href), "current": .bool($0.current)]) }),
        ]
        AreaPart.add(parts, areaTitle: nil, to: &d)
        d.set("intro", intro)
        return .object(["pack": .object(d)])
    }

    static func entryValue(_ e: Entry, number: Int) -> TemplateValue {
        var d: TemplateObject = [
            "number": .int(number), "anchor": .text(e.anchor), "title": .text(e.title), "id": .text(e.id),
            "area": .text(e.area), "href": .text(e.href), "page": .text(e.page), "statusLabel": .text(e.statusLabel), "isActive": .bool(e.isActive),
            "body": e.body.rebased,
        ]
        d.set("revision", e.revision.map { .int($0) })
        d.set("lastChanged", e.lastChanged)
        d.set("effective", e.effective)
        d.set("summary", e.summary)
        d.set("owner", e.owner)
        if let by = e.approvedBy {
            var approval: TemplateObject = ["by": .text(by)]
            approval.set("on", e.approvedOn)
            d["approval"] = .object(approval)
        }
        d.set("raci", e.raci.map { rows in
            .list(rows.map { row in
                .object(["letter": .text(row.letter), "label": .text(row.label),
                         "roles": .text(row.roles.joined(separator: ", ")), "empty": .bool(row.roles.isEmpty)])
            })
        })
        return .object(d)
    }
}
