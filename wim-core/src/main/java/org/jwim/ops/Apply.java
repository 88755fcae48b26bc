package org.jwim.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Image;
import org.jwim.ImageInfo;
import org.jwim.Wim;
import org.jwim.format.WimHeader;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;

/**
 * Applies images, and extracts files from them, onto a Linux directory, giving what
 * {@code wimlib-imagex apply} and {@code extract} give there: directories, regular files, hard
 * links, symbolic links (from symlink and junction reparse points), access and modification
 * times, and with {@link ApplyOptions#unixData()} the owner, group, mode and special files wimlib
 * records. What Linux cannot hold is skipped with one summary warning per kind.
 *
 * <p>Blobs are read once each in the order they lie in the WIM, their chunks decompressed on all
 * processors, and checked against their SHA-1 while they are written. Names that are not valid
 * Linux names are skipped (or replaced), nothing is ever written through a link, and every file
 * appears under its real name only once complete.
 *
 * <pre>{@code
 * try (Wim wim = Wim.open(Path.of("install.wim"))) {
 *     Apply.image(wim.image(1), Path.of("/mnt/target"), ApplyOptions.defaults());
 * }
 * }</pre>
 */
public final class Apply {
    /** wimlib's limit on an image name used as a directory name. */
    private static final int MAX_IMAGE_DIR_NAME = 128;

    private Apply() {
    }

    /**
     * Applies {@code image} to directory {@code target} (created when missing; its parent must
     * exist).
     */
    public static ApplyResult image(Image image, Path target, ApplyOptions options) throws IOException {
        ApplyPlan plan = ApplyPlan.forImage(image, target, options);
        boolean rpFix = switch (options.rpFix()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> image.wim().header().hasFlag(WimHeader.FLAG_RP_FIX);
        };
        return run(image, plan, options, rpFix);
    }

    /**
     * Applies every image of {@code wim} below {@code target}, each in a directory named after the
     * image (or its index, when the name is empty, too long or not a valid file name), as
     * {@code wimlib-imagex apply WIM all TARGET} does.
     */
    public static ApplyResult allImages(Wim wim, Path target, ApplyOptions options) throws IOException {
        if (!Files.isDirectory(target)) {
            Files.createDirectory(target, TargetFs.DIR_MODE);
        }
        ApplyResult total = ApplyResult.empty();
        for (ImageInfo info : wim.images()) {
            total = total.plus(image(wim.image(info.index()), target.resolve(imageDirectoryName(info)), options));
        }
        return total;
    }

    /** The directory an image gets when all images are applied. */
    static String imageDirectoryName(ImageInfo info) {
        String name = info.name();
        boolean ok = name != null && PathSafety.problem(name) == null && PathSafety.encodable(name)
                && name.length() <= MAX_IMAGE_DIR_NAME;
        return ok ? name : Integer.toString(info.index());
    }

    /**
     * Extracts the files and trees {@code paths} name (see {@link ExtractPaths}) into
     * {@code dest}, as {@code wimlib-imagex extract} does: each straight into {@code dest}, or
     * under the directories leading to it with {@link ApplyOptions#preserveDirStructure()}.
     * Absolute links are never fixed up unless {@link ApplyOptions.RpFix#ON} is asked for.
     */
    public static ApplyResult paths(Image image, List<String> paths, Path dest, ApplyOptions options,
                                    ExtractPaths.Matching matching) throws IOException {
        List<String> early = new ArrayList<>();
        List<Dentry> trees = select(image, paths, matching, early, options.progress());
        if (!options.preserveDirStructure() && !Files.isDirectory(dest)) {
            Files.createDirectory(dest, TargetFs.DIR_MODE);
        }
        ApplyResult r;
        if (trees.isEmpty()) {
            r = ApplyResult.empty();
        } else {
            ApplyPlan plan = ApplyPlan.forTrees(image, trees, dest, options);
            r = run(image, plan, options, options.rpFix() == ApplyOptions.RpFix.ON);
        }
        return early.isEmpty() ? r : new ApplyResult(0, 0, 0, 0, 0, 0, early).plus(r);
    }

    /**
     * Writes the data of the files {@code paths} name to {@code out}, one after the other, as
     * {@code wimlib-imagex extract --to-stdout} does (each checked against its SHA-1).
     *
     * @throws IOException naming the first path that is a directory, link or encrypted file
     */
    public static void toStream(Image image, List<String> paths, ExtractPaths.Matching matching, OutputStream out)
            throws IOException {
        List<Dentry> files = select(image, paths, matching, new ArrayList<>(), ApplyProgress.NONE);
        for (Dentry d : files) {
            Inode inode = d.inode();
            if (inode.hasAttribute(FileAttributes.REPARSE_POINT | FileAttributes.DIRECTORY | FileAttributes.ENCRYPTED)) {
                throw new IOException("\"" + d.path() + "\" is not a regular file and therefore cannot be extracted to "
                        + "standard output");
            }
        }
        for (Dentry d : files) {
            StreamEntry s = d.inode().unnamedData();
            if (s == null || s.isEmpty()) {
                continue;
            }
            try (InputStream in = image.openStream(s)) {
                in.transferTo(out);
            }
        }
        out.flush();
    }

    private static List<Dentry> select(Image image, List<String> paths, ExtractPaths.Matching matching,
                                       List<String> warnings, ApplyProgress progress) throws IOException {
        List<Dentry> trees = new ArrayList<>();
        for (String p : paths) {
            List<Dentry> m = ExtractPaths.match(image, p, matching);
            if (m.isEmpty()) {
                switch (matching) {
                    case LITERAL -> throw new java.nio.file.NoSuchFileException(p, null, "Path \"" + p
                            + "\" does not exist in WIM image " + image.index());
                    case GLOB -> throw new java.nio.file.NoSuchFileException(p, null, "No matches for path pattern \""
                            + p + "\" in WIM image " + image.index());
                    case NULL_GLOB -> {
                        String w = "No matches for path pattern \"" + p + "\"";
                        warnings.add(w);
                        progress.warning(w);
                    }
                }
            }
            trees.addAll(m);
        }
        return trees;
    }

    private static ApplyResult run(Image image, ApplyPlan plan, ApplyOptions options, boolean rpFix) throws IOException {
        try (TargetFs fs = new TargetFs()) {
            return new ApplyRun(image, plan, options, rpFix, fs).run();
        }
    }
}
