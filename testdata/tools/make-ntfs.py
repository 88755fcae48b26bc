#!/usr/bin/env python3
"""Fills an NTFS volume mounted by ntfs-3g (-o streams_interface=xattr,noatime) with what only
NTFS has: named data streams (on files and on a directory), DOS short names, DOS attributes,
real Windows security descriptors, creation times, native symlink and junction reparse points,
and a hard link that shares its streams. wimlib then captures the volume in NTFS mode.

    make-ntfs.py MOUNTPOINT
"""
import os
import struct
import sys

# FILETIME of 2020-01-02T03:04:05Z plus a sub-second part, in 100 ns units.
FILETIME_BASE = (1577934245 + 11644473600) * 10**7 + 1234567

# A security descriptor captured by Microsoft's tools on Windows (owner and group a domain
# user, a DACL with inherited ACEs for SYSTEM, Administrators and the user).
WINDOWS_SD = bytes.fromhex(
    "010004a01400000030000000000000004c000000010500000000000515000000"
    "43170a32cb61395ec321fc7fec03000001050000000000051500000043170a32"
    "cb61395ec321fc7f01020000020070000400000000101800ff011f0001020000"
    "00000005200000002002000000101400ff011f00010100000000000512000000"
    "00102400ff011f0001050000000000051500000043170a32cb61395ec321fc7f"
    "ec03000000101800a900120001020000000000052000000021020000")

FILE_ATTRIBUTE_READONLY, FILE_ATTRIBUTE_HIDDEN, FILE_ATTRIBUTE_SYSTEM = 0x1, 0x2, 0x4
FILE_ATTRIBUTE_ARCHIVE, FILE_ATTRIBUTE_NOT_CONTENT_INDEXED = 0x20, 0x2000
IO_REPARSE_TAG_SYMLINK, IO_REPARSE_TAG_MOUNT_POINT = 0xA000000C, 0xA0000003
SYMLINK_FLAG_RELATIVE = 1


def reparse(tag, substitute, printed, flags=None):
    """A reparse buffer: header, name offsets/lengths, (symlinks only) flags, UTF-16 names."""
    sub, prt = substitute.encode("utf-16-le"), printed.encode("utf-16-le")
    if tag == IO_REPARSE_TAG_MOUNT_POINT:   # junction names are NUL-terminated
        body = struct.pack("<HHHH", 0, len(sub), len(sub) + 2, len(prt)) + sub + b"\0\0" + prt + b"\0\0"
    else:
        body = struct.pack("<HHHHI", 0, len(sub), len(sub), len(prt), flags) + sub + prt
    return struct.pack("<IHH", tag, len(body), 0) + body


def main():
    os.chdir(sys.argv[1])
    with open("Long File Name.txt", "wb") as f:
        f.write(b"main stream of a file with two named streams\r\n")
    os.setxattr("Long File Name.txt", "user.Zone.Identifier", b"[ZoneTransfer]\r\nZoneId=3\r\n")
    os.setxattr("Long File Name.txt", "user.big stream", bytes(range(256)) * 40)
    os.setxattr("Long File Name.txt", "system.ntfs_dos_name", b"LONGFI~1.TXT")
    os.mkdir("Directory With Stream")
    os.setxattr("Directory With Stream", "user.dirstream", b"a stream on a directory\r\n")
    os.link("Long File Name.txt", "Directory With Stream/hard link.txt")
    with open("only-named-stream", "wb"):
        pass
    os.setxattr("only-named-stream", "user.s", b"the unnamed stream is empty\r\n")
    for name, attrs in (("hidden.txt", FILE_ATTRIBUTE_HIDDEN),
                        ("readonly-system.txt", FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_SYSTEM),
                        ("not-indexed.txt", FILE_ATTRIBUTE_NOT_CONTENT_INDEXED)):
        with open(name, "wb") as f:
            f.write(("%s\r\n" % name).encode())
        os.setxattr(name, "system.ntfs_attrib_be", (attrs | FILE_ATTRIBUTE_ARCHIVE).to_bytes(4, "big"))
    with open("windows-acl.txt", "wb") as f:
        f.write(b"security descriptor from a Windows-made WIM\r\n")
    os.setxattr("windows-acl.txt", "system.ntfs_acl", WINDOWS_SD)
    with open("symlink-relative", "wb"):
        pass
    os.setxattr("symlink-relative", "system.ntfs_reparse_data",
                reparse(IO_REPARSE_TAG_SYMLINK, "Long File Name.txt", "Long File Name.txt",
                        SYMLINK_FLAG_RELATIVE))
    with open("symlink-absolute", "wb"):
        pass
    os.setxattr("symlink-absolute", "system.ntfs_reparse_data",
                reparse(IO_REPARSE_TAG_SYMLINK, "\\??\\C:\\Directory With Stream",
                        "C:\\Directory With Stream", 0))
    os.mkdir("junction")
    os.setxattr("junction", "system.ntfs_reparse_data",
                reparse(IO_REPARSE_TAG_MOUNT_POINT, "\\??\\C:\\Directory With Stream",
                        "C:\\Directory With Stream"))

    # Times last, the root after its children: creating entries moves their directory's
    # times. system.ntfs_times sets the FILETIMEs of $STANDARD_INFORMATION (creation, last
    # write, last access, MFT change), which is where wimlib reads them; utime() does not.
    names = ["Directory With Stream/hard link.txt"] + sorted(os.listdir(".")) + ["."]
    for i, name in enumerate(names):
        ft = FILETIME_BASE + i * 86400 * 10**7
        times = struct.pack("<QQQQ", ft, ft + 60 * 10**7, ft + 3600 * 10**7, ft + 120 * 10**7)
        os.setxattr(name, "system.ntfs_times", times, follow_symlinks=False)

if __name__ == "__main__":
    main()
