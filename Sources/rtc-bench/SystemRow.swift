/// One measured figure of the system sections, beside the target targets.md sets for it.
struct SystemRow: Codable, Sendable {
    /// The section: "SFU forwarding", "Room lifecycle", "Concurrent participants".
    let section: String
    /// What was measured, with its conditions (e.g. "1 → 50, added latency p50 / p99").
    let measurement: String
    /// The measured value, formatted with its unit.
    let value: String
    /// The target from targets.md, or "—" when it sets none.
    let target: String
    /// Whether the value meets the target; nil when there is no target or the row is context.
    let met: Bool?

    /// A row with a target.
    init(_ section: String, _ measurement: String, value: String, target: String = "—", met: Bool? = nil) {
        self.section = section
        self.measurement = measurement
        self.value = value
        self.target = target
        self.met = met
    }
}
