import Foundation
import Yams

/// The contents of `sopbook.yml`. Every field is optional; the defaults are the spec's.
public struct Configuration: Sendable, Hashable {
    public var title: String = "Operations Manual"
    public var language: String = "en"
    /// Declared roles, in declaration order. Empty means "roles are free text".
    public var roles: [String] = []
    public var roleDescriptions: [String: String] = [:]
    /// Per role, the GitHub/GitLab handle its reviews are requested from (`roles: {Role: {handle: "@org/team"}}`).
    public var roleHandles: [String: String] = [:]
    /// Where `sopbook codeowners` writes (`codeowners:`); nil when the key is absent or false, which also
    /// leaves `owner-without-handle` off.
    public var codeowners: CodeOwnersSetting?
    /// The published site's base URL (`site_url:`), ending with `/`: `sopbook reviews` links to its pages.
    public var siteURL: String?
    /// Per role, process ids in the order a new hire in that role should read them.
    public var readingOrder: [String: [String]] = [:]
    public var severities: [String: Severity] = [:]
    public var stepHeadings: [String] = ["Steps", "Procedure", "Étapes", "Procédure"]
    public var placeholders: [String] = ["TODO", "TBD", "FIXME", "XXX", "???", "to be documented",
                                         "à documenter", "à compléter", "à définir"]
    public var unsafeHTML = false
    /// Base URL for "edit this page" links, e.g. `https://github.com/acme/ops/edit/main/Content/`.
    public var editURL: String?
    /// Controlled documents (`document_control: true`): `missing-approval` is on and `review-overdue` is an error.
    public var documentControl = false
    /// The people whose training is recorded (`people:`), in declaration order, with their roles.
    public var people: [Person] = []

    public struct Person: Sendable, Hashable {
        public var name: String
        public var roles: [String]
    }
    /// The records of `acknowledgements/` beside `sopbook.yml`, read with it (so `serve` reads them again
    /// on every rebuild), and the lines of them that could not be read (`invalid-acknowledgement`).
    public var acknowledgements: [AcknowledgementRecord] = []

    /// Whether anything of a run reads the procedures' content hashes: the training matrix and the
    /// acknowledgement rules, when there are people to train or acknowledgements recorded. Hashing every
    /// file was 2.5% of `sopbook check` on a handbook without either.
    public var readsContentHashes: Bool { !people.isEmpty || !acknowledgements.isEmpty }
    public var acknowledgementProblems: [AcknowledgementRecord.Problem] = []

    /// How the handbook's generator resolves links (`links:`).
    public var links = LinkConventions()
    /// Sopbook's fields read from the handbook's own keys (`fields:`).
    public var fields = FieldMapping()
    /// The navigation file the sidebar follows (`navigation:`), as written: relative to `sopbook.yml`'s folder.
    public var navigation: String?
    /// The content-relative files in the order of that navigation, read by `Workspace`.
    public var navigationOrder: [String] = []
    /// The navigation file's path under the content folder, when it is there (GitBook's `SUMMARY.md`): a
    /// table of contents, not an SOP.
    public var navigationSource: String?
    /// Entries of the navigation that name no page, reported as broken links of the navigation file.
    public var navigationProblems: [NavigationProblem] = []

    /// An entry of the navigation file that names no page.
    public struct NavigationProblem: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var message: String
    }

    /// `codeowners: true` (the usual places) or the path of the CODEOWNERS file from the repository root.
    public enum CodeOwnersSetting: Sendable, Hashable {
        case automatic
        case path(String)
    }

    public init() {}

    public static let knownKeys = ["title", "language", "roles", "rules", "steps", "placeholders",
                                   "unsafe_html", "edit_url", "links", "fields", "navigation", "document_control", "people",
                                   "codeowners", "site_url"]

    /// Whether `text` is something a CODEOWNERS file accepts as an owner: `@user`, `@org/team`, or an email.
    public static func isHandle(_ text: String) -> Bool {
        let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        func isName(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy { nameCharacters.contains($0) } }
        if text.hasPrefix("@") {
            let parts = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            return (1...2).contains(parts.count) && parts.allSatisfy(isName)
        }
        let halves = text.split(separator: "@", omittingEmptySubsequences: false)
        // The local part is held to the characters addresses use in practice, so that a handle is safe to
        // write as it is into CODEOWNERS and into Markdown (where it must stay a mention).
        guard halves.count == 2, !halves[0].isEmpty, halves[0].allSatisfy({ nameCharacters.contains($0) || $0 == "+" }) else { return false }
        let labels = halves[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy(isName)
    }

    /// The handle a CODEOWNERS line names for `owner`: the role's declared handle, or the owner itself
    /// when it is already a handle (`owner: "@alice"`); nil when there is none.
    public func handle(for owner: String) -> String? {
        roleHandles[owner] ?? (Configuration.isHandle(owner) ? owner : nil)
    }

    /// A configuration problem: the run cannot happen (exit status 2).
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public static func load(from url: URL, displayName: String) throws(Configuration.Error) -> Configuration {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Error(file: displayName, line: 1, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Error(file: displayName, line: 1, message: "the configuration file is not UTF-8")
        }
        var config = try parse(text, displayName: displayName)
        let records = AcknowledgementReader.read(besideConfigurationIn: url.deletingLastPathComponent())
        config.acknowledgements = records.records
        config.acknowledgementProblems = records.problems
        return config
    }

    public static func parse(_ text: String, displayName: String) throws(Configuration.Error) -> Configuration {
        let root: Node?
        do {
            root = try Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot()
        } catch {
            let (location, message) = YAMLErrors.describe(error)
            throw Error(file: displayName, line: location.line, message: message)
        }
        var reader = Reader(file: displayName)
        guard let root else { return reader.config }
        guard let map = root.mapping else {
            throw Error(file: displayName, line: root.mark?.line ?? 1, message: "the configuration must be a mapping of keys to values")
        }
        for (keyNode, value) in map {
            try reader.read(keyNode, value)
        }
        return reader.config
    }

    /// Reads the keys of `sopbook.yml` one by one into a configuration. The first wrong value stops the
    /// run (exit status 2) with its file and line.
    struct Reader {
        let file: String
        var config = Configuration()

        init(file: String) { self.file = file }

        func fail(_ node: Node, _ message: String) -> Configuration.Error {
            Configuration.Error(file: file, line: node.mark?.line ?? 1, message: message)
        }

        /// A list of strings; a single string stands for a list of one.
        func strings(_ node: Node, _ key: String) throws(Configuration.Error) -> [String] {
            if let s = YAMLValue.string(node) { return [s] }
            guard let seq = node.sequence else { throw fail(node, "`\(key)` must be a list of strings") }
            var out: [String] = []
            for item in seq {
                guard let s = YAMLValue.string(item) else { throw fail(item, "`\(key)` must be a list of strings") }
                out.append(s)
            }
            return out
        }

        mutating func read(_ keyNode: Node, _ value: Node) throws(Configuration.Error) {
            guard let key = keyNode.string else { throw fail(keyNode, "keys must be strings") }
            switch key {
            case "title":
                guard let s = YAMLValue.string(value) else { throw fail(value, "`title` must be a string") }
                config.title = s
            case "language":
                guard let s = YAMLValue.string(value), ["en", "fr"].contains(s) else {
                    throw fail(value, "`language` must be `en` or `fr`")
                }
                config.language = s
            case "roles":
                if let m = value.mapping { try readRoles(m) } else { config.roles = try strings(value, "roles") }
            case "rules": try readRules(value)
            case "steps": try readSteps(value)
            case "placeholders":
                config.placeholders = try strings(value, "placeholders")
            case "unsafe_html":
                guard let s = YAMLValue.string(value), let b = YAMLValue.bool(s) else { throw fail(value, "`unsafe_html` must be true or false") }
                config.unsafeHTML = b
            case "edit_url":
                guard let s = YAMLValue.string(value), let scheme = s.split(separator: ":").first?.lowercased(),
                      ["http", "https"].contains(scheme) else {
                    throw fail(value, "`edit_url` must be an http:// or https:// address")
                }
                config.editURL = s
            case "document_control":
                guard let s = YAMLValue.string(value), let b = YAMLValue.bool(s) else { throw fail(value, "`document_control` must be true or false") }
                config.documentControl = b
            case "people": try readPeople(value)
            case "codeowners": try readCodeOwners(value)
            case "site_url":
                guard let s = YAMLValue.string(value)?.trimmed, let scheme = s.split(separator: ":").first?.lowercased(),
                      ["http", "https"].contains(scheme), s.contains("://"), !s.contains(where: \.isWhitespace) else {
                    throw fail(value, "`site_url` must be the http:// or https:// address the site is published at")
                }
                config.siteURL = s.hasSuffix("/") ? s : s + "/"
            case "links": try readLinks(value)
            case "fields": try readFields(value)
            case "navigation":
                guard let s = YAMLValue.string(value)?.trimmed, !s.isEmpty else { throw fail(value, "`navigation` must name a file (SUMMARY.md, mkdocs.yml)") }
                config.navigation = s
            default:
                let hint = Suggest.closest(to: key, among: Configuration.knownKeys).map { " (did you mean `\($0)`?)" } ?? ""
                throw fail(keyNode, "unknown configuration key `\(key)`\(hint)")
            }
        }

        /// `codeowners:` is true or false, or the CODEOWNERS file's path from the repository root.
        mutating func readCodeOwners(_ value: Node) throws(Configuration.Error) {
            guard let s = YAMLValue.string(value)?.trimmed, !s.isEmpty else {
                throw fail(value, "`codeowners` must be true, or the path of the CODEOWNERS file from the repository root")
            }
            if let b = YAMLValue.bool(s) {
                config.codeowners = b ? .automatic : nil
            } else {
                guard !s.hasPrefix("/"), !s.split(separator: "/").contains("..") else {
                    throw fail(value, "`codeowners` must be a path inside the repository, relative to its root (.github/CODEOWNERS)")
                }
                config.codeowners = .path(s)
            }
        }

        /// `people:` maps each name to its roles: `Alice Martin: {roles: [Accountant]}`, or the list itself.
        mutating func readPeople(_ value: Node) throws(Configuration.Error) {
            guard let m = value.mapping else { throw fail(value, "`people` must map each person's name to their roles") }
            for (k, v) in m {
                guard let name = YAMLValue.string(k)?.trimmed, !name.isEmpty else { throw fail(k, "a person's name must be text") }
                guard !config.people.contains(where: { $0.name == name }) else { throw fail(k, "`\(name)` is listed twice under `people`") }
                var roles: [String] = []
                if let details = v.mapping {
                    for (dk, dv) in details {
                        guard YAMLValue.string(dk) == "roles" else { throw fail(dk, "a person accepts `roles`") }
                        roles = try strings(dv, "people.\(name).roles")
                    }
                } else if !YAMLValue.isNull(v) {
                    roles = try strings(v, "people.\(name)")
                }
                config.people.append(Person(name: name, roles: roles))
            }
        }

        /// `roles:` as a map: each role with a description, or a map with `description` and `reading_order`.
        mutating func readRoles(_ roles: Node.Mapping) throws(Configuration.Error) {
            for (k, v) in roles {
                guard let name = YAMLValue.string(k) else { throw fail(k, "role names must be strings") }
                config.roles.append(name)
                if let d = YAMLValue.string(v) {
                    config.roleDescriptions[name] = d
                } else if let details = v.mapping {
                    try readRole(name, details)
                } else if !YAMLValue.isNull(v) {
                    throw fail(v, "role `\(name)` must have a description or a map with description, reading_order and handle")
                }
            }
        }

        mutating func readRole(_ name: String, _ details: Node.Mapping) throws(Configuration.Error) {
            for (rk, rv) in details {
                switch YAMLValue.string(rk) {
                case "description":
                    guard let d = YAMLValue.string(rv) else { throw fail(rv, "the description of role `\(name)` must be text") }
                    config.roleDescriptions[name] = d
                case "reading_order":
                    config.readingOrder[name] = try strings(rv, "roles.\(name).reading_order")
                case "handle":
                    guard let h = YAMLValue.string(rv)?.trimmed, Configuration.isHandle(h) else {
                        throw fail(rv, "the handle of role `\(name)` must be `@user`, `@org/team` or an email address")
                    }
                    config.roleHandles[name] = h
                default:
                    throw fail(rk, "a role accepts `description`, `reading_order` and `handle`")
                }
            }
        }

        mutating func readRules(_ value: Node) throws(Configuration.Error) {
            guard let m = value.mapping else { throw fail(value, "`rules` must map rule ids to severities") }
            for (k, v) in m {
                guard let id = YAMLValue.string(k), RuleRegistry.ids.contains(id) else {
                    let name = YAMLValue.string(k) ?? "?"
                    let hint = Suggest.closest(to: name, among: RuleRegistry.ids).map { " (did you mean `\($0)`?)" } ?? ""
                    throw fail(k, "unknown rule `\(name)`\(hint)")
                }
                guard let s = YAMLValue.string(v), let sev = Severity(rawValue: s) else {
                    throw fail(v, "the severity of `\(id)` must be error, warning, info or off")
                }
                config.severities[id] = sev
            }
        }

        /// `steps:` as a list of headings, or a map with `headings` and `placeholders`.
        mutating func readSteps(_ value: Node) throws(Configuration.Error) {
            guard let m = value.mapping else {
                config.stepHeadings = try strings(value, "steps")
                return
            }
            for (k, v) in m {
                switch YAMLValue.string(k) {
                case "headings": config.stepHeadings = try strings(v, "steps.headings")
                case "placeholders": config.placeholders = try strings(v, "steps.placeholders")
                default: throw fail(k, "`steps` accepts `headings` and `placeholders`")
                }
            }
        }
    }

    public func severity(of rule: any Rule) -> Severity {
        let id = type(of: rule).id
        if let set = severities[id] { return set }
        // Document control: every SOP approved, and reviews kept, or the check fails.
        if documentControl, ["missing-approval", "review-overdue"].contains(id) { return .error }
        // A repository that generates its CODEOWNERS wants every owner to have a handle to request.
        if codeowners != nil, id == OwnerWithoutHandleRule.id { return .warning }
        return type(of: rule).defaultSeverity
    }
}
