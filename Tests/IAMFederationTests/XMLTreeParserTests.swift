import Testing

@testable import IAMFederation

@Suite("XML parsing: namespaces, normalization, and refusing what federation never needs")
struct XMLTreeParserTests {
    let limits = XMLTreeLimits(maximumBytes: 100_000)

    @Test("Namespaces resolve through prefixes and the default namespace; attributes without a prefix have none")
    func namespaces() throws {
        let tree = try XMLTreeParser.parse(
            #"<r xmlns="urn:a" xmlns:b="urn:b"><b:c x="1" b:y="2"><d/></b:c><e xmlns=""/></r>"#, limits: limits)
        #expect(tree.root.name == XMLQualifiedName(prefix: "", localName: "r", namespaceURI: "urn:a"))
        let c = try #require(tree.root.firstChild("c", in: "urn:b"))
        #expect(c.attributes.map(\.name.namespaceURI) == ["", "urn:b"])
        #expect(c.firstChild("d", in: "urn:a") != nil)
        #expect(tree.root.firstChild("e", in: "") != nil)
        #expect(c.order == 1 && tree.root.descendantsAndSelf().map(\.order) == [0, 1, 2, 3])
    }

    @Test("References, CDATA and line ends become the text XML means")
    func normalization() throws {
        let tree = try XMLTreeParser.parse("<r a=\"x&#10;y\tz\r\nw\">a&amp;b&lt;&#x41;&#66;\r\nc\rd<![CDATA[<e>]]></r>", limits: limits)
        #expect(tree.root.text == "a&b<AB\nc\nd<e>")
        #expect(tree.root.attribute("a") == "x\ny z w")
    }

    @Test("Document type declarations, unknown entities and undeclared prefixes are refused", arguments: [
        #"<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>"#,
        #"<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>"#,
        "<r>&nbsp;</r>",
        "<p:r/>",
        #"<r a="1" a="2"/>"#,
        #"<r xmlns:p="urn:x" xmlns:q="urn:x" p:a="1" q:a="2"/>"#,
        "<r><s></r></s>",
        "<r/><r/>",
        "text<r/>",
        "<r>]]></r>",
        #"<r a="<"/>"#,
        "<r>&#0;</r>",
        "<r>&#xD800;</r>",
        "<r>\u{1}</r>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>",
        "<r><!-- a -- b --></r>",
        "",
        "<r",
        #"<r xmlns:xml="urn:not-xml"/>"#,
        #"<r xmlns:p=""/>"#,
    ])
    func refused(document: String) {
        #expect(throws: XMLTreeError.self) { try XMLTreeParser.parse(document, limits: limits) }
    }

    @Test("Depth, size and element-count limits stop hostile documents early")
    func limitsHold() {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(throws: XMLTreeError.self) { try XMLTreeParser.parse(deep, limits: XMLTreeLimits(maximumBytes: 100_000)) }
        let wide = "<r>" + String(repeating: "<a/>", count: 50) + "</r>"
        #expect(throws: XMLTreeError.self) {
            try XMLTreeParser.parse(wide, limits: XMLTreeLimits(maximumBytes: 100_000, maximumElements: 10))
        }
        #expect(throws: XMLTreeError.self) { try XMLTreeParser.parse(wide, limits: XMLTreeLimits(maximumBytes: 100)) }
    }

    @Test("Random bytes and truncations never crash the parser")
    func fuzz() {
        var generator = SplitMix(state: 42)
        let sample = #"<?xml version="1.0"?><a:r xmlns:a="urn:a" b="c &amp; d"><!-- x --><?pi data?><s>t&#x41;<![CDATA[u]]></s></a:r>"#
        let bytes = Array(sample.utf8)
        for cut in 0..<bytes.count {
            _ = try? XMLTreeParser.parse(bytes: Array(bytes[..<cut]), limits: limits)
        }
        for _ in 0..<2_000 {
            var mutated = bytes
            for _ in 0..<3 {
                let i = Int(generator.next() % UInt64(mutated.count))
                mutated[i] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? XMLTreeParser.parse(bytes: mutated, limits: limits)
        }
    }

    @Test("xs:dateTime values convert to epoch seconds; a century later keeps the calendar date")
    func dateTimes() {
        #expect(XMLDateTime.epochSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(XMLDateTime.epochSeconds("2026-05-01T12:30:15.123Z") == 1_777_638_615)
        #expect(XMLDateTime.epochSeconds("2026-05-01T14:30:15+02:00") == 1_777_638_615)
        #expect(XMLDateTime.epochSeconds("2026-05-01T12:30:15") == 1_777_638_615)
        #expect(XMLDateTime.epochSeconds("2026-13-01T00:00:00Z") == nil)
        #expect(XMLDateTime.epochSeconds("yesterday") == nil)
        #expect(XMLDateTime.adding(years: 100, to: 1_777_638_615) == XMLDateTime.epochSeconds("2126-05-01T12:30:15Z"))
        #expect(XMLDateTime.adding(years: 100, to: XMLDateTime.epochSeconds("2024-02-29T01:00:00Z") ?? 0)
                == XMLDateTime.epochSeconds("2124-02-29T01:00:00Z"))
        #expect(XMLDateTime.adding(years: 1, to: XMLDateTime.epochSeconds("2024-02-29T01:00:00Z") ?? 0)
                == XMLDateTime.epochSeconds("2025-02-28T01:00:00Z"))
    }
}

/// A small deterministic generator (SplitMix64) for reproducible fuzzing.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
