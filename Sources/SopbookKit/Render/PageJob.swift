import Foundation

/// One file of the site: where it goes and what it is made from. A page's model is the whole of what it
/// shows.
struct PageJob: Sendable {
    enum Content: Sendable {
        case page(template: String, model: any TemplateModel)
        /// A file of the search index under `_sopbook/search/`.
        case searchIndex(SearchIndex.Part)
        /// Bytes made already: theme assets, and `gaps.json` (whose bytes are its own key).
        case data(Data)
        /// An attachment copied from the content folder; its stamp stands for its bytes.
        case copy(URL, stamp: FileStamp?)
    }

    var path: String
    var content: Content
}
