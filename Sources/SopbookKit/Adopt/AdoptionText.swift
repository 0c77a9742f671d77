import Foundation

extension Adoption {
    /// The headline: the generator and what was seen of it, `MkDocs: mkdocs.yml (docs_dir: docs, nav of 23 pages)`.
    public var headline: String {
        let seen = detection.chosenSignals.map { $0.shown(snapshot) }
        let what = seen.isEmpty ? "no generator file seen" : seen.joined(separator: ", ")
        return "\(detection.generator.name): \(what)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }

    /// The other generators seen, with their signals: they lost, but the user should know they are there.
    public var alsoSeen: [String] {
        detection.otherGenerators.map { g in
            let labels = detection.signals.filter { $0.generator == g }.map { $0.shown(snapshot) }
            return "\(g.name) (\(labels.joined(separator: ", ")))"
        }
    }

    /// The `sopbook.yml` text: every setting with the reason for its value as a comment, in a fixed order.
    public var configurationText: String {
        var out = header()
        if let title {
            out += ["", "# \(title.source)", "title: \(YAMLText.scalar(title.value))"]
        }
        out += [""] + linksSection()
        out += [""] + fieldsSection()
        out += [""] + navigationSection()
        // Comments quote what the handbook says (paths, keys, settings): a line break in any of them
        // must not start a line of YAML of its own.
        return out.map(\.oneLine).joined(separator: "\n") + "\n"
    }

    func header() -> [String] {
        let configFolder = PathText.parent(configFile)
        let content = PathText.relative(from: configFolder, to: snapshot.content)
        var out = ["# sopbook.yml for a \(detection.generator.name) handbook, written by `sopbook adopt` from:", "#   \(headline)"]
        for other in alsoSeen { out.append("#   also seen: \(other)") }
        out += ["# The pages are in \(content)/: run `sopbook check --content \(content)` from this folder.",
                "# Read it through: each setting says why it has its value. `sopbook baseline` then records",
                "# today's findings, so that CI fails only on new ones."]
        return out
    }

    func linksSection() -> [String] {
        var out = ["links:"]
        func add<V>(_ key: String, _ setting: AdoptedLinks.Setting<V>, _ text: String) {
            out += ["  # \(setting.why)", "  \(key): \(text)"]
        }
        add("index_pages", links.indexPages, YAMLText.list(links.indexPages.value))
        add("dot_folders", links.dotFolders, String(links.dotFolders.value))
        add("pretty_urls", links.prettyURLs, String(links.prettyURLs.value))
        add("html_pages", links.htmlPages, String(links.htmlPages.value))
        add("site_root", links.siteRoot, YAMLText.scalar(links.siteRoot.value))
        add("other_paths", links.otherPaths, YAMLText.list(links.otherPaths.value))
        add("heading_ids", links.headingIDs, String(links.headingIDs.value))
        add("html_anchors", links.htmlAnchors, String(links.htmlAnchors.value))
        add("heading_anchors", links.headingAnchors, links.headingAnchors.value.rawValue)
        add("folder_listings", links.folderListings, String(links.folderListings.value))
        add("relative_to_source", links.relativeToSource, String(links.relativeToSource.value))
        add("root_fallback", links.rootFallback, String(links.rootFallback.value))
        add("github_anchors", links.githubAnchors, String(links.githubAnchors.value))
        return out
    }

    func fieldsSection() -> [String] {
        guard !fields.mappings.isEmpty || !fields.ignored.isEmpty else {
            return ["# fields: none needed: the pages use Sopbook's own keys (owner, review, summary) or none"]
        }
        var out = ["fields:"]
        for mapping in fields.mappings {
            out.append("  # \(mapping.why)")
            let value = mapping.keys.count == 1 ? YAMLText.scalar(mapping.keys[0]) : YAMLText.list(mapping.keys)
            out.append("  \(mapping.field): \(value)")
        }
        if !fields.ignored.isEmpty {
            out.append("  # keys the pages use that Sopbook does not read (the generator's, the team's): no unknown-field for them")
            out.append("  ignore:")
            let names = fields.ignored.map { YAMLText.scalar($0.name) }
            let width = names.map(\.count).max() ?? 0
            for (name, key) in zip(names, fields.ignored) {
                out.append("    - \(name.padding(toLength: width, withPad: " ", startingAt: 0))  # \(plural(key.pages, "page"))")
            }
        }
        return out
    }

    func navigationSection() -> [String] {
        guard let navigation else {
            let why = switch detection.generator {
            case .mkdocs: "mkdocs.yml has no nav:, so MkDocs orders pages by file name"
            case .gitbook: "no SUMMARY.md was found"
            default: "\(detection.generator.name) keeps its page order in front matter or code, which adopt does not read"
            }
            return ["# navigation: none: \(why)"]
        }
        let path = PathText.relative(from: PathText.parent(configFile), to: navigation.path)
        return ["# \(navigation.why) (\(plural(navigation.order.pages.count, "page")))", "navigation: \(YAMLText.scalar(path))"]
    }

    /// What adopt found and why, for the terminal.
    public var reportLines: [String] {
        var out = ["Content: \(snapshot.display(snapshot.content)) (\(plural(statistics.pages.count + statistics.unreadable.count, "page")))",
                   "Generator: \(headline)"]
        for other in alsoSeen { out.append("  also seen: \(other)") }
        out.append("Links:")
        // Each setting with its reason, as sopbook.yml has them on two lines.
        let section = Array(linksSection().dropFirst())
        for (why, setting) in zip(section, section.dropFirst()) where why.hasPrefix("  # ") {
            out.append("  \(setting.trimmed)  (\(why.dropFirst(4)))")
        }
        out.append("Fields:")
        for mapping in fields.mappings { out.append("  \(mapping.target) ← \(mapping.keys.joined(separator: ", ")): \(mapping.coverage)") }
        if fields.mappings.isEmpty { out.append("  no mapping: the pages use Sopbook's own keys, or none") }
        if !fields.unowned.isEmpty {
            out.append("  no ownership field at all: \(plural(fields.unowned.count, "page")) (\(Self.sample(fields.unowned)))")
        }
        if !statistics.unreadable.isEmpty {
            let list = statistics.unreadable.map { "\($0.path): \($0.reason)" }
            out.append("  front matter Sopbook cannot read: \(plural(list.count, "page")) (\(Self.sample(list, 3)))")
        }
        if !fields.ignored.isEmpty {
            out.append("  ignored: " + fields.ignored.map { "\($0.name) (\($0.pages))" }.joined(separator: ", "))
        }
        out += navigationReport()
        if let title { out.append("Title: \(title.value) (\(title.source))") }
        for note in notes { out.append("Check: \(note)") }
        // Made visible, not sent: text from the handbook never moves the terminal's cursor.
        return out.map(\.oneLine)
    }

    func navigationReport() -> [String] {
        guard let navigation else { return [] }
        let shown = snapshot.display(navigation.path)
        var out = ["Navigation: \(shown), \(plural(navigation.order.pages.count, "page"))"]
        for problem in navigation.order.problems.prefix(20) { out.append("  \(shown):\(problem.line): \(problem.message)") }
        if navigation.order.problems.count > 20 { out.append("  … and \(navigation.order.problems.count - 20) more") }
        return out
    }

    static func sample(_ items: [String], _ limit: Int = 5) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", and \(items.count - limit) more" : "")
    }
}

extension FieldPlan.Mapping {
    /// `205 of 205 pages`; with Sopbook's own key on some pages `12 pages, and owner itself on 30: 42 of 50 pages`;
    /// for several keys, how many pages each is read on: `(maintainer 20, contact 8)`.
    public var coverage: String {
        let sum = own == 0 ? "\(covered) of \(plural(total, "page"))"
                           : "\(plural(covered, "page")), and \(sopbookKey) itself on \(own): \(covered + own) of \(plural(total, "page"))"
        guard keys.count > 1 else { return sum }
        return sum + " (" + keys.map { "\($0) \(readFrom[$0] ?? 0)" }.joined(separator: ", ") + ")"
    }

    /// The front matter key Sopbook reads without a mapping (`review.last` lives in the `review` map).
    var sopbookKey: String { field == "review_last" ? "review" : field }

    /// The comment above the mapping in sopbook.yml.
    var why: String {
        let own = own == 0 ? "" : "; \(sopbookKey) itself, on \(plural(self.own, "page")), is read first"
        guard keys.count > 1 else {
            return "\(target) is read from \(keys[0]) on \(covered) of \(plural(total, "page"))\(own)"
        }
        let each = keys.map { "\($0) on \(plural(readFrom[$0] ?? 0, "page"))" }.joined(separator: ", ")
        return "\(target) is read from the first of these keys a page has: \(each)\(own)"
    }
}

/// YAML scalars and lists written so that they read back as the same strings.
enum YAMLText {
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    /// Plain when it cannot be mistaken for anything else; double-quoted otherwise.
    static func scalar(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { u in
            u.properties.isAlphabetic || ("0"..."9").contains(u) || " _./-".unicodeScalars.contains(u)
        }
        let first = s.unicodeScalars.first
        let plain = safe && !s.isEmpty && s.trimmed == s && !reserved.contains(s.lowercased())
            && first.map { $0.properties.isAlphabetic || $0 == "_" || $0 == "/" || $0 == "." } == true
        guard !plain else { return s }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map(scalar).joined(separator: ", ") + "]"
    }
}
