/// A parsed XML document as an immutable tree, with namespaces resolved. Built by `XMLTreeParser`;
/// read by the canonicalizer, the signature verifier and the SAML readers.
public struct XMLTree: Sendable {
    public var root: XMLTreeElement
}

/// An element or attribute name: its prefix as written (empty for none), local part and namespace.
public struct XMLQualifiedName: Sendable, Hashable {
    public var prefix: String
    public var localName: String
    /// Empty for names in no namespace.
    public var namespaceURI: String

    /// The name as written: `prefix:local` or `local`.
    public var qualified: String { prefix.isEmpty ? localName : "\(prefix):\(localName)" }

    public func `is`(_ localName: String, in namespaceURI: String) -> Bool {
        self.localName == localName && self.namespaceURI == namespaceURI
    }
}

public struct XMLTreeAttribute: Sendable, Hashable {
    public var name: XMLQualifiedName
    /// The normalized value (entity and character references replaced).
    public var value: String
}

/// A child of an element.
public enum XMLTreeNode: Sendable {
    case element(XMLTreeElement)
    case text(String)
    case comment(String)
    case processingInstruction(target: String, data: String)
}

public struct XMLTreeElement: Sendable {
    public var name: XMLQualifiedName
    /// Attributes in document order, without namespace declarations.
    public var attributes: [XMLTreeAttribute]
    /// Namespaces in scope here (prefix → URI; the default namespace under ""), including the
    /// ancestors' declarations. `xml` is implied and not listed.
    public var namespacesInScope: [String: String]
    public var children: [XMLTreeNode]
    /// The element's position in document order (0 for the root): identifies it within its tree.
    public var order: Int

    /// The value of the attribute `localName` in no namespace.
    public func attribute(_ localName: String) -> String? {
        attributes.first { $0.name.localName == localName && $0.name.namespaceURI.isEmpty }?.value
    }

    public var childElements: [XMLTreeElement] {
        children.compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    public func children(_ localName: String, in namespaceURI: String) -> [XMLTreeElement] {
        childElements.filter { $0.name.is(localName, in: namespaceURI) }
    }

    public func firstChild(_ localName: String, in namespaceURI: String) -> XMLTreeElement? {
        childElements.first { $0.name.is(localName, in: namespaceURI) }
    }

    /// The concatenated text of the direct text children.
    public var text: String {
        children.reduce(into: "") { out, node in if case .text(let t) = node { out += t } }
    }

    /// Every element of the subtree, this one first, in document order.
    public func descendantsAndSelf() -> [XMLTreeElement] {
        var out: [XMLTreeElement] = []
        var stack: [XMLTreeElement] = [self]
        while let next = stack.popLast() {
            out.append(next)
            stack.append(contentsOf: next.childElements.reversed())
        }
        return out
    }
}
