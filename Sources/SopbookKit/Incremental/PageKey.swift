import Foundation

extension PageJob {
    /// The hash of everything a file is made from: a page's model is the whole of what it shows, so the
    /// key moves whenever the file would.
    func key(theme: Theme) -> Int {
        var h = Hasher()
        h.combine(path)
        switch content {
        case .page(let template, let model):
            h.combine(theme)
            h.combine(template)
            h.combine(model)
        case .searchIndex(let index): h.combine(index)
        // Every byte: `Data.hashValue` reads only the length and the first 80 bytes.
        case .data(let data): data.withUnsafeBytes { h.combine(bytes: $0) }
        case .copy(let url, let stamp):
            h.combine(url)
            h.combine(stamp)
        }
        return h.finalize()
    }
}
