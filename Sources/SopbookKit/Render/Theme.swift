import Foundation

/// The templates and static assets of the site: the built-in theme, overridden file by file by a
/// knowledge base's own `Templates/` folder.
public struct Theme: Sendable {
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Template names the renderer uses. A theme folder may override any of them.
    static let templateNames = ["layout", "process", "index", "gaps", "roles", "role", "raci", "404", "unreadable", "sidebar-folder"]

    let library: TemplateLibrary
    /// Files copied verbatim into `_sopbook/` (stylesheet, scripts), by path under `assets/`.
    let assets: [String: Data]
    /// A hash of every template and asset: pages rendered with an equal key look the same.
    let sourceKey: Int

    public static func load(overrides folder: URL?) throws(Theme.Error) -> Theme {
        var files: [String: Data] = DefaultTheme.files.mapValues { Data($0.utf8) }
        if let folder {
            let base = folder.standardizedFileURL
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
                throw Error(description: "cannot read the templates folder \(folder.path)")
            }
            for case let url as URL in enumerator {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let rel = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
                if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                guard let data = try? Data(contentsOf: url) else {
                    throw Error(description: "cannot read \(url.path)")
                }
                files[rel] = data
            }
        }
        var library = TemplateLibrary()
        for (path, data) in files where path.hasSuffix(".mustache") && !path.contains("/") {
            let name = String(path.dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                throw Error(description: "template \(path) is not UTF-8")
            }
            do throws(Template.SyntaxError) {
                library.register(try Template(text), named: name)
            } catch {
                throw Error(description: "template \(path) \(error.description)")
            }
        }
        for name in templateNames where library.templates[name] == nil {
            throw Error(description: "the theme has no \(name).mustache")
        }
        if let problem = library.verify() {
            throw Error(description: "the theme's templates do not fit together: \(problem)")
        }
        var assets: [String: Data] = [:]
        for (path, data) in files where path.hasPrefix("assets/") {
            assets[String(path.dropFirst("assets/".count))] = data
        }
        var hasher = Hasher()
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            // Every byte: `Data.hashValue` reads only the length and the first 80 bytes.
            data.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        return Theme(library: library, assets: assets, sourceKey: hasher.finalize())
    }

    func render(_ template: String, _ context: [String: TemplateValue]) -> String {
        library.render(template, context)
    }
}
