import Testing

@testable import AWSQuery

@Suite("XML writer")
struct XMLWriterTests {
    @Test("markup characters are escaped")
    func escaping() {
        #expect(XMLWriter.escape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'")
        #expect(XMLWriter.escape("&amp;") == "&amp;amp;")
        #expect(XMLWriter.escape("plain text \u{FC}\u{1F600}") == "plain text \u{FC}\u{1F600}")
        #expect(XMLWriter.escape("") == "")
    }

    @Test("tab and line feed stay, carriage return becomes a character reference")
    func lineEnds() {
        #expect(XMLWriter.escape("a\tb\nc\rd\r\n") == "a\tb\nc&#xD;d&#xD;\n")
    }

    @Test("characters XML 1.0 forbids are replaced with U+FFFD")
    func forbiddenCharacters() {
        #expect(XMLWriter.escape("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g")
        #expect(XMLWriter.escape("\u{FFFE}\u{FFFF}") == "\u{FFFD}\u{FFFD}")
        // Allowed, though discouraged: kept as they are.
        #expect(XMLWriter.escape("\u{7F}\u{85}\u{E000}\u{10FFFF}") == "\u{7F}\u{85}\u{E000}\u{10FFFF}")
    }

    @Test("nested elements, attributes, typed values and raw text")
    func nestedOutput() {
        var writer = XMLWriter()
        writer.open("User", attributes: [("xmlns", "urn:a&b"), ("note", "x\"y\n\tz")])
        writer.element("UserName", "Bob <admin>")
        writer.element("Count", 42)
        writer.element("Negative", -7)
        writer.element("Enabled", true)
        writer.element("Disabled", false)
        writer.element("Empty", "")
        writer.optionalElement("Missing", nil)
        writer.optionalElement("Present", "yes")
        writer.open("Tags")
        writer.open("member")
        writer.element("Key", "k")
        writer.close("member")
        writer.close("Tags")
        writer.raw("<Trusted>&amp;</Trusted>")
        writer.close("User")
        #expect(
            writer.text
                == #"<User xmlns="urn:a&amp;b" note="x&quot;y&#xA;&#x9;z"><UserName>Bob &lt;admin&gt;</UserName>"#
                + "<Count>42</Count><Negative>-7</Negative><Enabled>true</Enabled><Disabled>false</Disabled>"
                + "<Empty></Empty><Present>yes</Present><Tags><member><Key>k</Key></member></Tags>"
                + "<Trusted>&amp;</Trusted></User>")
    }

    @Test("a new writer is empty")
    func empty() {
        #expect(XMLWriter().text == "")
    }
}
