/// One row to measure: the Swift wrapper's loop and, when there is one, the same native calls in a C loop.
///
/// The operations per round are calibrated first (doubling until a run takes a quarter of the round
/// budget), which also warms both sides up. Each round then runs both sides back to back with the same
/// count, alternating which goes first, so drift in the machine's speed hits both alike.
struct BenchmarkCase {
    /// The row's label.
    let operation: String
    /// The Swift loop: runs the given number of operations, returns nanoseconds per operation.
    let swift: (Int) throws -> Double
    /// The C loop, or nil for a Swift-only row: nanoseconds per operation, negative on failure.
    let native: ((Int32) -> Double)?
    /// The most Swift/C may be.
    let targetRatio: Double?

    /// Calibrates, then runs `rounds` timed rounds of about `roundNanoseconds` CPU time per side.
    func measure(rounds: Int, roundNanoseconds: Double) throws -> BenchmarkRow {
        let iterations = try calibrate(roundNanoseconds: roundNanoseconds)
        var swiftTimes: [Double] = [], nativeTimes: [Double] = [], ratios: [Double] = []
        for round in 0..<rounds {
            let swiftTime: Double, nativeTime: Double?
            if round % 2 == 0 {
                swiftTime = try swift(iterations)
                nativeTime = try runNative(iterations)
            } else {
                nativeTime = try runNative(iterations)
                swiftTime = try swift(iterations)
            }
            swiftTimes.append(swiftTime)
            if let nativeTime {
                nativeTimes.append(nativeTime)
                ratios.append(swiftTime / nativeTime)
            }
        }
        return BenchmarkRow(
            operation: operation, swiftNanoseconds: Self.median(swiftTimes),
            cNanoseconds: nativeTimes.isEmpty ? nil : Self.median(nativeTimes),
            ratio: ratios.isEmpty ? nil : Self.median(ratios),
            targetRatio: native == nil ? nil : targetRatio, rounds: rounds, iterations: iterations)
    }

    /// Operations that take about `roundNanoseconds` on the reference side (C, or Swift for Swift-only rows).
    private func calibrate(roundNanoseconds: Double) throws -> Int {
        var count = 8
        while true {
            let perOperation = try runNative(count) ?? swift(count)
            if perOperation * Double(count) >= roundNanoseconds / 4 || count >= 1 << 24 {
                _ = try swift(count)
                return max(1, Int(roundNanoseconds / perOperation))
            }
            count *= 2
        }
    }

    private func runNative(_ count: Int) throws -> Double? {
        guard let native else { return nil }
        let result = native(Int32(count))
        guard result >= 0 else { throw BenchError.nativeLoopFailed(operation: operation, code: result) }
        return result
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
