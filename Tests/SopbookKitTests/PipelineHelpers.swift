import Foundation
@testable import SopbookKit

/// The pipeline as the tests drive it: a fixed date, and Git history given rather than read.
extension Pipeline {
    static let testToday = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate.today()

    /// Stages 1 to 6 (with each body's HTML when `renderBodies`), run directly.
    static func load(_ content: URL, configuration: Configuration = Configuration(), today: CivilDate = testToday,
                     renderBodies: Bool = true) -> (checked: Checked, bodies: [String]) {
        let input = Input(content: content, configuration: configuration, today: today, renderBodies: renderBodies)
        let run = check(input, stages: DirectStages())
        return (run.checked, run.parsed.map { $0.html?.text ?? "" })
    }

    /// The whole pipeline, cold, into `output`, with an empty Git history so pages do not depend on commits.
    @discardableResult
    static func build(_ content: URL, configuration: Configuration = Configuration(), today: CivilDate = testToday,
                      output: URL, theme: Theme? = nil) throws -> Checked {
        var input = Input(content: content, configuration: configuration, today: today, renderBodies: true)
        let writer = try OutputWriter(output: output, content: content)
        input.bodyStore = writer.bodies  // as a cold build keeps its bodies (`SiteBuilder.build`)
        return try build(input, theme: try theme ?? Theme.load(overrides: nil), writer: writer, stages: DirectStages()).checked
    }
}
