import IAMPolicy

/// `redundantStatement` (SUGGESTION, Access Analyzer's REDUNDANT_STATEMENT): a statement that an
/// earlier one with the same effect already covers — every action, every resource, the same
/// principal, and at least the earlier statement's conditions — so it changes no decision.
enum StatementRedundancy {
    static func check(_ statements: [Statement], _ out: inout [PolicyDiagnostic]) {
        let shapes = statements.map(Shape.init)
        for later in shapes.indices {
            guard let earlier = shapes[..<later].indices.first(where: { shapes[$0].covers(shapes[later]) }) else { continue }
            let statement = statements[later]
            let verb = statement.effect == .allow ? "allows" : "denies"
            out.append(.finding(.suggestion, "redundantStatement",
                                "\(LintContext.label(statement)) is redundant: the earlier \(LintContext.label(statements[earlier])) already \(verb) everything it does",
                                at: statement.location, pointer: statement.pointer))
        }
    }

    /// A statement reduced to what coverage compares.
    private struct Shape {
        var effect: Effect
        var actions: [String]
        var actionIsNegated: Bool
        var resources: [String]?
        var resourceIsNegated: Bool
        var principal: String
        var conditions: Set<String>

        init(_ statement: Statement) {
            effect = statement.effect
            actions = statement.actions.map { $0.value.lowercased() }
            actionIsNegated = statement.actionIsNegated
            resources = statement.resources?.map(\.value)
            resourceIsNegated = statement.resourceIsNegated
            principal = Self.principalKey(statement)
            conditions = Set(statement.conditions.map { c in
                c.conditionOperator.name + "\u{0}" + c.key.value.lowercased() + "\u{0}"
                    + c.values.map(\.value.text).sorted().joined(separator: "\u{0}")
            })
        }

        /// Whether every request `other` matches, this matches too.
        func covers(_ other: Shape) -> Bool {
            effect == other.effect && principal == other.principal && conditions.isSubset(of: other.conditions)
                && coversActions(other) && coversResources(other)
        }

        private func coversActions(_ other: Shape) -> Bool {
            switch (actionIsNegated, other.actionIsNegated) {
            case (false, false):
                return other.actions.allSatisfy { a in actions.contains { LintContext.covers($0, a) } }
            case (true, true):
                // The other excludes at least everything this excludes.
                return actions.allSatisfy { a in other.actions.contains { LintContext.covers($0, a) } }
            case (true, false):
                // Named actions (no wildcards) that this statement does not exclude.
                return other.actions.allSatisfy { a in
                    !a.contains("*") && !a.contains("?") && !actions.contains { LintContext.covers($0, a) }
                }
            case (false, true):
                return false
            }
        }

        private func coversResources(_ other: Shape) -> Bool {
            switch (resources, other.resources) {
            case (nil, nil):
                return true
            case (let mine?, let theirs?) where resourceIsNegated == other.resourceIsNegated:
                if resourceIsNegated { return Set(mine) == Set(theirs) }
                return theirs.allSatisfy { r in mine.contains { ElementRedundancy.covers($0, r) } }
            default:
                return false
            }
        }

        private static func principalKey(_ statement: Statement) -> String {
            let negation = statement.principalIsNegated ? "!" : ""
            switch statement.principal {
            case nil: return ""
            case .everyone: return negation + "*"
            case .identifiers(let byKind):
                let entries = byKind.flatMap { kind, values in values.map { kind.rawValue + ":" + $0.value } }
                return negation + entries.sorted().joined(separator: ",")
            }
        }
    }
}
