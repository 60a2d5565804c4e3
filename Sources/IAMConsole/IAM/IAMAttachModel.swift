/// The "Add permissions" page of a user or group: the policy picker and a submit button.
struct IAMAttachModel: Sendable {
    var layout: ConsoleLayout
    /// `user` or `group`.
    var kind: String
    var kindPlural: String
    var listHref: String
    var name: String
    var backHref: String
    var action: String
    var picker: PolicyPicker
}
