import Foundation

/// A source read as an SOP: its front matter applied to a `Procedure`, and the body still to parse.
/// A class, so that passing it from stage to stage (and through `serve`'s memos) copies a reference, not
/// every field of the procedure.
///
/// Unchecked: `releaseBytes` writes `source` and `split`, and only the body stage calls it, on the thread
/// that parsed this source and after it did; nothing reads the bytes of a source after its body is parsed.
final class SourceProcedure: @unchecked Sendable {
    private(set) var source: SourceFile
    let procedure: Procedure
    private(set) var split: SplitSource

    init(source: SourceFile, procedure: Procedure, split: SplitSource) {
        self.source = source
        self.procedure = procedure
        self.split = split
    }

    /// The file's bytes let go once its body is parsed, by a run that makes no keys of them
    /// (`StageRunner.makesKeys`): `check` at 50,000 SOPs held 200 MB of files it had finished reading.
    func releaseBytes() {
        source = source.identity
        split = .empty
    }
}

/// Stage 2: the front matter of one source, or the one finding that says why it is not an SOP.
enum FrontMatterStage {
    /// What reading one front matter depends on: the file, and the keys the handbook uses for Sopbook's fields.
    struct Key: Sendable, Hashable {
        var source: SourceFile
        var fields: FieldMapping
        var hashesContent: Bool
    }

    /// `hashesContent`: whether to take `Procedure.contentHash` (`Pipeline.Input.hashesContent`); empty otherwise.
    static func read(_ source: SourceFile, fields: FieldMapping, hashesContent: Bool) -> Result<SourceProcedure, UnreadableFile> {
        if let problem = source.problem { return .failure(UnreadableFile(file: source.path, problem: problem)) }
        let split: SplitSource
        switch FrontMatterSplitter.split(source.bytes) {
        case .success(let s): split = s
        case .failure(.invalidEncoding(let line, let detail)):
            return .failure(UnreadableFile(file: source.path, problem: UnreadableSource(
                rule: "invalid-encoding", location: SourceLocation(line: line, column: 1), message: detail)))
        case .failure(.unclosedFrontMatter):
            return .failure(UnreadableFile(file: source.path, problem: UnreadableSource(
                rule: "invalid-front-matter", location: .start,
                message: "the front matter opened by `---` on line 1 is never closed; add a line `---` after the last field")))
        }
        let fileName = source.path.lastSlashPart.map(String.init) ?? source.path
        var procedure = Procedure(file: source.path, id: ContentPath.defaultID(source.path),
                                  title: ContentPath.defaultID(fileName))
        procedure.frontMatterLine = 1
        if hashesContent { procedure.contentHash = ContentHash.of(source.bytes) }
        if let yaml = split.frontMatter {
            do throws(UnreadableSource) {
                try FrontMatterParser.apply(yaml: yaml, firstLine: split.frontMatterFirstLine, fields: fields, to: &procedure)
            } catch {
                return .failure(UnreadableFile(file: source.path, problem: error))
            }
        }
        return .success(SourceProcedure(source: source, procedure: procedure, split: split))
    }
}

extension FrontMatterStage {
    /// The sources that are SOPs, and the files that could not be read as one (each with its one finding).
    static func partition(_ results: [Result<SourceProcedure, UnreadableFile>]) -> ([SourceProcedure], [UnreadableFile]) {
        var sources: [SourceProcedure] = []
        var unreadable: [UnreadableFile] = []
        for result in results {
            switch result {
            case .success(let s): sources.append(s)
            case .failure(let u): unreadable.append(u)
            }
        }
        return (sources, unreadable.sorted { $0.file < $1.file })
    }
}
