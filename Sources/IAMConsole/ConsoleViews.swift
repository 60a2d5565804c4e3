import Foundation
import Mustache

/// The templates (`Templates/*.mustache`) and static files (`Static/`), loaded once at start.
struct ConsoleViews: Sendable {
    struct MissingResources: Error, CustomStringConvertible {
        var description: String
    }

    let library: MustacheLibrary
    let statics: [String: (contentType: String, body: String)]

    static func load() async throws -> ConsoleViews {
        guard let root = Bundle.module.resourcePath else { throw MissingResources(description: "console resources not found") }
        let library = try await MustacheLibrary(directory: root + "/Templates")
        var statics: [String: (String, String)] = [:]
        for (name, type) in [("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8")] {
            let body = try String(contentsOfFile: root + "/Static/" + name, encoding: .utf8)
            statics[name] = (type, body)
        }
        return ConsoleViews(library: library, statics: statics)
    }

    func render(_ template: String, _ model: Any) -> String {
        library.render(model, withTemplate: template) ?? "<!doctype html><p>Missing template \(template)</p>"
    }
}
