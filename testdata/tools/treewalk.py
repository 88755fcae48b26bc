"""Walking a directory tree the same way in every tool: paths relative to the root, and for
each inode its first path in sorted order (the name that stands for a hard-link group)."""
import os


def relative_paths(root):
    """Every path below root, relative to it, "." first; directory order, not sorted."""
    paths = ["."]
    for dirpath, dirnames, filenames in os.walk(root):
        paths += [os.path.relpath(os.path.join(dirpath, n), root) for n in dirnames + filenames]
    return paths


def first_names(root, paths):
    """{(st_dev, st_ino): the smallest of paths naming that inode}."""
    first = {}
    for rel in sorted(paths):
        st = os.lstat(os.path.join(root, rel))
        first.setdefault((st.st_dev, st.st_ino), rel)
    return first
