import Foundation

/// Stage 6: every rule, with the configuration's severities.
public enum Validator {
    /// Every finding, in report order. `processFindings` are the findings of the per-process rules on each
    /// process (`Validator.processFindings`, run by the pipeline's stage runner).
    static func validate(_ context: RuleContext, processFindings: [[Finding]]) -> [Finding] {
        var findings = globalFindings(context)
        findings += processFindings.flatMap { $0 }
        findings.sort(by: Finding.reportOrder)
        return findings
    }

    /// The findings of the rules that look at the whole knowledge base, and of per-process rules on what
    /// belongs to no readable process. Rules are independent: they run in parallel.
    static func globalFindings(_ context: RuleContext) -> [Finding] {
        let configuration = context.knowledgeBase.configuration
        let rules = enabledRules(configuration)
        let otherRules = rules.filter { !($0 is any ProcessRule) }
        let processRules = rules.compactMap { $0 as? any ProcessRule }
        return Parallel.map(Array(otherRules.indices)) { r in
            configured(otherRules[r].check(context), configuration.severity(of: otherRules[r]))
        }.flatMap { $0 } + processRules.flatMap { configured($0.globalFindings(context), configuration.severity(of: $0)) }
    }

    /// The findings of the per-process rules on process `index`: they read the process, its resolved links
    /// and what those land on, the configuration and today (the contract of `ProcessRule`).
    static func processFindings(_ index: Int, _ context: RuleContext) -> [Finding] {
        let configuration = context.knowledgeBase.configuration
        return RuleRegistry.processRules.flatMap { rule in
            let severity = configuration.severity(of: rule)
            return severity == .off ? [] : configured(rule.check(index, context), severity)
        }
    }

    private static func enabledRules(_ configuration: Configuration) -> [any Rule] {
        RuleRegistry.all.filter { configuration.severity(of: $0) != .off }
    }

    private static func configured(_ findings: [Finding], _ severity: Severity) -> [Finding] {
        findings.map { found in
            var f = found
            f.severity = severity
            f.message = f.message.oneLine
            return f
        }
    }
}

extension Validator {
    /// What the per-process rules read on one process (the `ProcessRule` contract): its source, the
    /// sources of the processes its links land on, the link context, the configuration and today.
    struct ProcessKey: Sendable, Hashable {
        var source: SourceFile
        var targets: [SourceFile]
        var settings: Shared<Settings>
        /// What the history says of this file that rules read: the change after its approval.
        var approvalChange: GitHistory.Revision?

        struct Settings: Sendable, Hashable {
            var configuration: Configuration
            var today: CivilDate
            var links: Shared<LinkStage.Context>
        }

        init(index: Int, links: [ResolvedLink], sources: [SourceProcedure], settings: Shared<Settings>, history: GitHistory) {
            source = sources[index].source
            targets = links.compactMap { $0.target.processIndex.map { sources[$0].source } }
            self.settings = settings
            approvalChange = history.approvalChanges[sources[index].procedure.file]
        }
    }
}
