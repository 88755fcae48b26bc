#!/usr/bin/env bash
# Remakes testdata/wims/ (small real WIMs written by wimlib-imagex 1.13.5 and 7-Zip) and
# testdata/manifests/ (what wimlib sees in each image: one JSON file per WIM image).
# README.md beside this script says what each WIM covers.
#
# Needs: root (device nodes, chown), wimlib-imagex 1.13.5 built with NTFS-3G, 7zz, python3,
# dpkg, ntfs-3g (mkntfs, and FUSE for the ntfs-3g mount), and either
# `apt-get download libwine` (Debian's wine PE binaries) or JWIM_LIBWINE_DEB=path/to/the.deb.
# Deterministic where wimlib allows: fixed content, fixed times, fixed build path. GUIDs, XML
# creation times, 7-Zip's link group ids (inode numbers) and blob order change between runs.
set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/tools"
# A fixed path: absolute symlinks into tree-basic and 7-Zip's stored link targets contain it.
work=/tmp/jwim-testdata
[ "$(id -u)" = 0 ] || { echo "run as root: the trees hold device nodes and other owners" >&2; exit 1; }
wimlib-imagex --version | grep -q 'wimlib 1\.13\.5' ||
    echo "warning: not wimlib 1.13.5; the manifests record what this wimlib does" >&2

rm -rf "$work"
mkdir -p "$work"
trap 'umount "$work/mnt" 2>/dev/null || true; rm -rf "$work"' EXIT

# --- source trees ----------------------------------------------------------------------------
if [ -n "${JWIM_LIBWINE_DEB:-}" ]; then
    cp "$JWIM_LIBWINE_DEB" "$work/libwine.deb"
else
    (cd "$work" && apt-get download libwine >/dev/null && mv libwine_*.deb libwine.deb)
fi
dpkg -x "$work/libwine.deb" "$work/wine"
python3 "$tools/make-trees.py" build "$work" "$work/wine/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"
rm -rf "$work/wine" "$work/libwine.deb"

rm -rf "$here/wims" "$here/manifests"
mkdir -p "$here/wims" "$here/manifests" "$work/scratch"
ln -s "$here/wims" "$work/wims"
cd "$work"      # every command below runs here, on relative paths, as the manifests quote it

# --- helpers ---------------------------------------------------------------------------------
cmds=""
# x CMD ARGS...: runs a step of the current WIM and adds it to the command its manifests quote.
x() {
    cmds="${cmds:+$cmds && }$(printf '%q ' "$@" | sed 's/ $//')"
    # Times again first: reading files under relatime moves atimes, and wimlib records them.
    python3 "$tools/make-trees.py" retime "$work"
    "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; echo "FAILED: $*" >&2; exit 1; }
}

# done_wim WIM SOURCE NOTES [make-manifest options]: verifies the WIM, writes its manifests.
done_wim() {
    local wim=$1 source=$2 notes=$3 ref=() writer
    shift 3
    for arg in "$@"; do case $arg in --ref=*) ref=(--ref="${arg#--ref=}");; esac; done
    wimlib-imagex verify "wims/$wim" "${ref[@]}" >"$work/out" 2>&1 ||
        { cat "$work/out" >&2; echo "FAILED: wimlib-imagex verify wims/$wim" >&2; exit 1; }
    case $cmds in
        7zz*) writer="7-Zip $(7zz | sed -n 's/^7-Zip (z) \([^ ]*\) .*/\1/p') (7zz a -twim)";;
        *) writer="wimlib-imagex $(wimlib-imagex --version | sed -n '1s/.*wimlib \([0-9.]*\).*/\1/p')";;
    esac
    python3 "$tools/make-manifest.py" --base "$here" --wim "wims/$wim" --out manifests \
        --source "$source" --writer "$writer" --command "$cmds" --notes "$notes" "$@"
    echo "  $wim"
    cmds=""
}

# --- tree-basic in every compression and layout -------------------------------------------
basic() {   # basic WIM NOTES CAPTURE-OPTIONS...
    local wim=$1 notes=$2
    shift 2
    x wimlib-imagex capture tree-basic "wims/$wim" tree-basic "$@"
    done_wim "$wim" tree-basic "$notes"
}
basic basic-none.wim "uncompressed" --compress=none
basic basic-xpress.wim "XPRESS, 32 KiB chunks" --compress=xpress
basic basic-xpress-4k.wim "XPRESS, 4 KiB chunks" --compress=xpress --chunk-size=4096
basic basic-xpress-64k.wim "XPRESS, 64 KiB chunks" --compress=xpress --chunk-size=65536
basic basic-lzx.wim "LZX, 32 KiB chunks" --compress=lzx
basic basic-lzx-64k.wim "LZX, 64 KiB chunks (wimlib-only chunk size)" --compress=lzx --chunk-size=65536
basic basic-lzx-2m.wim "LZX, 2 MiB chunks (largest LZX window)" --compress=lzx --chunk-size=2097152
basic basic-lzms.wim "LZMS, non-solid, default 128 KiB chunks" --compress=lzms
basic basic-lzms-1m.wim "LZMS, non-solid, 1 MiB chunks" --compress=lzms --chunk-size=1048576
basic basic-solid.esd "ESD style: file data in one solid LZMS resource (64 MiB solid chunk), version 3584" --solid
basic basic-solid-lzx.wim "solid resource compressed with LZX instead of LZMS" --solid --solid-compress=lzx
basic basic-pipable.wim "pipable WIM (LZX): stream headers before each blob, blob table and XML at the end" --compress=lzx --pipable
basic basic-check.wim "LZX with an integrity table (--check)" --compress=lzx --check

x wimlib-imagex capture tree-basic wims/basic-unix.wim tree-basic --compress=lzx --unix-data
done_wim basic-unix.wim tree-basic "LZX with UNIX data (uid/gid/mode in wimlib's tagged xattr items); apply with --unix-data" \
    --apply-arg=--unix-data
x wimlib-imagex capture tree-special wims/special-unix.wim tree-special --compress=xpress --unix-data
done_wim special-unix.wim tree-special "FIFO, char and block devices, socket, other owners and modes, setgid and sticky dirs (UNIX data); apply with --unix-data" \
    --apply-arg=--unix-data

# 7-Zip writes uncompressed WIMs only; -snl stores symlinks (as files holding the target,
# Unix mode in the high 16 bits of the attributes), -snh hard links (group id = inode number).
x sh -c 'cd tree-basic && 7zz a -twim -snl -snh ../wims/basic-7zip.wim "*"'
done_wim basic-7zip.wim tree-basic "written by 7-Zip: uncompressed, Unix mode in the attribute high bits, symlinks as plain files, no creation/access times"
x sh -c 'cd tree-small && 7zz a -twim -snl -snh ../wims/multi-7zip.wim "*"'
x sh -c 'cd tree-small2 && 7zz a -twim -snl -snh -mim=2 ../wims/multi-7zip.wim "*"'
done_wim multi-7zip.wim "tree-small, tree-small2" "two images written by 7-Zip (-mim=2 adds the second)"

# --- several images --------------------------------------------------------------------------
x wimlib-imagex capture tree-small wims/multi.wim "small" "the small tree" --compress=lzx \
    --flags=Professional \
    --image-property WINDOWS/EDITIONID=Professional --image-property WINDOWS/ARCH=9 \
    --image-property WINDOWS/VERSION/MAJOR=10 --image-property WINDOWS/VERSION/BUILD=19041 \
    --image-property WINDOWS/LANGUAGES/LANGUAGE=en-US \
    --image-property "WINDOWS/LANGUAGES/LANGUAGE[2]=de-DE" \
    --image-property "DISPLAYNAME=Small (Ünïcödé)"
x wimlib-imagex append tree-small2 wims/multi.wim "small2" "small, changed" --boot
x wimlib-imagex append tree-basic wims/multi.wim "basic" "the basic tree"
x wimlib-imagex info wims/multi.wim 3 --image-property WINDOWS/EDITIONID=Core
done_wim multi.wim "tree-small, tree-small2, tree-basic" "3 images sharing blobs; image 2 is the boot image; XML properties (FLAGS, WINDOWS/..., repeated LANGUAGE) on images 1 and 3"

x wimlib-imagex capture tree-small wims/deleted-hole.wim "one" --compress=xpress
x wimlib-imagex append tree-small2 wims/deleted-hole.wim "two"
x wimlib-imagex append tree-special wims/deleted-hole.wim "three"
x wimlib-imagex delete wims/deleted-hole.wim 2 --soft
done_wim deleted-hole.wim "tree-small, tree-special" "3 images captured, image 2 deleted with --soft: its metadata and unique blobs stay in the file as unreferenced holes"

# --- split and delta -------------------------------------------------------------------------
x wimlib-imagex capture tree-basic scratch/split-src.wim tree-basic --compress=lzx
x wimlib-imagex split scratch/split-src.wim wims/split.swm 0.5
parts=()
for p in wims/split.swm $(ls wims/split[0-9]*.swm | sort -V); do parts+=(--part="$p"); done
[ ${#parts[@]} -ge 3 ] || { echo "split made only ${#parts[@]} parts" >&2; exit 1; }
done_wim split.swm tree-basic "split WIM (LZX) in ${#parts[@]} parts of at most 0.5 MiB; apply needs --ref" \
    --ref='wims/split*.swm' "${parts[@]}"

x wimlib-imagex capture tree-small wims/delta-base.wim "base" --compress=lzx
done_wim delta-base.wim tree-small "the base of delta.wim"
x wimlib-imagex capture tree-small2 wims/delta.wim "delta" --compress=lzx --delta-from=wims/delta-base.wim
done_wim delta.wim tree-small2 "delta WIM: holds only blobs not in delta-base.wim; apply needs --ref" \
    --ref=wims/delta-base.wim

# --- what only NTFS has ----------------------------------------------------------------------
# wimlib's NTFS-3G capture reads an NTFS volume directly: named streams, DOS names, Windows
# security descriptors and reparse points, none of which a Linux directory can hold.
truncate -s 4M scratch/ntfs.img
mkntfs -F -q -f -L jwim -s 512 -c 4096 scratch/ntfs.img >/dev/null 2>&1
mkdir mnt
ntfs-3g -o streams_interface=xattr,noatime scratch/ntfs.img mnt
python3 "$tools/make-ntfs.py" mnt
umount mnt
x wimlib-imagex capture scratch/ntfs.img wims/ntfs.wim ntfs --compress=lzx
cmds="truncate -s 4M scratch/ntfs.img && mkntfs -F -q -f -L jwim -s 512 -c 4096 scratch/ntfs.img && ntfs-3g -o streams_interface=xattr,noatime scratch/ntfs.img mnt && python3 testdata/tools/make-ntfs.py mnt && umount mnt && $cmds"
done_wim ntfs.wim "NTFS volume filled by tools/make-ntfs.py" "captured from an NTFS volume (NTFS-3G mode): named data streams (also on a directory and beside an empty unnamed stream), a DOS short name, hidden/system/readonly/not-indexed attributes, a Windows security descriptor, symlink and junction reparse points, a hard link with streams"

# --- edges -----------------------------------------------------------------------------------
x wimlib-imagex capture tree-empty wims/empty-image.wim "empty"
done_wim empty-image.wim tree-empty "one image holding only an empty root directory (no file blobs)"
x wimlib-imagex capture tree-one-empty-file wims/one-empty-file.wim "one empty file"
done_wim one-empty-file.wim tree-one-empty-file "one image holding a single 0-byte file (zero hash, no blob)"

du -sh "$here/wims" "$here/manifests" "$here"
