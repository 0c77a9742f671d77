/// Coverage figures of a set of processes, as the home page and the gap report show them.
struct Coverage: Hashable, Sendable {
    var processes = 0, owned = 0, raci = 0, quality = 0, steps = 0, undocumented = 0

    static func percent(_ part: Int, _ whole: Int) -> Int {
        whole == 0 ? 0 : Int((Double(part) * 100 / Double(whole)).rounded())
    }

    var ownedPercent: Int { Coverage.percent(owned, processes) }
    var raciPercent: Int { Coverage.percent(raci, processes) }
    var qualityPercent: Int { Coverage.percent(quality, processes) }
}

extension Coverage {
    /// What one process counts for.
    init(_ p: Procedure) {
        processes = 1
        owned = p.owner == nil ? 0 : 1
        raci = SitePlanner.raciComplete(p.raci) ? 1 : 0
        quality = p.quality.isEmpty ? 0 : 1
        steps = p.steps.count
        undocumented = p.steps.count { $0.isUndocumented }
    }

    mutating func add(_ other: Coverage) {
        processes += other.processes
        owned += other.owned
        raci += other.raci
        quality += other.quality
        steps += other.steps
        undocumented += other.undocumented
    }
}

/// `index.mustache`: every process grouped by area, the coverage, the roles and the unreadable files.
struct HomePage: TemplateModel {
    struct Area: Hashable, Sendable {
        var name: String
        var anchor: String
        var processes: [ProcessLink]
        /// The area's print pack, when it has an SOP to print.
        var printHref: String? = nil
    }

    struct RoleChip: Hashable, Sendable {
        var name: String
        var href: String
        var count: Int
    }

    struct Unreadable: Hashable, Sendable {
        var file: String
        var href: String
    }

    /// All processes, unreadable ones included, over the coverage of those that could be read.
    var processCount: Int
    var coverage: Coverage
    var areas: [Area]
    var roles: [RoleChip]
    var unreadable: [Unreadable]
    /// Approvals and training, when the handbook uses them.
    var controlled: Report.Controlled? = nil
    /// On a split site's home page: the areas' pages, instead of their processes.
    var parts: [AreaPart] = []
    /// On an area's page of a split site: the area's name.
    var areaTitle: String? = nil

    var templateValue: TemplateValue {
        var value: TemplateObject = [
            "coverage": .object((["processes": .int(processCount), "steps": .int(coverage.steps),
                                 "ownedPercent": .int(Coverage.percent(coverage.owned, processCount)),
                                 "raciPercent": .int(Coverage.percent(coverage.raci, processCount)),
                                 "qualityPercent": .int(Coverage.percent(coverage.quality, processCount)),
                                 "undocumentedSteps": .int(coverage.undocumented)] as TemplateObject).merging(controlledValues) { a, _ in a }),
            "areas": .list(areas.map { area in
                var d: TemplateObject = ["name": .text(area.name), "anchor": .text(area.anchor),
                                                  "processes": area.processes.templateValue]
                d.set("printHref", area.printHref)
                return .object(d)
            }),
            "roles": .list(roles.map { .object(["name": .text($0.name), "href": .text($0.href), "count": .int($0.count)]) }),
            "hasRoles": .bool(!roles.isEmpty),
            "unreadable": .list(unreadable.map { .object(["file": .text($0.file), "href": .text($0.href)]) }),
            "hasUnreadable": .bool(!unreadable.isEmpty),
        ]
        AreaPart.add(parts, areaTitle: areaTitle, to: &value)
        return .object(value)
    }

    /// `coverage.hasApprovals`/`approvedPercent` and `coverage.hasTraining`/`trainingPercent`, only when used.
    var controlledValues: TemplateObject {
        guard let c = controlled else { return [:] }
        var d: TemplateObject = [:]
        if c.approved + c.approvalOutdated > 0 {
            d["hasApprovals"] = .bool(true)
            d["approvedPercent"] = .int(Coverage.percent(c.approved, c.active))
        }
        if c.trainingDue > 0 {
            d["hasTraining"] = .bool(true)
            d["trainingPercent"] = .int(Coverage.percent(c.trainingCurrent, c.trainingDue))
        }
        return d
    }
}

/// `404.mustache`: nothing but the frame.
struct NotFoundPage: TemplateModel {
    var templateValue: TemplateValue { .object([:]) }
}

/// `unreadable.mustache`: a file that could not be read as an SOP, and why.
struct UnreadablePage: TemplateModel {
    var file: String
    var findings: [FindingItem]

    var templateValue: TemplateValue {
        .object(["file": .text(file), "findings": findings.templateValue])
    }
}
