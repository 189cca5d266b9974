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

## Every test of the package (unit, interop with the openssl CLI, end to end).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

## The full media-core benchmark table (release build).
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
