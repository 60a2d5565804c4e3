import AWSQuery
import IAMModel
import IAMPolicy

/// The simulator's `ContextEntries`: each key with its values, typed by `ContextKeyType` (`string`,
/// `numeric`, `boolean`, `date`, `ip`, `binary`, and their `List` forms, which make the key
/// multi-valued). Values are checked as their type's condition operators read them.
enum SimulationContext {
    static let types = ["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary",
                        "binaryList", "date", "dateList"]

    /// The request context the entries describe (a key given twice keeps its last values).
    static func parse(_ p: QueryParameters) throws -> RequestContext {
        var context = RequestContext()
        for (i, entry) in (try p.structureList("ContextEntries") ?? []).enumerated() {
            let field = "contextEntries.\(i + 1).member"
            guard let name = entry["ContextKeyName"] else {
                throw AWSServiceError.invalidInput("Context entry \(i + 1) has no ContextKeyName.")
            }
            guard (5...256).contains(name.count) else {
                let constraint = name.count < 5 ? "Member must have length greater than or equal to 5"
                    : "Member must have length less than or equal to 256"
                throw AWSServiceError.validationError(IAMNames.violation(String(name.prefix(256)), at: "\(field).contextKeyName", constraint))
            }
            guard let typeName = entry["ContextKeyType"] else {
                throw AWSServiceError.invalidInput("Context entry \(name) has no ContextKeyType.")
            }
            guard types.contains(typeName) else {
                throw AWSServiceError.validationError(IAMNames.violation(typeName, at: "\(field).contextKeyType",
                    "Member must satisfy enum value set: [\(types.joined(separator: ", "))]"))
            }
            let isList = typeName.hasSuffix("List")
            guard let type = ContextValue.ValueType(rawValue: isList ? String(typeName.dropLast(4)) : typeName) else {
                throw AWSServiceError.invalidInput("Invalid ContextKeyType \(typeName).")
            }
            let texts = try entry.list("ContextKeyValues") ?? []
            if !isList && texts.count != 1 {
                throw AWSServiceError.invalidInput(
                    "Context key \(name) of type \(typeName) needs exactly one value; use \(typeName)List for several.")
            }
            let values = try texts.map { text in
                guard let value = ContextValue(text, as: type) else {
                    throw AWSServiceError.invalidInput("Invalid value \(String(text.prefix(256))) for context key \(name) of type \(typeName).")
                }
                return value
            }
            if isList {
                context.set(name, values: values)
            } else if let value = values.first {
                context.set(name, value)
            }
        }
        return context
    }
}
