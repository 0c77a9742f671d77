import Foundation

/// Where a link destination written in an SOP points, before anything is looked up.
public enum LinkDestination: Equatable, Sendable {
    /// `http:`, `mailto:` and every other URL with a scheme: listed, never fetched.
    case external(String)
    /// `#fragment` within the same page.
    case sameFile(fragment: String)
    /// A path under the content folder (normalised, `/`-separated) and an optional fragment.
    case content(path: String, fragment: String?)
    /// A relative path that climbs out of the content folder.
    case outside
}

/// Path arithmetic on content-relative paths. Pure string work: nothing here touches the disk.
public enum ContentPath {
    /// Resolves `destination`, written in the file at `from` (content-relative), to a content path.
    public static func resolve(_ destination: String, from: String) -> LinkDestination {
        let trimmed = destination.trimmed
        if trimmed.isEmpty { return .sameFile(fragment: "") }
        if hasScheme(trimmed) { return .external(trimmed) }
        if trimmed.hasPrefix("//") { return .external(trimmed) }
        var pathPart = trimmed
        var fragment: String?
        if let hash = pathPart.firstIndex(ofASCII: UInt8(ascii: "#")) {
            let raw = String(pathPart[pathPart.index(after: hash)...])
            fragment = raw.containsByte(UInt8(ascii: "%")) ? (raw.removingPercentEncoding ?? raw) : raw
            pathPart = String(pathPart[..<hash])
        }
        if let q = pathPart.firstIndex(ofASCII: UInt8(ascii: "?")) { pathPart = String(pathPart[..<q]) }
        if pathPart.isEmpty { return .sameFile(fragment: fragment ?? "") }
        // Foundation's decoding is slow on Linux: most links have nothing to decode.
        let decoded = pathPart.containsByte(UInt8(ascii: "%")) ? (pathPart.removingPercentEncoding ?? pathPart) : pathPart
        guard let path = join(decoded, from: decoded.hasPrefix("/") ? "" : from) else { return .outside }
        return .content(path: path, fragment: fragment)
    }

    /// `path` taken from the folder of the file `from`: empty and `.` segments dropped, each `..` taking
    /// off the segment before it; nil when a `..` has none to take. On the bytes, into one buffer, with
    /// no closure over it (a closure capturing the buffer checked each access at run time): every link of
    /// every SOP comes here twice (its HTML, then the link stage), and a substring per segment was most
    /// of the cost.
    static func join(_ path: String, from: String) -> String? {
        var path = path, from = from
        return path.withUTF8 { relative in
            from.withUTF8 { base -> String? in
                var out: [UInt8] = []
                out.reserveCapacity(base.count + relative.count)
                // Where each segment of `out` starts.
                var starts: [Int] = []
                // The folders of `base`: every segment but the last, the file's own name.
                var folders = Segments(base, end: lastSegmentStart(base))
                while let folder = folders.next() {
                    if !out.isEmpty { out.append(0x2F) }
                    starts.append(out.count)
                    out.append(contentsOf: base[folder])
                }
                var segments = Segments(relative, end: relative.count)
                while let segment = segments.next() {
                    let count = segment.count, first = relative[segment.lowerBound]
                    if count == 1, first == 0x2E { continue }
                    if count == 2, first == 0x2E, relative[segment.lowerBound + 1] == 0x2E {
                        guard let start = starts.popLast() else { return nil }
                        out.removeSubrange(max(start - 1, 0)...)
                        continue
                    }
                    if !out.isEmpty { out.append(0x2F) }
                    starts.append(out.count)
                    out.append(contentsOf: relative[segment])
                }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// An ASCII letter, then letters, digits, `+`, `-` or `.`, up to the first `:` (RFC 3986), on the bytes:
    /// every link is asked.
    static func hasScheme(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { hasScheme(bytes: $0) }
    }

    /// The same on UTF-8 bytes (a print pack's links).
    static func hasScheme(bytes: some Collection<UInt8>) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = bytes[..<colon]
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        guard let first = scheme.first, isLetter(first) else { return false }
        return scheme.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
    }

    /// The id a file gets when its front matter has none: its path without `.md`.
    public static func defaultID(_ file: String) -> String {
        file.hasSuffix(ignoringASCIICase: ".md") ? String(file.dropLast(3)) : file
    }

    /// The page a source file becomes: `finance/invoice.md` → `finance/invoice.html`.
    public static func pagePath(forSource file: String) -> String {
        defaultID(file) + ".html"
    }

    /// A relative URL from the page at `from` to the output file at `to`, percent-encoded. Empty segments
    /// (`a//b`) do not count. Called for every link of every page (a role page holds thousands), so it
    /// works on the UTF-8 bytes into one buffer, encoding a segment only when it needs it.
    public static func relativeURL(from: String, to: String) -> String {
        var from = from, to = to
        return from.withUTF8 { f in to.withUTF8 { t in relativeURL(f, t) } }
    }

    private static func relativeURL(_ from: UnsafeBufferPointer<UInt8>, _ to: UnsafeBufferPointer<UInt8>) -> String {
        // Folders are the non-empty segments before the last one. Walked in place: arrays of segments and an
        // array of output bytes were four allocations a link, and lists link to thousands of processes.
        var fromDirs = Segments(from, end: lastSegmentStart(from))
        var toDirs = Segments(to, end: lastSegmentStart(to))
        var rest = 0  // where `to`'s first segment past the common folders starts
        while let a = fromDirs.peek(), let b = toDirs.peek(), from[a].elementsEqual(to[b]) {
            _ = fromDirs.next()
            _ = toDirs.next()
            rest = b.upperBound
        }
        var up = 0
        while fromDirs.next() != nil { up += 1 }
        var parts = Segments(to, start: rest, end: to.count)
        var plain = true
        var length = 3 * up
        while let part = parts.next() {
            length += part.count + 1
            plain = plain && to[part].allSatisfy(isPlainSegmentByte)
        }
        parts = Segments(to, start: rest, end: to.count)
        guard plain else {
            var out = String(repeating: "../", count: up)
            var first = true
            while let part = parts.next() {
                if !first { out += "/" }
                out += encodeSegment(String(decoding: UnsafeBufferPointer(rebasing: to[part]), as: UTF8.self))
                first = false
            }
            return out
        }
        return String(unsafeUninitializedCapacity: length) { out in
            var n = 0
            for _ in 0..<up {
                out[n] = 0x2E; out[n + 1] = 0x2E; out[n + 2] = 0x2F
                n += 3
            }
            var first = true
            while let part = parts.next() {
                if !first { out[n] = 0x2F; n += 1 }
                for b in to[part] { out[n] = b; n += 1 }
                first = false
            }
            return n
        }
    }

    /// Where the last non-empty segment of `path` starts (0 when it has none).
    private static func lastSegmentStart(_ path: UnsafeBufferPointer<UInt8>) -> Int {
        var i = path.count
        while i > 0, path[i - 1] == UInt8(ascii: "/") { i -= 1 }
        while i > 0, path[i - 1] != UInt8(ascii: "/") { i -= 1 }
        return i
    }

    /// The non-empty `/`-separated segments of `bytes[start..<end]`, in order.
    private struct Segments {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let end: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int) {
            (self.bytes, self.position, self.end) = (bytes, start, end)
        }

        func peek() -> Range<Int>? {
            var copy = self
            return copy.next()
        }

        mutating func next() -> Range<Int>? {
            while position < end, bytes[position] == UInt8(ascii: "/") { position += 1 }
            guard position < end else { return nil }
            let start = position
            while position < end, bytes[position] != UInt8(ascii: "/") { position += 1 }
            return start..<position
        }
    }

    private static func isPlainSegmentByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
    }

    /// The prefix that leads from a page back to the output root: "" or "../../".
    public static func rootPrefix(forPage page: String) -> String {
        // Counted on bytes: this runs for every page of the site. Empty segments (`a//b`) do not count, as
        // for `split`.
        var depth = 0
        var previous = UInt8(ascii: "/")
        for byte in page.utf8 {
            if byte == UInt8(ascii: "/"), previous != UInt8(ascii: "/") { depth += 1 }
            previous = byte
        }
        if previous == UInt8(ascii: "/"), depth > 0 { depth -= 1 }
        return String(repeating: "../", count: depth)
    }

    static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/;?#%")
        return set
    }()

    public static func encodeSegment(_ s: String) -> String {
        // Most names need no encoding; Foundation's encoder is slow on Linux, so only call it when needed.
        let plain = s.utf8.allSatisfy(isPlainSegmentByte)
        return plain ? s : (s.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? s)
    }

    public static func encodeFragment(_ s: String) -> String {
        // Anchors are mostly slugs (`step-2`, `when-to-use`), which the fragment set allows as they are.
        s.utf8.allSatisfy(isPlainSegmentByte) ? s : (s.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? s)
    }
}
