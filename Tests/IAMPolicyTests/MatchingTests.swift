@testable import IAMPolicy
import Testing

/// The matching primitives under the evaluator: wildcard globs, ARN part matching, policy
/// variable templates (iam-facts §2.3, §2.4), and the Binary and Numeric value types (§2.5).
@Suite("Matching primitives")
struct MatchingTests {
    @Suite("GlobPattern")
    struct Glob {
        static let cases: [(pattern: String, subject: String, matches: Bool)] = [
            // `*` matches the empty run and spans `/` and `:`.
            ("*", "", true),
            ("*", "arn:aws:s3:::bucket/a/b", true),
            ("a*b", "ab", true),
            ("a*b", "a/x:y/b", true),
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/", true),
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false),
            ("*:list*", "iam:listusers", true),
            ("*:list*", "iam:getlistusers", false),
            ("*a", "", false),
            // `?` is exactly one character, multi-byte ones included.
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("a?c", "abbc", false),
            ("a?c", "aéc", true),
            ("a??c", "aéc", false),
            ("a?c", "a日c", true),
            ("a?c", "a😀c", true),
            ("?", "é", true),
            ("??", "é", false),
            ("*?", "é", true),
            ("*?x", "ééx", true),
            ("*??x", "éx", false),
            ("user/?lice", "user/ålice", true),
            // Literal patterns.
            ("", "", true),
            ("", "a", false),
            ("abc", "abc", true),
            ("abc", "abcd", false),
            ("abc", "ABC", false),
            // Many stars.
            ("***", "", true),
            ("a**b**c", "abc", true),
            ("*a*b*c*", "xaybzc", true),
            ("*a*b*c*", "cba", false),
            ("*/*/*", "a/b/c", true),
            ("*/*/*", "a/b", false),
            ("a*b?c*d", "a-bc-d", false),
            ("a*b?c*d", "a-bXc-d", true),
        ]

        @Test("wildcards match as IAM globs", arguments: cases)
        func glob(_ pattern: String, _ subject: String, _ matches: Bool) {
            #expect(GlobPattern(pattern).matches(Array(subject.utf8)) == matches)
            #expect(GlobPattern(pattern).matches(Substring(subject).utf8) == matches)
        }

        @Test("pathological patterns against 10,000 characters finish and do not match")
        func pathological() {
            let aaaa = Array(String(repeating: "a", count: 10_000).utf8)
            #expect(!GlobPattern("a*a*a*a*a*b").matches(aaaa))
            #expect(!GlobPattern("*a*a*a*a*a*a*a*a*a*a*b").matches(aaaa))
            #expect(!GlobPattern(String(repeating: "*a", count: 50) + "b").matches(aaaa))
            #expect(GlobPattern("a*a*a*a*a*b").matches(aaaa + [UInt8(ascii: "b")]))
            #expect(GlobPattern("a*a*a*a*a*").matches(aaaa))
        }

        @Test("with wildcards off, `*` and `?` are literal characters")
        func literalWildcards() {
            let pattern = GlobPattern("a*c?", wildcards: false)
            #expect(pattern.isLiteral)
            #expect(!pattern.matchesEverything)
            #expect(pattern.matches(Array("a*c?".utf8)))
            #expect(!pattern.matches(Array("abcd".utf8)))
            #expect(GlobPattern.equals(pattern.tokens, Array("a*c?".utf8)))
            #expect(!GlobPattern.equals(pattern.tokens, Array("a*c".utf8)))
            #expect(!GlobPattern("a*c").isLiteral)
            #expect(GlobPattern("*").matchesEverything)
        }

        @Test("lowercasing folds ASCII letters only")
        func lowercasing() {
            #expect(GlobPattern("S3:Get*", lowercased: true).matches(Array("s3:getobject".utf8)))
            #expect(!GlobPattern("S3:Get*").matches(Array("s3:getobject".utf8)))
            #expect(GlobPattern.tokens(of: "É", wildcards: true, lowercased: true) == "É".utf8.map(UInt16.init))
        }
    }

    @Suite("ARNPattern")
    struct ARN {
        static func matches(_ pattern: String, _ arn: String) -> Bool {
            ARNPattern.matches(pattern: GlobPattern.tokens(of: pattern, wildcards: true, lowercased: false),
                               subject: Array(arn.utf8))
        }

        static let cases: [(pattern: String, arn: String, matches: Bool)] = [
            ("arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/alice", true),
            ("arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:group/admins", false),
            ("arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/Alice", false),
            ("arn:aws:*:*:*:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true),
            ("arn:aws:iam:*:123456789012:user/alice", "arn:aws:iam::123456789012:user/alice", true),
            ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true),
            ("arn:aws:ec2:us-?ast-1:*:*", "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1", true),
            ("arn:aws:ec2:us-?ast-1:*:*", "arn:aws:ec2:us-west-1:123456789012:vpc/vpc-1", false),
            // The resource part keeps further colons, and `*` there spans them.
            ("arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons", true),
            ("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true),
            ("arn:aws:sns:*:*:topic", "arn:aws:sns:us-east-1:1:topic:extra", false),
            // `*` cannot cross a colon between the first six parts.
            ("arn:aws:iam::*:user/alice", "arn:aws:iam::123:456:user/alice", false),
            ("arn:aws:*:123456789012:user/alice", "arn:aws:iam::123456789012:user/alice", false),
            ("arn:*:user/alice", "arn:aws:iam::123456789012:user/alice", false),
            // A lone `*` matches anything; otherwise the subject needs six parts.
            ("*", "not-an-arn", true),
            ("arn:aws:iam:*:*:*", "arn:aws:iam", false),
            ("arn:aws:iam:*:*:*", "arn:aws:iam:::", true),
        ]

        @Test("ARNs match part by part", arguments: cases)
        func arn(_ pattern: String, _ arn: String, _ matches: Bool) {
            #expect(Self.matches(pattern, arn) == matches)
        }

        @Test("a plain glob would cross the colon that ARN matching respects")
        func colonBoundary() {
            let arn = "arn:aws:iam::123:456:user/alice"
            #expect(GlobPattern("arn:aws:iam::*:user/alice").matches(Array(arn.utf8)))
            #expect(!Self.matches("arn:aws:iam::*:user/alice", arn))
        }

        @Test("splitting yields six parts and the last keeps its colons")
        func split() throws {
            let parts = try #require(ARNPattern.split(Array("arn:aws:s3:::a:b:c".utf8)))
            #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["arn", "aws", "s3", "", "", "a:b:c"])
            #expect(ARNPattern.split(Array("arn:aws:s3::".utf8)) == nil)
        }
    }

    @Suite("PatternTemplate")
    struct Template {
        static func text(_ template: String, _ context: RequestContext, variables: Bool = true) -> String? {
            PatternTemplate(template, variables: variables).text(in: context)
        }

        static let alice = RequestContext(["aws:username": .string("alice")])

        @Test("`${aws:username}` is replaced by the key's value")
        func username() {
            let template = PatternTemplate("home/${aws:username}/*", variables: true)
            #expect(template.hasVariables)
            #expect(template.variableKeys == ["aws:username"])
            #expect(template.text(in: Self.alice) == "home/alice/*")
            let tokens = template.tokens(in: Self.alice, wildcards: true, lowercased: false)
            #expect(tokens == Array("home/alice/".utf8).map(UInt16.init) + [GlobPattern.star])
        }

        @Test("the default applies only when the key is absent")
        func defaults() {
            let template = "${aws:PrincipalTag/team, 'company-wide'}"
            #expect(Self.text(template, .empty) == "company-wide")
            #expect(Self.text(template, RequestContext(["aws:PrincipalTag/team": .string("blue")])) == "blue")
            #expect(Self.text("${aws:username, ''}", .empty) == "")
            #expect(Self.text("a-${aws:username}-${aws:PrincipalTag/team, 'x'}", Self.alice) == "a-alice-x")
        }

        @Test("`${*}`, `${?}` and `${$}` are literal characters, never wildcards")
        func specialLiterals() throws {
            let template = PatternTemplate("a${*}b${?}c${$}", variables: true)
            #expect(!template.hasVariables)
            #expect(template.text(in: .empty) == "a*b?c$")
            let tokens = try #require(template.tokens(in: .empty, wildcards: true, lowercased: false))
            #expect(tokens == Array("a*b?c$".utf8).map(UInt16.init))
            let glob = GlobPattern(tokens: tokens)
            #expect(glob.matches(Array("a*b?c$".utf8)))
            #expect(!glob.matches(Array("aXXbYc$".utf8)))
        }

        @Test("an unterminated `${` is literal text")
        func unterminated() {
            let template = PatternTemplate("home/${aws:username", variables: true)
            #expect(!template.hasVariables)
            #expect(template.text(in: Self.alice) == "home/${aws:username")
            #expect(Self.text("${aws:username}/${x", Self.alice) == "alice/${x")
        }

        @Test("a variable without a value or default is unresolved")
        func unresolved() {
            let template = PatternTemplate("home/${aws:username}/*", variables: true)
            #expect(template.text(in: .empty) == nil)
            #expect(template.tokens(in: .empty, wildcards: true, lowercased: false) == nil)
        }

        @Test("a multi-valued key is unresolved, even with a single value")
        func multiValued() {
            var context = RequestContext()
            context.set("aws:TagKeys", values: [.string("team")])
            #expect(Self.text("${aws:TagKeys}", context) == nil)
            context.set("aws:TagKeys", values: [.string("team"), .string("cost")])
            #expect(Self.text("${aws:TagKeys}", context) == nil)
        }

        @Test("variable keys and tag-key suffixes are case-insensitive")
        func caseInsensitiveKeys() {
            #expect(Self.text("${AWS:UserName}", Self.alice) == "alice")
            #expect(Self.text("${aws:username}", RequestContext(["AWS:USERNAME": .string("alice")])) == "alice")
            let tagged = RequestContext(["aws:PrincipalTag/Team": .string("blue")])
            #expect(Self.text("${aws:principaltag/TEAM}", tagged) == "blue")
        }

        @Test("substituted values are literal, so their `*` is not a wildcard")
        func substitutedValuesAreLiteral() throws {
            let context = RequestContext(["aws:username": .string("a*")])
            let tokens = try #require(PatternTemplate("home/${aws:username}", variables: true)
                .tokens(in: context, wildcards: true, lowercased: false))
            #expect(GlobPattern(tokens: tokens).matches(Array("home/a*".utf8)))
            #expect(!GlobPattern(tokens: tokens).matches(Array("home/abc".utf8)))
        }

        @Test("without variable support `${...}` is kept as written")
        func versionWithoutVariables() {
            #expect(Self.text("home/${aws:username}", Self.alice, variables: false) == "home/${aws:username}")
        }

        @Test("a default without single quotes never resolves")
        func malformedDefault() {
            #expect(Self.text("${aws:username, company}", Self.alice) == nil)
        }
    }

    @Suite("Base64")
    struct Base64Codec {
        static let vectors: [(bytes: String, encoded: String)] = [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ]

        @Test("RFC 4648 test vectors encode and decode", arguments: vectors)
        func rfcVectors(_ text: String, _ encoded: String) {
            #expect(Base64.encode(Array(text.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(text.utf8))
        }

        @Test("every byte value and every length survives a round trip")
        func roundTrips() {
            let all = (0...255).map(UInt8.init)
            #expect(Base64.decode(Base64.encode(all)) == all)
            for length in 0...7 {
                let bytes = Array(all.reversed().prefix(length))
                #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            }
            #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
        }

        @Test("unpadded, misplaced padding, foreign alphabets and whitespace are rejected",
              arguments: ["Zg", "Zg=", "Z===", "====", "Zm9v!", "Zm9v\n", "Zm 9v", "Zg==Zg==", "Zm=v", "-_8=",
                          "Zm9vYg===", "Zm9vY", "é===", "Zg=a"])
        func invalid(_ text: String) {
            #expect(Base64.decode(text) == nil)
        }
    }

    @Suite("NumericValue")
    struct Numeric {
        static func value(_ text: String) throws -> NumericValue {
            try #require(NumericValue(text), "`\(text)`")
        }

        @Test("equal numbers in different spellings compare equal",
              arguments: [("10", "10.0"), ("0", "-0"), ("1e2", "100"), ("+5", "5"), ("0.5", "0.50"),
                          ("9007199254740993", "9007199254740993"), ("-1.5", "-1.50")])
        func equal(_ a: String, _ b: String) throws {
            #expect(try Self.value(a) == Self.value(b))
            #expect(!(try Self.value(a) < Self.value(b)))
        }

        @Test("numbers order by value",
              arguments: [("-1.5", "0"), ("-2", "-1.5"), ("0.1", "0.2"), ("1", "1.0000001"), ("9", "10"),
                          ("9007199254740992", "9007199254740993"), ("-9007199254740993", "-9007199254740992"),
                          ("9223372036854775806", "9223372036854775807"), ("-9223372036854775808", "0")])
        func less(_ a: String, _ b: String) throws {
            #expect(try Self.value(a) < Self.value(b))
            #expect(try Self.value(a) != Self.value(b))
        }

        @Test("large integers compare exactly, where doubles could not")
        func largeIntegersExact() throws {
            #expect(Double(9_007_199_254_740_993 as Int64) == Double(9_007_199_254_740_992 as Int64))
            #expect(try Self.value("9007199254740993") != Self.value("9007199254740992"))
            #expect(try Self.value("9007199254740993") > Self.value("9007199254740992"))
        }

        @Test("an integer above 2^53 compares exactly with a decimal-written integer")
        func largeIntegerAgainstDecimal() throws {
            let big = try Self.value("9007199254740993")
            let decimal = try Self.value("9007199254740992.0")
            do {
                #expect(big != decimal)
                #expect(big > decimal)
            }
        }

        @Test("malformed numbers, NaN and infinities are rejected",
              arguments: ["1e", "abc", "nan", "NaN", "inf", "-inf", "Infinity", "", " 1", "1 ", "0x10", "1,000",
                          "1e400",
                          "--1", "1.2.3", "e5", "."])
        func invalid(_ text: String) {
            #expect(NumericValue(text) == nil)
        }
    }
}
