import Foundation

/// `sopbook ack`: records that a person read the current revision of an SOP.
public enum AcknowledgementWriter {
    public struct Outcome: Sendable {
        /// Relative to `sopbook.yml`'s folder.
        public var file: String
        public var entry: Acknowledgement
        /// Whether an earlier acknowledgement of the SOP was replaced.
        public var replaced: Bool
    }

    /// Writes (or rewrites) the person's record. Refused (exit status 2) when there is no sopbook.yml, the
    /// person is not in `people:`, the SOP id is unknown, or the person's record cannot be read: rewriting
    /// a record it half understood would drop the lines it did not.
    public static func acknowledge(sop id: String, as name: String, workspace: Workspace) throws(UsageError) -> Outcome {
        guard let configFile = workspace.configFile else {
            throw UsageError("no sopbook.yml: declare the people whose training is recorded under `people:` first")
        }
        let configuration = workspace.configuration
        let people = configuration.people.map(\.name)
        guard people.contains(name) else {
            let hint = Suggest.closest(to: name, among: people).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw UsageError("\"\(name)\" is not listed under `people:` in \(configFile.lastPathComponent)\(hint)")
        }
        let kb = Pipeline.check(.init(content: workspace.content, configuration: configuration, today: workspace.today,
                                      renderBodies: false, hashesContent: true)).knowledgeBase
        guard let index = kb.indexByID[id] else {
            let hint = Suggest.closest(to: id, among: kb.procedures.map(\.id)).map { " (did you mean `\($0)`?)" } ?? ""
            throw UsageError("no SOP has the id `\(id)`\(hint)")
        }
        let procedure = kb.procedures[index]
        let history = GitHistory.read(contentRoot: workspace.content)
        let entry = Acknowledgement(sop: procedure.id, hash: procedure.contentHash,
                                    commit: history.revisions[procedure.file]?.first?.hash ?? history.head, date: workspace.today)
        let folder = configFile.deletingLastPathComponent()
        let existing = try existingRecord(of: name, configuration: configuration)
        let record = existing ?? AcknowledgementRecord(file: AcknowledgementRecord.folder + "/" + AcknowledgementRecord.fileName(for: name),
                                                       person: name, entries: [])
        let url = folder.appendingPathComponent(record.file)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(record.replacing(entry).text.utf8).write(to: url, options: .atomic)
        } catch {
            throw UsageError("cannot write \(record.file): \(error.localizedDescription)")
        }
        return Outcome(file: record.file, entry: entry, replaced: existing?.entries.contains { $0.sop == entry.sop } ?? false)
    }

    /// The person's record as read with the configuration; refused when any line of it was not understood.
    static func existingRecord(of name: String, configuration: Configuration) throws(UsageError) -> AcknowledgementRecord? {
        let own = configuration.acknowledgements.first { $0.person == name }
        let file = own?.file ?? AcknowledgementRecord.folder + "/" + AcknowledgementRecord.fileName(for: name)
        if let problem = configuration.acknowledgementProblems.first(where: { $0.file == file }) {
            throw UsageError("\(problem.file):\(problem.line): \(problem.message) (fix the record first; `sopbook check` lists every problem)")
        }
        if let other = configuration.acknowledgements.first(where: { $0.file == file && $0.person != name }) {
            throw UsageError("\(file) holds the acknowledgements of \"\(other.person)\", not \"\(name)\"")
        }
        return own
    }
}
