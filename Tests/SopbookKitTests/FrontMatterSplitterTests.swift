import Testing
@testable import SopbookKit

@Suite struct FrontMatterSplitterTests {
    func split(_ text: String) -> Result<SplitSource, SplitError> {
        FrontMatterSplitter.split(Array(text.utf8))
    }

    @Test func splitsFrontMatterAndKeepsLineOffset() throws {
        let s = try split("---\nowner: A\ntitle: T\n---\n# Hello\n").get()
        #expect(s.frontMatter == "owner: A\ntitle: T\n")
        #expect(s.frontMatterFirstLine == 2)
        #expect(s.body == "# Hello\n")
        // Body line 1 is file line 5.
        #expect(s.bodyLineOffset == 4)
    }

    @Test func noFrontMatterMeansWholeFileIsBody() throws {
        let s = try split("# Title\n---\nnot yaml\n---\n").get()
        #expect(s.frontMatter == nil)
        #expect(s.bodyLineOffset == 0)
        #expect(s.body.hasPrefix("# Title"))
    }

    @Test func acceptsBOMAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\nowner: A\r\n---\r\nBody\r\n".utf8)
        let s = try FrontMatterSplitter.split(bytes).get()
        #expect(s.frontMatter == "owner: A\n")
        #expect(s.body == "Body\n")
        #expect(s.bodyLineOffset == 3)
    }

    @Test func unclosedFrontMatterIsAnError() {
        #expect(throws: SplitError.unclosedFrontMatter) { try split("---\nowner: A\n# no end\n").get() }
    }

    @Test func emptyFrontMatterAndEmptyFile() throws {
        let s = try split("---\n---\n").get()
        #expect(s.frontMatter == "")
        #expect(s.body == "")
        let e = try split("").get()
        #expect(e.frontMatter == nil)
        #expect(e.body == "")
    }

    @Test func closingFenceAtEndOfFileWithoutNewline() throws {
        let s = try split("---\nowner: A\n---").get()
        #expect(s.frontMatter == "owner: A\n")
        #expect(s.body == "")
    }

    @Test func rejectsLatin1WithItsLine() {
        let bytes = Array("---\nowner: A\n---\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x0A]
        guard case .failure(.invalidEncoding(let line, let detail)) = FrontMatterSplitter.split(bytes) else {
            Issue.record("expected invalidEncoding")
            return
        }
        #expect(line == 4)
        #expect(detail.contains("0xE9"))
    }

    @Test func rejectsUTF16AndNUL() {
        guard case .failure(.invalidEncoding(_, let detail)) = FrontMatterSplitter.split([0xFF, 0xFE, 0x23, 0x00]) else {
            Issue.record("expected invalidEncoding")
            return
        }
        #expect(detail.contains("UTF-16"))
        guard case .failure(.invalidEncoding(let line, _)) = FrontMatterSplitter.split(Array("a\nb\0c".utf8)) else {
            Issue.record("expected invalidEncoding for NUL")
            return
        }
        #expect(line == 2)
    }

    @Test func validatesUTF8Sequences() {
        #expect(FrontMatterSplitter.firstInvalidUTF8(Array("héllo €𝄞".utf8)[...]) == nil)
        #expect(FrontMatterSplitter.firstInvalidUTF8([0x61, 0xC0, 0x80][...]) == 1)        // overlong
        #expect(FrontMatterSplitter.firstInvalidUTF8([0xED, 0xA0, 0x80][...]) == 0)        // surrogate
        #expect(FrontMatterSplitter.firstInvalidUTF8([0x61, 0xE2, 0x82][...]) == 1)        // truncated
    }
}
