#!/usr/bin/env python3
"""Builds the source trees that make-testdata.sh captures, with fixed content and fixed times.

    make-trees.py build WORK PE_DIR   create WORK/tree-*
    make-trees.py retime WORK         set every entry's atime/mtime again

Everything here is a pure function of the path, so two runs give byte-equal trees. Times are
set again before every capture because reading a file under relatime moves its atime, and
wimlib records atimes.
"""
import os
import socket
import stat
import sys
import zlib

from treewalk import first_names, relative_paths

TREES = ("tree-basic", "tree-small", "tree-small2", "tree-special", "tree-empty",
         "tree-one-empty-file")

# 2020-01-02T03:04:05Z, the base of every generated time.
BASE_NS = 1577934245 * 10**9
# Following a symlink (wimlib stats through them to see if they point at a directory) moves
# its atime under relatime unless that atime lies in the future: 2099-12-31T00:00:00Z.
SYMLINK_ATIME_NS = 4102358400 * 10**9

# Paths (relative to their tree) whose mtime is an edge of the FILETIME/Unix conversion.
FIXED_MTIMES = {
    "times/epoch": 0,
    "times/before-1970": -86400 * 365 * 10**9 - 123456700,   # 1969-01-01, negative
    "times/after-2038": 2240524800 * 10**9 + 999999900,      # 2040-12-31, past int32
    "times/sub-100ns": 1600000000 * 10**9 + 123456789,       # FILETIME keeps 1234567 of it
}

PE_FILES = {  # Debian libwine 8.0~repack-4, usr/lib/x86_64-linux-gnu/wine/x86_64-windows/
    "notepad.exe": "fad8130d1f5f0209349409e7ad125657717e929956aad943e78a04c663bd14d0",
    "reg.exe": "c0de4c7ff9b4f1fee7d7eb75a954d308f0920e459532766454a0e69aee46ac13",
    "cabinet.dll": "fc7aae4035f8ac831abde84a69b74efbd944279ca3b137902db40393a8af082f",
    "imm32.dll": "e1874d54637491e4c1bffea21d8f251cb94d9e91bd1ba8ab407fad6969c0ecfb",
}


class Rng:
    """xorshift64*: a generator whose output will never change with the Python version."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & 0xFFFFFFFFFFFFFFFF

    def next(self):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & 0xFFFFFFFFFFFFFFFF
        s ^= s >> 27
        self.s = s
        return (s * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        return self.next() % n

    def bytes(self, n):
        out = bytearray()
        while len(out) < n:
            out += self.next().to_bytes(8, "little")
        return bytes(out[:n])


WORDS = ("the of and to in is that for it as with was on be by this are at from or an which "
         "image file data chunk stream header window offset length match literal table "
         "resource metadata directory entry security descriptor hash blob compression "
         "Windows imaging format archive volume partition boot index split delta solid "
         "quickly slowly carefully every never always sometimes often rarely").split()


def text(seed, size):
    """Mixed text: prose, log lines, CSV rows and indented code, with real repetition."""
    r = Rng(seed)
    out = []
    n = 0
    line_no = 0
    while n < size:
        kind = r.below(10)
        line_no += 1
        if kind < 5:
            words = [WORDS[r.below(len(WORDS))] for _ in range(5 + r.below(14))]
            line = " ".join(words).capitalize() + "."
        elif kind < 7:
            line = "2020-01-%02d %02d:%02d:%02d.%03d [%s] worker-%d: %s %d bytes at 0x%08x" % (
                1 + r.below(28), r.below(24), r.below(60), r.below(60), r.below(1000),
                ("INFO", "WARN", "DEBUG", "ERROR")[r.below(4)], r.below(8),
                WORDS[r.below(len(WORDS))], r.below(1 << 20), r.below(1 << 32))
        elif kind < 9:
            line = ",".join(str(r.below(10 ** (1 + r.below(6)))) for _ in range(6))
        else:
            line = "    " * r.below(4) + "if (%s_%d > %d) { return %s(%d); }" % (
                WORDS[r.below(len(WORDS))], r.below(100), r.below(1000),
                WORDS[r.below(len(WORDS))], line_no)
        line += "\n"
        out.append(line)
        n += len(line.encode())
    return "".join(out).encode()[:size]


def put(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


def build_basic(t, pe_dir):
    # Unicode names: accented Latin, CJK, non-BMP emoji (UTF-16 surrogates), RTL scripts,
    # NFC vs NFD spellings of one name, names differing only in case.
    for i, name in enumerate([
            "unicode/café-naïve-Ñandú.txt",
            "unicode/日本語のファイル.txt",
            "unicode/中文目录/文件.txt",
            "unicode/😀emoji🎉.txt",
            "unicode/עברית.txt",
            "unicode/العربية.txt",
            "unicode/Ünïcödé dir/ß.txt",
            "unicode/e\u0301-nfd.txt",
            "unicode/\u00e9-nfc.txt",
            "unicode/Case.txt",
            "unicode/case.txt",
            "unicode/special chars !#$%&'()+,;=@[]^`{}~.txt",
            "unicode/.hidden"]):
        put(os.path.join(t, name), ("file %d: %s\n" % (i, name)).encode())
    put(os.path.join(t, "long", "n" * 236 + ".txt"), b"a 240-character name\n")
    deep = os.path.join(t, "deep", *["d%02d" % i for i in range(1, 41)])
    put(os.path.join(deep, "leaf.txt"), b"40 levels down\n")

    put(os.path.join(t, "empty/empty-file-1"), b"")
    put(os.path.join(t, "empty/empty-file-2"), b"")
    os.makedirs(os.path.join(t, "empty/empty-dir"))
    os.makedirs(os.path.join(t, "empty/nested/empty-inner"))

    # Sizes around the 32 KiB and 64 KiB chunk boundaries; 32768 and the first half of 65536
    # are random, so compressors must store those chunks raw.
    r = Rng(7)
    sizes = {0: b"", 1: b"Z", 32767: text(11, 32767), 32768: r.bytes(32768),
             32769: text(12, 32769), 65536: r.bytes(32768) + text(13, 32768),
             65537: text(14, 65537)}
    for n, data in sizes.items():
        put(os.path.join(t, "sizes", "%d" % n), data)
    put(os.path.join(t, "text/big.txt"), text(1, 1100000))

    # Equal contents under different names (one blob, many references); also equal to a
    # file elsewhere in the tree.
    dup = text(21, 5000)
    for name in ("dups/a.bin", "dups/b.bin", "dups/sub/c.bin", "dups/sub/deeper/d.bin"):
        put(os.path.join(t, name), dup)
    put(os.path.join(t, "dups/copy-of-32767"), sizes[32767])

    # A file with three names in three directories, and a second group of two names.
    put(os.path.join(t, "links/hard/original.txt"), b"one inode, three names\n")
    os.makedirs(os.path.join(t, "links/other"))
    os.link(os.path.join(t, "links/hard/original.txt"), os.path.join(t, "links/other/alias.txt"))
    os.link(os.path.join(t, "links/hard/original.txt"), os.path.join(t, "hard-third-name.txt"))
    put(os.path.join(t, "links/hard/pair-1.bin"), dup)
    os.link(os.path.join(t, "links/hard/pair-1.bin"), os.path.join(t, "links/hard/pair-2.bin"))

    sym = os.path.join(t, "links/sym")
    os.makedirs(sym)
    for name, target in [
            ("relative", "../hard/original.txt"),
            ("absolute-inside", os.path.join(t, "sizes/1")),
            ("absolute-inside-dir", os.path.join(t, "unicode")),
            ("absolute-outside", "/etc/hostname"),
            ("dangling", "does-not-exist"),
            ("to-dir", "../../deep"),
            ("chain-1", "chain-2"),
            ("chain-2", "chain-3"),
            ("chain-3", "../hard/original.txt")]:
        os.symlink(target, os.path.join(sym, name))

    put(os.path.join(t, "modes/private-0600"), b"only the owner\n", 0o600)
    put(os.path.join(t, "modes/script-0755.sh"), b"#!/bin/sh\necho hi\n", 0o755)
    put(os.path.join(t, "modes/readonly-0444"), b"nobody writes\n", 0o444)
    put(os.path.join(t, "modes/group-0640"), b"group reads\n", 0o640)
    put(os.path.join(t, "modes/dir-0700/inside"), b"in a private dir\n")
    os.chmod(os.path.join(t, "modes/dir-0700"), 0o700)

    for name in FIXED_MTIMES:
        put(os.path.join(t, name), ("mtime edge %s\n" % name).encode())

    import hashlib
    for name, sha in sorted(PE_FILES.items()):
        data = open(os.path.join(pe_dir, name), "rb").read()
        if hashlib.sha256(data).hexdigest() != sha:
            sys.exit("PE file %s has sha256 %s, expected %s (different libwine version?)"
                     % (name, hashlib.sha256(data).hexdigest(), sha))
        put(os.path.join(t, "pe", name), data, 0o755)


SMALL = {
    "readme.txt": text(31, 900),
    "docs/a.txt": text(32, 3000),
    "docs/b.txt": text(33, 2500),
    "src/main.c": b'#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n',
    "src/util/helper.c": text(34, 1800),
    "data/table.csv": text(35, 12000),
}


def build_small(t, changed):
    files = dict(SMALL)
    if changed:
        files["docs/a.txt"] = text(32, 3000)[:1500] + b"\nchanged in tree-small2\n" + text(36, 1400)
        files["docs/c.txt"] = text(37, 2000)
        del files["src/util/helper.c"]
        files["bin/tool.bin"] = Rng(38).bytes(4096) + text(39, 16000)
    for name, data in files.items():
        put(os.path.join(t, name), data)
    os.makedirs(os.path.join(t, "empty-dir"))


def build_special(t):
    os.makedirs(t)
    os.mkfifo(os.path.join(t, "fifo"), 0o644)
    os.mknod(os.path.join(t, "char-null"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.mknod(os.path.join(t, "block-loop0"), 0o660 | stat.S_IFBLK, os.makedev(7, 0))
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(t, "socket"))
    s.close()
    os.chmod(os.path.join(t, "socket"), 0o755)
    owners = [("owned-1000", 1000, 1000, 0o640), ("owned-65534", 65534, 65534, 0o600),
              ("owned-12345-54321", 12345, 54321, 0o604), ("exec-0711", 0, 0, 0o711),
              ("readonly-0400", 0, 0, 0o400), ("all-0777", 0, 0, 0o777)]
    for name, uid, gid, mode in owners:
        put(os.path.join(t, name), ("%s\n" % name).encode(), mode)
        os.chown(os.path.join(t, name), uid, gid)
    for name, mode in (("sticky-1777", 0o1777), ("setgid-2775", 0o2775), ("dir-0555", 0o555)):
        os.makedirs(os.path.join(t, name))
        os.chmod(os.path.join(t, name), mode)
    put(os.path.join(t, "setgid-2775/inside"), b"in a setgid dir\n")
    os.chown(os.path.join(t, "setgid-2775"), 0, 100)
    os.symlink("owned-1000", os.path.join(t, "symlink-owned-1000"))
    os.lchown(os.path.join(t, "symlink-owned-1000"), 1000, 1000)
    put(os.path.join(t, "plain.txt"), b"plain\n")


def times_of(rel, is_link=False):
    """(atime_ns, mtime_ns) of a path; a pure function of its name."""
    if rel in FIXED_MTIMES:
        m = FIXED_MTIMES[rel]
    else:
        h = zlib.crc32(rel.encode())
        m = BASE_NS + (h % (86400 * 700)) * 10**9 + (h % 10**7) * 100
    # atime after mtime: still moved by a read under relatime once it is a day old, hence retime.
    return (SYMLINK_ATIME_NS if is_link else m + 3600 * 10**9), m


def retime(root):
    """Sets the times of every entry below root; all names of a hard-linked file take the
    times of its first name, so the result does not hang on directory order."""
    paths = relative_paths(root)
    first_name = first_names(root, paths)
    for rel in paths:
        st = os.lstat(os.path.join(root, rel))
        os.utime(os.path.join(root, rel),
                 ns=times_of(first_name[(st.st_dev, st.st_ino)], stat.S_ISLNK(st.st_mode)),
                 follow_symlinks=False)


def main():
    cmd, work = sys.argv[1], sys.argv[2]
    if cmd == "build":
        os.umask(0o022)
        build_basic(os.path.join(work, "tree-basic"), sys.argv[3])
        build_small(os.path.join(work, "tree-small"), False)
        build_small(os.path.join(work, "tree-small2"), True)
        build_special(os.path.join(work, "tree-special"))
        os.makedirs(os.path.join(work, "tree-empty"))
        put(os.path.join(work, "tree-one-empty-file", "empty"), b"")
    for tree in TREES:
        retime(os.path.join(work, tree))


if __name__ == "__main__":
    main()
