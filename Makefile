# RTCEngine. The README's two commands: `make demo` and `make test`.
# Both install the Debian packages the build needs first (scripts/install-deps.sh).
SWIFT ?= swift

.PHONY: deps demo test bench benchmarks clean

deps:
	@scripts/install-deps.sh

## The main job: a room in one process (embedded server, two talkers, a listener recording to
## .build/demo/room.wav, every kind of exit); exits 0 only when both tones arrived. A debug build,
## the one `make test` shares: a release build costs about 20 more minutes on 2 shared cores.
demo: deps
	$(SWIFT) run rtc-client demo

## Every test of the package, in runs that keep heavy kinds of work apart: the unit tests' blocking
## subprocess waits (openssl, Python references) never starve the end-to-end tests' event loops, and
## the fault tests' shaped links and timed timeouts never share the machine with the end-to-end run:
## 1. unit and interop tests (RTCTransport, RTCAudio, RTCSignaling), 2. end to end (server, engine, ...),
## 3. network faults in namespaces (FaultTests: root; they skip with a message otherwise),
## 4. Examples/ImportingTheSDK, the example that is a package of its own (the others run in 2.),
## 5. every libFuzzer target for 3 s, so that they keep building and their seeds keep passing.
UNIT_TESTS = RTCTransportTests|RTCAudioTests|RTCSignalingTests
FAULT_TESTS = FaultTests
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --filter '$(UNIT_TESTS)'
	$(SWIFT) test --skip '$(UNIT_TESTS)|$(FAULT_TESTS)'
	$(SWIFT) test --filter '$(FAULT_TESTS)'
	cd Examples/ImportingTheSDK && $(SWIFT) run
	scripts/fuzz.sh -t 3

## The test suite again under AddressSanitizer, then ThreadSanitizer, each in
## its own build folder (.build-asan, .build-tsan); the same two runs as `make test` (scripts/test-sanitize.sh).
## Under TSan the end-to-end tests run one at a time; suppressions and their reasons: scripts/tsan-suppressions.txt.
.PHONY: test-sanitize
test-sanitize: deps
	scripts/test-sanitize.sh address
	scripts/test-sanitize.sh thread

## The whole benchmark table of targets.md, each row beside its target (release build; Docs/benchmarks.md).
bench: deps
	$(SWIFT) run -c release rtc-bench

## package-benchmark suites with allocation counts (Benchmarks/ is its own package), then the
## allocation check of the packet path against Benchmarks/Thresholds (fails on any added allocation).
benchmarks: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-directory .benchmarkBaselines benchmark
	cd Benchmarks && $(SWIFT) package --allow-writing-to-directory .benchmarkBaselines benchmark thresholds check \
		--filter 'SRTP (un)?protect AEAD_AES_128_GCM 160 B' --filter 'RTP parse RTPPacketLayout 172 B'

clean:
	rm -rf .build Benchmarks/.build

## libFuzzer targets for every parser of untrusted bytes (Fuzz/ is its own package; Docs/fuzzing.md).
## `fuzz` runs each 60 s (FUZZ_SECONDS to change); `fuzz-smoke` 3 s each, to keep them building.
.PHONY: fuzz fuzz-smoke
fuzz: deps
	scripts/fuzz.sh -t $${FUZZ_SECONDS:-60}

fuzz-smoke: deps
	scripts/fuzz.sh -t 3

## Every example program (one per page of TRTC's guide, Examples/README.md), each run by itself on
## its own embedded server, then Examples/ImportingTheSDK, a separate package that depends on this one.
## Fails at the first example that fails.
EXAMPLES = EnterRoom SubscribeStreams PublishStreams ExitRoom NetworkQuality ShareComputerAudio CustomAudio \
	AudioVolume Denoise DataMessages SpeedTest EndCall OfflineEviction

.PHONY: examples
examples: deps
	$(SWIFT) build
	@for example in $(EXAMPLES); do \
		echo "== $$example"; \
		$(SWIFT) run --skip-build $$example || { echo "== $$example FAILED"; exit 1; }; \
	done
	@echo "== ImportingTheSDK"
	cd Examples/ImportingTheSDK && $(SWIFT) run
