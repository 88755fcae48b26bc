#!/usr/bin/env bash
# Remakes the raw chunk fixtures of wim-compression's tests: chunks compressed by wimlib's own
# compressors (libwim's public wimlib_compress API, through tools/wimchunk.c) from real and
# synthetic data, at several chunk sizes and levels.
#
# Needs: gcc, libwim-dev, python3, apt-get download (for Debian's libwine PE binaries).
# Output: wim-compression/src/test/resources/chunks/{xpress,lzx,lzms}/KIND-oOFFSET-nLENGTH-cCHUNKSIZE-LLEVEL.bin.gz
# Each file (gunzipped): u32 LE uncompressed size, u32 LE compressed size, compressed bytes,
# original bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$root/wim-compression/src/test/resources/chunks"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gcc -O2 -Wall -o "$work/wimchunk" "$here/tools/wimchunk.c" -lwim

# --- corpora -------------------------------------------------------------------------------
(cd "$work" && apt-get download libwine >/dev/null 2>&1 && dpkg -x libwine_*.deb wine)
dlls="$work/wine/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"
cat "$dlls/comctl32.dll" "$dlls/jscript.dll" > "$work/pe"
cat /usr/share/common-licenses/GPL-3 /usr/share/common-licenses/LGPL-2.1 \
    /usr/share/common-licenses/Apache-2.0 /usr/share/common-licenses/GPL-2 /usr/include/wimlib.h > "$work/text"
python3 - "$work" <<'PY'
import random, struct, sys
w = sys.argv[1]
open(w + "/zeros", "wb").write(bytes(4 << 20))
r = random.Random(1234)
open(w + "/random", "wb").write(bytes(r.getrandbits(8) for _ in range(1 << 17)))
# Long repeats and near-repeats: max-length matches, repeat offsets.
base = b"The quick brown fox jumps over the lazy dog. "
pat = bytearray()
while len(pat) < (4 << 20):
    pat += base * r.randint(1, 400)
    pat += bytes([r.getrandbits(8)]) * r.randint(0, 3)
open(w + "/pattern", "wb").write(bytes(pat[:4 << 20]))
# x86-like data: E8/E9 calls with small relative offsets everywhere, including the last bytes.
x = bytearray()
fillers = [b"\x48\x89\xc1", b"\x31\xc0", b"\x5d\xc3", b"\x90", b"\x48\x83\xec\x28", b"\x8b\x45\xfc"]
while len(x) < (1 << 18):
    for _ in range(r.randint(0, 4)):
        x += r.choice(fillers)
    op = r.choice([b"\xe8", b"\xe9", b"\x48\x8d\x05", b"\xff\x15", b"\x48\x8b\x0d", b"\xf0\x83\x05"])
    x += op + struct.pack("<i", r.randint(-40000, 40000))
x = x[:1 << 18]
for k in range(1, 12):          # E8 at every position near the end of each 32 KiB unit
    for unit in range(0, len(x), 32768):
        p = unit + 32768 - k
        if p < len(x):
            x[p] = 0xE8
open(w + "/x86", "wb").write(bytes(x))
# Delta-friendly data: 16-bit samples and 32-bit tables (LZMS delta matches).
d = bytearray()
v = 0
for i in range(1 << 20):
    v = (v + r.randint(-3, 3)) & 0xFFFF
    d += struct.pack("<H", v)
open(w + "/delta", "wb").write(bytes(d))
open(w + "/one", "wb").write(b"A")
PY

rm -rf "$out"
mkdir -p "$out/xpress" "$out/lzx" "$out/lzms"

# make TYPE CHUNK LEVEL KIND OFFSET LENGTH
make() {
    local f="$out/$1/$4-o$5-n$6-c$2-L$3.bin"
    if "$work/wimchunk" "$1" "$2" "$3" "$work/$4" "$5" "$6" "$f"; then
        gzip -9n "$f"
    else
        rc=$?
        [ "$rc" = 3 ] || { echo "wimchunk failed ($rc) for $f" >&2; exit 1; }
        echo "  ($1 $4 $2 L$3 did not shrink: skipped)"
    fi
}

for level in 20 50 100; do
    for kind in pe text pattern x86; do
        for cs in 4096 32768 65536; do make xpress $cs $level $kind 8192 $cs; done
        for cs in 32768 65536; do make lzx $cs $level $kind 8192 $cs; done
        for cs in 32768 131072; do make lzms $cs $level $kind 8192 $cs; done
    done
    make xpress 65536 $level zeros 0 65536
    make xpress 32768 $level one 0 1
    make xpress 32768 $level random 0 32768
    make xpress 32768 $level text 100 777
    make lzx 32768 $level zeros 0 32768
    make lzx 32768 $level one 0 1
    make lzx 32768 $level random 0 32768
    make lzx 32768 $level text 100 777
    make lzms 131072 $level zeros 0 131072
    make lzms 32768 $level one 0 1
    make lzms 131072 $level random 0 131072
    make lzms 131072 $level delta 0 131072
    make lzms 131072 $level text 100 777
done
# Large windows (wimlib-only chunk sizes), at the default level.
make lzx 2097152 50 pe 0 1048576
make lzx 1048576 50 pattern 0 1048576
make lzx 2097152 50 x86 0 262144
make lzms 4194304 50 zeros 0 4194304
make lzms 4194304 50 pattern 0 4194304
make lzms 2097152 50 pe 0 1048576
make lzms 1048576 50 delta 0 524288
make lzms 2097152 50 x86 0 262144
du -sh "$out"/*
