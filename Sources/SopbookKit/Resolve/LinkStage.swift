import Foundation

/// Stage 5: every link resolved to what it names, and the backlinks that follow.
enum LinkStage {
    /// What resolving the links of one process reads besides the process itself: the page table, the
    /// attachments, the unreadable files. The anchors of the targets are read too; `recheckAnchors`
    /// decides them again from the current targets, so a resolution may be reused while a target changes.
    struct Context: Sendable, Hashable {
        var table: Shared<PageTable>
        var attachments: Set<String>
        var unreadable: Set<String>
        var conventions: LinkConventions
    }

    /// A process's links are made from its source (and the settings its outline was made with) in a context.
    struct Key: Sendable, Hashable {
        var source: SourceFile
        var settings: Shared<MarkdownSettings>
        var context: Shared<Context>
    }

    /// A link to a process lands on an anchor when the target has it now: the same answer the resolver
    /// gives, whatever the target looked like when the link was first resolved.
    static func recheckAnchors(_ links: [ResolvedLink], anchors: Anchors) -> [ResolvedLink] {
        // Most links have no fragment, or keep their answer: then the list is returned as it is.
        let moved = links.contains { resolved in
            switch resolved.target {
            case .process(let index, let fragment?): !anchors.has(fragment, in: index)
            case .brokenAnchor(let index, let fragment): anchors.has(fragment, in: index)
            default: false
            }
        }
        guard moved else { return links }
        return links.map { resolved in
            var link = resolved
            switch resolved.target {
            case .process(let index, let fragment?), .brokenAnchor(let index, let fragment):
                link.target = anchors.has(fragment, in: index)
                    ? .process(index: index, fragment: fragment) : .brokenAnchor(index: index, fragment: fragment)
            default: break
            }
            return link
        }
    }

    /// Per process, the other processes that link to it, in file order, each once.
    static func backlinks(_ links: [[ResolvedLink]]) -> [[Int]] {
        var backlinks = Array(repeating: [Int](), count: links.count)
        for (from, list) in links.enumerated() {
            var seen = Set<Int>()
            for link in list {
                if case .process(let to, _) = link.target, to != from, seen.insert(to).inserted { backlinks[to].append(from) }
            }
        }
        return backlinks
    }
}

extension LinkStage {
    /// The anchors of every process: its headings', `step-1` to `step-N` (steps are numbered in order), and
    /// those of its raw HTML when the conventions count them.
    struct Anchors: Sendable {
        var headings: [[Heading]]
        var stepCounts: [Int]
        var html: [[String]]
        /// GitHub's own anchors (`links.github_anchors`): `#readme` on every page, `#user-content-x` for `#x`.
        var github = false

        init(_ procedures: [Procedure], github: Bool = false) {
            // Closures, not key paths: a key path projected each whole procedure out (a copy of all it holds).
            headings = procedures.map { $0.headings }
            stepCounts = procedures.map { $0.steps.count }
            html = procedures.map { $0.htmlAnchors }
            self.github = github
        }

        /// A scan, not a set: most processes have a few headings.
        func has(_ fragment: String, in index: Int) -> Bool {
            if github {
                if fragment == "readme" { return true }
                if fragment.hasPrefix("user-content-"), fragment.count > 13 { return has(String(fragment.dropFirst(13)), in: index) }
            }
            if headings[index].contains(where: { $0.anchor == fragment }) || html[index].contains(fragment) { return true }
            guard fragment.hasPrefix("step-"), let n = Int(fragment.dropFirst(5)), String(n) == fragment.dropFirst(5) else { return false }
            return n >= 1 && n <= stepCounts[index]
        }
    }
}

extension LinkStage {
    static func resolve(_ input: Pipeline.Input, content: LoadedContent, sources: [SourceProcedure], parsed: [Procedure],
                        unreadable: [UnreadableFile], context: Shared<Context>, settings: Shared<MarkdownSettings>,
                        loader: ContentLoader, stages: some StageRunner) -> KnowledgeBase {
        let table = context.value.table.value
        let anchors = Anchors(parsed, github: context.value.conventions.githubAnchors)
        let resolver = LinkResolver(procedures: parsed, anchors: anchors, table: table,
                                    attachments: content.attachments, unreadable: context.value.unreadable,
                                    contentRoot: loader.root, realRoot: loader.realRoot, conventions: context.value.conventions)
        let resolved = stages.map(.links, sources.count, key: { Key(source: sources[$0].source, settings: settings, context: context) }) {
            resolver.resolve(parsed[$0])
        }
        let links = Parallel.map(resolved) { recheckAnchors($0, anchors: anchors) }
        return KnowledgeBase(configuration: input.configuration, procedures: parsed, unreadable: unreadable,
                             walkFindings: content.findings, attachments: content.attachments, links: links,
                             backlinks: backlinks(links), pageTable: context.value.table)
    }
}
