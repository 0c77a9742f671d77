import Foundation

/// Runs every rule and applies the configuration's severities.
public enum Validator {
    public static func validate(_ knowledgeBase: KnowledgeBase, today: CivilDate, cache: BuildCache? = nil) -> [Finding] {
        let context = RuleContext(knowledgeBase: knowledgeBase, today: today)
        let configuration = knowledgeBase.configuration
        @Sendable func configured(_ findings: [Finding], _ severity: Severity) -> [Finding] {
            findings.map { found in
                var f = found
                f.severity = severity
                f.message = f.message.oneLine
                return f
            }
        }
        let rules = RuleRegistry.all.filter { configuration.severity(of: $0) != .off }
        let processRules = rules.compactMap { $0 as? any ProcessRule }
        let otherRules = rules.filter { !($0 is any ProcessRule) }
        // Rules are independent of each other: they run in parallel, and their findings are sorted after.
        var findings: [Finding] = Parallel.map(otherRules.indices.map { $0 }) { r in
            configured(otherRules[r].check(context), configuration.severity(of: otherRules[r]))
        }.flatMap { $0 } + processRules.flatMap { configured($0.globalFindings(context), configuration.severity(of: $0)) }

        // Per-process rules per process, so that `serve` can keep the findings of processes nothing changed.
        let kb = knowledgeBase
        let previous = cache?.findings ?? [:]
        var settings = Hasher()
        settings.combine(configuration)
        settings.combine(today.description)
        let settingsKey = settings.finalize()
        let perProcess: [(key: Int, findings: [Finding], fresh: Bool)] = Parallel.map(kb.procedures.indices.map { $0 }) { i in
            var h = Hasher()
            h.combine(settingsKey)
            h.combine(kb.contentHashes.indices.contains(i) ? kb.contentHashes[i] : 0)
            h.combine(kb.linkVersions.indices.contains(i) ? kb.linkVersions[i] : 0)
            let key = h.finalize()
            if let cached = previous[kb.procedures[i].file], cached.key == key, !kb.contentHashes.isEmpty {
                return (key, cached.findings, false)
            }
            return (key, processRules.flatMap { configured($0.check(i, context), configuration.severity(of: $0)) }, true)
        }
        if let cache {
            var entries: [String: (key: Int, findings: [Finding])] = [:]
            for i in kb.procedures.indices { entries[kb.procedures[i].file] = (perProcess[i].key, perProcess[i].findings) }
            cache.findings = entries
        }
        findings += perProcess.flatMap(\.findings)
        findings.sort(by: Finding.reportOrder)
        return findings
    }
}
