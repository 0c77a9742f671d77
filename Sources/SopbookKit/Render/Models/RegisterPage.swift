/// `register.mustache` and `register.csv`: the master list of controlled documents, one row per SOP, the
/// list an auditor asks for first (ISO 9001 7.5.3). The page and the CSV are made from the same rows, so
/// they cannot disagree.
struct RegisterPage: TemplateModel {
    struct Row: Hashable, Sendable {
        /// The process's index in the knowledge base.
        var index: Int
        var link: ProcessLink
        var id: String
        var title: String
        var area: String
        var owner: String
        var status: ProcedureStatus
        var statusLabel: String
        /// The number of Git revisions; empty outside Git.
        var revision: String
        var lastChanged: String
        var effective: String
        var approvedBy: String
        var approvedOn: String
        var lastReview: String
        var nextReview: String
        var reviewOverdue: Bool
        var acknowledged: String

        /// The CSV's cells, in the order of `RegisterPage.csvHeader`.
        var cells: [String] {
            [id, title, area, owner, status.rawValue, revision, lastChanged, effective, approvedBy, approvedOn,
             lastReview, nextReview, acknowledged]
        }
    }

    struct Option: Hashable, Sendable {
        var value: String
        var label: String
    }

    var rows: [Row]
    var areas: [Option]
    var owners: [Option]
    var statuses: [Option]
    /// On a split site's `register.html`: the areas' registers, instead of rows.
    var parts: [AreaPart] = []
    /// On an area's register: the area's name.
    var areaTitle: String?

    static let csvHeader = ["id", "title", "area", "owner", "status", "revision", "last_changed", "effective",
                            "approved_by", "approved_on", "last_review", "next_review", "acknowledged"]

    var templateValue: TemplateValue {
        let options = { (list: [Option]) in TemplateValue.list(list.map { .object(["value": .text($0.value), "label": .text($0.label)]) }) }
        var value: TemplateObject = [
            "rows": .list(rows.map(Self.rowValue)), "hasRows": .bool(!rows.isEmpty),
            "areas": options(areas), "owners": options(owners), "statuses": options(statuses),
        ]
        AreaPart.add(parts, areaTitle: areaTitle, to: &value)
        return .object(value)
    }

    static func rowValue(_ r: Row) -> TemplateValue {
        r.link.with([
            "id": .text(r.id), "areaName": .text(r.area), "ownerName": .text(r.owner), "revision": .text(r.revision),
            "revisionSort": .text(r.revision.isEmpty ? "0" : r.revision), "lastChanged": .text(r.lastChanged),
            "effective": .text(r.effective), "approvedBy": .text(r.approvedBy), "approvedOn": .text(r.approvedOn),
            "lastReview": .text(r.lastReview), "nextReview": .text(r.nextReview), "overdue": .bool(r.reviewOverdue),
            "acknowledged": .text(r.acknowledged),
        ])
    }

    /// The record of `row` (RFC 4180: CRLF after every record, a field quoted when it holds a comma, a
    /// quote or a line break).
    static func csvRecord(_ row: Row) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(192)
        for (n, cell) in row.cells.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            CSV.append(cell, to: &out)
        }
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }
}
