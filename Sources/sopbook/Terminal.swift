import Foundation
import Rainbow
import SopbookKit

/// What goes to the terminal: colour only on a terminal and never with NO_COLOR; progress only on a
/// terminal and never with --quiet.
enum Terminal {
    static let isTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0

    /// Rainbow colours only when its own detection sees a terminal; we also call it only then.
    static let colorEnabled = isTTY && !(ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)

    static func configure() {}

    /// The text report, coloured by severity when colour is on.
    static func text(_ report: Report) -> String {
        guard colorEnabled else { return TextReport.render(report) }
        var out = ""
        // In the plain report's order (known findings first) and with its mark; a known finding is dimmed,
        // so the eye goes to the new ones.
        for (f, known) in report.knownFirst {
            let severity: String = switch f.severity {
            case _ where known: f.severity.rawValue.dim
            case .error: f.severity.rawValue.red.bold
            case .warning: f.severity.rawValue.yellow.bold
            default: f.severity.rawValue.cyan
            }
            let place = "\(f.file.oneLine):\(f.location.line):\(max(1, f.location.column))"
            out += "\(known ? place : place.bold): \(severity): \(f.message.oneLine) \("[\(f.rule)]".dim)\(known ? TextReport.knownMark.dim : "")\n"
            // Notes and fixes as the plain text report prints them, under their finding.
            for line in TextReport.details(f) { out += line.dim + "\n" }
        }
        return out + summary(report) + "\n"
    }

    static func summary(_ report: Report) -> String {
        let line = TextReport.summaryLine(report.summary)
        let baseline = report.baseline.map { "\n" + TextReport.baselineLine($0) } ?? ""
        guard colorEnabled else { return line + baseline }
        return (report.summary.errors > 0 ? line.red : report.summary.warnings > 0 ? line.yellow : line.green) + baseline
    }

    /// Shows "parsed N/M, wrote K pages" on one line while a build runs, on a terminal only.
    final class ProgressLine: @unchecked Sendable {
        private let progress: BuildProgress
        private var timer: DispatchSourceTimer?
        private let enabled: Bool

        init(_ progress: BuildProgress, enabled: Bool) {
            self.progress = progress
            self.enabled = enabled && stderrIsTTY
        }

        func start() {
            guard enabled else { return }
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(100))
            timer.setEventHandler { [progress] in
                let s = progress.snapshot
                FileHandle.standardError.write(Data("\r\u{1B}[2Kparsed \(s.parsed)/\(s.total) files, wrote \(s.written) pages".utf8))
            }
            timer.resume()
            self.timer = timer
        }

        func stop() {
            guard let timer else { return }
            timer.cancel()
            self.timer = nil
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        }
    }
}
