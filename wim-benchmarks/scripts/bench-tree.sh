# Shared by compare-apply.sh and compare-capture.sh (sourced, not run): the ~200 MiB benchmark
# tree of real files and the timing helpers. The caller sets work, tree and tree_mb first.

java_home() {
    if [ -n "${JAVA_HOME:-}" ]; then
        echo "$JAVA_HOME"
    else
        java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p'
    fi
}

make_tree() {
    if [ -f "$work/tree.complete" ]; then
        return
    fi
    rm -rf "$tree" "$work/wine"
    mkdir -p "$tree"
    local jh
    jh=$(java_home)
    # -L: the Debian JDK links some files to /usr/share and /etc; take the files themselves.
    cp -rL --preserve=timestamps "$jh" "$tree/jdk" 2>/dev/null || true
    rm -rf "$tree/jdk/jmods" "$tree/jdk/lib/modules" "$tree/jdk/lib/src.zip"

    mkdir -p "$work/wine"
    local deb=${JWIM_LIBWINE_DEB:-}
    if [ -z "$deb" ]; then
        (cd "$work/wine" && apt-get download libwine >/dev/null)
        deb=$(ls "$work"/wine/libwine_*.deb)
    fi
    dpkg -x "$deb" "$work/wine/x"
    local dlls
    dlls=$(dirname "$(find "$work/wine/x" -path '*/x86_64-windows/kernel32.dll' | head -n 1)")
    mkdir -p "$tree/wine"
    local total limit f
    total=$(du -sb "$tree" | cut -f1)
    limit=$((tree_mb * 1024 * 1024))
    for f in $(ls "$dlls" | LC_ALL=C sort); do
        [ "$total" -ge "$limit" ] && break
        [ -f "$dlls/$f" ] || continue
        cp -p "$dlls/$f" "$tree/wine/$f"
        total=$((total + $(stat -c %s "$tree/wine/$f")))
    done
    rm -rf "$work/wine"
    echo "$(basename "$deb")" >"$work/tree.complete"
}

# Milliseconds one command takes (its output thrown away); a failure stops the script.
time_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>"$work/last.err" || { echo "failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
secs() { awk -v ms="$1" 'BEGIN {printf "%.2f", ms / 1000}'; }
machine() { echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"; }
tree_line() { echo "Tree: $(du -sm "$tree" | cut -f1) MiB, $(find "$tree" -type f | wc -l) files (JDK $(basename "$(java_home)") without jmods and lib/modules, $(cat "$work/tree.complete") DLLs)"; }

# Runs run_jwim ARG and run_wimlib ARG $runs times each, alternating which goes first, and leaves
# their times (ms, space-separated) in $j and $w.
alternate_runs() {
    j="" w=""
    local i
    for i in $(seq 1 "$runs"); do
        if [ $((i % 2)) -eq 1 ]; then
            j="$j $(run_jwim "$1")"
            w="$w $(run_wimlib "$1")"
        else
            w="$w $(run_wimlib "$1")"
            j="$j $(run_jwim "$1")"
        fi
    done
}
