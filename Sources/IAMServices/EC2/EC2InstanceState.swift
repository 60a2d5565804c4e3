/// AWS's instance state machine (pending → running → stopping → stopped → pending …,
/// shutting-down → terminated). Transitions complete after a short delay, computed when the
/// instance is read, so no background work is needed.
enum EC2InstanceState {
    static let transitionSeconds: Int64 = 2
    /// Terminated instances stay visible for an hour, as on AWS.
    static let terminatedVisibleSeconds: Int64 = 3_600

    static let codes: [String: Int] = [
        "pending": 0, "running": 16, "shutting-down": 32, "terminated": 48, "stopping": 64, "stopped": 80,
    ]

    /// The state after any transition that has completed by `now`.
    static func settle(_ instance: inout EC2Instance, now: Int64) {
        guard now - instance.stateSince >= transitionSeconds else { return }
        let done = instance.stateSince + transitionSeconds
        switch instance.state {
        case "pending": set(&instance, "running", at: done)
        case "stopping":
            set(&instance, "stopped", at: done)
            instance.publicIpAddress = nil
        case "shutting-down":
            set(&instance, "terminated", at: done)
            instance.publicIpAddress = nil
        default: break
        }
    }

    static func set(_ instance: inout EC2Instance, _ state: String, at time: Int64) {
        instance.state = state
        instance.stateSince = time
    }

    static func isGone(_ instance: EC2Instance, now: Int64) -> Bool {
        instance.state == "terminated" && now - instance.stateSince > terminatedVisibleSeconds
    }
}
