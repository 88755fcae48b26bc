#!/usr/bin/env bash
# Times `jwim apply` against `wimlib-imagex apply` on a ~200 MiB tree of real files: the JDK
# install dir (without jmods and lib/modules, so no single file dominates) plus Debian's wine PE
# DLLs (x86-64 Windows code, what a Windows image is mostly made of), sorted by name until the
# tree reaches TREE_MB. The tree is captured by wimlib-imagex as XPRESS, LZX and solid LZMS WIMs;
# each WIM is applied by both tools, alternating which goes first, RUNS times after one untimed
# warm-up run each (so both read the WIM from the page cache), and the median wall times and their
# ratio are printed as a Markdown table. Both trees are checked equal (diff -r) once per format.
#
#   wim-benchmarks/scripts/compare-apply.sh                  # RUNS=5 TREE_MB=200
#   RUNS=9 FORMATS="lzx" wim-benchmarks/scripts/compare-apply.sh
#
# Needs wimlib-imagex, java, and for the wine DLLs apt-get + dpkg (or JWIM_LIBWINE_DEB=the .deb).
# Works in APPLY_BENCH_DIR (default wim-benchmarks/target/apply-bench), reused between runs; the
# trees are applied in OUT_DIR (default the same; e.g. OUT_DIR=/dev/shm/x to leave the disk out).
# The machine may be shared and noisy: trust the ratios of alternated runs more than the times.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${APPLY_BENCH_DIR:-$root/wim-benchmarks/target/apply-bench}
runs=${RUNS:-5}
tree_mb=${TREE_MB:-200}
formats=${FORMATS:-"xpress lzx lzms-solid"}
jwim="$root/jwim"

mkdir -p "$work"
work=$(cd "$work" && pwd)
tree="$work/tree"
out=${OUT_DIR:-$work}
mkdir -p "$out"

. "$here/bench-tree.sh"

capture() {
    local fmt=$1 wim="$work/$1.wim"
    if [ -f "$wim" ] && [ "$wim" -nt "$work/tree.complete" ]; then
        return
    fi
    case "$fmt" in
        xpress) wimlib-imagex capture "$tree" "$wim" bench --compress=xpress >/dev/null ;;
        lzx) wimlib-imagex capture "$tree" "$wim" bench --compress=lzx >/dev/null ;;
        lzms-solid) wimlib-imagex capture "$tree" "$wim" bench --solid >/dev/null ;;
        *) echo "unknown format $fmt" >&2; exit 2 ;;
    esac
}

run_jwim() { rm -rf "$out/out-jwim"; time_ms "$jwim" apply "$1" 1 "$out/out-jwim" --quiet; }
run_wimlib() { rm -rf "$out/out-wimlib"; time_ms wimlib-imagex apply "$1" 1 "$out/out-wimlib"; }


make_tree
"$jwim" --version >/dev/null # builds the jar if the sources changed

rows=""
details=""
for fmt in $formats; do
    capture "$fmt"
    wim="$work/$fmt.wim"
    run_jwim "$wim" >/dev/null
    run_wimlib "$wim" >/dev/null
    same="same trees"
    diff -r --no-dereference "$out/out-jwim" "$out/out-wimlib" >/dev/null || same="TREES DIFFER"
    alternate_runs "$wim"
    jm=$(echo "$j" | median)
    wm=$(echo "$w" | median)
    ratio=$(awk -v a="$jm" -v b="$wm" 'BEGIN {printf "%.2f", a / b}')
    wsize=$(du -m "$wim" | cut -f1)
    rows="$rows| $fmt | $wsize MiB | $(secs "$wm") s | $(secs "$jm") s | ${ratio}x | $same |\n"
    details="$details$fmt: wimlib-imagex ms:$w; jwim ms:$j\n"
done
rm -rf "$out/out-jwim" "$out/out-wimlib"

tree_line
machine
echo "wimlib-imagex $(wimlib-imagex --version | head -n 1 | awk '{print $2}'); ${runs} alternated runs per tool after a warm-up, median wall time; output in $out ($(df --output=fstype "$out" | tail -n 1))"
echo
echo "| format | WIM | wimlib-imagex apply | jwim apply | jwim / wimlib | check |"
echo "|---|---|---|---|---|---|"
printf "%b" "$rows"
echo
printf "%b" "$details"
