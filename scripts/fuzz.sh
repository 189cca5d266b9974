#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (their own package) and runs each for a while.
#
#   scripts/fuzz.sh [-t SECONDS] [TARGET...]     e.g. scripts/fuzz.sh -t 5 FuzzSTUN FuzzRTCP
#
# Each target starts from its committed seeds (Fuzz/Corpus/<target>/, read only) plus what earlier
# runs found (Fuzz/.build-fuzz/corpus/<target>/). Prints executions, coverage and corpus per target;
# exits non-zero when any target crashed, hung, ran out of memory or failed an invariant. Crashing
# inputs are kept in Fuzz/.build-fuzz/artifacts/<target>/; replay one with
#   Fuzz/.build-fuzz/debug/<target> <file>
# See Docs/fuzzing.md.
set -euo pipefail

seconds="${FUZZ_SECONDS:-60}"
while getopts "t:h" option; do
  case "$option" in
    t) seconds="$OPTARG" ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/Fuzz"
scratch="$fuzz/.build-fuzz"
swift="${SWIFT:-swift}"

# Target name and the longest input worth trying: a UDP datagram for the media parsers, a few KiB
# for the text parsers (their size limits are checked by the code before parsing).
declare -A max_len=(
  [FuzzSTUN]=1500 [FuzzRTP]=1500 [FuzzRTCP]=1500 [FuzzSRTP]=1600 [FuzzDTLS]=4096
  [FuzzSignaling]=8192 [FuzzUserSig]=4096 [FuzzTC3]=4096 [FuzzRESTBody]=4096 [FuzzWAV]=4096
)
all=(FuzzSTUN FuzzRTP FuzzRTCP FuzzSRTP FuzzDTLS FuzzSignaling FuzzUserSig FuzzTC3 FuzzRESTBody FuzzWAV)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for target in "${targets[@]}"; do
  [ -n "${max_len[$target]:-}" ] || { echo "fuzz: unknown target $target (known: ${all[*]})" >&2; exit 2; }
done

# -sanitize=fuzzer instruments every Swift module for coverage and links libFuzzer; address adds
# ASan. -parse-as-library: the targets have no top-level code, libFuzzer drives them. Passed here,
# not in Package.swift (no unsafeFlags). The linker's "Cannot export local symbol '__asan_…'"
# warnings (gold, with ASan) are noise and kept in the build log only.
mkdir -p "$scratch/logs"
build_log="$scratch/logs/build.log"
echo "fuzz: building ${#targets[@]} target(s) in Fuzz/.build-fuzz (log: $build_log)"
build() {
  (cd "$fuzz" && "$swift" build -c debug --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library "$@")
}
# One build per target: swift build honours only the last --product, and a plain build would also
# link RTCEngine's own executables with libFuzzer.
build_all() {
  for target in "$@"; do build --product "$target" || return 1; done
}
if ! build_all "${targets[@]}" >"$build_log" 2>&1; then
  grep -v "Cannot export local symbol" "$build_log" | grep -E "error|warning: .*Fuzz/" | head -40 >&2 || true
  echo "fuzz: build failed, see $build_log" >&2
  exit 1
fi
bin="$(cd "$fuzz" && "$swift" build -c debug --scratch-path "$scratch" --show-bin-path)"

failed=()
printf "\n%-14s %12s %8s %7s %7s %7s  %s\n" target executions exec/s cov ft corpus result
for target in "${targets[@]}"; do
  corpus="$scratch/corpus/$target"
  artifacts="$scratch/artifacts/$target/"
  log="$scratch/logs/$target.log"
  mkdir -p "$corpus" "$artifacts"
  # -rss_limit_mb/-malloc_limit_mb: an input that makes the parser allocate without bound fails the
  # run; -timeout: one input running for seconds is a hang.
  # Swift's own backtracer trips ASan while it reads the crashed process; libFuzzer prints the stack.
  status=0
  SWIFT_BACKTRACE=enable=no "$bin/$target" "$corpus" "$fuzz/Corpus/$target" \
    -max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=10 \
    -rss_limit_mb=2048 -malloc_limit_mb=512 -artifact_prefix="$artifacts" \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  per_second="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corp="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $status, log $log)"
    failed+=("$target")
  fi
  printf "%-14s %12s %8s %7s %7s %7s  %s\n" "$target" "${executions:-?}" "${per_second:-?}" \
    "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  for target in "${failed[@]}"; do
    echo
    echo "== $target"
    grep -E "ERROR|invariant|Fatal error|SUMMARY|Test unit written|Base64" "$scratch/logs/$target.log" | head -12
  done
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no crash in ${#targets[@]} target(s), ${seconds} s each"
