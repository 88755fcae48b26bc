#!/usr/bin/env bash
# Builds the benchmarks, runs one JMH benchmark class with short settings that suit a shared
# 2-core machine, keeps JMH's JSON and log in wim-benchmarks/results/, and prints a Markdown table.
#
#   jmh-table.sh decompress|sha1|compress [more JMH options, e.g. -p codec=LZX_32K]
#
# Environment: SKIP_BUILD=1 reuses target/benchmarks.jar; JMH_RUN overrides the run settings
# (default "-f 1 -wi 3 -w 2s -i 5 -r 2s" for decompress, "-f 1 -wi 3 -w 1s -i 5 -r 1s" for sha1).
set -euo pipefail

kind=${1:-}
case "$kind" in
    decompress) class=DecompressBenchmark; run=${JMH_RUN:--f 1 -wi 3 -w 2s -i 5 -r 2s} ;;
    sha1) class=Sha1Benchmark; run=${JMH_RUN:--f 1 -wi 3 -w 1s -i 5 -r 1s} ;;
    compress) class=CompressBenchmark; run=${JMH_RUN:--f 1 -wi 3 -w 2s -i 5 -r 2s} ;;
    *) echo "usage: $0 decompress|sha1|compress [JMH options]" >&2; exit 2 ;;
esac
shift

here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/.." && pwd)
jar=$module/target/benchmarks.jar

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # Maven's -q still prints colour codes; keep its output for when it fails.
    build_log=$(mktemp)
    (cd "$root" && mvn -B -q -pl wim-benchmarks -am package -DskipTests) >"$build_log" 2>&1 || {
        cat "$build_log" >&2
        exit 1
    }
    rm -f "$build_log"
fi
if [ "$kind" != sha1 ] && [ ! -d "$module/target/corpus/pe" ]; then
    "$here/prepare-corpus.sh"
fi

mkdir -p "$module/results"
stamp=$(date -u +%Y%m%d-%H%M%S)
json=$module/results/$kind-$stamp.json
log=$module/results/$kind-$stamp.log
table=$module/results/$kind-$stamp.md

# Other work on the machine skews the figures: record the load around the run.
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
# shellcheck disable=SC2086 # $run holds several options on purpose
java -Djwim.bench.corpus="$module/target/corpus" -jar "$jar" "$class" $run \
    -rf json -rff "$json" "$@" >"$log" 2>&1 || {
    echo "JMH failed; see $log" >&2
    tail -n 20 "$log" >&2
    exit 1
}
# The kept files name the corpus relative to the project, not by this machine's paths.
sed -i "s#$root/##g" "$json" "$log"

{
    echo "<!-- $class, $(date -u +%Y-%m-%d), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)," \
        "$(nproc) cores, $(java -version 2>&1 | head -n 1)," \
        "$(wimlib-imagex --version 2>/dev/null | head -n 1 || echo 'no wimlib-imagex'), JMH $run," \
        "load average $load_before before, $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?') after -->"
    case "$kind" in
        compress) java -cp "$jar" org.jwim.benchmarks.report.CompressTable "$json" ;;
        *) java -cp "$jar" org.jwim.benchmarks.report.JmhTable "$kind" "$json" ;;
    esac
    if [ "$kind" = decompress ]; then
        echo
        grep '^# chunks:' "$log" | sed 's/^# chunks: /- /; s/ (compressed in [0-9.]* s)$//' | sort -u
        failed=$(grep -c '^<failure>' "$log" || true)
        if [ "$failed" != 0 ]; then
            echo
            echo "$failed benchmark(s) failed, shown as n/a; reasons:"
            grep -A2 '^<failure>' "$log" | grep -v '^<failure>\|^--$\|^$' | sort | uniq -c | head -n 5
        fi
    fi
} | tee "$table"
echo "(JSON: ${json#"$root"/}, log: ${log#"$root"/})"
