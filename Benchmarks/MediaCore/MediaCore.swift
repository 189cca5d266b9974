import Benchmark

/// package-benchmark suites for the media core's hot paths, with allocation counts (mallocCountTotal).
///
/// SRTP protect/unprotect and RTP parse must allocate nothing per operation in steady state: their
/// configurations carry a zero tolerance on mallocCountTotal, and Thresholds/ holds their p90 (0 for RTP
/// parse; for SRTP, the 5 allocations libsrtp2 itself makes per packet on Debian's NSS build, which the
/// "libsrtp2 direct" rows show), which `swift package benchmark thresholds check` enforces.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 100,
        maxDuration: .seconds(1),
        maxIterations: 1_000_000)
    registerSRTPBenchmarks()
    registerLibSRTPBenchmarks()
    registerPacketBenchmarks()
    registerAudioBenchmarks()
}

/// The configuration of a benchmark whose allocations are pinned: any p90 mallocCountTotal other than the
/// one in Thresholds/ fails `benchmark thresholds check`.
func allocationGuardConfiguration(scalingFactor: BenchmarkScalingFactor = .one) -> Benchmark.Configuration {
    var configuration = Benchmark.defaultConfiguration
    configuration.scalingFactor = scalingFactor
    configuration.thresholds = [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])]
    return configuration
}
