#!/usr/bin/env bash
# Times `jwim capture` against `wimlib-imagex capture` on the ~200 MiB tree of real files that
# compare-apply.sh uses (the JDK install dir plus Debian's wine PE DLLs; built on first use and
# shared with it), with the same compression, chunk size and thread count: XPRESS, LZX (32 KiB
# chunks) and solid LZMS (64 MiB chunks), all at the default level 50. Each tool runs RUNS times,
# alternating which goes first, after one untimed warm-up run each (so both read the tree from the
# page cache); the median wall times, their ratio and the sizes of the WIMs are printed as a
# Markdown table. Every WIM jwim writes is checked by `wimlib-imagex verify`, and its applied tree
# compared with the source (diff -r) once per format.
#
#   wim-benchmarks/scripts/compare-capture.sh               # RUNS=3 TREE_MB=200 THREADS=nproc
#   RUNS=5 FORMATS="lzx" wim-benchmarks/scripts/compare-capture.sh
#
# Needs wimlib-imagex, java, and for the wine DLLs apt-get + dpkg (or JWIM_LIBWINE_DEB=the .deb).
# The machine may be shared and noisy: trust the ratios of alternated runs more than the times.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${APPLY_BENCH_DIR:-$root/wim-benchmarks/target/apply-bench}
runs=${RUNS:-3}
tree_mb=${TREE_MB:-200}
threads=${THREADS:-$(nproc)}
formats=${FORMATS:-"xpress lzx lzms-solid"}
jwim="$root/jwim"

mkdir -p "$work"
work=$(cd "$work" && pwd)
tree="$work/tree"
out="$work/capture"
mkdir -p "$out"

. "$here/bench-tree.sh"

# The options one format takes, the same for both tools.
options() {
    case "$1" in
        xpress) echo "--compress=xpress --chunk-size=32768" ;;
        lzx) echo "--compress=lzx --chunk-size=32768" ;;
        lzms) echo "--compress=lzms --chunk-size=131072" ;;
        lzms-solid) echo "--solid --solid-compress=lzms --solid-chunk-size=67108864" ;;
        *) echo "unknown format $1" >&2; exit 2 ;;
    esac
}

# shellcheck disable=SC2046 # the options are words on purpose
run_jwim() { rm -f "$out/jwim.wim"; time_ms "$jwim" capture "$tree" "$out/jwim.wim" bench $(options "$1") --threads "$threads" --quiet; }
# shellcheck disable=SC2046
run_wimlib() { rm -f "$out/wimlib.wim"; time_ms wimlib-imagex capture "$tree" "$out/wimlib.wim" bench $(options "$1") --threads="$threads"; }

make_tree
"$jwim" --version >/dev/null # builds the jar if the sources changed

rows=""
details=""
for fmt in $formats; do
    run_jwim "$fmt" >/dev/null
    run_wimlib "$fmt" >/dev/null
    check="verified, same tree"
    if ! wimlib-imagex verify "$out/jwim.wim" >/dev/null 2>"$work/last.err"; then
        check="WIMLIB VERIFY FAILED"
    else
        rm -rf "$out/applied"
        wimlib-imagex apply "$out/jwim.wim" 1 "$out/applied" >/dev/null 2>&1
        diff -r --no-dereference "$tree" "$out/applied" >/dev/null || check="TREES DIFFER"
        rm -rf "$out/applied"
    fi
    alternate_runs "$fmt"
    jm=$(echo "$j" | median)
    wm=$(echo "$w" | median)
    ratio=$(awk -v a="$jm" -v b="$wm" 'BEGIN {printf "%.2f", a / b}')
    js=$(stat -c %s "$out/jwim.wim")
    ws=$(stat -c %s "$out/wimlib.wim")
    sratio=$(awk -v a="$js" -v b="$ws" 'BEGIN {printf "%.3f", a / b}')
    mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
    rows="$rows| $fmt | $(mib "$ws") MiB | $(mib "$js") MiB | ${sratio}x | $(secs "$wm") s | $(secs "$jm") s | ${ratio}x | $check |\n"
    details="$details$fmt ($(options "$fmt")): wimlib-imagex ms:$w; jwim ms:$j\n"
done
rm -f "$out/jwim.wim" "$out/wimlib.wim"

tree_line
machine
echo "wimlib-imagex $(wimlib-imagex --version | head -n 1 | awk '{print $2}'); level 50, $threads threads; ${runs} alternated runs per tool after a warm-up, median wall time"
echo
echo "| format | wimlib-imagex WIM | jwim WIM | size jwim / wimlib | wimlib-imagex capture | jwim capture | time jwim / wimlib | check |"
echo "|---|---|---|---|---|---|---|---|"
printf "%b" "$rows"
echo
printf "%b" "$details"
