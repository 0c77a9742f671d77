import Foundation

/// `sopbook new` and `sopbook init`: the files a writer starts from.
public enum Scaffold {
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// A file name from a title: "Issue an invoice" → "issue-an-invoice".
    public static func slug(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var lastWasHyphen = true
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastWasHyphen = false
            } else if !lastWasHyphen {
                out.append("-")
                lastWasHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "new-sop" : String(out.prefix(80))
    }

    /// The default template of a new SOP; `Templates/new-sop.md.mustache` overrides it.
    static let newSOPTemplate = """
    ---
    title: {{title}}
    owner: {{owner}}
    {{#id}}id: {{id}}
    {{/id}}summary: One sentence on what this process achieves, shown in lists and search results.
    status: draft                 # draft | active | retired
    tags: [{{#area}}{{area}}{{/area}}]
    raci:
      responsible: {{owner}}      # who does the work (a role, or a list of roles)
      accountable: {{owner}}      # exactly one role answers for the outcome
      # consulted: [Role]         # asked before
      # informed: [Role]          # told after
    quality:
      - What "done well" means, in one line
      # - standard: Accuracy
      #   metric: errors per 100
      #   target: "< 1"
    review:
      last: {{today}}
      every: 6 months             # or: next: YYYY-MM-DD
    ---

    # {{heading}}

    ## Purpose
    Why this process exists, and what goes wrong without it. TODO

    ## When to use
    The event that starts it. TODO

    ## Steps
    1. TODO: the first thing to do, with the tool and the time limit.
    2. TODO: the next step. Link related processes with a relative link to their file.

    ## Notes
    Exceptions, contacts, links to tools.

    """

    /// Writes a new SOP and returns its path relative to the current directory's content folder.
    public static func newSOP(title: String, area: String?, owner: String?, id: String?, content: URL,
                              templates: URL?, today: CivilDate) throws(Scaffold.Error) -> URL {
        let trimmed = title.trimmed
        guard !trimmed.isEmpty else { throw Error(description: "the title must not be empty") }
        var folder = content
        if let area, !area.isEmpty {
            let parts = area.split(separator: "/").map(String.init)
            guard !area.hasPrefix("/"), parts.allSatisfy({ $0 != "." && $0 != ".." && !ContentLoader.isSkipped($0) }) else {
                throw Error(description: "--area must be a folder name inside the content folder, such as `finance` or `finance/billing`")
            }
            for p in parts { folder.appendPathComponent(p) }
        }
        let file = folder.appendingPathComponent(slug(trimmed) + ".md")
        if FileManager.default.fileExists(atPath: file.path) {
            throw Error(description: "\(file.path) already exists; choose another title or edit that file")
        }
        var text = newSOPTemplate
        if let templates {
            let custom = templates.appendingPathComponent("new-sop.md.mustache")
            if let data = FileManager.default.contents(atPath: custom.path) {
                guard let s = String(data: data, encoding: .utf8) else { throw Error(description: "\(custom.path) is not UTF-8") }
                text = s
            }
        }
        var library = TemplateLibrary(escapesHTML: false)
        do throws(Template.SyntaxError) { library.register(try Template(text), named: "new-sop") } catch {
            throw Error(description: "the new-SOP template does not parse: \(error.description)")
        }
        if let problem = library.verify() { throw Error(description: "the new-SOP template: \(problem)") }
        // YAML-quote values that YAML would otherwise read as something else.
        func yaml(_ s: String) -> String {
            let plain = s.range(of: #"^[A-Za-zÀ-ÿ0-9][^:#\[\]{},&*!|>'"%@`]*$"#, options: .regularExpression) != nil
            return plain && !s.hasSuffix(" ") ? s : JSONReport.string(s)
        }
        // Without --owner the field stays empty, so `sopbook check` keeps asking for one.
        var context: TemplateObject = ["title": .text(yaml(trimmed)), "heading": .text(trimmed), "today": .text(today.description)]
        if let owner = owner?.trimmed, !owner.isEmpty { context["owner"] = .text(yaml(owner)) }
        if let area, !area.isEmpty { context["area"] = .text(yaml(area.split(separator: "/").last.map(String.init) ?? area)) }
        if let id, !id.isEmpty { context["id"] = .text(yaml(id)) }
        let rendered = library.render("new-sop", context)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw Error(description: "cannot write \(file.path): \(error.localizedDescription)")
        }
        return file
    }

    static let configTemplate = """
    # Sopbook configuration. Every key is optional.
    title: {{title}}
    language: en                 # en | fr: the language of the site's interface

    # Declaring roles turns on the unknown-role rule, which catches typos such as "Finance Led".
    # A role may have a description and a reading order (process ids) for its onboarding path.
    roles:
      Operations Lead:
        description: Keeps the day-to-day running
      Team Member:

    # Change the severity of any rule: error | warning | info | off.
    rules:
      orphan: info
      # missing-quality: error

    # Headings that open the steps section, and words that mark a step as not written yet.
    # steps:
    #   headings: [Steps, Procedure]
    #   placeholders: [TODO, TBD, FIXME]

    # Base URL for "Edit this page" links; the SOP's path is appended.
    # edit_url: https://github.com/your-org/your-repo/edit/main/Content/

    """

    static let exampleSOP = """
    ---
    title: Handle a customer request
    owner: Operations Lead
    summary: Answer every customer request within one business day, and record what was done.
    status: active
    tags: [customers]
    raci:
      responsible: Team Member
      accountable: Operations Lead
    quality:
      - Every request gets a first answer within 1 business day
      - standard: Resolution
        metric: requests reopened per 100
        target: "< 5"
    review:
      last: {{today}}
      every: 6 months
    ---

    # Handle a customer request

    ## Purpose
    Customers judge us on how fast and how well we answer. One owner per request, one place to record it.

    ## Steps
    1. **Read the request** in the shared inbox and tag it with the customer's name.
    2. **Answer within one business day**, even if only to say when the full answer will come.
    3. **Record what was done** in the customer's file, then archive the email.

    """

    static let gitignore = "/Output/\n.*.sopbook-*\n"

    /// Creates a new knowledge base in `folder`, with the CI files of `ci` (`CIWorkflows.swift`). Returns
    /// the files written, relative to it.
    public static func initKnowledgeBase(at folder: URL, force: Bool, today: CivilDate, ci: CI = .github) throws(Scaffold.Error) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Error(description: "\(folder.path) is a file, not a folder") }
            let entries = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != ".git" }
            if !entries.isEmpty && !force {
                throw Error(description: "\(folder.path) is not empty; use --force to add a knowledge base to it anyway (existing files are kept)")
            }
        }
        let title = folder.standardizedFileURL.lastPathComponent
        func render(_ template: String) -> String {
            var library = TemplateLibrary(escapesHTML: false)
            guard let t = try? Template(template) else { return template }
            library.register(t, named: "file")
            return library.render("file", ["today": .text(today.description),
                                           "title": .text(title.isEmpty ? "Operations Manual" : title + " — Operations Manual")])
        }
        let files: [(String, String)] = [
            ("sopbook.yml", render(configTemplate)),
            ("Content/operations/handle-customer-request.md", render(exampleSOP)),
            (".gitignore", gitignore),
        ] + ci.files.map { ($0.path, $0.text) }
        var written: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            if fm.fileExists(atPath: url.path) { continue }
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw Error(description: "cannot write \(url.path): \(error.localizedDescription)")
            }
            written.append(path)
        }
        return written
    }
}
