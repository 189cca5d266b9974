import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// A network namespace for the server, joined to the root namespace (where the test's clients
/// run) by a veth pair on its own /24, and a second namespace for client processes (the "peer"
/// side, `rtc-client` run with ``peerCommand(_:)``) joined to the server's by another pair, so that
/// impairing the root link leaves the peer's untouched. ``remove()`` deletes both namespaces with
/// their pairs and every rule in them.
///
/// The link is impaired on the clients' uplink (root → server namespace, which every client in
/// the root namespace shares): with `tc netem` on the root-side veth where the kernel has it,
/// otherwise with `iptables` in the server namespace's INPUT: an NFQUEUE rule and ``LinkImpairer``
/// for loss with delay and jitter, a `statistic` match for loss alone (and where the impairer cannot
/// run); a cut also drops the root side's INPUT from the pair.
final class FaultNetwork: Sendable {
    /// How the link is impaired on this machine.
    enum Impairment: Sendable, Equatable {
        case netem, iptables(String)
    }

    /// The server namespace's name, `rtcf-<pid>-<n>`, and the peer namespace's, `rtcf-<pid>-<n>p`.
    let namespace: String
    let peerNamespace: String
    /// The veth end in the root namespace and the one in the server namespace.
    let hostSide: String
    let serverSide: String
    /// The server's address (inside the namespace) and the root namespace's.
    let serverAddress: String
    let hostAddress: String
    let impairment: Impairment
    private let removed = NIOLockedValueBox(false)
    /// The running impairer while a delayed shape is on (iptables only).
    private let impairer = NIOLockedValueBox<LinkImpairer?>(nil)
    /// How the current shape is applied, for the test's output.
    private let shaping = NIOLockedValueBox("")
    private static let counter = Atomic<Int>(0)

    /// Why these tests cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "FaultTests skipped: they need root (ip netns, veth, tc/iptables)" }
        guard Shell.which("ip") != nil else { return "FaultTests skipped: `ip` (iproute2) is not installed" }
        guard canImpair else {
            return "FaultTests skipped: this kernel has no tc netem and `iptables` is not installed or does not work in a namespace"
        }
        return nil
    }()

    /// Whether netem or iptables works here, tried in a throwaway namespace.
    private static var canImpair: Bool {
        let probe = "rtcf-\(getpid())-probe"
        guard Shell.run("ip", ["netns", "add", probe]).status == 0 else { return false }
        defer { Shell.run("ip", ["netns", "del", probe]) }
        Shell.run("ip", ["-n", probe, "link", "set", "lo", "up"])
        return Shell.run("tc", ["-n", probe, "qdisc", "add", "dev", "lo", "root", "netem", "delay", "0ms"]).status == 0
            || ["iptables", "iptables-legacy"].contains { Shell.run("ip", ["netns", "exec", probe, $0, "-S"]).status == 0 }
    }

    /// Whether the tests can run; prints why not when they cannot.
    static var available: Bool {
        if let unavailableReason { print(unavailableReason) }
        return unavailableReason == nil
    }

    /// Creates the namespace, the veth pair and the addresses, and checks which impairment works.
    init() throws {
        Self.sweepOnce
        let n = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        let pid = Int(getpid())
        namespace = "rtcf-\(pid)-\(n)"
        peerNamespace = "\(namespace)p"
        let tag = "\(pid % 100_000)x\(n)"
        hostSide = "rf\(tag)h"
        serverSide = "rf\(tag)s"
        let prefix = "10.\(200 + pid % 50)"
        let subnet = "\(prefix).\(2 * (n % 120))"
        let peerSubnet = "\(prefix).\(2 * (n % 120) + 1)"
        serverAddress = "\(subnet).1"
        hostAddress = "\(subnet).2"
        impairment = try Self.build(
            namespace: namespace, peerNamespace: peerNamespace, tag: tag, subnet: subnet, peerSubnet: peerSubnet)
    }

    /// Creates the namespaces, veth pairs, addresses and routes; returns the impairment that works
    /// here. Deletes what it made when a step fails.
    private static func build(namespace: String, peerNamespace: String, tag: String, subnet: String, peerSubnet: String) throws -> Impairment {
        let hostSide = "rf\(tag)h"
        let serverSide = "rf\(tag)s"
        let serverAddress = "\(subnet).1"
        let hostAddress = "\(subnet).2"
        try Shell.must("ip", ["netns", "add", namespace])
        do {
            try Shell.must("ip", ["netns", "add", peerNamespace])
            try Shell.must("ip", ["link", "add", "rf\(tag)p", "type", "veth", "peer", "name", "rf\(tag)q"])
            try Shell.must("ip", ["link", "set", "rf\(tag)p", "netns", peerNamespace])
            try Shell.must("ip", ["link", "set", "rf\(tag)q", "netns", namespace])
            try Shell.must("ip", ["-n", namespace, "addr", "add", "\(peerSubnet).1/24", "dev", "rf\(tag)q"])
            try Shell.must("ip", ["-n", namespace, "link", "set", "rf\(tag)q", "up"])
            try Shell.must("ip", ["-n", peerNamespace, "addr", "add", "\(peerSubnet).2/24", "dev", "rf\(tag)p"])
            try Shell.must("ip", ["-n", peerNamespace, "link", "set", "rf\(tag)p", "up"])
            try Shell.must("ip", ["-n", peerNamespace, "link", "set", "lo", "up"])
            try Shell.must("ip", ["-n", peerNamespace, "route", "add", "default", "via", "\(peerSubnet).1"])
            try Shell.must("ip", ["link", "add", hostSide, "type", "veth", "peer", "name", serverSide])
            try Shell.must("ip", ["link", "set", serverSide, "netns", namespace])
            try Shell.must("ip", ["addr", "add", "\(hostAddress)/24", "dev", hostSide])
            try Shell.must("ip", ["link", "set", hostSide, "up"])
            try Shell.must("ip", ["-n", namespace, "addr", "add", "\(serverAddress)/24", "dev", serverSide])
            try Shell.must("ip", ["-n", namespace, "link", "set", serverSide, "up"])
            try Shell.must("ip", ["-n", namespace, "link", "set", "lo", "up"])
            if Shell.run("tc", ["qdisc", "add", "dev", hostSide, "root", "netem", "delay", "0ms"]).status == 0 {
                return .netem
            } else if let iptables = Self.iptables(in: namespace) {
                return .iptables(iptables)
            } else {
                throw ShellFailure(description: "neither tc netem nor iptables works in a namespace on this kernel")
            }
        } catch {
            delete(namespace: namespace, peerNamespace: peerNamespace, hostSide: hostSide)
            throw error
        }
    }

    deinit { remove() }

    /// Once per run: namespaces a crashed earlier run left (`rtcf-<pid>-…` of a process that is
    /// gone), with the processes still in them, are removed.
    private static let sweepOnce: Void = {
        let names = Shell.run("ip", ["netns", "list"]).output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        for name in names where name.hasPrefix("rtcf-") {
            guard let pid = name.split(separator: "-").dropFirst().first.flatMap({ Int32($0) }), pid != getpid(), kill(pid, 0) != 0 else { continue }
            for process in Shell.run("ip", ["netns", "pids", name]).output.split(separator: "\n").compactMap({ Int32($0) }) {
                kill(process, SIGKILL)
            }
            Shell.run("ip", ["netns", "del", name])
        }
    }()

    /// Impairs the uplink: `loss` percent of packets dropped, each other one delayed `delay` ± `jitter` ms.
    func shape(lossPercent: Int, delayMs: Int = 0, jitterMs: Int = 0) async throws {
        switch impairment {
        case .netem:
            var arguments = ["qdisc", "replace", "dev", hostSide, "root", "netem", "loss", "\(lossPercent)%"]
            if delayMs > 0 { arguments += ["delay", "\(delayMs)ms", "\(jitterMs)ms"] }
            try Shell.must("tc", arguments)
            shaping.withLockedValue { $0 = "tc netem on \(hostSide)" }
        case .iptables(let tool):
            try await clearRules(tool)
            shaping.withLockedValue { $0 = "\(tool) in \(namespace) (no netem in this kernel: loss only, no delay or jitter)" }
            if lossPercent < 100, delayMs > 0, LinkImpairer.available {
                let started = try await LinkImpairer(namespace: namespace, lossPercent: lossPercent, delayMs: delayMs, jitterMs: jitterMs)
                impairer.withLockedValue { $0 = started }
                try Shell.must("ip", [
                    "netns", "exec", namespace, tool, "-A", "INPUT", "-i", serverSide, "-j", "NFQUEUE", "--queue-num", "\(LinkImpairer.queue)",
                ])
                shaping.withLockedValue { $0 = "\(tool) NFQUEUE in \(namespace) → scripts/impair-link.py (no netem in this kernel)" }
            } else if lossPercent >= 100 {
                // Dropped where they arrive (INPUT on both sides), never on OUTPUT: a DROP there fails
                // the sender's sendmsg with EPERM, which is not what a cut link does.
                try Shell.must("ip", ["netns", "exec", namespace, tool, "-A", "INPUT", "-i", serverSide, "-j", "DROP"])
                try Shell.must(tool, ["-I", "INPUT", "-i", hostSide, "-j", "DROP"])
            } else if lossPercent > 0 {
                try Shell.must("ip", [
                    "netns", "exec", namespace, tool, "-A", "INPUT", "-i", serverSide, "-m", "statistic", "--mode", "random",
                    "--probability", "\(Double(lossPercent) / 100)", "-j", "DROP",
                ])
            }
        }
    }

    /// Cuts the link both ways: nothing passes until ``restore()``.
    func cut() async throws {
        try await shape(lossPercent: 100)
        if impairment == .netem {
            try Shell.must("tc", ["-n", namespace, "qdisc", "replace", "dev", serverSide, "root", "netem", "loss", "100%"])
        }
    }

    /// Takes every impairment away.
    func restore() async throws {
        switch impairment {
        case .netem:
            try Shell.must("tc", ["qdisc", "replace", "dev", hostSide, "root", "netem", "delay", "0ms"])
            Shell.run("tc", ["-n", namespace, "qdisc", "del", "dev", serverSide, "root"])
        case .iptables(let tool): try await clearRules(tool)
        }
        if let tool = Self.iptables(in: namespace) { Shell.run("ip", ["netns", "exec", namespace, tool, "-F", "OUTPUT"]) }
    }

    /// Makes the server's UDP sends toward `port` on the root side fail (an iptables DROP in the
    /// server namespace's OUTPUT: `sendmsg` returns EPERM), as a host firewall rule would, until
    /// ``restore()``. Needs iptables, whichever impairment the link uses.
    func failServerSends(toPort port: Int) throws {
        guard let tool = Self.iptables(in: namespace) else { throw ShellFailure(description: "iptables does not work in a namespace here") }
        try Shell.must("ip", [
            "netns", "exec", namespace, tool, "-A", "OUTPUT", "-o", serverSide, "-p", "udp", "-d", hostAddress, "--dport", "\(port)", "-j", "DROP",
        ])
    }

    /// The iptables that works in `namespace`, if any.
    private static func iptables(in namespace: String) -> String? {
        ["iptables", "iptables-legacy"].first { Shell.run("ip", ["netns", "exec", namespace, $0, "-S"]).status == 0 }
    }

    /// Whether a shape's delay and jitter are applied here (netem, or the impairer), not only its loss.
    var delays: Bool { impairment == .netem || LinkImpairer.available }

    /// How the last ``shape(lossPercent:delayMs:jitterMs:)`` was applied, for the test's output.
    var impairmentDescription: String { shaping.withLockedValue { $0 } }

    /// Deletes the namespace (which deletes the veth pair and the rules in it). Idempotent.
    func remove() {
        let first = removed.withLockedValue { removed in defer { removed = true }; return !removed }
        guard first else { return }
        impairer.withLockedValue { $0?.kill() }
        if case .iptables(let tool) = impairment { deleteRootRules(tool) }
        Self.delete(namespace: namespace, peerNamespace: peerNamespace, hostSide: hostSide)
    }

    private static func delete(namespace: String, peerNamespace: String, hostSide: String) {
        Shell.run("ip", ["netns", "del", peerNamespace])
        Shell.run("ip", ["netns", "del", namespace])
        Shell.run("ip", ["link", "del", hostSide])
    }

    /// `ip` and the arguments that run `command` in the peer namespace.
    func peerCommand(_ command: [String]) -> (executable: String, arguments: [String]) {
        (Shell.which("ip") ?? "/usr/sbin/ip", ["netns", "exec", peerNamespace] + command)
    }

    /// Flushes the server namespace's INPUT chain, deletes the root namespace's rule for this pair,
    /// then stops the impairer, which releases the packets it still holds.
    private func clearRules(_ tool: String) async throws {
        Shell.run("ip", ["netns", "exec", namespace, tool, "-F", "INPUT"])
        deleteRootRules(tool)
        if let running = impairer.withLockedValue({ held in defer { held = nil }; return held }) {
            print(try await running.stop())
        }
    }

    /// Deletes the root namespace's DROP rule for this pair (a cut's).
    private func deleteRootRules(_ tool: String) {
        while Shell.run(tool, ["-D", "INPUT", "-i", hostSide, "-j", "DROP"]).status == 0 {}
    }
}
