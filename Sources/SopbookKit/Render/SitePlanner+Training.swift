import Foundation

/// The training records' pages: `training.html`, `training.csv`, and a "what changed since you read it"
/// page per outdated acknowledgement. None of them when `people:` is empty.
extension SitePlanner {
    func trainingMatrix() -> TrainingMatrix? {
        kb.configuration.people.isEmpty ? nil : TrainingMatrix(kb)
    }

    func trainingJobs(_ matrix: TrainingMatrix?) -> [PageJob] {
        guard let matrix else { return [] }
        let diffs = diffPages(matrix)
        return [PageJob(path: "training.csv", content: .data(Data(matrix.csv(kb).utf8))),
                page("training.html", "training", trainingPage(matrix, diffPaths: diffs.paths))] + diffs.jobs
    }

    /// A role's completion for its page: nil when no person of `people:` has the role.
    func roleTraining(_ role: String, _ matrix: TrainingMatrix?, from page: String) -> RolePage.Training? {
        guard let matrix, kb.configuration.people.contains(where: { $0.roles.contains(role) }) else { return nil }
        let (current, total) = matrix.completion(ofRole: role, kb)
        return RolePage.Training(completion: TrainingPage.completion(current, total), percent: TrainingPage.percent(current, total),
                                 href: ContentPath.relativeURL(from: page, to: "training.html"))
    }

    func trainingPage(_ matrix: TrainingMatrix, diffPaths: [DiffKey: String]) -> TrainingPage {
        let page = Shared("training.html")
        let columns = Set(matrix.rows.flatMap { $0.cells.map(\.procedure) }).sorted()
        let rolePages = rolePages.value
        func roleLink(_ name: String) -> RoleLink { RoleLink(name: name, page: rolePages[name], from: page) }
        let rows = matrix.rows.map { row in
            let byProcedure = Dictionary(row.cells.map { ($0.procedure, $0) }, uniquingKeysWith: { a, _ in a })
            let cells = columns.map { i -> TrainingPage.Cell in
                guard let cell = byProcedure[i] else { return TrainingPage.Cell(status: "", label: "") }
                let href = diffPaths[DiffKey(person: row.person.name, procedure: i)]
                return TrainingPage.Cell(status: cell.status.rawValue, label: statusLabel(cell.status), diffHref: href)
            }
            return TrainingPage.Row(name: row.person.name, roles: row.person.roles.map(roleLink), current: row.current,
                                    total: row.cells.count, cells: cells)
        }
        var roleNames: [String] = []
        for person in kb.configuration.people { for r in person.roles where !roleNames.contains(r) { roleNames.append(r) } }
        let roles = roleNames.map { name in
            let (current, total) = matrix.completion(ofRole: name, kb)
            return TrainingPage.RoleCompletion(role: roleLink(name), current: current, total: total)
        }
        return TrainingPage(columns: columns.map { processLink($0, from: page) }, rows: rows, roles: roles)
    }

    func statusLabel(_ status: TrainingMatrix.Status) -> String {
        switch status {
        case .current: s("trainingCurrent")
        case .outdated: s("trainingOutdated")
        case .notYet: s("trainingNotYet")
        }
    }

    /// Each person's folder under `training/`: their name as a slug, numbered when two names give one
    /// slug (`Ann Lee`, `ann lee`) or none (a name of punctuation only), so that no two pages share a path.
    func personFolders() -> [String: String] {
        var folders: [String: String] = [:], used = Set<String>()
        for person in kb.configuration.people {
            let base = Slugger.base(person.name).isEmpty ? "person" : Slugger.base(person.name)
            var folder = base, n = 2
            while used.contains(folder) { folder = "\(base)-\(n)"; n += 1 }
            used.insert(folder)
            folders[person.name] = folder
        }
        return folders
    }

    struct DiffKey: Hashable {
        var person: String
        var procedure: Int
    }

    /// One page per outdated acknowledgement, under `training/<person>/` at the process page's path. The
    /// revisions read go to Git in one `git cat-file --batch`; the current text is read from the file.
    func diffPages(_ matrix: TrainingMatrix) -> (paths: [DiffKey: String], jobs: [PageJob]) {
        var wanted: [(key: DiffKey, ack: Acknowledgement, request: GitBlobs.Request?)] = []
        for row in matrix.rows {
            for cell in row.cells where cell.status == .outdated {
                guard let ack = cell.acknowledgement else { continue }
                let file = kb.procedures[cell.procedure].file
                // The file's name in the commit read: it may have been renamed since.
                let path = history.revisions[file]?.first { $0.hash == ack.commit }?.path ?? file
                wanted.append((DiffKey(person: row.person.name, procedure: cell.procedure), ack,
                               ack.commit.map { GitBlobs.Request(commit: $0, path: path) }))
            }
        }
        let old = GitBlobs.read(wanted.compactMap(\.request), contentRoot: contentRoot)
        let folders = personFolders()
        var paths: [DiffKey: String] = [:], jobs: [PageJob] = []
        for item in wanted {
            let i = item.key.procedure
            let path = "training/" + (folders[item.key.person] ?? "person") + "/" + kb.pages[i]
            paths[item.key] = path
            let current = (try? Data(contentsOf: contentRoot.appendingPathComponent(kb.procedures[i].file)))
                .map { String(decoding: $0, as: UTF8.self) }
            let lines = item.request.flatMap { old[$0] }.flatMap { before in current.map { LineDiff.diff(before, $0) } }
            jobs.append(page(path, "training-diff", TrainingDiffPage(
                person: item.key.person, process: processLink(i, from: Shared(path)), acknowledgedOn: "\(item.ack.date)",
                commit: item.ack.commit, lines: lines)))
        }
        return (paths, jobs)
    }
}
