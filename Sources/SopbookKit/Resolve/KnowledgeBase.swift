import Foundation

/// A file that could not be read as an SOP: it gets its one finding and no other rule runs on it.
public struct UnreadableFile: Sendable, Error {
    public var file: String
    public var problem: UnreadableSource
}

/// A link after resolution: what it names in the knowledge base.
public struct ResolvedLink: Sendable {
    public enum Target: Sendable, Equatable {
        case process(index: Int, fragment: String?)
        case attachment(path: String)
        case external(String)
        /// Names nothing that exists; `reason` is worded for the writer.
        case broken(reason: String)
        /// The target exists but its `#fragment` does not.
        case brokenAnchor(index: Int, fragment: String)
        case outside
        /// A process file that exists but could not be read; its own finding says why.
        case unreadable(path: String)
        /// Template syntax only the handbook's generator can resolve: listed as not checkable.
        case uncheckable

        /// The process the link lands on, whether or not its `#fragment` exists there.
        public var processIndex: Int? {
            switch self {
            case .process(let index, _), .brokenAnchor(let index, _): index
            default: nil
            }
        }
    }
    public var link: Link
    public var target: Target
    /// For a broken link, an existing destination close to the one written, spelt as the link should
    /// spell it (a path relative to the linking file with its `#fragment`, or a wiki link's id).
    public var suggestion: String? = nil
}

/// The whole knowledge base after load, parse and resolve: the input of validation and rendering.
public struct KnowledgeBase: Sendable {
    public var configuration: Configuration
    /// Processes, ordered by file path.
    public var procedures: [Procedure]
    public var unreadable: [UnreadableFile]
    /// Problems the walk of the content folder found (symlinks leaving it, unreadable folders).
    public var walkFindings: [Finding]
    /// Content-relative paths of files that are not SOPs.
    public var attachments: Set<String>
    /// Per procedure (same index), its links resolved.
    public var links: [[ResolvedLink]]
    /// Per procedure, the indices of the other processes that link to it, in file order.
    public var backlinks: [[Int]]
    /// Where each page goes, and which id and file name which process.
    var pageTable: Shared<PageTable>
    var table: PageTable { pageTable.value }
    /// Procedure index by id; the first file in path order wins when ids repeat.
    public var indexByID: [String: Int] { table.indexByID }
    var indexByFile: [String: Int] { table.indexByFile }
    /// Output path of each procedure's page (same index).
    public var pages: [String] { table.pages }
    /// Output path of the page that explains why an unreadable file could not be read, by file.
    public var unreadablePages: [String: String] { table.unreadablePages }
    var pageCollisions: [PageAssignment.Collision] { table.collisions }

    /// Every process counts, even those that could not be read.
    public var processCount: Int { procedures.count + unreadable.count }

    /// A knowledge base with nothing in it, for reports built from findings alone.
    public static let empty = KnowledgeBase(configuration: Configuration(), procedures: [], unreadable: [], walkFindings: [],
                                            attachments: [], links: [], backlinks: [], pageTable: Shared(PageTable(procedures: [], unreadable: [])))
}
