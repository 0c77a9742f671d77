import Foundation

/// Stage 8: renders the selected jobs of the plan and writes them through the writer, in parallel (pages
/// are independent, and writing is half the cost), then commits.
enum SiteWrite {
    static func write(_ jobs: [PageJob], theme: Theme, writer: any SiteWriter, stages: some StageRunner,
                      progress: BuildProgress?) throws {
        let timer = PhaseTimer()
        defer { timer.lap("write") }
        let selection = stages.select(jobs, theme: theme, writer: writer)
        timer.lap("write: select")
        try write(jobs, selection, theme: theme, writer: writer, progress: progress)
        stages.wrote(selection)
    }

    /// The jobs of `selection` written and the files it names removed, then committed; or, on a failure,
    /// the writer abandoned.
    static func write(_ jobs: [PageJob], _ selection: PageSelection, theme: Theme, writer: any SiteWriter,
                      progress: BuildProgress?) throws {
        do {
            try writer.prepareFolders(for: selection.write.map { jobs[$0].path })
            // One job at a time: the plan lists them largest first, and a chunk of the default size held
            // every print volume of the site.
            let failures: [String] = Parallel.map(selection.write, chunk: 1) { n in
                do {
                    try write(jobs[n], theme: theme, writer: writer)
                } catch {
                    return "\(jobs[n].path): \(error.localizedDescription)"
                }
                progress?.wrote()
                return ""
            }
            if let failure = failures.first(where: { !$0.isEmpty }) {
                throw BuildError(description: "cannot write \(failure)")
            }
            for path in selection.remove { try writer.remove(path) }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }

    static func write(_ job: PageJob, theme: Theme, writer: any SiteWriter) throws {
        switch job.content {
        case .page(let template, let model):
            guard let contexts = model.templateContexts else {
                throw BuildError(description: "the model of \(job.path) is not an object; this is a bug in Sopbook")
            }
            try writer.write(bytes: theme.renderBytes(template, contexts), to: job.path)
        case .searchIndex(let index): try writer.write(index.script(), to: job.path)
        case .data(let data): try writer.write(data, to: job.path)
        case .copy(let source, _): try writer.copy(from: source, to: job.path)
        }
    }
}
