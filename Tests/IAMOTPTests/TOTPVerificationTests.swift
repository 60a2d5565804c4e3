import Testing

@testable import IAMOTP

@Suite("TOTP verification windows")
struct TOTPVerificationTests {
    let totp = TOTP(secret: Array("12345678901234567890".utf8))
    /// 2026-01-01T00:00:00Z.
    let center = TOTP.step(at: 1_767_225_600)

    @Test("a ±1 window accepts the previous, current and next step's codes")
    func windowAccepts() {
        for offset: Int64 in [-1, 0, 1] {
            let code = totp.code(atStep: center + offset)
            #expect(totp.matchingStep(code, around: center, window: 1) == center + offset)
        }
    }

    @Test("a ±1 window rejects codes two steps away")
    func windowRejects() {
        let inWindow = (-1...1).map { totp.code(atStep: center + Int64($0)) }
        for offset: Int64 in [-2, 2] {
            let code = totp.code(atStep: center + offset)
            #expect(!inWindow.contains(code))
            #expect(totp.matchingStep(code, around: center, window: 1) == nil)
            #expect(totp.matchingStep(code, around: center, window: 2) == center + offset)
        }
    }

    @Test("window 0 accepts only the current step")
    func windowZero() {
        #expect(totp.matchingStep(totp.code(atStep: center), around: center, window: 0) == center)
        #expect(totp.matchingStep(totp.code(atStep: center + 1), around: center, window: 0) == nil)
    }

    @Test("malformed codes and windows are rejected", arguments: ["12345", "abcdef", "1234567", "", " 12345", "１２３４５６"])
    func malformedCodes(code: String) {
        #expect(totp.matchingStep(code, around: center, window: 1) == nil)
        #expect(totp.consecutiveStep(code, totp.code(atStep: center), around: center, window: 10) == nil)
        #expect(totp.consecutiveStep(totp.code(atStep: center - 1), code, around: center, window: 10) == nil)
    }

    @Test("negative and over-wide windows are rejected")
    func badWindows() {
        let code = totp.code(atStep: center)
        #expect(totp.matchingStep(code, around: center, window: -1) == nil)
        #expect(totp.matchingStep(code, around: center, window: TOTP.maxWindow + 1) == nil)
        #expect(totp.matchingStep(code, around: center, window: TOTP.maxWindow) == center)
    }

    @Test("windows at the ends of the step range do not overflow")
    func extremeSteps() {
        #expect(totp.matchingStep(totp.code(atStep: .max), around: .max, window: 1) == .max)
        #expect(totp.matchingStep(totp.code(atStep: .min), around: .min, window: 1) == .min)
        let first = totp.code(atStep: .min)
        let second = totp.code(atStep: .min + 1)
        #expect(totp.consecutiveStep(first, second, around: .min, window: 1) == .min + 1)
        #expect(totp.consecutiveStep(first, second, around: .max, window: 1) == nil)
    }

    @Test("consecutive codes generated 3 steps ago are found, returning the second code's step")
    func consecutiveFound() {
        let code1 = totp.code(atStep: center - 3)
        let code2 = totp.code(atStep: center - 2)
        #expect(totp.consecutiveStep(code1, code2, around: center, window: 10) == center - 2)
    }

    @Test("consecutive codes from the edges of the window are found")
    func consecutiveEdges() {
        let early = totp.consecutiveStep(
            totp.code(atStep: center - 10), totp.code(atStep: center - 9), around: center, window: 10)
        #expect(early == center - 9)
        let late = totp.consecutiveStep(
            totp.code(atStep: center + 10), totp.code(atStep: center + 11), around: center, window: 10)
        #expect(late == center + 11)
        let tooEarly = totp.consecutiveStep(
            totp.code(atStep: center - 11), totp.code(atStep: center - 10), around: center, window: 10)
        #expect(tooEarly == nil)
    }

    @Test("non-consecutive, swapped or repeated codes are rejected")
    func consecutiveRejected() {
        let codes = (-4...0).map { totp.code(atStep: center + Int64($0)) }
        #expect(totp.consecutiveStep(codes[1], codes[3], around: center, window: 10) == nil)
        #expect(totp.consecutiveStep(codes[2], codes[1], around: center, window: 10) == nil)
        #expect(totp.consecutiveStep(codes[1], codes[1], around: center, window: 10) == nil)
        #expect(totp.consecutiveStep(codes[0], codes[4], around: center, window: 10) == nil)
    }

    @Test("codes from another secret are rejected")
    func otherSecret() {
        let other = TOTP(secret: Array("09876543210987654321".utf8))
        let code1 = other.code(atStep: center)
        let code2 = other.code(atStep: center + 1)
        #expect(totp.consecutiveStep(code1, code2, around: center, window: 10) == nil)
    }

    @Test("constant-time comparison compares whole strings")
    func constantTimeEqual() {
        #expect(TOTP.constantTimeEqual(Array("123456".utf8), Array("123456".utf8)))
        #expect(!TOTP.constantTimeEqual(Array("123456".utf8), Array("123457".utf8)))
        #expect(!TOTP.constantTimeEqual(Array("023456".utf8), Array("123456".utf8)))
        #expect(!TOTP.constantTimeEqual(Array("12345".utf8), Array("123456".utf8)))
    }
}
