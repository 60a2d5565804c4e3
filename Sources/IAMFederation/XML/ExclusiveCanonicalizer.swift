/// Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) of an element's subtree,
/// as XML signatures over SAML use it. Namespace declarations are rendered where they are visibly
/// used (or listed in the InclusiveNamespaces prefix list) and not already in force in the output;
/// attributes are sorted by namespace URI then local name; text and attribute values are escaped as
/// the specification says. Comments are kept only when asked for.
public struct ExclusiveCanonicalizer: Sendable {
    /// The `InclusiveNamespaces PrefixList` (`#default` stands for the default namespace).
    public var inclusivePrefixes: Set<String>
    public var withComments: Bool

    public init(inclusivePrefixes: Set<String> = [], withComments: Bool = false) {
        self.inclusivePrefixes = inclusivePrefixes
        self.withComments = withComments
    }

    /// The canonical form of `apex` and its descendants, leaving out the element whose `order` is
    /// `excluding` (the enveloped signature) with its subtree.
    public func canonicalize(_ apex: XMLTreeElement, excluding: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4_096)
        render(apex, rendered: [:], excluding: excluding, into: &out)
        return out
    }

    func render(_ element: XMLTreeElement, rendered: [String: String], excluding: Int?, into out: inout [UInt8]) {
        var needed: [String: String] = [:]
        needed[element.name.prefix] = element.name.namespaceURI
        for attribute in element.attributes where !attribute.name.prefix.isEmpty {
            needed[attribute.name.prefix] = attribute.name.namespaceURI
        }
        for prefix in inclusivePrefixes {
            let key = prefix == "#default" ? "" : prefix
            if let uri = element.namespacesInScope[key] { needed[key] = uri }
        }
        needed["xml"] = nil
        var scope = rendered
        var declarations: [(prefix: String, uri: String)] = []
        for (prefix, uri) in needed {
            let current = rendered[prefix] ?? ""
            if prefix.isEmpty {
                if uri != current { declarations.append((prefix, uri)) }
            } else if rendered[prefix] != uri {
                declarations.append((prefix, uri))
            }
            scope[prefix] = uri
        }
        declarations.sort { Array($0.prefix.utf8).lexicographicallyPrecedes(Array($1.prefix.utf8)) }
        let attributes = element.attributes.sorted { a, b in
            if a.name.namespaceURI != b.name.namespaceURI {
                return Array(a.name.namespaceURI.utf8).lexicographicallyPrecedes(Array(b.name.namespaceURI.utf8))
            }
            return Array(a.name.localName.utf8).lexicographicallyPrecedes(Array(b.name.localName.utf8))
        }

        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: element.name.qualified.utf8)
        for declaration in declarations {
            out.append(contentsOf: (declaration.prefix.isEmpty ? " xmlns=\"" : " xmlns:\(declaration.prefix)=\"").utf8)
            Self.escapeAttribute(declaration.uri, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        for attribute in attributes {
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: attribute.name.qualified.utf8)
            out.append(contentsOf: "=\"".utf8)
            Self.escapeAttribute(attribute.value, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
        for child in element.children {
            switch child {
            case .element(let inner):
                if inner.order != excluding { render(inner, rendered: scope, excluding: excluding, into: &out) }
            case .text(let text):
                Self.escapeText(text, into: &out)
            case .comment(let text):
                if withComments {
                    out.append(contentsOf: "<!--".utf8)
                    out.append(contentsOf: text.utf8)
                    out.append(contentsOf: "-->".utf8)
                }
            case .processingInstruction(let target, let data):
                out.append(contentsOf: "<?\(target)".utf8)
                if !data.isEmpty {
                    out.append(UInt8(ascii: " "))
                    out.append(contentsOf: data.utf8)
                }
                out.append(contentsOf: "?>".utf8)
            }
        }
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: element.name.qualified.utf8)
        out.append(UInt8(ascii: ">"))
    }

    static func escapeText(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case 0xD: out.append(contentsOf: "&#xD;".utf8)
            default: out.append(byte)
            }
        }
    }

    static func escapeAttribute(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x9: out.append(contentsOf: "&#x9;".utf8)
            case 0xA: out.append(contentsOf: "&#xA;".utf8)
            case 0xD: out.append(contentsOf: "&#xD;".utf8)
            default: out.append(byte)
            }
        }
    }
}
