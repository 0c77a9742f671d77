import Foundation

/// The master document register: `register.html` and `register.csv`.
extension SitePlanner {
    /// The register's two files; `register.csv` is data, so its header stays English whatever the language.
    func registerJobs(_ training: TrainingMatrix?, stages: some StageRunner) -> [PageJob] {
        let acknowledged = training.map(acknowledgedCounts) ?? [:]
        guard layout.splitsLists else {
            let whole = registerPage(Array(kb.procedures.indices), path: "register.html", acknowledged: acknowledged)
            return [page("register.html", "register", whole), csvJob(acknowledged, stages: stages)]
        }
        // Split by area like the RACI matrix: the register of 10,000 SOPs was 5 MB. The CSV stays whole (its
        // cells hold no link); the areas' pages are made when written (`Deferred`), their rows again.
        var index = RegisterPage(rows: [], areas: [], owners: [], statuses: [])
        index.parts = areaParts("register")
        let parts = layout.areas.map { area in
            let path = layout.areaPage("register", area)
            let members = layout.membersOfArea[area] ?? []
            let inputs: @Sendable () -> Int = {
                self.inputs("register", members: members, facts: .register) { h in
                    h.combine(areaName(area))
                    for i in members { h.combine(acknowledged[i]) }
                }
            }
            return deferredPage(path, "register", inputs: inputs) {
                var part = registerPage(members, path: path, acknowledged: acknowledged)
                part.areaTitle = areaName(area)
                return part
            }
        }
        return [page("register.html", "register", index), csvJob(acknowledged, stages: stages)] + parts
    }

    /// What a process's record in `register.csv` is made from, as its key: what its row in an area's
    /// register reads (the site's digest and the process's `PageInputs.register`), its area's name and its
    /// `acknowledged` cell. `serve` makes the file again at every title edit (1.4 MB at 10,000 SOPs), from
    /// the records of the processes it changed and those of the last build.
    struct RecordKey: Hashable, Sendable {
        var site: Int
        var row: Int
        var area: String
        var acknowledged: String
    }

    /// `register.csv`: every SOP, in file order, a record each.
    func csvJob(_ acknowledged: [Int: String], stages: some StageRunner) -> PageJob {
        let from = Shared("register.html")
        let records = stages.map(.registerRecords, kb.procedures.count, key: { i in
            let given = pageInputs.value
            return RecordKey(site: given.site, row: given.register[i], area: areaName(layout.areaOf[i]), acknowledged: acknowledged[i] ?? "")
        }) { i in
            RegisterPage.csvRecord(registerRow(i, from: from, acknowledged: acknowledged[i] ?? ""))
        }
        var data = Data((RegisterPage.csvHeader.joined(separator: ",") + "\r\n").utf8)
        data.reserveCapacity(data.count + records.reduce(0) { $0 + $1.count })
        for record in records { data.append(contentsOf: record) }
        return PageJob(path: "register.csv", content: .data(data))
    }

    /// The register of `processes`, in file order, as seen from `path`.
    func registerPage(_ processes: [Int], path: String, acknowledged: [Int: String]) -> RegisterPage {
        let page = Shared(path)
        let rows = processes.sorted().map { registerRow($0, from: page, acknowledged: acknowledged[$0] ?? "") }
        func options(_ values: [String]) -> [RegisterPage.Option] {
            Set(values).filter { !$0.isEmpty }.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
                .map { RegisterPage.Option(value: $0, label: $0) }
        }
        let statuses = ProcedureStatus.allCases.filter { status in rows.contains { $0.status == status } }
            .map { RegisterPage.Option(value: $0.rawValue, label: s("status.\($0.rawValue)")) }
        return RegisterPage(rows: rows, areas: options(rows.map(\.area)), owners: options(rows.map(\.owner)), statuses: statuses)
    }

    func registerRow(_ i: Int, from page: Shared<String>, acknowledged: String = "") -> RegisterPage.Row {
        let p = kb.procedures[i]
        let revisions = countedRevisions(of: p.file)
        let target = summaries[i].target.value
        let due = p.review?.due
        return RegisterPage.Row(
            index: i, link: processLink(i, from: page), id: p.id, title: p.title, area: areaName(layout.areaOf[i]), owner: p.owner ?? "",
            status: p.status, statusLabel: target.statusLabel,
            revision: revisions.isEmpty ? "" : String(revisions.count),
            lastChanged: revisions.first?.date ?? "", effective: p.effective?.description ?? "",
            approvedBy: p.approval?.by ?? "", approvedOn: p.approval?.on.description ?? "",
            lastReview: p.review?.last?.description ?? "", nextReview: due?.description ?? "",
            reviewOverdue: p.status != .retired && due.map { $0 < today } ?? false, acknowledged: acknowledged)
    }

    /// The revisions the register counts of `file`. Outside Git there is nothing to count, and a shallow
    /// clone counts only the commits it fetched (its oldest shows every file as new): an empty cell, not a
    /// wrong revision in the auditor's list.
    func countedRevisions(of file: String) -> [GitHistory.Revision] {
        history.isRepository && !history.isShallow ? history.revisions[file] ?? [] : []
    }

    /// What the register's `acknowledged` column says of each process: "2/3", the people of its roles who
    /// read its current revision out of those who should; none without `people:` or for an SOP no one's role holds.
    func acknowledgedCounts(_ matrix: TrainingMatrix) -> [Int: String] {
        var read: [Int: Int] = [:]
        var due: [Int: Int] = [:]
        for row in matrix.rows {
            for cell in row.cells {
                due[cell.procedure, default: 0] += 1
                if cell.status == .current { read[cell.procedure, default: 0] += 1 }
            }
        }
        return Dictionary(uniqueKeysWithValues: due.map { ($0.key, "\(read[$0.key] ?? 0)/\($0.value)") })
    }
}
