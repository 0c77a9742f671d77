/// `training.mustache`: people × the SOPs of their roles, with each person's and each role's completion.
struct TrainingPage: TemplateModel {
    struct Cell: Hashable, Sendable {
        /// `current`, `outdated`, `not-yet`, or empty when the SOP is not on the person's path.
        var status: String
        var label: String
        /// The "what changed since you read it" page of an outdated acknowledgement.
        var diffHref: String?
    }

    struct Row: Hashable, Sendable {
        var name: String
        var roles: [RoleLink]
        var current: Int
        var total: Int
        var cells: [Cell]
    }

    struct RoleCompletion: Hashable, Sendable {
        var role: RoleLink
        var current: Int
        var total: Int
    }

    var columns: [ProcessLink]
    var rows: [Row]
    var roles: [RoleCompletion]

    var templateValue: TemplateValue {
        .object([
            "columns": .list(columns.map(\.templateValue)),
            "rows": .list(rows.map { row in
                .object(["name": .text(row.name), "roles": .list(row.roles.map(\.templateValue)),
                         "completion": .text(Self.completion(row.current, row.total)), "percent": .int(Self.percent(row.current, row.total)),
                         "cells": .list(row.cells.map { cell in
                             var d: TemplateObject = ["status": .text(cell.status), "label": .text(cell.label),
                                                               "onPath": .bool(!cell.status.isEmpty)]
                             d.set("diffHref", cell.diffHref)
                             return .object(d)
                         })])
            }),
            "roles": .list(roles.map { r in
                r.role.with(["completion": .text(Self.completion(r.current, r.total)), "percent": .int(Self.percent(r.current, r.total))])
            }),
            "hasPeople": .bool(!rows.isEmpty),
        ])
    }

    /// `3/4`: current acknowledgements out of the SOPs on the path.
    static func completion(_ current: Int, _ total: Int) -> String { "\(current)/\(total)" }

    /// Rounded down, so 99.6% is never shown as done; 100 when there is nothing to read.
    static func percent(_ current: Int, _ total: Int) -> Int { total == 0 ? 100 : current * 100 / total }
}

/// `training-diff.mustache`: what changed in an SOP since a person acknowledged it.
struct TrainingDiffPage: TemplateModel {
    var person: String
    var process: ProcessLink
    var acknowledgedOn: String
    var commit: String?
    /// Nil when the acknowledged revision cannot be read from Git (a shallow clone, a rewritten history).
    var lines: [LineDiff.Line]?

    var templateValue: TemplateValue {
        var d: TemplateObject = ["person": .text(person), "process": process.templateValue, "acknowledgedOn": .text(acknowledgedOn)]
        d.set("commit", commit.map { String($0.prefix(7)) })
        if let lines {
            d["lines"] = .list(lines.map { line in
                .object(["text": .text(line.text), "kind": .text(line.kind.rawValue),
                         "mark": .text(line.kind == .added ? "+" : line.kind == .removed ? "−" : " ")])
            })
            d["hasDiff"] = .bool(true)
        }
        return .object(d)
    }
}

extension RoleLink {
    func with(_ extra: TemplateObject) -> TemplateValue {
        guard case .object(var d) = templateValue else { return templateValue }
        d.merge(extra) { _, new in new }
        return .object(d)
    }
}
