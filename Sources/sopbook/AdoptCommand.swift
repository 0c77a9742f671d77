import ArgumentParser
import Foundation
import SopbookKit

/// `sopbook adopt`: writes a sopbook.yml for a handbook that another generator wrote, so that `check`
/// reads its links and fields the way that generator does. It reads the content and writes only the
/// configuration file.
struct AdoptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Write a sopbook.yml for a handbook written for GitBook, MkDocs, Docusaurus, Hugo, Jekyll, Eleventy, Middleman or GitHub.",
        discussion: """
        Looks at the content folder and its parent folders for the generator's files (mkdocs.yml, SUMMARY.md, \
        hugo.toml, _config.yml…), counts the front matter keys of the pages, and writes a commented sopbook.yml \
        with the generator's link conventions (links:), where owner, review.last and summary are read from \
        (fields:), and its navigation. The content is never changed.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "DIR"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("The configuration file to write.", valueName: "FILE"))
    var config: String = "sopbook.yml"

    @Flag(name: .long, help: "Overwrite the configuration file when it exists.")
    var force = false

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let contentURL = URL(fileURLWithPath: content, relativeTo: cwd).standardizedFileURL
        let configURL = URL(fileURLWithPath: config, relativeTo: cwd).standardizedFileURL
        if FileManager.default.fileExists(atPath: configURL.path), !force {
            throw UsageError("\(config) exists; adopt does not overwrite it (use --force to replace it, or --config FILE to write elsewhere)")
        }
        let snapshot: HandbookSnapshot
        do { snapshot = try HandbookReader.read(content: contentURL, base: cwd) } catch {
            throw UsageError(error.description)
        }
        // A handbook kept at the top of its repository has its sopbook.yml beside its pages; anywhere
        // deeper in the content folder it would only be an attachment nobody reads.
        if let inside = PathText.inside(configURL.path, folder: contentURL.path), inside.contains("/") {
            throw UsageError("\(config) is inside a folder of the content; write it at the top of the content folder or outside it (--config FILE)")
        }
        let adoption = Adoption.make(snapshot, configFile: configURL.path)
        for line in adoption.reportLines { print(line) }
        do {
            try Data(adoption.configurationText.utf8).write(to: configURL, options: .atomic)
        } catch {
            throw UsageError("cannot write \(config): \(error.localizedDescription)")
        }
        let options = (content == "Content" ? "" : " --content \(content)") + (config == "sopbook.yml" ? "" : " --config \(config)")
        print("Wrote \(config). Next: `sopbook check\(options)`; then `sopbook baseline` to switch CI on with today's findings known.")
    }
}
