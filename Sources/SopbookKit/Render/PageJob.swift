import Foundation

/// One file of the site: where it goes and what it is made from. A page's model is the whole of what it
/// shows, so the hash of a job is a key that changes whenever the file would.
struct PageJob: Sendable {
    enum Content: Sendable {
        case page(template: String, model: any TemplateModel)
        case searchIndex(SearchIndex)
        /// Bytes made already: theme assets, and `gaps.json` (whose bytes are its own key).
        case data(Data)
        /// An attachment copied from the content folder; its stamp stands for its bytes.
        case copy(URL, stamp: FileStamp?)
    }

    var path: String
    var content: Content

    /// Equal keys make equal files (with the same theme): what `Incremental/` compares to skip a page.
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
