#!/usr/bin/env bash
# Runs the test suite under one sanitizer, in a build folder of its own:
#
#   scripts/test-sanitize.sh thread     ThreadSanitizer, in .build-tsan
#   scripts/test-sanitize.sh address    AddressSanitizer, in .build-asan
#
# The same two runs as `make test` (unit and interop tests, then end to end); the rtc-server and
# rtc-client processes the tests start are built with the same sanitizer. Any report fails the run.
set -euo pipefail

kind="${1:-}"
case "$kind" in
  thread) scratch=.build-tsan ;;
  address) scratch=.build-asan ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift="${SWIFT:-swift}"
unit='RTCTransportTests|RTCAudioTests|RTCSignalingTests'
# The network-fault tests shape links in namespaces: real time again, and root; make test runs them.
faults='FaultTests'

# halt_on_error: the first report fails the test process, so it cannot scroll by unnoticed.
# suppressions: the Swift runtime's continuation hand-off, which TSan cannot see (reasons in the file).
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/scripts/tsan-suppressions.txt ${TSAN_OPTIONS:-}"
# detect_leaks=0: LeakSanitizer runs at exit, and a Swift program that exits while tasks still hold
# objects (Hummingbird's WebSocket handlers, the examples' own strings) has every one of them reported,
# which made each rtc-server, rtc-client and example process the tests start exit 1. Leaks that matter
# here are growth over a stay; rtc-bench's load section measures memory per participant.
export ASAN_OPTIONS="halt_on_error=1 detect_leaks=0 ${ASAN_OPTIONS:-}"
# Swift's backtracer reads the crashed process in a way the sanitizers take for an error of their own.
export SWIFT_BACKTRACE=enable=no

# Optimized: the end-to-end tests play real-time audio, which an unoptimized sanitizer build cannot
# keep up with on two cores (tones arrived broken or not at all). -enable-testing: @testable imports.
build=(-c release -Xswiftc -enable-testing --sanitize="$kind" --scratch-path "$scratch")
echo "test-sanitize: $kind, building in $scratch"
"$swift" build --build-tests "${build[@]}"
"$swift" test --skip-build "${build[@]}" --filter "$unit"
# Under TSan the end-to-end tests run one at a time: every test at once on two cores, each 5-15x slower,
# missed its connection timeouts, which says nothing about races.
serial=()
if [ "$kind" = thread ]; then serial=(--no-parallel); fi
"$swift" test --skip-build "${build[@]}" "${serial[@]}" --skip "$unit|$faults"
echo "test-sanitize: $kind clean"
