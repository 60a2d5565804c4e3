/// What every page's frame shows: the top bar (account, user menu, region, services), the left
/// navigation, messages, and the CSRF token its forms carry.
struct ConsoleLayout: Sendable {
    struct NavItem: Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    struct Denial: Sendable {
        var code: String
        var message: String
        var explanation: String?
    }

    var title: String
    var signedIn = false
    var accountLabel = ""
    var userLabel = ""
    var isRoot = false
    var mfaLabel = ""
    var region = "us-east-1"
    var regions: [Option] = []
    var csrf = ""
    var section = ""
    var nav: [NavItem] = []
    var notice: String?
    var error: String?
    var denial: Denial?

    init(title: String) {
        self.title = title
    }

    /// Records a failed call: a denial box for AccessDenied/UnauthorizedOperation, else an error line.
    mutating func show(_ failure: ConsoleClient.Failure) {
        if failure.isDenial {
            denial = Denial(code: failure.code, message: failure.message, explanation: failure.explanation)
        } else {
            error = "\(failure.code): \(failure.message)"
        }
    }
}

/// An `<option>` of a `<select>`.
struct Option: Sendable {
    var value: String
    var label: String
    var selected: Bool

    init(_ value: String, _ label: String? = nil, selected: Bool = false) {
        self.value = value
        self.label = label ?? value
        self.selected = selected
    }
}
