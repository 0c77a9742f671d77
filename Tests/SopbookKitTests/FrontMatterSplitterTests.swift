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

    /// ASCII is skipped eight bytes at a time: a bad byte (or NUL) at every offset around and across those
    /// words, in a slice that does not start at 0, is found where it is; the oracle for validity is the
    /// standard library's own decoder.
    @Test func findsABadByteAtEveryOffset() {
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 40] {
            let ascii = [UInt8](repeating: 0x61, count: length)
            #expect(FrontMatterSplitter.firstInvalidUTF8(([0x62] + ascii)[1...]) == nil)
            for at in 0..<max(1, length) where length > 0 {
                var bad = ascii
                bad[at] = 0xC0
                let slice = ([0x62, 0x62, 0x62] + bad)[3...]
                #expect(FrontMatterSplitter.firstInvalidUTF8(slice) == 3 + at)
                #expect(String(validating: slice, as: UTF8.self) == nil)
                var nul = ascii
                nul[at] = 0
                let text = Array("x\n".utf8) + nul
                guard case .failure(.invalidEncoding(let line, let detail)) = FrontMatterSplitter.split(text) else {
                    Issue.record("NUL at \(at) of \(length) not found")
                    continue
                }
                #expect(line == 2 && detail.contains("NUL"))
            }
            let valid = ascii + Array("é€𝄞".utf8) + ascii
            #expect(FrontMatterSplitter.firstInvalidUTF8(valid[...]) == nil)
            #expect(FrontMatterSplitter.firstInvalidUTF8((valid + [0xE2, 0x82])[...]) == valid.count)
        }
    }
}
