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
            let order = interleaved(selection.write, ways: ProcessInfo.processInfo.activeProcessorCount)
            let failures: [String] = Parallel.map(order, chunk: 1) { n in
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

    /// `jobs` dealt into `ways` stretches taken in turn (`a0 b0 a1 b1 …` for two), so that the jobs the cores
    /// take at once lie far apart in the plan, in different folders: the plan lists a folder's pages
    /// together, and cores creating files in one folder wait for its lock (`perf`: 2.5% of a build's
    /// cycles spinning or waiting on it at 10,000 SOPs). Each stretch keeps the plan's order, largest first.
    static func interleaved(_ jobs: [Int], ways: Int) -> [Int] {
        let ways = max(1, min(ways, jobs.count))
        let stretch = (jobs.count + ways - 1) / max(1, ways)
        var order: [Int] = []
        order.reserveCapacity(jobs.count)
        for k in 0..<stretch {
            for w in 0..<ways where w * stretch + k < jobs.count { order.append(jobs[w * stretch + k]) }
        }
        return order
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
