import IAMPolicy
import Testing

@Suite("Policy evaluation corpus")
struct CorpusTests {
    static let cases = CorpusCase.all()

    @Test("the corpus has at least 400 cases, all loadable")
    func corpusSize() throws {
        #expect(Self.cases.count >= 400)
        for entry in Self.cases {
            if case .failure(let error) = entry.loaded { Issue.record("\(error.description)") }
        }
    }

    @Test("every corpus case gets its expected decision and deciding statement", arguments: cases)
    func corpusCase(_ entry: CorpusCase.Entry) throws {
        let c = try entry.loaded.get()
        let decision = PolicyEvaluator.evaluate(c.request, c.policies)
        #expect(decision.outcome.rawValue == c.expectedDecision, "\(c.file): \(c.description)")
        #expect(decision.decidedBy?.description == c.expectedDecidedBy, "\(c.file): \(c.description)")
        if let deniedBy = c.expectedDeniedBy {
            #expect(decision.deniedBy?.rawValue == deniedBy, "\(c.file): \(c.description)")
        }
        // explain() must agree with evaluate().
        #expect(PolicyEvaluator.explain(c.request, c.policies).decision == decision)
    }
}
