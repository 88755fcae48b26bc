#!/usr/bin/env bash
# Remakes the decoder warm-up samples that ship in wim-compression's jar
# (src/main/resources/org/jwim/compression/warmup/{xpress,lzx,lzms}.chunks): chunks compressed by
# wimlib's own compressors (libwim's wimlib_compress, level 50, through tools/wimchunk.c), so the
# JIT sees the items a real WIM holds. Each file: per chunk, u32 LE uncompressed size, u32 LE
# compressed size, then the compressed bytes.
#
# The data is all jwim's own, so the jar carries nothing of anyone else's: x86-64 code that gcc
# makes from a generated C file (calls, jumps, tables: what Windows images are mostly made of),
# the project's READMEs (text) and the class files of wim-compression (structured binary data).
#
# Needs: gcc, libwim-dev, python3, and `mvn -pl wim-compression compile` done (the class files).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$root/wim-compression/src/main/resources/org/jwim/compression/warmup"
classes="$root/wim-compression/target/classes/org/jwim/compression"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d "$classes" ] || { echo "build wim-compression first (mvn -pl wim-compression compile)" >&2; exit 2; }
gcc -O2 -Wall -o "$work/wimchunk" "$here/tools/wimchunk.c" -lwim

# Generated C: many small functions calling each other, switch tables, loops, string constants.
python3 - "$work/code.c" <<'PY'
import random, sys
r = random.Random(20261122)
n = 400
src = ["#include <stdio.h>", "#include <string.h>", "#include <stdlib.h>"]
for i in range(n):
    src.append(f"int f{i}(int a, int b);")
for i in range(n):
    body = [f"int f{i}(int a, int b) {{", "    int s = a ^ b;"]
    for _ in range(r.randint(2, 8)):
        k = r.choice(["loop", "call", "switch", "str", "arith"])
        if k == "loop":
            body.append(f"    for (int j = 0; j < (a & {r.randint(3, 63)}); j++) s += j * {r.randint(2, 99)} ^ (s >> {r.randint(1, 7)});")
        elif k == "call" and i + 1 < n:
            body.append(f"    if (s & {1 << r.randint(0, 12)}) s += f{r.randint(i + 1, n - 1)}(s, b + {r.randint(1, 9)});")
        elif k == "switch":
            cases = " ".join(f"case {c}: s += {r.randint(1, 1000)}; break;" for c in range(r.randint(4, 12)))
            body.append(f"    switch (s & 15) {{ {cases} default: s -= a; }}")
        elif k == "str":
            body.append(f'    if (s == {r.randint(0, 1 << 20)}) {{ printf("value %d in f{i} at step %d\\n", s, b); s = (int) strlen("f{i}"); }}')
        else:
            body.append(f"    s = s * {r.randint(3, 1 << 16)} + (b << {r.randint(1, 9)}) - (a >> {r.randint(1, 5)});")
    body.append("    return s;")
    body.append("}")
    src.extend(body)
src.append("int main(int argc, char **argv) { int s = 0; for (int i = 1; i < argc; i++) s += f0(atoi(argv[i]), i); printf(\"%d\\n\", s); return 0; }")
open(sys.argv[1], "w").write("\n".join(src) + "\n")
PY
gcc -O2 -w -o "$work/code" "$work/code.c"
objcopy -O binary --only-section=.text "$work/code" "$work/code.text"
echo "generated x86-64 code: $(stat -c %s "$work/code.text") bytes" >&2

# 256 KiB of each kind, mixed in 32 KiB pieces the way a Windows image mixes files.
python3 - "$work" "$root/README.md" "$root/wim-benchmarks/README.md" "$classes" <<'PY'
import os, sys
work, readme, bench_readme, classes = sys.argv[1:5]
code = open(work + "/code.text", "rb").read()
text = open(readme, "rb").read() + open(bench_readme, "rb").read()
cls = b"".join(open(os.path.join(d, f), "rb").read()
               for d, _, fs in sorted(os.walk(classes)) for f in sorted(fs) if f.endswith(".class"))
def cut(b, n):
    while len(b) < n:
        b += b
    return b[:n]
parts = [cut(code, 256 << 10), cut(text, 128 << 10), cut(cls, 128 << 10)]
mixed = bytearray()
piece = 32 << 10
for i in range(0, 256 << 10, piece):
    for p in parts:
        if i < len(p):
            mixed += p[i:i + piece]
open(work + "/mixed", "wb").write(bytes(mixed))
PY

make() { # TYPE CHUNK_SIZE COUNT
    local type=$1 cs=$2 count=$3 f="$out/$1.chunks"
    : > "$f"
    for ((i = 0; i < count; i++)); do
        "$work/wimchunk" "$type" "$cs" 50 "$work/mixed" $((i * cs)) "$cs" "$work/one"
        python3 -c 'import struct,sys; b=open(sys.argv[1],"rb").read(); c=struct.unpack_from("<I",b,4)[0]; sys.stdout.buffer.write(b[:8+c])' "$work/one" >> "$f"
    done
}
mkdir -p "$out"
make xpress 32768 6
make lzx 32768 6
make lzms 131072 2
ls -l "$out"
