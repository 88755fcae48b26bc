package org.jwim.ops;

/**
 * How to apply an image (or extract part of one) onto a Linux directory. The defaults are those
 * of {@code wimlib-imagex apply}.
 *
 * @param unixData            restore the UNIX owner, group, mode and special files wimlib records
 *                            with {@code --unix-data} (as {@code wimlib-imagex apply --unix-data})
 * @param threads             threads decompressing chunks; 0 for one per available processor
 * @param rpFix               whether absolute links fixed at capture get the target directory
 *                            prepended (wimlib's reparse-point fix-up)
 * @param replaceInvalidNames extract files whose names Linux cannot hold under a replacement name
 *                            instead of skipping them ({@code --include-invalid-names})
 * @param preserveDirStructure when extracting paths: recreate the directories leading to each path
 *                            instead of putting each path's file or tree straight into the
 *                            destination
 * @param progress            hears progress and warnings
 */
public record ApplyOptions(boolean unixData, int threads, RpFix rpFix, boolean replaceInvalidNames,
                           boolean preserveDirStructure, ApplyProgress progress) {

    /** wimlib's reparse-point fix-up choice. */
    public enum RpFix {
        /** Fix up when applying a whole image whose WIM header has the RP_FIX flag, as wimlib does. */
        AUTO,
        /** Always fix up ({@code --rpfix}). */
        ON,
        /** Never ({@code --norpfix}; always so when extracting paths). */
        OFF
    }

    public ApplyOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (all processors) or more, not " + threads);
        }
        rpFix = rpFix == null ? RpFix.AUTO : rpFix;
        progress = progress == null ? ApplyProgress.NONE : progress;
    }

    /** wimlib-imagex apply's defaults: no UNIX data, all processors, automatic fix-up, invalid names skipped. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(false, 0, RpFix.AUTO, false, false, ApplyProgress.NONE);
    }

    public ApplyOptions withUnixData(boolean on) {
        return new ApplyOptions(on, threads, rpFix, replaceInvalidNames, preserveDirStructure, progress);
    }

    public ApplyOptions withThreads(int n) {
        return new ApplyOptions(unixData, n, rpFix, replaceInvalidNames, preserveDirStructure, progress);
    }

    public ApplyOptions withRpFix(RpFix fix) {
        return new ApplyOptions(unixData, threads, fix, replaceInvalidNames, preserveDirStructure, progress);
    }

    public ApplyOptions withReplaceInvalidNames(boolean on) {
        return new ApplyOptions(unixData, threads, rpFix, on, preserveDirStructure, progress);
    }

    public ApplyOptions withPreserveDirStructure(boolean on) {
        return new ApplyOptions(unixData, threads, rpFix, replaceInvalidNames, on, progress);
    }

    public ApplyOptions withProgress(ApplyProgress listener) {
        return new ApplyOptions(unixData, threads, rpFix, replaceInvalidNames, preserveDirStructure, listener);
    }

    /** The number of decompression threads to use. */
    int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
