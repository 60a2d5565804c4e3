import Testing

@testable import IAMFederation

@Suite("Exclusive XML canonicalization")
struct ExclusiveCanonicalizerTests {
    func canonical(_ document: String, element path: [String] = [], prefixes: Set<String> = [], comments: Bool = false) throws -> String {
        var element = try XMLTreeParser.parse(document, limits: XMLTreeLimits(maximumBytes: 100_000)).root
        for name in path {
            element = try #require(element.childElements.first { $0.name.localName == name })
        }
        let bytes = ExclusiveCanonicalizer(inclusivePrefixes: prefixes, withComments: comments).canonicalize(element)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("The specification's example: only visibly used namespaces are rendered on the subtree")
    func specificationExample() throws {
        let document = #"<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>"#
        #expect(try canonical(document, element: ["elem2"])
                == #"<n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>"#)
        // With n3 in the InclusiveNamespaces PrefixList it is rendered where it is in scope.
        #expect(try canonical(document, element: ["elem2"], prefixes: ["n3"])
                == #"<n1:elem2 xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en"><n3:stuff></n3:stuff></n1:elem2>"#)
    }

    @Test("Attributes sort by namespace URI then local name; namespace declarations by prefix, the default first")
    func ordering() throws {
        let document = #"<r xmlns="urn:d" xmlns:z="urn:a" xmlns:a="urn:z" b="1" a:c="2" z:d="3" a="4"/>"#
        #expect(try canonical(document) == #"<r xmlns="urn:d" xmlns:a="urn:z" xmlns:z="urn:a" a="4" b="1" z:d="3" a:c="2"></r>"#)
    }

    @Test("Text and attribute values are escaped as the specification says; comments go unless asked for")
    func escaping() throws {
        let document = "<r a=\"&lt;&amp;&quot;&#9;&#10;&#13;&gt;'\">&lt;&amp;&gt;&#13;\"'<!--c--><?pi  data?><e/></r>"
        #expect(try canonical(document)
                == "<r a=\"&lt;&amp;&quot;&#x9;&#xA;&#xD;>'\">&lt;&amp;&gt;&#xD;\"'<?pi data?><e></e></r>")
        #expect(try canonical("<r><!--c--></r>", comments: true) == "<r><!--c--></r>")
    }

    @Test("An unprefixed element in no namespace under a default namespace gets xmlns=\"\"")
    func emptyDefault() throws {
        #expect(try canonical(#"<r xmlns="urn:a"><s xmlns=""><t/></s></r>"#) == #"<r xmlns="urn:a"><s xmlns=""><t></t></s></r>"#)
        #expect(try canonical(#"<r xmlns="urn:a"><s xmlns=""/></r>"#, element: ["s"]) == "<s></s>")
    }

    @Test("A declaration already in force in the output is not repeated; a changed one is")
    func redeclaration() throws {
        #expect(try canonical(#"<p:r xmlns:p="urn:a"><p:s xmlns:p="urn:a"><p:t xmlns:p="urn:b"/></p:s></p:r>"#)
                == #"<p:r xmlns:p="urn:a"><p:s><p:t xmlns:p="urn:b"></p:t></p:s></p:r>"#)
    }

    @Test("The excluded element (the enveloped signature) leaves nothing behind")
    func exclusion() throws {
        let tree = try XMLTreeParser.parse(#"<r ID="x"><a/><ds:Signature xmlns:ds="urn:ds"><b/></ds:Signature><c/></r>"#,
                                           limits: XMLTreeLimits(maximumBytes: 1_000))
        let signature = try #require(tree.root.childElements.first { $0.name.localName == "Signature" })
        let bytes = ExclusiveCanonicalizer().canonicalize(tree.root, excluding: signature.order)
        #expect(String(decoding: bytes, as: UTF8.self) == #"<r ID="x"><a></a><c></c></r>"#)
    }
}
