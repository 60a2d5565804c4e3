extension TOTP {
    /// The widest `window` the verification methods accept (a day on each side); wider windows return nil rather than
    /// computing millions of codes.
    public static let maxWindow: Int64 = 2_880

    /// Checks `code` against the steps `centerStep - window ... centerStep + window` and returns the matching step, or
    /// nil if none matches, `code` is not exactly 6 ASCII digits, or `window` is negative or above ``maxWindow``.
    ///
    /// Every step in the window is computed and compared in constant time, so timing does not reveal which digits or
    /// steps were close. If several steps match (a chance collision), the one nearest `centerStep` wins, the earlier
    /// one on a tie. Replay protection (rejecting steps at or before the last accepted one) is the caller's job.
    public func matchingStep(_ code: String, around centerStep: Int64, window: Int64) -> Int64? {
        guard let submitted = Self.parse(code), let steps = Self.steps(around: centerStep, window: window) else {
            return nil
        }
        var best: Int64?
        for step in steps {
            let matches = Self.constantTimeEqual(Array(self.code(atStep: step).utf8), submitted)
            best = Self.nearer(matches ? step : nil, best, to: centerStep)
        }
        return best
    }

    /// For EnableMFADevice and ResyncMFADevice: finds a step `t` in `centerStep - window ... centerStep + window` such
    /// that `code1` is the code at `t` and `code2` the code at `t + 1`, and returns `t + 1` (the step of `code2`, which
    /// the caller should treat as current to learn the device's drift). Nil if there is none, either code is not
    /// exactly 6 ASCII digits, or `window` is negative or above ``maxWindow``.
    ///
    /// Use a wide window here (for example 10 steps, ±5 minutes) and a narrow one for sign-in. Comparisons are constant
    /// time; if several `t` match, the one nearest `centerStep` wins, the earlier one on a tie.
    public func consecutiveStep(_ code1: String, _ code2: String, around centerStep: Int64, window: Int64) -> Int64? {
        guard let first = Self.parse(code1), let second = Self.parse(code2),
            let steps = Self.steps(around: centerStep, window: window),
            steps.upperBound < Int64.max
        else { return nil }
        var best: Int64?
        var previous = Self.constantTimeEqual(Array(code(atStep: steps.lowerBound).utf8), first)
        for step in steps {
            let current = Array(code(atStep: step + 1).utf8)
            let secondMatches = Self.constantTimeEqual(current, second)
            let matches = previous && secondMatches
            best = Self.nearer(matches ? step : nil, best, to: centerStep)
            previous = Self.constantTimeEqual(current, first)
        }
        return best.map { $0 + 1 }
    }

    // MARK: Helpers

    /// The UTF-8 bytes of a well-formed code (exactly ``digits`` ASCII digits), else nil.
    static func parse(_ code: String) -> [UInt8]? {
        let bytes = Array(code.utf8)
        guard bytes.count == digits, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return bytes
    }

    /// `centerStep ± window`, clamped to the range of `Int64`; nil for a negative or too-wide window.
    static func steps(around centerStep: Int64, window: Int64) -> ClosedRange<Int64>? {
        guard (0...maxWindow).contains(window) else { return nil }
        let (lower, lowerOverflow) = centerStep.subtractingReportingOverflow(window)
        let (upper, upperOverflow) = centerStep.addingReportingOverflow(window)
        return (lowerOverflow ? Int64.min : lower)...(upperOverflow ? Int64.max : upper)
    }

    /// Compares two byte strings without stopping at the first difference.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    /// Of a candidate step and the best so far, the one nearer `center` (the earlier one on a tie).
    private static func nearer(_ candidate: Int64?, _ best: Int64?, to center: Int64) -> Int64? {
        guard let candidate else { return best }
        guard let best else { return candidate }
        let candidateDistance = candidate.distance(to: center).magnitude
        let bestDistance = best.distance(to: center).magnitude
        if candidateDistance != bestDistance { return candidateDistance < bestDistance ? candidate : best }
        return min(candidate, best)
    }
}
