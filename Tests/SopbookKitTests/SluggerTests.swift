import Testing
@testable import SopbookKit

@Suite struct SluggerTests {
    @Test(arguments: [
        ("Quality checks", "quality-checks"),
        ("When to use?", "when-to-use"),
        ("Étapes à suivre", "étapes-à-suivre"),
        ("Step 2: send the `invoice`", "step-2-send-the-invoice"),
        ("  Leading space", "--leading-space"),
        ("snake_case & kebab-case", "snake_case--kebab-case"),
        ("C++ / C#", "c--c"),
    ])
    func githubCompatible(_ text: String, _ expected: String) {
        #expect(Slugger.base(text) == expected)
    }

    @Test func repeatsAreNumbered() {
        var s = Slugger()
        #expect(s.slug("Notes") == "notes")
        #expect(s.slug("Notes") == "notes-1")
        #expect(s.slug("Notes") == "notes-2")
        #expect(s.slug("Notes 1") == "notes-1-1")
    }

    /// MkDocs' anchors, as Python-Markdown's `toc` makes them (checked against MkDocs 1.6 output).
    @Test func pythonMarkdownStyle() {
        var s = Slugger(style: .pythonMarkdown)
        #expect(s.slug("Approval & sign-off") == "approval-sign-off")
        #expect(s.slug("Congés payés (France)") == "conges-payes-france")
        #expect(s.slug("Checklist") == "checklist")
        #expect(s.slug("Checklist") == "checklist_1")
        #expect(s.slug("Checklist") == "checklist_2")
        #expect(s.slug("  Step -- 2: the_end ") == "step-2-the_end")
        #expect(s.slug("???") == "_1")
    }

    @Test func eleventySlugifyStyle() {
        var s = Slugger(style: .slugify)
        #expect(s.slug("Travel & meals") == "travel-and-meals")
        #expect(s.slug("Don't wait: Café (Paris)") == "dont-wait-cafe-paris")
        #expect(s.slug("Travel & meals") == "travel-and-meals-1")
    }
}

/// GitHub's slug of ASCII text is made on bytes; its oracle is the rule by Unicode properties.
@Suite struct SluggerASCIITests {
    @Test func everyASCIICharacterFollowsTheProperties() {
        for v in 0..<128 {
            let text = "a" + String(UnicodeScalar(UInt8(v))) + "B 9"
            #expect(Slugger.base(text) == Slugger.baseByProperties(text.lowercased()), "U+\(String(v, radix: 16))")
        }
    }
}
