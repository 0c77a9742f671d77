import ArgumentParser
import Foundation
import SopbookKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new SOP from the template, with every front matter field, and print its path."
    )

    @Argument(help: "The title of the process, e.g. \"Issue an invoice\".")
    var title: String

    @Option(name: .long, help: ArgumentHelp("The folder (area) under the content folder, e.g. finance.", valueName: "AREA"))
    var area: String?

    @Option(name: .long, help: ArgumentHelp("The role accountable for keeping the SOP true.", valueName: "ROLE"))
    var owner: String?

    @Option(name: .long, help: "A stable id (default: the file's path).")
    var id: String?

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "DIR"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("Templates folder; Templates/new-sop.md.mustache overrides the SOP template.", valueName: "DIR"))
    var templates: String?

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let contentURL = cwd.appendingPathComponent(content).standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentURL.path, isDirectory: &isDir), isDir.boolValue else {
            throw UsageError("content folder not found: \(content) (run `sopbook init` first, or use --content DIR)")
        }
        let templatesURL = templates.map { cwd.appendingPathComponent($0) } ?? cwd.appendingPathComponent("Templates")
        do {
            let file = try Scaffold.newSOP(title: title, area: area, owner: owner, id: id, content: contentURL,
                                           templates: templatesURL, today: CivilDate.today())
            let shown = file.path.hasPrefix(cwd.path + "/") ? String(file.path.dropFirst(cwd.path.count + 1)) : file.path
            print(shown)
        } catch {
            throw UsageError(error.description)
        }
    }
}
