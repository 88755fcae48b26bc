package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jwim.Image;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.image.Dentry;
import org.jwim.image.StreamEntry;
import org.jwim.io.ResourceReader;
import org.jwim.io.Sha1Digests;
import org.jwim.io.WimPart;
import org.jwim.io.WimResource;

/**
 * Checks a whole WIM: the integrity table, the blob tables, every image's metadata (and that every
 * stream's blob exists), and every blob's data against its SHA-1. Each resource is read once from
 * start to end, in file order, so a solid resource is decoded in one pass whatever the number of
 * blobs in it. Every problem is reported, one line each; nothing stops at the first.
 */
final class Verifier {
    /** Largest piece read at once from a resource. */
    private static final int PIECE = 1 << 20;

    private final Wim wim;
    private final PrintStream out;
    private final int threads;
    private int problems;
    private long blobsChecked;
    private long bytesChecked;
    private int imagesChecked;
    private String integrity = "absent";

    Verifier(Wim wim, PrintStream out, int threads) {
        this.wim = wim;
        this.out = out;
        this.threads = Math.max(1, threads);
    }

    int problems() {
        return problems;
    }

    /** What was checked, for the summary line. */
    String checked() {
        return "integrity table " + integrity + ", " + imagesChecked + " of " + wim.imageCount() + " image"
                + (wim.imageCount() == 1 ? "" : "s") + ", " + blobsChecked + " blob" + (blobsChecked == 1 ? "" : "s")
                + " (" + bytesChecked + " bytes)";
    }

    void problem(String message) {
        problems++;
        out.print("problem: " + message + "\n");
    }

    void run() {
        checkIntegrity();
        List<BlobTable> tables;
        try {
            tables = wim.blobTables();
        } catch (IOException e) {
            problem("blob table: " + Main.describe(e));
            return;
        }
        Map<Sha1Hash, BlobDescriptor> outside = new LinkedHashMap<>();
        checkImages(tables, outside);
        checkBlobs(tables, outside);
    }

    private void checkIntegrity() {
        try {
            boolean present = wim.integrityTable() != null;
            List<String> found = wim.checkIntegrity();
            for (String s : found) {
                problem("integrity table: " + s);
            }
            if (!found.isEmpty()) {
                integrity = "FAILED";
            } else if (present) {
                integrity = "OK";
            }
        } catch (IOException e) {
            integrity = "unreadable";
            problem("integrity table: " + Main.describe(e));
        }
    }

    /**
     * Reads every image's metadata and finds each stream's blob; blobs found only in other WIMs
     * (the bases of a delta WIM) go to {@code outside} to be checked too.
     */
    private void checkImages(List<BlobTable> tables, Map<Sha1Hash, BlobDescriptor> outside) {
        Map<Sha1Hash, List<String>> missing = new LinkedHashMap<>();
        for (int i = 1; i <= wim.imageCount(); i++) {
            Image image = wim.image(i);
            List<Dentry> files;
            try {
                files = image.walk().toList();
            } catch (IOException e) {
                problem("image " + i + ": " + Main.describe(e));
                continue;
            }
            imagesChecked++;
            for (Dentry d : files) {
                for (StreamEntry s : d.inode().streams()) {
                    if (s.isEmpty() || inTables(tables, s.hash()) || outside.containsKey(s.hash())) {
                        continue;
                    }
                    BlobDescriptor b = find(s.hash());
                    if (b != null) {
                        outside.put(s.hash(), b);
                    } else {
                        missing.computeIfAbsent(s.hash(), h -> new ArrayList<>())
                                .add("image " + i + " " + d.path() + (s.isNamed() ? ":" + s.name() : ""));
                    }
                }
            }
        }
        for (Map.Entry<Sha1Hash, List<String>> m : missing.entrySet()) {
            List<String> users = m.getValue();
            problem("blob " + m.getKey() + " is in no WIM given, but " + users.get(0)
                    + (users.size() > 1 ? " (and " + (users.size() - 1) + " more)" : "") + " needs it" + missingHint());
        }
    }

    private String missingHint() {
        int total = wim.header().totalParts();
        if (total > 1 && wim.partNumbers().size() < total) {
            return " (only " + wim.partNumbers().size() + " of the " + total + " parts were given: add the others with --ref)";
        }
        return "";
    }

    private static boolean inTables(List<BlobTable> tables, Sha1Hash h) {
        for (BlobTable t : tables) {
            if (t.get(h) != null) {
                return true;
            }
        }
        return false;
    }

    private BlobDescriptor find(Sha1Hash h) {
        try {
            return wim.blob(h);
        } catch (IOException e) {
            return null;
        }
    }

    /** Checks every blob, resource by resource in file order (images' metadata was checked when read). */
    private void checkBlobs(List<BlobTable> tables, Map<Sha1Hash, BlobDescriptor> outside) {
        Map<WimResource, List<BlobDescriptor>> byResource = new IdentityHashMap<>();
        Map<WimPart, Integer> fileOrder = new IdentityHashMap<>();
        List<BlobDescriptor> all = new ArrayList<>();
        for (BlobTable t : tables) {
            all.addAll(t.blobs());
        }
        all.addAll(outside.values());
        for (BlobDescriptor b : all) {
            if (b.isMetadata()) {
                continue;
            }
            fileOrder.putIfAbsent(b.resource().part(), fileOrder.size());
            byResource.computeIfAbsent(b.resource(), r -> new ArrayList<>()).add(b);
        }
        List<WimResource> resources = new ArrayList<>(byResource.keySet());
        resources.sort(Comparator.<WimResource>comparingInt(r -> fileOrder.get(r.part()))
                .thenComparingLong(r -> r.header().offset()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ResourceResult>> results = new ArrayList<>();
            for (WimResource r : resources) {
                List<BlobDescriptor> blobs = byResource.get(r);
                results.add(pool.submit(() -> checkResource(r, blobs)));
            }
            for (Future<ResourceResult> f : results) {
                ResourceResult res = f.get();
                blobsChecked += res.blobs;
                bytesChecked += res.bytes;
                for (String p : res.problems) {
                    problem(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What checking one resource found. */
    private static final class ResourceResult {
        final List<String> problems = new ArrayList<>();
        long blobs;
        long bytes;
    }

    /**
     * Reads the blobs of one resource in offset order, hashing each. Reads go through the reader's
     * per-thread chunk cache, so each chunk is decoded once; a chunk that cannot be decoded fails
     * the blobs that touch it and is not tried again.
     */
    private static ResourceResult checkResource(WimResource r, List<BlobDescriptor> blobs) {
        ResourceResult res = new ResourceResult();
        blobs.sort(Comparator.comparingLong(BlobDescriptor::offsetInResource).thenComparingLong(BlobDescriptor::size));
        long window;
        try {
            window = r.isCompressed() ? r.chunkTable().chunkSize() : PIECE;
        } catch (IOException | RuntimeException e) {
            for (BlobDescriptor b : blobs) {
                res.problems.add(label(b) + ": " + Main.describe(e));
            }
            return res;
        }
        Map<Long, String> badWindows = new HashMap<>();
        MessageDigest md = Sha1Digests.newDigest();
        byte[] buf = new byte[(int) Math.min(PIECE, Math.max(1, Math.min(window, r.uncompressedSize())))];
        for (BlobDescriptor b : blobs) {
            md.reset();
            String failure = null;
            long pos = b.offsetInResource();
            long end = pos + b.size();
            while (pos < end && failure == null) {
                long w = pos / window;
                failure = badWindows.get(w);
                if (failure != null) {
                    break;
                }
                int n = (int) Math.min(buf.length, Math.min(end, (w + 1) * window) - pos);
                try {
                    ResourceReader.read(r, pos, buf, 0, n);
                } catch (IOException | RuntimeException e) {
                    failure = Main.describe(e);
                    badWindows.put(w, failure);
                    break;
                }
                md.update(buf, 0, n);
                pos += n;
            }
            res.blobs++;
            res.bytes += b.size();
            if (failure != null) {
                res.problems.add(label(b) + ": " + failure);
            } else {
                byte[] actual = md.digest();
                if (!b.hash().matches(actual, 0)) {
                    res.problems.add(label(b) + ": SHA-1 mismatch: its data hashes to " + HexFormat.of().formatHex(actual));
                }
            }
        }
        return res;
    }

    /** Names a blob and where it lies. */
    private static String label(BlobDescriptor b) {
        WimResource r = b.resource();
        String where = r.isSolid()
                ? "at offset " + b.offsetInResource() + " of the solid resource at offset " + r.header().offset()
                : "resource at offset " + r.header().offset();
        return "blob " + b.hash() + " (" + b.size() + " bytes, " + where + " of \"" + r.part().path() + "\")";
    }
}
