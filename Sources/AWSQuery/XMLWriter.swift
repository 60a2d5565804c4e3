/// Builds XML text front to back, escaping every piece of text it is given.
///
/// Element and attribute names come from code, never from a request, and are written as given.
///
/// Escaping (``escape(_:)``): `&`, `<`, `>` and `"` become entity references and a carriage return becomes `&#xD;`
/// (a raw one would reach the client as a line feed, since XML parsers normalise line ends). Tab and line feed are
/// kept. Characters XML 1.0 forbids even as character references (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
/// U+FFFE, U+FFFF) are replaced with U+FFFD, so the output is always well-formed XML 1.0, as AWS's is. Attribute
/// values also escape tab and line feed (`&#x9;`, `&#xA;`), which attribute normalisation would turn into spaces.
public struct XMLWriter: Sendable {
    /// The XML written so far.
    public private(set) var text: String

    /// Creates an empty writer.
    public init() {
        text = ""
    }

    /// Writes a start tag, `<name a="v">`.
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        text += "<"
        text += name
        for (attribute, value) in attributes {
            text += " "
            text += attribute
            text += "=\""
            text += Self.escape(value, inAttribute: true)
            text += "\""
        }
        text += ">"
    }

    /// Writes an end tag, `</name>`.
    public mutating func close(_ name: String) {
        text += "</"
        text += name
        text += ">"
    }

    /// Writes `<name>escaped text</name>`; an empty string gives `<name></name>`.
    public mutating func element(_ name: String, _ text: String) {
        open(name)
        self.text += Self.escape(text)
        close(name)
    }

    /// Writes `<name>42</name>`.
    public mutating func element(_ name: String, _ value: Int) {
        element(name, String(value))
    }

    /// Writes `<name>true</name>` or `<name>false</name>`.
    public mutating func element(_ name: String, _ value: Bool) {
        element(name, value ? "true" : "false")
    }

    /// Writes `<name>escaped text</name>`, or nothing when `text` is nil.
    public mutating func optionalElement(_ name: String, _ text: String?) {
        guard let text else { return }
        element(name, text)
    }

    /// Appends XML that is already rendered and trusted; nothing is escaped.
    public mutating func raw(_ text: String) {
        self.text += text
    }

    /// `text` escaped for element content, as described on ``XMLWriter``.
    public static func escape(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    static func escape(_ text: String, inAttribute: Bool) -> String {
        guard text.unicodeScalars.contains(where: { replacement(for: $0, inAttribute: inAttribute) != nil }) else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if let replacement = replacement(for: scalar, inAttribute: inAttribute) {
                escaped += replacement
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// What `scalar` is written as, or nil when it is written as itself.
    private static func replacement(for scalar: Unicode.Scalar, inAttribute: Bool) -> String? {
        switch scalar.value {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        case 0x0D: return "&#xD;"
        case 0x09: return inAttribute ? "&#x9;" : nil
        case 0x0A: return inAttribute ? "&#xA;" : nil
        case 0x00...0x1F, 0xFFFE, 0xFFFF: return "\u{FFFD}"
        default: return nil
        }
    }
}
