import Foundation

/// A small, strict XML 1.0 + Namespaces parser for the documents federation reads (SAML metadata and
/// responses). UTF-8 only. Document type declarations are refused outright, so there are no external
/// entities and no entity expansion; only the five predefined entities and character references are
/// known. Line ends and attribute whitespace are normalized as XML 1.0 requires, which is what
/// canonicalization and signatures expect.
public struct XMLTreeParser {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    let bytes: [UInt8]
    let limits: XMLTreeLimits
    var index = 0
    var elementCount = 0

    public static func parse(_ text: String, limits: XMLTreeLimits) throws(XMLTreeError) -> XMLTree {
        let bytes = Array(text.utf8)
        guard bytes.count <= limits.maximumBytes else {
            throw XMLTreeError(message: "the document is longer than \(limits.maximumBytes) bytes", offset: 0)
        }
        var parser = XMLTreeParser(bytes: bytes, limits: limits)
        return try parser.document()
    }

    public static func parse(bytes: [UInt8], limits: XMLTreeLimits) throws(XMLTreeError) -> XMLTree {
        guard bytes.count <= limits.maximumBytes else {
            throw XMLTreeError(message: "the document is longer than \(limits.maximumBytes) bytes", offset: 0)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw XMLTreeError(message: "the document is not valid UTF-8", offset: 0)
        }
        return try parse(text, limits: limits)
    }

    func fail(_ message: String) -> XMLTreeError { XMLTreeError(message: message, offset: index) }

    // MARK: Document

    mutating func document() throws(XMLTreeError) -> XMLTree {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if starts(with: "<?xml") && index + 5 < bytes.count && isSpace(bytes[index + 5]) {
            try xmlDeclaration()
        }
        var root: XMLTreeElement?
        while true {
            skipSpace()
            guard index < bytes.count else { break }
            if starts(with: "<!--") {
                _ = try comment()
            } else if starts(with: "<?") {
                _ = try processingInstruction()
            } else if starts(with: "<!DOCTYPE") || starts(with: "<!") {
                throw fail("document type declarations are not allowed")
            } else if bytes[index] == UInt8(ascii: "<") {
                guard root == nil else { throw fail("the document has more than one root element") }
                root = try element(depth: 1, inherited: [:])
            } else {
                throw fail("text is not allowed outside the root element")
            }
        }
        guard let root else { throw fail("the document has no root element") }
        return XMLTree(root: root)
    }

    mutating func xmlDeclaration() throws(XMLTreeError) {
        guard let end = find("?>", from: index) else { throw fail("unterminated XML declaration") }
        let declaration = String(decoding: bytes[index..<end], as: UTF8.self).lowercased()
        if let range = declaration.range(of: "encoding") {
            let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            guard rest.hasPrefix("utf-8") || rest.hasPrefix("utf8") else {
                throw fail("only UTF-8 documents are accepted")
            }
        }
        index = end + 2
    }

    // MARK: Elements

    mutating func element(depth: Int, inherited: [String: String]) throws(XMLTreeError) -> XMLTreeElement {
        guard depth <= limits.maximumDepth else { throw fail("elements are nested deeper than \(limits.maximumDepth)") }
        elementCount += 1
        guard elementCount <= limits.maximumElements else {
            throw fail("the document has more than \(limits.maximumElements) elements")
        }
        let order = elementCount - 1
        index += 1  // "<"
        let qname = try name()
        var raw: [(name: String, value: String, offset: Int)] = []
        var selfClosing = false
        while true {
            let hadSpace = skipSpace()
            guard index < bytes.count else { throw fail("unterminated start tag <\(qname)>") }
            if bytes[index] == UInt8(ascii: ">") { index += 1; break }
            if starts(with: "/>") { index += 2; selfClosing = true; break }
            guard hadSpace else { throw fail("attributes must be separated by white space") }
            let offset = index
            let attributeName = try name()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("expected = after \(attributeName)") }
            index += 1
            skipSpace()
            raw.append((attributeName, try attributeValue(), offset))
            guard raw.count <= limits.maximumAttributesPerElement else { throw fail("too many attributes on <\(qname)>") }
        }
        var scope = inherited
        var attributes: [XMLTreeAttribute] = []
        var pending: [(name: String, value: String, offset: Int)] = []
        for attribute in raw {
            if attribute.name == "xmlns" {
                guard attribute.value != Self.xmlNamespace, attribute.value != Self.xmlnsNamespace else {
                    throw XMLTreeError(message: "reserved namespace bound to the default prefix", offset: attribute.offset)
                }
                scope[""] = attribute.value.isEmpty ? nil : attribute.value
            } else if attribute.name.hasPrefix("xmlns:") {
                let prefix = String(attribute.name.dropFirst(6))
                guard !prefix.isEmpty, !prefix.contains(":"), prefix != "xmlns", !attribute.value.isEmpty else {
                    throw XMLTreeError(message: "invalid namespace declaration \(attribute.name)", offset: attribute.offset)
                }
                if prefix == "xml" {
                    guard attribute.value == Self.xmlNamespace else {
                        throw XMLTreeError(message: "the xml prefix is bound to another namespace", offset: attribute.offset)
                    }
                    continue
                }
                guard attribute.value != Self.xmlNamespace, attribute.value != Self.xmlnsNamespace else {
                    throw XMLTreeError(message: "reserved namespace bound to \(prefix)", offset: attribute.offset)
                }
                scope[prefix] = attribute.value
            } else {
                pending.append(attribute)
            }
        }
        var seen: Set<XMLExpandedName> = []
        for attribute in pending {
            let resolved = try resolve(attribute.name, scope, isAttribute: true, offset: attribute.offset)
            guard seen.insert(XMLExpandedName(resolved)).inserted else {
                throw XMLTreeError(message: "attribute \(attribute.name) is repeated", offset: attribute.offset)
            }
            attributes.append(XMLTreeAttribute(name: resolved, value: attribute.value))
        }
        let resolvedName = try resolve(qname, scope, isAttribute: false, offset: index)
        var result = XMLTreeElement(name: resolvedName, attributes: attributes, namespacesInScope: scope, children: [],
                                    order: order)
        if !selfClosing {
            result.children = try content(of: qname, depth: depth, scope: scope)
        }
        return result
    }

    mutating func content(of qname: String, depth: Int, scope: [String: String]) throws(XMLTreeError) -> [XMLTreeNode] {
        var children: [XMLTreeNode] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty {
                children.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        while true {
            guard index < bytes.count else { throw fail("element <\(qname)> is not closed") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if starts(with: "</") {
                    flush()
                    index += 2
                    let closing = try name()
                    guard closing == qname else { throw fail("</\(closing)> does not close <\(qname)>") }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("malformed end tag") }
                    index += 1
                    return children
                } else if starts(with: "<!--") {
                    flush()
                    children.append(.comment(try comment()))
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    guard let end = find("]]>", from: index) else { throw fail("unterminated CDATA section") }
                    appendNormalizingLineEnds(bytes[index..<end], to: &text)
                    index = end + 3
                } else if starts(with: "<?") {
                    flush()
                    let pi = try processingInstruction()
                    children.append(.processingInstruction(target: pi.target, data: pi.data))
                } else if starts(with: "<!") {
                    throw fail("document type declarations are not allowed")
                } else {
                    flush()
                    children.append(.element(try element(depth: depth + 1, inherited: scope)))
                }
            } else if byte == UInt8(ascii: "&") {
                text.append(contentsOf: try reference())
            } else if byte == UInt8(ascii: "\r") {
                text.append(UInt8(ascii: "\n"))
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
            } else {
                if byte == UInt8(ascii: ">"), text.count >= 2, text.suffix(2) == [UInt8(ascii: "]"), UInt8(ascii: "]")] {
                    throw fail("]]> is not allowed in text")
                }
                try checkCharacter(byte)
                text.append(byte)
                index += 1
            }
        }
    }

    mutating func attributeValue() throws(XMLTreeError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw fail("attribute values must be quoted")
        }
        let quote = bytes[index]
        index += 1
        var value: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated attribute value") }
            let byte = bytes[index]
            if byte == quote { index += 1; break }
            switch byte {
            case UInt8(ascii: "<"):
                throw fail("< is not allowed in attribute values")
            case UInt8(ascii: "&"):
                value.append(contentsOf: try reference())
            case UInt8(ascii: "\r"):
                value.append(UInt8(ascii: " "))
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                value.append(UInt8(ascii: " "))
                index += 1
            default:
                try checkCharacter(byte)
                value.append(byte)
                index += 1
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// `&name;` or `&#N;` / `&#xN;`, as UTF-8.
    mutating func reference() throws(XMLTreeError) -> [UInt8] {
        guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw fail("unterminated entity or character reference")
        }
        let body = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        switch body {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default: break
        }
        var value: UInt32?
        if body.hasPrefix("#x") {
            value = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#") {
            value = UInt32(body.dropFirst(1), radix: 10)
        } else {
            throw fail("unknown entity &\(body.prefix(20));")
        }
        guard let value, let scalar = Unicode.Scalar(value), Self.isXMLCharacter(scalar),
              !body.contains("+"), !body.contains("-") else {
            throw fail("invalid character reference")
        }
        return Array(String(Character(scalar)).utf8)
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    func checkCharacter(_ byte: UInt8) throws(XMLTreeError) {
        if byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD {
            throw fail("control characters are not allowed in XML")
        }
    }

    // MARK: Comments and processing instructions

    mutating func comment() throws(XMLTreeError) -> String {
        index += 4
        guard let end = find("--", from: index) else { throw fail("unterminated comment") }
        guard end + 2 < bytes.count, bytes[end + 2] == UInt8(ascii: ">") else { throw fail("-- is not allowed in comments") }
        var text: [UInt8] = []
        appendNormalizingLineEnds(bytes[index..<end], to: &text)
        index = end + 3
        return String(decoding: text, as: UTF8.self)
    }

    mutating func processingInstruction() throws(XMLTreeError) -> (target: String, data: String) {
        index += 2
        let target = try name()
        guard target.lowercased() != "xml" else { throw fail("the XML declaration must come first") }
        guard let end = find("?>", from: index) else { throw fail("unterminated processing instruction") }
        var data: [UInt8] = []
        appendNormalizingLineEnds(bytes[index..<end], to: &data)
        index = end + 2
        let trimmed = data.drop(while: isSpace)
        guard trimmed.count == data.count ? data.isEmpty : true else { throw fail("malformed processing instruction") }
        return (target, String(decoding: trimmed, as: UTF8.self))
    }

    // MARK: Names and namespaces

    mutating func name() throws(XMLTreeError) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index], first: index == start) { index += 1 }
        guard index > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
             UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    func resolve(_ qname: String, _ scope: [String: String], isAttribute: Bool, offset: Int) throws(XMLTreeError) -> XMLQualifiedName {
        let parts = qname.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
            return XMLQualifiedName(prefix: "", localName: qname, namespaceURI: isAttribute ? "" : scope[""] ?? "")
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty:
            let prefix = String(parts[0])
            if prefix == "xml" { return XMLQualifiedName(prefix: prefix, localName: String(parts[1]), namespaceURI: Self.xmlNamespace) }
            guard let uri = scope[prefix] else {
                throw XMLTreeError(message: "namespace prefix \(prefix) is not declared", offset: offset)
            }
            return XMLQualifiedName(prefix: prefix, localName: String(parts[1]), namespaceURI: uri)
        default:
            throw XMLTreeError(message: "malformed qualified name", offset: offset)
        }
    }

    // MARK: Bytes

    func starts(with literal: String) -> Bool {
        let utf8 = literal.utf8
        guard index + utf8.count <= bytes.count else { return false }
        return zip(bytes[index...], utf8).allSatisfy { $0 == $1 }
    }

    func find(_ literal: String, from start: Int) -> Int? {
        let needle = Array(literal.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = index
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index > start
    }

    func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x9 || byte == 0xA || byte == 0xD
    }

    func appendNormalizingLineEnds(_ slice: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var previousCR = false
        for byte in slice {
            if byte == 0xD {
                out.append(0xA)
                previousCR = true
            } else {
                if !(byte == 0xA && previousCR) { out.append(byte) }
                previousCR = false
            }
        }
    }
}

/// An attribute's identity for the uniqueness rule: namespace and local name.
struct XMLExpandedName: Hashable {
    var namespaceURI: String
    var localName: String
    init(_ name: XMLQualifiedName) {
        namespaceURI = name.namespaceURI
        localName = name.localName
    }
}
