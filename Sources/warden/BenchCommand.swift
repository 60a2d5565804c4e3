import ArgumentParser
import Foundation
import IAMPolicyTool

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (build with -c release).",
        subcommands: [PolicyBench.self])
}

struct PolicyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Policy decisions per second and latency percentiles on one core.")

    @Option(help: "The Force_MFA policy document (default: the tutorial's, built in).")
    var forceMFA: String?

    @Option(help: "Seconds of throughput measurement per workload.")
    var seconds: Double = 3

    func run() throws {
        let text: String
        if let forceMFA {
            text = try PolicySource.load(forceMFA).text
        } else {
            text = TutorialPolicies.forceMFA
        }
        let overhead = PolicyBenchmark.timerOverheadNanoseconds()
        print("| workload | statements | decisions/s | median | p99 | p99.9 | allowed/requests |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for workload in try PolicyBenchmark.workloads(forceMFA: text) {
            let r = PolicyBenchmark.run(workload, seconds: seconds)
            print("| \(r.workload) | \(r.statements) | \(Int(r.decisionsPerSecond)) | \(Int(r.medianNanoseconds)) ns | \(Int(r.p99Nanoseconds)) ns | \(Int(r.p999Nanoseconds)) ns | \(r.allowed)/\(r.requests) |")
        }
        print("\nlatencies include one clock-read pair (median \(Int(overhead)) ns); one thread")
    }
}
