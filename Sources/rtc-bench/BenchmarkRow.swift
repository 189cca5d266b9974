/// One measured line of the table: a wrapper's time per operation beside the same native call in C.
struct BenchmarkRow: Codable, Sendable {
    /// What one operation is, e.g. "SRTP protect AEAD_AES_128_GCM, 160 B payload".
    let operation: String
    /// Median nanoseconds per operation of the Swift wrapper.
    let swiftNanoseconds: Double
    /// Median nanoseconds per operation of the C loop; nil for Swift-only rows.
    let cNanoseconds: Double?
    /// Median of the per-round Swift/C ratios (each round runs both back to back); nil for Swift-only rows.
    let ratio: Double?
    /// The most `ratio` may be; nil for Swift-only rows.
    let targetRatio: Double?
    /// Timed rounds behind each median.
    let rounds: Int
    /// Operations per round.
    let iterations: Int

    /// Whether the row has a target and meets it.
    var meetsTarget: Bool? {
        guard let ratio, let targetRatio else { return nil }
        return ratio <= targetRatio
    }
}
