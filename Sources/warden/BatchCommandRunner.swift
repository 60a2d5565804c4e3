import ArgumentParser
import Foundation
import IAMPolicyTool

/// Streams a JSON-lines file through `BatchSimulator`, writing decisions as they come and the
/// throughput to standard error.
enum BatchCommandRunner {
    static func run(batch: String, policySet: String) throws {
        guard let data = FileManager.default.contents(atPath: policySet) else {
            throw ValidationError("cannot read the policy set `\(policySet)`")
        }
        var simulator: BatchSimulator
        do {
            simulator = try BatchSimulator(policySet: String(decoding: data, as: UTF8.self))
        } catch {
            throw ValidationError(error.description)
        }
        let input: UnsafeMutablePointer<FILE>?
        if batch == "-" {
            input = fdopen(0, "r")
        } else {
            input = fopen(batch, "r")
        }
        guard let input else { throw ValidationError("cannot open `\(batch)`") }
        defer { if batch != "-" { fclose(input) } }
        let clock = ContinuousClock()
        let start = clock.now
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while true {
            let length = getline(&buffer, &capacity, input)
            guard length >= 0, let buffer else { break }
            let line = String(cString: buffer).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            print(simulator.process(line: line))
        }
        fflush(nil)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let total = simulator.evaluated + simulator.failed
        let rate = seconds > 0 ? Double(total) / seconds : 0
        FileHandle.standardError.write(Data(
            "warden: \(simulator.evaluated) decisions, \(simulator.failed) failed lines in \(String(format: "%.3f", seconds)) s (\(Int(rate)) lines/s)\n".utf8))
        if simulator.failed > 0 { throw ExitCode(1) }
    }
}
