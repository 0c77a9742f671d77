import Testing
@testable import SopbookKit

/// The banded edit distance against the whole table (the oracle), on random strings of a small alphabet
/// (so that they are close often enough), for every bound the suggestions use and more.
struct SuggestDistanceTests {
    @Test func theBandedDistanceAgreesWithTheWholeTable() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("ab/-é".unicodeScalars)
        func word() -> [Unicode.Scalar] { (0..<next(9)).map { _ in alphabet[next(alphabet.count)] } }
        var compared = 0, within = 0
        for _ in 0..<20_000 {
            let (a, b) = (word(), word())
            let full = Suggest.fullDistance(a, b)
            for bound in 0...5 {
                let expected = full <= bound ? full : nil
                #expect(Suggest.distance(a, b, bound: bound) == expected, "\(String(String.UnicodeScalarView(a))) ~ \(String(String.UnicodeScalarView(b))), bound \(bound)")
                compared += 1
                if expected != nil { within += 1 }
            }
        }
        // Both answers occur often: the oracle is exercised, not only the early exits.
        #expect(within > compared / 10 && within < compared * 9 / 10, "\(within) of \(compared)")
        #expect(Suggest.distance(Array("finance/invoice.md".unicodeScalars), Array("finance/invoices.md".unicodeScalars), bound: 3) == 1)
    }
}
