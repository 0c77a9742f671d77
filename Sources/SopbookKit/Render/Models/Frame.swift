/// What every page's layout shows: site title, interface strings, the way back to the root, and the
/// navigation by area with the current folder's list of processes.
struct PageFrame: TemplateModel {
    /// The parts equal on every page of a site, shared rather than copied into each page's key.
    struct Site: Hashable, Sendable {
        let title: String
        let language: String
        let strings: [String: String]
        /// The strings as a template value, converted once rather than for every page.
        let stringsValue: TemplateValue
        /// Whether the site has training pages (`people:` in sopbook.yml): the top bar then links them.
        let hasTraining: Bool

        init(title: String, language: String, strings: [String: String], hasTraining: Bool = false) {
            self.title = title
            self.language = language
            self.strings = strings
            self.hasTraining = hasTraining
            self.stringsValue = .object(TemplateObject(strings.sorted { $0.key < $1.key }.map { ($0.key, TemplateValue.text($0.value)) }))
        }

        static func == (a: Site, b: Site) -> Bool {
            a.title == b.title && a.language == b.language && a.strings == b.strings && a.hasTraining == b.hasTraining
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(title)
            hasher.combine(language)
            hasher.combine(strings)
            hasher.combine(hasTraining)
        }
    }

    /// One area of the navigation; `folderList` is the sidebar list of the current folder, when current.
    struct NavArea: Hashable, Sendable {
        var name: String
        var href: String
        var count: Int
        var current: Bool
        var folderList: Shared<String>?
    }

    /// The navigation of the pages of one folder (or of the pages outside one), with its template values
    /// made once: the areas' entries were a tenth of the models' cost when every page made its own.
    struct Navigation: Hashable, Sendable {
        let areas: [NavArea]
        /// The areas as the template sees them, the current folder's list not yet marked; not compared.
        let values: [TemplateValue]
        /// The area whose folder list the pages show.
        let current: Int?

        init(_ areas: [NavArea]) {
            self.areas = areas
            values = areas.map { area in
                var entry: TemplateObject = ["name": .text(area.name), "href": .text(area.href),
                                             "count": .int(area.count), "current": .bool(area.current)]
                if let list = area.folderList?.value { entry["folderList"] = .text(list) }
                return .object(entry)
            }
            current = areas.firstIndex { $0.folderList != nil }
        }

        static func == (a: Navigation, b: Navigation) -> Bool { a.areas == b.areas }
        func hash(into hasher: inout Hasher) { hasher.combine(areas) }
    }

    var site: Shared<Site>
    /// Relative path from the page to the root of the site (`""`, `"../"`, …).
    var root: String
    /// Shared by every page of a folder (and by every page outside one).
    var nav: Shared<Navigation>
    /// The process whose sidebar item is marked as the current page.
    var currentItem: Int?
    var section: String

    var templateValue: TemplateValue {
        var nav = self.nav.value.values
        if let item = currentItem, let c = self.nav.value.current, let list = self.nav.value.areas[c].folderList?.value,
           case .object(var entry) = nav[c] {
            entry["folderList"] = PageFrame.markCurrent(item, in: list)
            nav[c] = .object(entry)
        }
        return .object(["siteTitle": .text(site.value.title), "language": .text(site.value.language),
                        "strings": site.value.stringsValue, "root": .text(root),
                        "nav": .list(nav), "section": .text(section),
                        "isHome": .bool(section == "home"), "isRoles": .bool(section == "roles"),
                        "isRaci": .bool(section == "raci"), "isGaps": .bool(section == "gaps"),
                        "isRegister": .bool(section == "register"),
                        "hasTraining": .bool(site.value.hasTraining), "isTraining": .bool(section == "training")])
    }

    /// The folder's list is rendered once; the current page's item is marked by its `data-item` marker,
    /// which `Theme.load` requires of `sidebar-folder` overrides.
    /// Made as bytes, in place: every page of a folder marks its own item in the folder's list (some
    /// kilobytes), and a string made of it, copied and checked again, was made for each page.
    static func markCurrent(_ item: Int, in list: String) -> TemplateValue {
        let needle = Array("data-item=\"\(item)\"><a ".utf8)
        var bytes = list
        return bytes.withUTF8 { hay in
            guard let at = hay.firstIndex(of: needle) else { return .text(list) }
            var out: [UInt8] = []
            out.reserveCapacity(hay.count + 48)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[..<at]))
            out.append(contentsOf: "data-item=\"\(item)\" class=\"current\"><a aria-current=\"page\" ".utf8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[(at + needle.count)...]))
            return .bytes(out)
        }
    }
}

/// A page of the site: its template, and its frame merged with its own values.
struct PageModel<Content: TemplateModel>: TemplateModel {
    var frame: PageFrame
    var content: Content

    var templateValue: TemplateValue {
        guard case .object(var merged) = frame.templateValue, case .object(let own) = content.templateValue else {
            return frame.templateValue
        }
        merged.merge(own) { _, page in page }
        return .object(merged)
    }

    /// The frame, then the page's own values over it: looked up as the merged object would be, without
    /// merging them for every page.
    var templateContexts: [TemplateObject]? {
        guard case .object(let frame) = frame.templateValue, case .object(let own) = content.templateValue else { return nil }
        return [frame, own]
    }
}
