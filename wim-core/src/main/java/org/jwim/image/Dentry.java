package org.jwim.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A name in an image's tree: a long name, an optional DOS short name, the inode it names, and for
 * directories the children, kept in wimlib's collation order (case-insensitive first, then
 * case-sensitive, by UTF-16 code unit), which is the order wimlib lists and writes them.
 */
public final class Dentry {
    /** wimlib's child order. */
    public static final Comparator<String> COLLATION = Dentry::collate;

    private String name;
    private String shortName;
    private Dentry parent;
    private final Inode inode;
    private List<Dentry> children;

    /** A new dentry called {@code name} (empty for a root) naming {@code inode}. */
    public Dentry(String name, Inode inode) {
        this.name = name;
        this.shortName = "";
        this.inode = inode;
        inode.addLink(this);
    }

    public String name() {
        return name;
    }

    /** The DOS 8.3 name, "" if none. */
    public String shortName() {
        return shortName;
    }

    public void setShortName(String shortName) {
        this.shortName = shortName == null ? "" : shortName;
    }

    public Inode inode() {
        return inode;
    }

    /** The parent directory, null for the root. */
    public Dentry parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == null;
    }

    public boolean isDirectory() {
        return inode.isDirectory();
    }

    /** The children in collation order (empty for files). */
    public List<Dentry> children() {
        return children == null ? List.of() : Collections.unmodifiableList(children);
    }

    /** The child called exactly {@code childName} (case-sensitive), or null. */
    public Dentry child(String childName) {
        if (children == null) {
            return null;
        }
        int i = search(childName);
        return i >= 0 ? children.get(i) : null;
    }

    /** The first child whose name equals {@code childName} ignoring case, or null. */
    public Dentry childIgnoreCase(String childName) {
        if (children == null) {
            return null;
        }
        for (Dentry c : children) {
            if (c.name.equalsIgnoreCase(childName)) {
                return c;
            }
        }
        return null;
    }

    private int search(String childName) {
        int lo = 0;
        int hi = children.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = collate(children.get(mid).name, childName);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /**
     * Adds {@code child} in collation order.
     *
     * @return false (and nothing added) if a child with exactly that name exists
     */
    public boolean addChild(Dentry child) {
        if (children == null) {
            children = new ArrayList<>();
        }
        int i = search(child.name);
        if (i >= 0) {
            return false;
        }
        children.add(-(i + 1), child);
        child.parent = this;
        return true;
    }

    /**
     * Removes this dentry from its inode's links; for a dentry that is in no directory (one being
     * thrown away).
     */
    public void detachFromInode() {
        if (parent != null) {
            throw new IllegalStateException(path() + " is still in a directory");
        }
        inode.removeLink(this);
    }

    /** Removes {@code child} from this directory and the inode's links. */
    public void removeChild(Dentry child) {
        if (children != null && children.remove(child)) {
            child.parent = null;
            child.inode.removeLink(child);
        }
    }

    /**
     * Moves this dentry, with its subtree, into the directory {@code newParent} under the name
     * {@code newName} (its inode keeps it as a name).
     *
     * @return false (and nothing changed) if {@code newParent} has a child of that name
     */
    public boolean moveTo(Dentry newParent, String newName) {
        if (newParent.child(newName) != null) {
            return false;
        }
        removeFromParent();
        this.name = newName;
        newParent.addChild(this);
        return true;
    }

    /** Takes this dentry, with its subtree, out of its directory; it stays a name of its inode. */
    public void removeFromParent() {
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
    }

    /** Renames this dentry (re-sorting it in its parent). */
    public void rename(String newName) {
        Dentry p = parent;
        if (p != null) {
            p.children.remove(this);
        }
        this.name = newName;
        if (p != null) {
            p.addChild(this);
        }
    }

    /** The absolute path in the image, "/" for the root, '/' between names. */
    public String path() {
        if (parent == null) {
            return "/";
        }
        List<String> names = new ArrayList<>();
        for (Dentry d = this; d.parent != null; d = d.parent) {
            names.add(d.name);
        }
        StringBuilder b = new StringBuilder();
        for (int i = names.size() - 1; i >= 0; i--) {
            b.append('/').append(names.get(i));
        }
        return b.toString();
    }

    /** Depth below the root (the root is 0). */
    public int depth() {
        int n = 0;
        for (Dentry d = parent; d != null; d = d.parent) {
            n++;
        }
        return n;
    }

    /**
     * Sets the children of this (childless) directory from {@code sorted}, which must be in
     * collation order with no two equal names: the fast path for a directory read from disk.
     */
    public void setChildren(List<Dentry> sorted) {
        if (children != null && !children.isEmpty()) {
            throw new IllegalStateException(path() + " already has children");
        }
        children = new ArrayList<>(sorted);
        for (Dentry c : children) {
            c.parent = this;
        }
    }

    /** wimlib's collation: compare upper-cased UTF-16 code units, then exact code units, then length. */
    public static int collate(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = upper(a.charAt(i));
            char y = upper(b.charAt(i));
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        if (a.length() != b.length()) {
            return a.length() < b.length() ? -1 : 1;
        }
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    private static char upper(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        }
        return Character.toUpperCase(c);
    }

    @Override
    public String toString() {
        return path();
    }
}
