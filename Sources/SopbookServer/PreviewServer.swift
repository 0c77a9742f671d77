import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SopbookKit

/// `sopbook serve`: builds, serves the output folder on loopback, watches the sources, rebuilds on change,
/// and makes open pages reload themselves. A failed build keeps the last good site online.
public struct PreviewServer: Sendable {
    public let workspace: Workspace
    public let host: String
    public let port: Int
    /// Where the server reports builds and findings: the terminal.
    public let log: @Sendable (String) -> Void
    /// Renders a report for the terminal (the command line owns colours).
    public let describe: @Sendable (Report) -> String
    /// Kept from build to build, so that a save rebuilds only what it changed.
    let session = IncrementalSession()

    public init(workspace: Workspace, host: String, port: Int, log: @escaping @Sendable (String) -> Void,
                describe: @escaping @Sendable (Report) -> String) {
        self.workspace = workspace
        self.host = host
        self.port = port
        self.log = log
        self.describe = describe
    }

    public func run() async throws {
        let state = PreviewState()
        let first = await rebuild(state: state, reason: "initial build")
        if !first { log("The first build failed; fix the problem above and save: the preview rebuilds by itself.") }

        let router = Router()
        let output = workspace.output
        router.get("/_sopbook/live/version") { _, _ -> Response in
            let version = await state.version
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: String(version))))
        }
        router.get("/") { request, _ in try await serve(path: request.uri.path, output: output, state: state) }
        router.get("**") { request, _ in try await serve(path: request.uri.path, output: output, state: state) }

        var logger = Logger(label: "sopbook.serve")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "sopbook"),
            services: [SourceWatcher(server: self, state: state)],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? self.port
                self.log("Serving \(self.workspace.output.lastPathComponent)/ on http://\(self.host):\(port)/ — Ctrl-C to stop")
            },
            logger: logger
        )
        try await app.runService()
        log("Stopped.")
    }

    /// Builds into the output folder; on failure the previous site stays, and the error is shown.
    @discardableResult
    func rebuild(state: PreviewState, reason: String, changed: Set<String>? = nil) async -> Bool {
        let base = self.workspace
        let session = self.session
        let result: Result<BuildOutcome, BuildError> = await withCheckedContinuation { continuation in
            // The pipeline is synchronous and spreads over every core: keep it off the server's threads.
            Thread.detachNewThread {
                do throws(BuildError) {
                    let workspace: Workspace
                    do throws(UsageError) { workspace = try base.reloaded() } catch {
                        throw BuildError(description: error.description)
                    }
                    continuation.resume(returning: .success(try session.build(workspace, changedFiles: changed)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        switch result {
        case .success(let outcome):
            await state.succeeded(outcome)
            let stats = session.stats
            let detail = stats.incremental
                ? "; \(stats.parsed) parsed, \(stats.written) pages written" + (stats.removed > 0 ? ", \(stats.removed) removed" : "")
                : ""
            log(describe(outcome.report) + String(format: "Built in %.0f ms (%@%@).", outcome.seconds * 1000, reason, detail))
            return true
        case .failure(let error):
            await state.failed(error.description)
            log("Build failed (\(reason)): \(error.description) — still serving the last good site.")
            return false
        }
    }
}

/// What the server knows about the last build.
actor PreviewState {
    private(set) var version = 0
    private(set) var findingsByPage: [String: [Finding]] = [:]
    private(set) var lastError: String?

    func succeeded(_ outcome: BuildOutcome) {
        var byPage: [String: [Finding]] = [:]
        let pageByFile = outcome.pageByFile()
        for f in outcome.report.findings {
            if let page = pageByFile[f.file] { byPage[page, default: []].append(f) }
        }
        findingsByPage = byPage
        lastError = nil
        version += 1
    }

    func failed(_ message: String) {
        lastError = message
        version += 1
    }

    func banner(for page: String) -> (findings: [Finding], error: String?) {
        (findingsByPage[page] ?? [], lastError)
    }
}

/// Maps a request path to a file of the output folder. Refuses anything that would leave it:
/// `..` in any form (raw or percent-encoded), NUL bytes, and symlinks that point out.
enum SafePath {
    static func resolve(_ rawPath: String, in output: URL) -> (url: URL, relative: String)? {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var parts: [String] = []
        for piece in pathOnly.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(piece).removingPercentEncoding else { return nil }
            if decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") {
                return nil
            }
            parts.append(decoded)
        }
        var relative = parts.joined(separator: "/")
        var url = output
        for p in parts { url.appendPathComponent(p) }
        var isDir: ObjCBool = false
        if relative.isEmpty || (FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue) {
            url.appendPathComponent("index.html")
            relative = relative.isEmpty ? "index.html" : relative + "/index.html"
        }
        guard let real = realpath(url.path, nil) else { return (url, relative) }
        defer { free(real) }
        let realPath = String(cString: real)
        let outputReal = realpath(output.path, nil).map { p in defer { free(p) }; return String(cString: p) } ?? output.path
        guard realPath.hasPrefix(outputReal + "/") else { return nil }
        return (url, relative)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

@Sendable func serve(path: String, output: URL, state: PreviewState) async throws -> Response {
    guard let (url, relative) = SafePath.resolve(path, in: output) else {
        return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: "Forbidden: this path leaves the site folder.\n")))
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        let notFound = FileManager.default.contents(atPath: output.appendingPathComponent("404.html").path) ?? Data("Not found\n".utf8)
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                         body: .init(byteBuffer: ByteBuffer(bytes: LiveReload.inject(into: notFound, banner: ([], nil)))))
    }
    let type = SafePath.contentType(relative)
    var bytes = data
    if type.hasPrefix("text/html") {
        bytes = LiveReload.inject(into: data, banner: await state.banner(for: relative))
    }
    return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}

/// What `serve` adds to each HTML page: a findings banner, and a script that reloads the page after a rebuild.
enum LiveReload {
    static let script = """
    <script>(function(){var seen=null;function poll(){fetch("/_sopbook/live/version",{cache:"no-store"}).then(function(r){return r.text()}).then(function(v){if(seen===null){seen=v}else if(v!==seen){location.reload()}}).catch(function(){}).then(function(){setTimeout(poll,400)})}poll();var b=document.getElementById("sopbook-preview-banner");if(b){var k="sopbook-banner:"+location.pathname+":"+b.getAttribute("data-key");try{if(sessionStorage.getItem(k)){b.remove()}}catch(e){}var x=b.querySelector("button");if(x){x.addEventListener("click",function(){try{sessionStorage.setItem(k,"1")}catch(e){}b.remove()})}}})();</script>
    """

    static func banner(_ findings: [Finding], error: String?) -> String {
        guard !findings.isEmpty || error != nil else { return "" }
        var html = "<div id=\"sopbook-preview-banner\" data-key=\"\(findings.count)-\(error == nil ? 0 : 1)\" role=\"status\" style=\"position:fixed;right:1rem;bottom:1rem;max-width:34rem;max-height:50vh;overflow:auto;z-index:100;background:#fff8e1;color:#3d2b00;border:1px solid #d9a400;border-radius:8px;padding:.8rem 1rem;box-shadow:0 6px 24px rgba(0,0,0,.2);font:14px/1.45 system-ui,sans-serif\">"
        html += "<button type=\"button\" aria-label=\"Dismiss\" style=\"float:right;border:0;background:none;font-size:1.2rem;cursor:pointer;color:inherit\">×</button>"
        if let error {
            html += "<strong>Build failed — this is the last good build.</strong><pre style=\"white-space:pre-wrap;margin:.4rem 0\">\(HTML.escape(error))</pre>"
        }
        if !findings.isEmpty {
            html += "<strong>\(findings.count) finding\(findings.count == 1 ? "" : "s") on this page</strong><ul style=\"margin:.4rem 0 0;padding-left:1.2rem\">"
            for f in findings.prefix(30) {
                html += "<li><b>\(HTML.escape(f.severity.rawValue))</b> line \(f.location.line): \(HTML.escape(f.message)) <code>\(HTML.escape(f.rule))</code></li>"
            }
            html += "</ul>"
        }
        return html + "</div>"
    }

    static func inject(into page: Data, banner: (findings: [Finding], error: String?)) -> Data {
        let addition = Data((LiveReload.banner(banner.findings, error: banner.error) + script).utf8)
        guard let range = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + addition }
        var out = page
        out.replaceSubrange(range.lowerBound..<range.lowerBound, with: addition)
        return out
    }
}

/// Polls the content folder, the templates and the configuration, and rebuilds after a change.
/// Polling, not inotify: it works the same on every platform and file system, and a stat of every file
/// of a 10,000-SOP knowledge base takes milliseconds.
struct SourceWatcher: Service {
    let server: PreviewServer
    let state: PreviewState

    func fingerprint() -> [String: FileStamp] {
        var prints = FolderStamps.scan(server.workspace.content.standardizedFileURL.path)
        if let t = server.workspace.templates {
            prints.merge(FolderStamps.scan(t.standardizedFileURL.path)) { a, _ in a }
        }
        if let config = server.workspace.configFile {
            prints[config.standardizedFileURL.path] = FolderStamps.stamp(of: config.path) ?? FileStamp()
            // The training records are read with the configuration: a new or edited record rebuilds too.
            let records = config.deletingLastPathComponent().appendingPathComponent(AcknowledgementRecord.folder)
            prints.merge(FolderStamps.scan(records.standardizedFileURL.path)) { a, _ in a }
        }
        return prints
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var last = fingerprint()
            while !Task.isCancelled {
                do { try await Task.sleep(for: .milliseconds(250)) } catch { return }
                let now = fingerprint()
                guard now != last else { continue }
                // Let an editor finish writing (save = truncate + write, or write + rename) before building.
                do { try await Task.sleep(for: .milliseconds(60)) } catch { return }
                let settled = fingerprint()
                let changed = Set(settled.keys).union(last.keys).filter { settled[$0] != last[$0] }
                // Only files that were there before and still are, under the content folder: the build reads
                // them again instead of walking the folder.
                let contentPrefix = server.workspace.content.standardizedFileURL.path + "/"
                let edits = changed.allSatisfy { last[$0] != nil && settled[$0] != nil && $0.hasPrefix(contentPrefix) }
                    ? Set(changed.map { String($0.dropFirst(contentPrefix.count)) }) : nil
                last = settled
                let names = changed.sorted().prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                await server.rebuild(state: state, reason: "changed: \(names)\(changed.count > 3 ? ", …" : "")", changed: edits)
            }
        }
    }
}
