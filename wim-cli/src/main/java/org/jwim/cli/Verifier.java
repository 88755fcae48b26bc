package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.Image;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.image.Dentry;
import org.jwim.image.StreamEntry;
import org.jwim.io.WimPart;
import org.jwim.io.WimResource;

/**
 * Checks a whole WIM: the integrity table, the blob tables, every image's metadata (and that every
 * stream's blob exists), and every blob's data against its SHA-1. Each resource is read once from
 * start to end, in file order, so a solid resource is decoded in one pass whatever the number of
 * blobs in it. Every problem is reported, one line each; nothing stops at the first.
 */
final class Verifier {
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
            return " (" + wim.partNumbers().size() + " of the " + total + " parts given: add the others with --ref)";
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
        record Placed(int file, long offset, BlobChecker.Resource resource) {
        }
        List<Placed> placed = new ArrayList<>();
        for (Map.Entry<WimResource, List<BlobDescriptor>> e : byResource.entrySet()) {
            WimResource r = e.getKey();
            placed.add(new Placed(fileOrder.get(r.part()), r.header().offset(), new BlobChecker.Resource(r, e.getValue())));
        }
        placed.sort(Comparator.comparingInt(Placed::file).thenComparingLong(Placed::offset));
        List<BlobChecker.Resource> resources = new ArrayList<>();
        for (Placed p : placed) {
            resources.add(p.resource());
        }
        BlobChecker checker = new BlobChecker(threads);
        checker.check(resources);
        blobsChecked = checker.blobs();
        bytesChecked = checker.bytes();
        for (String p : checker.problems()) {
            problem(p);
        }
    }
}
