/// What an action leaves for the page it renders directly (instead of redirecting): a notice,
/// a plain error line, or a failed API call (a denial box or an error line).
enum IAMPageMessage: Sendable {
    case notice(String)
    case error(String)
    case failure(ConsoleClient.Failure)
    /// Some steps were done (the notice), then a call failed.
    case partial(String, ConsoleClient.Failure)

    /// Puts the message in the frame; returns the page status it implies.
    func apply(to layout: inout ConsoleLayout) -> Int {
        switch self {
        case .notice(let text):
            layout.notice = text
            return 200
        case .error(let text):
            layout.error = text
            return 400
        case .failure(let failure):
            layout.show(failure)
            return failure.status
        case .partial(let done, let failure):
            layout.notice = done
            layout.show(failure)
            return failure.status
        }
    }
}

/// A tab of a detail page (`?tab=`).
struct IAMTab: Sendable {
    var id: String
    var label: String
    var href: String
    var current: Bool

    static func tabs(_ base: String, _ items: [(String, String)], current: String) -> [IAMTab] {
        items.map { IAMTab(id: "tab-" + $0.0, label: $0.1, href: base + "?tab=" + $0.0, current: $0.0 == current) }
    }
}
