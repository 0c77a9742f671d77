import Foundation
import Testing

/// The writer's workflow end to end with the real binary: init, new, check, and a live preview server.
@Suite(.serialized) struct WriterWorkflowTests {
    static func emptyFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func initNewCheck() throws {
        let dir = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let initRun = try CLITests.run(["init"], in: dir)
        #expect(initRun.status == 0, "\(initRun.stderr)")
        for file in ["sopbook.yml", ".gitignore", ".github/workflows/sopbook.yml", ".github/workflows/pages.yml",
                     "Content/operations/handle-customer-request.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        // A second init refuses a folder that is no longer empty, unless forced.
        #expect(try CLITests.run(["init"], in: dir).status == 2)
        #expect(try CLITests.run(["init", "--force"], in: dir).status == 0)
        #expect(try CLITests.run(["check"], in: dir).status == 0)

        let new = try CLITests.run(["new", "Issue an invoice", "--area", "finance", "--owner", "Operations Lead"], in: dir)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout == "Content/finance/issue-an-invoice.md\n")
        let text = try String(contentsOf: dir.appendingPathComponent("Content/finance/issue-an-invoice.md"), encoding: .utf8)
        for field in ["title: Issue an invoice", "owner: Operations Lead", "raci:", "quality:", "review:", "## Purpose", "## Steps"] {
            #expect(text.contains(field), "\(field)")
        }
        // It refuses to overwrite, and the new SOP passes the gate (its TODO steps are warnings).
        #expect(try CLITests.run(["new", "Issue an invoice", "--area", "finance"], in: dir).status == 2)
        let check = try CLITests.run(["check"], in: dir)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("finance/issue-an-invoice.md:31:1: warning: step 1 is a placeholder"))

        // Without --owner the owner stays empty, so the gate fails on it until the writer fills it in.
        #expect(try CLITests.run(["new", "Ownerless"], in: dir).status == 0)
        let failing = try CLITests.run(["check"], in: dir)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("ownerless.md:3:1: error: `owner` is empty"))
    }

    /// `--ci` picks the CI files: GitHub's two workflows (they use the action, not a clone of the source),
    /// GitLab's one file, or none. `Tests/workflows/` validates their contents against the vendors' schemas.
    @Test func initWritesTheCIItIsAskedFor() throws {
        let cases: [(String, [String], [String])] = [
            ("github", [".github/workflows/sopbook.yml", ".github/workflows/pages.yml"], [".gitlab-ci.yml"]),
            ("gitlab", [".gitlab-ci.yml"], [".github"]),
            ("none", [], [".github", ".gitlab-ci.yml"]),
        ]
        for (ci, present, absent) in cases {
            let dir = try Self.emptyFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = try CLITests.run(["init", "--ci", ci], in: dir)
            #expect(run.status == 0, "\(ci): \(run.stderr)")
            for file in present {
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(ci): \(file)")
                #expect(run.stdout.contains("created \(file)\n"), "\(ci): \(file)")
            }
            for file in absent { #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(ci): \(file)") }
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sopbook.yml").path), "\(ci)")
        }
        let dir = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLITests.run(["init"], in: dir)
        let workflow = try String(contentsOf: dir.appendingPathComponent(".github/workflows/sopbook.yml"), encoding: .utf8)
        #expect(workflow.contains("uses: sopbook/sopbook@v1") && !workflow.contains("git clone"))
        #expect(workflow.contains("fetch-depth: 0") && workflow.contains("pull-requests: write"))
    }

    @Test func initRefusesAnUnknownCI() throws {
        let dir = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLITests.run(["init", "--ci", "jenkins"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("jenkins"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing is written")
    }

    @Test func newRefusesAnAreaOutsideTheContentFolder() throws {
        let dir = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLITests.run(["init"], in: dir)
        for area in ["../outside", "/etc", "_drafts"] {
            #expect(try CLITests.run(["new", "X", "--area", area], in: dir).status == 2, "\(area)")
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// A GET sent byte for byte, so that `..` reaches the server as written (URL libraries would remove it).
    static func rawGET(port: Int, path: String) -> (status: Int, body: String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\r\n").first, line.split(separator: " ").count >= 2,
              let status = Int(line.split(separator: " ")[1]) else { return nil }
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }

    @Test func servePreviewRebuildsOnChangeAndRefusesTraversal() throws {
        let dir = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLITests.run(["init"], in: dir)
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = dir
        let logURL = dir.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func logText() -> String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

        func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition() { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        let page = "/operations/handle-customer-request.html"
        #expect(waitFor(20) { Self.rawGET(port: port, path: page)?.status == 200 }, "the server never answered")
        let first = Self.rawGET(port: port, path: page)
        #expect(first?.body.contains("Handle a customer request") == true)
        #expect(first?.body.contains("/_sopbook/live/version") == true, "live reload script injected")

        // Edit the SOP: the new title is served within a bounded time.
        let file = dir.appendingPathComponent("Content/operations/handle-customer-request.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Handle a customer request", with: "title: Answer a customer quickly")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(10) { Self.rawGET(port: port, path: page)?.body.contains("Answer a customer quickly") == true },
                "the edit did not show within 10 s")
        // It was the incremental path: one file parsed, a few pages rewritten in place (serve's log says so).
        #expect(waitFor(5) { logText().contains("1 parsed,") }, "no incremental rebuild in the log:\n\(logText())")

        // A new SOP (no hint: the folder is walked again) gets its page too.
        try "---\ntitle: Count the till\nowner: Operations Lead\n---\n\n## Steps\n\n1. Count it.\n"
            .write(to: dir.appendingPathComponent("Content/operations/count-till.md"), atomically: true, encoding: .utf8)
        #expect(waitFor(10) { Self.rawGET(port: port, path: "/operations/count-till.html")?.body.contains("Count the till") == true },
                "a new SOP did not get its page within 10 s")

        // Nothing outside the output folder, however the path is spelled.
        for path in ["/../sopbook.yml", "/../../etc/passwd", "/%2e%2e/sopbook.yml", "/%2E%2E%2Fsopbook.yml", "/operations/..%2f..%2fsopbook.yml"] {
            let response = Self.rawGET(port: port, path: path)
            #expect(response?.status == 403 || response?.status == 404 || response?.status == 400, "\(path): \(String(describing: response?.status))")
            #expect(response?.body.contains("Operations Lead") != true, "\(path) leaked a file")
        }
        #expect(Self.rawGET(port: port, path: "/no-such-page.html")?.status == 404)

        // Ctrl-C stops it cleanly.
        kill(process.processIdentifier, SIGINT)
        #expect(waitFor(10) { !process.isRunning }, "serve did not stop on SIGINT")
        #expect(process.terminationStatus == 0)
    }
}
