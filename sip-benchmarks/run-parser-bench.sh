#!/usr/bin/env bash
# Runs the parser benchmarks (siplane vs the JAIN-SIP RI) with JMH's GC profiler, so every result carries
# gc.alloc.rate.norm (bytes allocated per operation) beside ns/op.
#
#   sip-benchmarks/run-parser-bench.sh [extra JMH arguments, e.g. -f 3 or -prof stack]
#
# Builds target/benchmarks.jar when it is missing or older than the sources. Runs under `nice`, because the
# machine is shared; report medians and siplane/JAIN-SIP ratios from the same run (docs/performance.md).
# Writes JSON to sip-benchmarks/results/parser-<UTC timestamp>.json (gitignored).
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$module")"
jar="$module/target/benchmarks.jar"

log() { printf '[run-parser-bench] %s\n' "$*" >&2; }

stale() {
    [ ! -f "$jar" ] && return 0
    [ -n "$(find "$root/pom.xml" "$module/pom.xml" "$module/src" "$root/sip-core/pom.xml" "$root/sip-core/src/main" \
        -newer "$jar" -type f -print -quit)" ]
}

if stale; then
    log "building $jar"
    (cd "$root" && ./mvnw -q -B -ntp package -pl sip-benchmarks -am -DskipTests)
fi

mkdir -p "$module/results"
out="$module/results/parser-$(date -u +%Y%m%dT%H%M%SZ).json"
log "results: $out"

# The regex selects both parser benchmark classes; further arguments go to JMH as they are.
nice -n 10 java -jar "$jar" 'io\.siplane\.sip\.bench\.Parse.*' -prof gc -rf json -rff "$out" "$@"
