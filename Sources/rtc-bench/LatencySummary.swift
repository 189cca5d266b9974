/// Percentiles of a set of latency samples (nearest rank), in nanoseconds.
struct LatencySummary: Codable, Sendable {
    /// Samples behind the figures.
    let count: Int
    /// Median.
    let p50: Double
    /// 99th percentile.
    let p99: Double
    /// Largest sample.
    let max: Double

    /// The summary of `samples`; all zero when there are none.
    init(_ samples: [Int64]) {
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.percentile(0.50, of: sorted)
        p99 = Self.percentile(0.99, of: sorted)
        max = Double(sorted.last ?? 0)
    }

    /// The nearest-rank percentile of sorted samples.
    private static func percentile(_ fraction: Double, of sorted: [Int64]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return Double(sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))])
    }

    /// "p50 / p99" in milliseconds, e.g. "0.081 / 0.412 ms".
    var milliseconds: String {
        Self.milliseconds(p50) + " / " + Self.milliseconds(p99) + " ms"
    }

    /// Nanoseconds as milliseconds: three decimals below 1 ms, two below 10 ms, one above.
    static func milliseconds(_ nanoseconds: Double) -> String {
        let value = nanoseconds / 1e6
        return ResultTable.fixed(value, abs(value) < 1 ? 3 : abs(value) < 10 ? 2 : 1)
    }
}
