#!/usr/bin/env python3
"""Writes one manifest per image of a WIM, as wimlib 1.13.5 sees it ("jwim-corpus-manifest/1",
the schema of shared/wims/*/manifests, plus "detailed" from `wimlib-imagex dir --detailed`).

    make-manifest.py --base TESTDATA --wim wims/X.wim --out manifests [--ref GLOB]
                     [--part FILE]... [--apply-arg ARG]... --source S --writer W
                     --command C --notes N

Paths in the manifest are relative to TESTDATA, and the wimlib-imagex commands run there, so
no absolute path of this machine ends up in a manifest.
"""
import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from treewalk import first_names, relative_paths

FORMAT = "jwim-corpus-manifest/1"
# Symlink targets that wimlib's apply points into the apply directory (absolute links fixed by
# RP_FIX at capture) start with this instead of the temporary directory's path.
TARGET_TOKEN = "$TARGET"


def run(args, cwd, check=True):
    p = subprocess.run(["wimlib-imagex"] + args, cwd=cwd, capture_output=True)
    out, err = p.stdout.decode("utf-8", "surrogateescape"), p.stderr.decode("utf-8", "surrogateescape")
    if check and p.returncode != 0:
        sys.exit("wimlib-imagex %s failed (%d):\n%s%s" % (" ".join(args), p.returncode, out, err))
    return p.returncode, out, err


def ref_args(ref):
    return ["--ref=" + ref] if ref else []


def fields(text):
    """'Key:   value' and 'Key = value' lines of wimlib-imagex's reports, in order."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^(\S[^=:]*?)\s*(?::|=)\s?(.*)$", line)
        if m:
            out.append((m.group(1).strip(), m.group(2).strip()))
    return out


# --- info ---------------------------------------------------------------------------------

def parse_resource(lines):
    """One blob as print_resource() writes it: a Hash line, then (unless the blob is missing)
    sizes, where it lies, part number, reference count and flags."""
    r = {}
    for key, value in fields("\n".join(lines)):
        if key == "Hash":
            r["hash"] = value[2:]
        elif key == "Uncompressed size":
            r["size"] = int(value.split()[0])
        elif key == "Compressed size":
            r["compressed_size"] = int(value.split()[0])
        elif key == "Offset in WIM":
            r["offset"] = int(value.split()[0])
        elif key == "Solid resource":
            m = re.match(r"(\d+) => (\d+) bytes @ offset (\d+)", value)
            r["solid_resource"] = {"uncompressed_size": int(m.group(1)),
                                   "compressed_size": int(m.group(2)), "offset": int(m.group(3))}
        elif key == "Solid offset":
            r["solid_offset"] = int(value.split()[0])
        elif key == "Part Number":
            r["part_number"] = int(value)
        elif key == "Reference Count":
            r["reference_count"] = int(value)
        elif key == "Flags":
            r["flags"] = value.split()
    r["missing"] = "size" not in r
    return r


def split_resources(text):
    blocks, cur = [], []
    for line in text.splitlines():
        if line.startswith("Hash"):
            if cur:
                blocks.append(cur)
            cur = [line]
        elif cur:
            cur.append(line)
    if cur:
        blocks.append(cur)
    return [parse_resource(b) for b in blocks]


def blob_counts(text):
    blobs = split_resources(text)
    solid_resources = {b["solid_resource"]["offset"] for b in blobs if "solid_resource" in b}
    return {
        "compressed": sum("WIM_RESHDR_FLAG_COMPRESSED" in b.get("flags", []) for b in blobs),
        "count": len(blobs),
        "metadata": sum("WIM_RESHDR_FLAG_METADATA" in b.get("flags", []) for b in blobs),
        "solid": sum("WIM_RESHDR_FLAG_SOLID" in b.get("flags", []) for b in blobs),
        "solid_resources": len(solid_resources),
        "uncompressed_bytes": sum(b.get("size", 0) for b in blobs),
    }


def parse_header(text):
    h = {"flags": []}
    for line in text.splitlines():
        m = re.match(r"^\s+(WIM_HDR_FLAG_\w+) is set", line)
        if m:
            h["flags"].append(m.group(1))
    for key, value in fields(text):
        if key == "Magic Characters":
            h["magic"] = value
        elif key == "Version":
            h["version"] = value
        elif key == "Flags":
            h["flags_value"] = value
    return h


def xml_images(base, wim):
    """{index: flat map of that IMAGE element} and the WIM's TOTALBYTES, from the XML data."""
    fd, tmp = tempfile.mkstemp(suffix=".xml")
    os.close(fd)
    try:
        run(["info", wim, "--extract-xml", tmp], base)
        raw = open(tmp, "rb").read()
    finally:
        os.unlink(tmp)
    root = ET.fromstring(raw.decode("utf-16"))
    images = {}
    for img in root.findall("IMAGE"):
        flat = {}

        def walk(el, prefix):
            for child in el:
                key = prefix + child.tag
                if len(child):
                    walk(child, key + "/")
                else:
                    value = (child.text or "").strip()
                    if key in flat:       # repeated element (e.g. LANGUAGE): keep them all
                        prev = flat[key]
                        flat[key] = (prev if isinstance(prev, list) else [prev]) + [value]
                    else:
                        flat[key] = value
        walk(img, "")
        images[int(img.get("INDEX"))] = flat
    total = root.findtext("TOTALBYTES")
    return images, int(total) if total is not None else None


def image_info(text, xml):
    f = dict(fields(text))
    return {
        "description": f.get("Description", ""),
        "dir_count": int(f["Directory Count"]),
        "file_count": int(f["File Count"]),
        "hard_link_bytes": int(f["Hard Link Bytes"]),
        "index": int(f["Index"]),
        "name": f.get("Name", ""),
        "total_bytes": int(f["Total Bytes"]),
        "wimboot": f.get("WIMBoot compatible") == "yes",
        "xml": xml,
    }


def wim_info(base, wim):
    _, text, _ = run(["info", wim], base)
    _, header, _ = run(["info", wim, "--header"], base)
    _, blobs, _ = run(["info", wim, "--blobs"], base)
    f = dict(fields(text.split("Available Images:")[0]))
    count = int(f["Image Count"])
    xml, xml_total = xml_images(base, wim)
    images = []
    for i in range(1, count + 1):
        _, t, _ = run(["info", wim, str(i)], base)
        images.append(image_info(t, xml.get(i, {})))
    attrs = [a for a in f.get("Attributes", "").split(", ") if a]
    part, total_parts = (int(x) for x in f["Part Number"].split("/"))
    counts = blob_counts(blobs)
    return {
        "attributes": attrs,
        "blobs": counts,
        "boot_index": int(f["Boot Index"]),
        "chunk_size": int(f["Chunk Size"].split()[0]),
        "compression": f["Compression"],
        "guid": f["GUID"][2:],
        "header": parse_header(header),
        "image_count": count,
        "images": images,
        "integrity": "Integrity info" in attrs,
        "part_number": part,
        "pipable": "Pipable" in attrs,
        "size": int(f["Size"].split()[0]),
        "solid": counts["solid"] > 0,
        "total_parts": total_parts,
        "version": int(f["Version"]),
        "xml_totalbytes": xml_total,
    }


# --- dir --detailed -----------------------------------------------------------------------

QUOTED_FIELDS = {"Full Path": "path", "Short Name": "short_name"}
PLAIN_FIELDS = {"Attributes": "attributes", "Security Descriptor": "security_descriptor",
                "Creation Time": "creation_time", "Last Write Time": "last_write_time",
                "Last Access Time": "last_access_time", "Reparse Tag": "reparse_tag",
                "Link Group ID": "link_group_id"}
OBJECT_ID_FIELDS = {"Object ID": "object_id", "Birth Volume ID": "birth_volume_id",
                    "Birth Object ID": "birth_object_id", "Domain ID": "domain_id"}


def parse_detailed(text):
    entries = []
    for block in text.split("-" * 76 + "\n")[1:]:
        lines = block.splitlines()
        e = {"attribute_flags": [], "security_descriptor": None, "reparse_tag": None,
             "object_id": None, "unix_data": None, "streams": []}
        i = 0
        while i < len(lines) and not lines[i].startswith("\t"):
            line = lines[i]
            m = re.match(r"^\s+FILE_ATTRIBUTE_(\w+) is set$", line)
            if m:
                e["attribute_flags"].append(m.group(1))
            else:
                key, value = line.split("=", 1)
                key, value = key.strip(), value.strip()
                if key in QUOTED_FIELDS:
                    e[QUOTED_FIELDS[key]] = value[1:-1]
                elif key in PLAIN_FIELDS:
                    e[PLAIN_FIELDS[key]] = value
                elif key == "Link Count":
                    e["link_count"] = int(value)
                elif key == "UNIX Data":
                    u = dict(kv.split(":", 1) for kv in value.split())
                    e["unix_data"] = {"uid": int(u["uid"]), "gid": int(u["gid"]),
                                      "mode": u["mode"], "rdev": u["rdev"]}
                elif key in OBJECT_ID_FIELDS:
                    e["object_id"] = e["object_id"] or {}
                    e["object_id"][OBJECT_ID_FIELDS[key]] = value
                else:
                    raise ValueError("unknown line in dir --detailed: %r" % line)
            i += 1
        # Streams: a tab-indented title, then the blob as print_resource() writes it.
        while i < len(lines):
            title = lines[i]
            j = i + 1
            while j < len(lines) and not lines[j].startswith("\t"):
                j += 1
            m = re.match(r'^\tNamed data stream "(.*)":$', title)
            if m:
                kind, name = "named", m.group(1)
            else:
                kind = {"\tUnnamed data stream:": "unnamed", "\tReparse point stream:": "reparse",
                        "\tRaw encrypted data stream:": "encrypted"}[title]
                name = ""
            s = {"name": name, "kind": kind}
            s.update(parse_resource([x for x in lines[i + 1:j] if x.strip()]))
            e["streams"].append(s)
            i = j
        entries.append(e)
    return entries


# --- apply --------------------------------------------------------------------------------

def applied_tree(base, wim, image, ref, apply_args):
    tmp = tempfile.mkdtemp(prefix="jwim-apply-")
    target = os.path.join(tmp, "t")
    try:
        rc, out, err = run(["apply", wim, str(image), target] + ref_args(ref) + apply_args,
                           base, check=False)
        if rc != 0:
            return None, (err or out).strip()
        real = os.path.realpath(target)
        entries = []
        paths = relative_paths(target)
        first = first_names(target, paths)
        for rel in sorted(paths):
            p = os.path.join(target, rel)
            st = os.lstat(p)
            e = {"path": rel, "mode": "%04o" % stat.S_IMODE(st.st_mode), "uid": st.st_uid,
                 "gid": st.st_gid, "mtime": st.st_mtime_ns}
            if stat.S_ISDIR(st.st_mode):
                e["type"] = "dir"
            elif stat.S_ISREG(st.st_mode):
                e["type"] = "file"
                e["size"] = st.st_size
                with open(p, "rb") as f:
                    e["sha1"] = hashlib.sha1(f.read()).hexdigest()
                # As in shared/wims: "nlink" names the hard-link group by its first path
                # (null when the file has one name); "link_count" is st_nlink.
                group = first[(st.st_dev, st.st_ino)] if st.st_nlink > 1 else None
                e["nlink"] = e["link_group"] = group
                e["link_count"] = st.st_nlink
            elif stat.S_ISLNK(st.st_mode):
                e["type"] = "symlink"
                t = os.readlink(p)
                for prefix in (real, target):
                    if t == prefix or t.startswith(prefix + "/"):
                        t = TARGET_TOKEN + t[len(prefix):]
                        break
                e["target"] = t
            else:
                e["type"] = ("fifo" if stat.S_ISFIFO(st.st_mode) else
                             "chardev" if stat.S_ISCHR(st.st_mode) else
                             "blockdev" if stat.S_ISBLK(st.st_mode) else
                             "socket" if stat.S_ISSOCK(st.st_mode) else "other")
                e["rdev"] = st.st_rdev
            entries.append(e)
        return entries, None
    finally:
        shutil.rmtree(tmp)


def verify(base, wim, ref):
    rc, out, err = run(["verify", wim] + ref_args(ref), base, check=False)
    if rc == 0:
        return "ok"
    keep = [l for l in (err + out).splitlines()
            if l.strip() and not l.startswith(("Verifying", "\r", "Checking"))]
    return "\n".join(keep)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--wim", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--ref")
    ap.add_argument("--part", action="append", default=[])
    ap.add_argument("--apply-arg", action="append", default=[])
    ap.add_argument("--source", required=True)
    ap.add_argument("--writer", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--notes", required=True)
    a = ap.parse_args()

    info = wim_info(a.base, a.wim)
    verified = verify(a.base, a.wim, a.ref)
    parts = [a.wim] + [p for p in a.part if p != a.wim]
    for image in range(1, info["image_count"] + 1):
        tree, error = applied_tree(a.base, a.wim, image, a.ref, a.apply_arg)
        rc, detailed, _ = run(["dir", a.wim, str(image), "--detailed"] + ref_args(a.ref), a.base,
                              check=False)
        m = {
            "apply_args": a.apply_arg,
            "command": a.command,
            "detailed": parse_detailed(detailed) if rc == 0 else None,
            "expect": "ok" if error is None else "fail",
            "format": FORMAT,
            "image": image,
            "image_count": info["image_count"],
            "image_info": info["images"][image - 1],
            "info": info,
            "notes": a.notes,
            "parts": parts,
            "ref": a.ref,
            "source": a.source,
            "verify": verified,
            "wim": a.wim,
            "writer": a.writer,
        }
        if error is None:
            m["tree"] = tree
        else:
            m["error"] = error
        name = "%s.%d.json" % (os.path.basename(a.wim), image)
        with open(os.path.join(a.base, a.out, name), "w", encoding="ascii") as f:
            json.dump(m, f, indent=1, sort_keys=True, ensure_ascii=True)
            f.write("\n")


if __name__ == "__main__":
    main()
