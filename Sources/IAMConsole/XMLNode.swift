import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed API response: the console reads the same XML the API sends.
struct XMLNode: Sendable {
    var name: String
    var text: String = ""
    var children: [XMLNode] = []

    /// The first descendant (depth first) with this element name.
    func first(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// The text of the first descendant with this name, or "".
    func text(_ name: String) -> String { first(name)?.text ?? "" }

    /// The items of a list element (`member` in IAM, `item` in EC2).
    func list(_ name: String) -> [XMLNode] { first(name)?.children ?? [] }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    static func parse(_ xml: String) -> XMLNode? {
        let delegate = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        return delegate.stack.first?.children.first
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = [XMLNode(name: "#document")]

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(XMLNode(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard stack.count > 1, var done = stack.popLast() else { return }
            if !done.children.isEmpty { done.text = "" }
            stack[stack.count - 1].children.append(done)
        }
    }
}
