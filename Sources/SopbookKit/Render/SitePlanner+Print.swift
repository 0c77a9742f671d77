import Foundation

/// The print packs: the whole manual, each area and each role's reading pack, each one document that a
/// browser prints with a cover, a table of contents and a page per SOP. Retired SOPs are left out: a
/// printed pack is what people should follow today.
extension SitePlanner {
    static let printManualPage = "print/index.html"

    /// The pack of each area that has an SOP to print, from the root of the site.
    func printAreaPages() -> [String: String] {
        var slugger = Slugger()
        var pages: [String: String] = [:]
        for area in layout.areas where !printable(layout.membersOfArea[area] ?? []).isEmpty {
            var slug = slugger.slug(area.isEmpty ? "general" : area)
            if slug.isEmpty { slug = slugger.slug("area") }
            pages[area] = "print/areas/\(slug).html"
        }
        return pages
    }

    /// The reading pack of a role, when its onboarding path has an SOP to print. On a site split by area,
    /// not when the path holds more than a volume: a pack of thousands of SOPs is not read on paper, and
    /// the packs of every role repeated the manual many times over (600 MB at 10,000 SOPs).
    func printRolePage(_ role: RoleIndex.Entry) -> String? {
        let count = printable(role.path).count
        guard count > 0, !layout.splitsLists || count <= Self.printVolumeLimit else { return nil }
        return "print/roles/\(role.slug).html"
    }

    /// The most SOPs in one printed document: larger packs are printed in volumes.
    static let printVolumeLimit = 200

    func printable(_ list: [Int]) -> [Int] {
        list.filter { kb.procedures[$0].status != .retired }
    }

    /// The printable SOPs in manual order, their anchors, and the pack of each area
    /// (`printAreaPages`): what `printJobs` lays out, and where the home page links the packs.
    struct PrintOrder: Sendable {
        var manual: [Int]
        var anchors: [String]
        var areaPages: [String: String]
    }

    /// What the packs print, with each SOP's anchor (`printAnchors`, made beside the layout). Each SOP's
    /// body is rebased for its pack when the pack is written (see `PrintBody.Source`): holding every body
    /// rebased from the plan to the write was 60 MB at 10,000 SOPs.
    func printOrder(anchors: [String]) -> PrintOrder {
        PrintOrder(manual: printable(layout.areas.flatMap { layout.membersOfArea[$0] ?? [] }), anchors: anchors,
                   areaPages: printAreaPages())
    }

    /// The print packs' documents; with `holding`, only the volumes that print one of those SOPs (the
    /// files a save that changed only their bodies rewrites).
    func printJobs(_ print: PrintOrder, holding: Set<Int>? = nil) -> [PageJob] {
        let (manual, anchors) = (print.manual, print.anchors)
        let printed = Set(manual)
        func pack(_ path: String, title: String, kind: String, intro: String?, back: String, members: [Int]) -> [PageJob] {
            // The whole manual is one folder down (`print/index.html`), the other packs two.
            let root = path == Self.printManualPage ? "../" : "../../"
            let volumes = printVolumes(path, members: members)
            return volumes.indices.compactMap { v -> PageJob? in
                let (volumePath, range) = volumes[v]
                if let holding, !members[range].contains(where: { holding.contains($0) && printed.contains($0) }) { return nil }
                let inputs: @Sendable () -> Int = {
                    self.inputs("print", members: members[range], facts: .print) { h in
                        for i in members[range] { h.combine(anchors[i]) }
                        [title, kind, intro, back, root].hash(into: &h)
                        h.combine(v)
                        for volume in volumes {
                            h.combine(volume.path)
                            h.combine(volume.range.lowerBound)
                            h.combine(volume.range.upperBound)
                        }
                    }
                }
                return deferredPage(volumePath, "print", inputs: inputs) {
                    let entries = members[range].filter(printed.contains).map { i in
                        printEntry(i, anchor: anchors[i], body: PrintBody.Source(html: parsed[i].html, page: kb.pages[i], root: root, idPrefix: anchors[i]),
                                   from: volumePath)
                    }
                    var model = PrintPage(title: title, kind: kind, intro: intro, date: today.description,
                                          commit: history.head.map { String($0.prefix(7)) }, notInGit: s("printNotInGit"),
                                          backHref: Self.relativeURL(from: volumePath, to: back), entries: entries)
                    if volumes.count > 1 {
                        model.firstNumber = range.lowerBound + 1
                        model.volumes = volumes.indices.map { w in
                            PrintPage.Volume(label: s("printVolume").replacingAll("{n}", with: String(w + 1)),
                                             href: ContentPath.relativeURL(from: volumePath, to: volumes[w].path), current: v == w)
                        }
                    }
                    return model
                }
            }
        }
        var jobs = layout.splitsLists ? (holding == nil ? [printIndex(areaPages: print.areaPages)] : [])
            : pack(Self.printManualPage, title: kb.configuration.title, kind: s("printManualKind"), intro: nil, back: "index.html", members: manual)
        for area in layout.areas {
            guard let path = print.areaPages[area] else { continue }
            jobs += pack(path, title: areaName(area), kind: s("printAreaKind"), intro: nil, back: layout.areaHref(area),
                         members: printable(layout.membersOfArea[area] ?? []))
        }
        for role in roles.roles {
            guard let path = printRolePage(role) else { continue }
            jobs += pack(path, title: role.name, kind: s("printRoleKind"), intro: s("readingPathIntro"), back: role.page,
                         members: printable(role.path))
        }
        return jobs
    }

    /// The documents a pack is printed in: one, or for more than `printVolumeLimit` SOPs volumes of that
    /// many, the first at `path` and the others at `path` with `-2`, `-3`… before `.html` (a manual of 1,000
    /// SOPs in one document was 8 MB).
    func printVolumes(_ path: String, members: [Int]) -> [(path: String, range: Range<Int>)] {
        guard members.count > Self.printVolumeLimit else { return [(path, 0..<members.count)] }
        return stride(from: 0, to: members.count, by: Self.printVolumeLimit).enumerated().map { n, start in
            (n == 0 ? path : String(path.dropLast(".html".count)) + "-\(n + 1).html", start..<min(start + Self.printVolumeLimit, members.count))
        }
    }

    /// A split site's `print/index.html`: the areas' packs (`areaPages`), not every SOP once more.
    func printIndex(areaPages: [String: String]) -> PageJob {
        let parts = layout.areas.compactMap { area in
            areaPages[area].map { AreaPart(name: areaName(area), href: $0, count: printable(layout.membersOfArea[area] ?? []).count) }
        }
        var model = PrintPage(title: kb.configuration.title, kind: s("printManualKind"), intro: nil, date: today.description,
                              commit: history.head.map { String($0.prefix(7)) }, notInGit: s("printNotInGit"),
                              backHref: Self.relativeURL(from: Self.printManualPage, to: "index.html"), entries: [])
        model.parts = parts
        return page(Self.printManualPage, "print", model)
    }

    /// `relativeURL` keeps a `#fragment` of the target as it is.
    static func relativeURL(from page: String, to target: String) -> String {
        // On the bytes: a `#` is one, and stepping through characters was most of this call's time.
        guard let hash = target.firstIndex(ofASCII: UInt8(ascii: "#")) else { return ContentPath.relativeURL(from: page, to: target) }
        return ContentPath.relativeURL(from: page, to: String(target[..<hash])) + target[hash...]
    }

    /// The anchor of each SOP in a pack, the same in every pack; it also prefixes the ids of its body, so
    /// that two SOPs' `#step-2` stay apart in one document. Made from the ids of all (a slug is unique
    /// among them), through a memo in `serve`: slugging every id again was a fifth of a one-paragraph
    /// rebuild's planning.
    static func printAnchors(_ ids: [String]) -> [String] {
        // Folders stay apart in the anchor: `ventes/devis` → `sop-ventes-devis`. The slugs' bases are made on
        // every core, and only numbered in order on one (`slug` is `numbered(base)`): this ran alone on one
        // core while the other waited.
        let bases = Parallel.map(ids) { Slugger.base($0.replacingAll("/", with: "-")) }
        var slugger = Slugger()
        return bases.map { base in
            let slug = slugger.numbered(base)
            return "sop-" + (slug.isEmpty ? slugger.slug("sop") : slug)
        }
    }

    func printEntry(_ i: Int, anchor: String, body: PrintBody.Source, from page: String) -> PrintPage.Entry {
        let p = kb.procedures[i]
        let target = summaries[i].target.value
        let revisions = history.revisions[p.file] ?? []
        // A shallow clone's count is not the file's: say nothing rather than a wrong revision.
        let trusted = history.isRepository && !history.isShallow && !revisions.isEmpty
        let raci = p.raci.map { r in
            [("R", "responsible", r.responsible), ("A", "accountable", r.accountable),
             ("C", "consulted", r.consulted), ("I", "informed", r.informed)].map { letter, key, names in
                PrintPage.RaciLine(letter: letter, label: s(key), roles: names)
            }
        }
        return PrintPage.Entry(
            anchor: anchor, title: target.title, id: p.id, area: target.area,
            href: ContentPath.relativeURL(from: page, to: kb.pages[i]), page: kb.pages[i], statusLabel: target.statusLabel,
            isActive: p.status == .active, revision: trusted ? revisions.count : nil, lastChanged: revisions.first?.date,
            effective: p.effective?.description, approvedBy: p.approval?.by, approvedOn: p.approval?.on.description,
            owner: p.owners.isEmpty ? nil : p.owners.joined(separator: ", "), raci: raci,
            summary: p.summary.flatMap { $0.isEmpty ? nil : $0 }, body: body)
    }
}

/// An SOP's body moved into a print pack: its relative links and images are rebased from the SOP's page
/// to the pack, and its ids (and the `#fragment` links to them) are prefixed, since the pack holds many
/// bodies in one document. Works on UTF-8 bytes: the whole site's bodies pass through it.
enum PrintBody {
    /// A body as a pack prints it, made when the pack is rendered: the page's HTML and how to rebase it.
    struct Source: Hashable, Sendable {
        var html: BodyHTML?
        var page: String
        var root: String
        var idPrefix: String

        var rebased: TemplateValue {
            guard let html else { return .text("") }
            return .bytes(html.withBytes { PrintBody.rebase($0, from: page, root: root, idPrefix: idPrefix) })
        }
    }

    static func rebase(_ html: String, from page: String, root: String, idPrefix: String) -> String {
        var html = html
        return String(decoding: html.withUTF8 { rebase($0, from: page, root: root, idPrefix: idPrefix) }, as: UTF8.self)
    }

    /// The HTML's bytes rebased, as bytes: a pack's bodies go to its page without becoming strings.
    static func rebase(_ bytes: UnsafeBufferPointer<UInt8>, from page: String, root: String, idPrefix: String) -> [UInt8] {
        var rewriter = Rewriter(page: page, root: root, idPrefix: idPrefix)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var copied = 0
        var i = 0
        // Jumps from `="` to `="` (memchr), the only places an attribute can start.
        while let equals = bytes.firstIndex(ofByte: UInt8(ascii: "="), from: i) {
            i = equals + 1
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let name = attribute(endingAt: equals, in: bytes),
                  let end = bytes.firstIndex(ofByte: UInt8(ascii: "\""), from: i + 1) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...i]))
            rewriter.rewrite(name, UnsafeBufferPointer(rebasing: bytes[(i + 1)..<end]), into: &out)
            copied = end
            i = end + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return out
    }

    enum Attribute { case href, src, id }

    private static let names: [(Attribute, [UInt8])] = [(.href, Array(" href".utf8)), (.src, Array(" src".utf8)), (.id, Array(" id".utf8))]

    /// The attribute whose `=` is at `equals` (` href`, ` src`, ` id`), if it is one of those.
    static func attribute(endingAt equals: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Attribute? {
        for (name, marker) in names where equals >= marker.count {
            if UnsafeBufferPointer(rebasing: bytes[(equals - marker.count)..<equals]).elementsEqual(marker) { return name }
        }
        return nil
    }

    /// Rewrites the values of one body's attributes, on the bytes and into the pack's: every link and id of
    /// every body in the print packs comes here, and a string per value was a third of the packs' cost.
    struct Rewriter {
        /// The folders of the SOP's page, from the root of the site.
        let folder: [[UInt8]]
        let root: [UInt8]
        let idPrefix: [UInt8]
        /// A link's path as it is resolved: its segments joined by `/`, and where each starts.
        var path: [UInt8] = []
        var starts: [Int] = []

        init(page: String, root: String, idPrefix: String) {
            folder = page.slashParts.dropLast().map { Array($0.utf8) }
            self.root = Array(root.utf8)
            self.idPrefix = Array(idPrefix.utf8)
        }

        mutating func rewrite(_ name: Attribute, _ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            if name == .id {
                out += idPrefix
                out.append(UInt8(ascii: "-"))
                out.append(contentsOf: value)
            } else if value.first == UInt8(ascii: "#") {
                out.append(UInt8(ascii: "#"))
                if value.count > 1 {
                    out += idPrefix
                    out.append(UInt8(ascii: "-"))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: value[1...]))
                }
            } else if value.isEmpty || value.first == UInt8(ascii: "/") || ContentPath.hasScheme(bytes: value) {
                out.append(contentsOf: value)
            } else {
                rebaseLink(value, into: &out)
            }
        }

        /// A relative link, resolved from the page's folder and written from the pack's root. A folder link
        /// (`../dates/`) keeps its slash: a static host serves the folder's index there.
        private mutating func rebaseLink(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            let cut = value.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? value.count
            path.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            for segment in folder { push(segment[...]) }
            var start = 0
            for k in 0...cut where k == cut || value[k] == UInt8(ascii: "/") {
                let segment = UnsafeBufferPointer(rebasing: value[start..<k])
                start = k + 1
                if segment.isEmpty || (segment.count == 1 && segment[0] == UInt8(ascii: ".")) { continue }
                if Self.isUp(segment), let last = starts.last, !Self.isUp(path[last...]) { pop() } else { push(segment) }
            }
            out += root
            out += path
            if cut > 0, value[cut - 1] == UInt8(ascii: "/"), !starts.isEmpty { out.append(UInt8(ascii: "/")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: value[cut...]))
        }

        private mutating func push(_ segment: some Collection<UInt8>) {
            if !starts.isEmpty { path.append(UInt8(ascii: "/")) }
            starts.append(path.count)
            path.append(contentsOf: segment)
        }

        private mutating func pop() {
            guard let last = starts.popLast() else { return }
            path.removeSubrange((starts.isEmpty ? last : last - 1)...)
        }

        private static func isUp(_ segment: some Collection<UInt8>) -> Bool {
            segment.count == 2 && segment.allSatisfy { $0 == UInt8(ascii: ".") }
        }
    }
}
