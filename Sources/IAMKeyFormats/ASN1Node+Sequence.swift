import SwiftASN1

extension ASN1Node {
    /// The elements of this node if it is a SEQUENCE, or nil for anything else.
    var sequenceElements: [ASN1Node]? {
        guard identifier == .sequence, case .constructed(let nodes) = content else { return nil }
        return Array(nodes)
    }
}
