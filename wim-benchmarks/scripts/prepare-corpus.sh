#!/usr/bin/env bash
# Prepares the corpora of the decompression benchmark in wim-benchmarks/target/corpus/{pe,text}.
#
#   pe:   a fixed list of x86-64 DLLs from Debian's libwine package (apt-get download, dpkg -x),
#         about 14 MB of PE code, data and debug info.
#   text: C headers of libc6-dev and linux-libc-dev, /usr/share/common-licenses, and the man
#         pages of the manpages package (decompressed) where it is installed: about 10 MB.
#
# Both come from Debian packages, so the same Debian release gives the same bytes; the package
# versions used are written to target/corpus/VERSIONS. Rerunning rebuilds both folders.
# Needs: apt-get, dpkg, dpkg-query, gzip. Override the output folder with CORPUS_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${CORPUS_DIR:-$here/../target/corpus}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The DLLs: core Win32 libraries of several sizes, ~14 MB together.
PE_FILES=(ntdll.dll kernel32.dll advapi32.dll shlwapi.dll combase.dll ws2_32.dll setupapi.dll)

prepare_pe() {
    local work=$out/.libwine
    rm -rf "$work" "$out/pe"
    mkdir -p "$work" "$out/pe"
    (cd "$work" && apt-get download libwine >/dev/null)
    local deb
    deb=$(ls "$work"/libwine_*.deb)
    dpkg -x "$deb" "$work/x"
    local dir
    dir=$(dirname "$(find "$work/x" -path '*/x86_64-windows/ntdll.dll' | head -n 1)")
    for f in "${PE_FILES[@]}"; do
        cp "$dir/$f" "$out/pe/$f"
    done
    echo "pe: $(basename "$deb")" >>"$out/VERSIONS"
    rm -rf "$work"
}

prepare_text() {
    rm -rf "$out/text"
    mkdir -p "$out/text/include" "$out/text/licenses"
    local pkg
    for pkg in libc6-dev linux-libc-dev; do
        dpkg-query -L "$pkg" | grep '^/usr/include/.*\.h$' | while read -r f; do
            [ -f "$f" ] || continue
            mkdir -p "$out/text/include/$(dirname "${f#/usr/include/}")"
            cp "$f" "$out/text/include/${f#/usr/include/}"
        done
        echo "text: $pkg $(dpkg-query -W -f '${Version}' "$pkg")" >>"$out/VERSIONS"
    done
    cp /usr/share/common-licenses/* "$out/text/licenses/" 2>/dev/null || true
    if dpkg-query -W manpages >/dev/null 2>&1; then
        mkdir -p "$out/text/man"
        dpkg-query -L manpages | grep '^/usr/share/man/man.*\.gz$' | while read -r f; do
            [ -f "$f" ] && [ ! -L "$f" ] || continue
            gzip -dc "$f" >"$out/text/man/$(basename "${f%.gz}")"
        done
        echo "text: manpages $(dpkg-query -W -f '${Version}' manpages)" >>"$out/VERSIONS"
    fi
}

: >"$out/VERSIONS"
prepare_pe
prepare_text
for kind in pe text; do
    printf '%s: %d files, %d bytes\n' "$kind" "$(find "$out/$kind" -type f | wc -l)" \
        "$(find "$out/$kind" -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
done
