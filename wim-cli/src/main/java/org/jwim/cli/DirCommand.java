package org.jwim.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.Image;
import org.jwim.Wim;
import org.jwim.image.Dentry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim dir}: the files of an image, as {@code wimlib-imagex dir}. */
@Command(name = "dir", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Lists the files of an image, one absolute path per line.", sortOptions = false)
final class DirCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Mixin
    private WimArgument wimArg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE",
            description = "A 1-based index, a name, or \"all\"; may be left out when the WIM has one image.")
    private String imageArg;

    @Option(names = "--path", paramLabel = "PATH", description = "List from this path in the image (default /).")
    private String path = "/";

    @Option(names = "--detailed", description = "Print everything about each file, as wimlib-imagex dir --detailed.")
    private boolean detailed;

    @Option(names = "--one-file-only", description = "List only the file at --path, not what is below it.")
    private boolean oneFileOnly;

    @Option(names = "--json", description = "Print a JSON array with one object per file.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        try (Wim wim = wimArg.open()) {
            List<Integer> images = images(wim);
            if (json) {
                json(wim, images, top.out());
            } else {
                text(wim, images, top.out());
            }
            for (int i : images) {
                top.warn(wim.image(i).tree().warnings());
            }
            top.warn(wim.warnings());
        }
        return 0;
    }

    /** One path per line, or with --detailed one block per file; stops early when stdout is closed. */
    private void text(Wim wim, List<Integer> images, PrintStream out) throws IOException {
        for (int i : images) {
            Image image = wim.image(i);
            DentryText text = detailed ? new DentryText(out, wim, image.securityData()) : null;
            for (Iterator<PathWalk.Entry> it = entries(image); it.hasNext() && !out.checkError(); ) {
                PathWalk.Entry e = it.next();
                if (text != null) {
                    text.print(e.dentry(), e.path());
                } else {
                    out.print(e.path() + "\n");
                }
            }
        }
    }

    /** One JSON array of every file of the images. */
    private void json(Wim wim, List<Integer> images, PrintStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartArray();
            for (int i : images) {
                Image image = wim.image(i);
                DirJson entries = new DirJson(g, image);
                for (Iterator<PathWalk.Entry> it = entries(image); it.hasNext(); ) {
                    PathWalk.Entry e = it.next();
                    entries.write(e.dentry(), e.path());
                }
            }
            g.writeEndArray();
        }
        out.print("\n");
    }

    /** The images the IMAGE argument names; with none given, the only image. */
    private List<Integer> images(Wim wim) throws IOException {
        List<Integer> l = new ArrayList<>();
        if (imageArg == null) {
            if (wim.imageCount() != 1) {
                throw CliException.usage("\"" + wimArg.text() + "\" contains " + wim.imageCount()
                        + " images: name one (or \"all\")");
            }
            l.add(1);
            return l;
        }
        int image = ImageSelection.resolve(wim, WimlibXml.read(wim), imageArg);
        if (image == ImageSelection.NONE) {
            throw ImageSelection.notValid(wimArg.text(), imageArg);
        }
        if (image == ImageSelection.ALL) {
            for (int i = 1; i <= wim.imageCount(); i++) {
                l.add(i);
            }
        } else {
            l.add(image);
        }
        return l;
    }

    /** The dentry at --path and, unless --one-file-only, everything below it in wimlib's order. */
    private Iterator<PathWalk.Entry> entries(Image image) throws IOException {
        return new PathWalk(lookup(image, path), !oneFileOnly);
    }

    /**
     * Finds {@code p} as wimlib does on UNIX: '/' separates names (repeated and trailing ones
     * ignored), names match exactly.
     */
    static Dentry lookup(Image image, String p) throws IOException {
        Dentry d = image.root();
        for (String name : p.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            Dentry child = d.isDirectory() && !d.inode().isReparsePoint() ? d.child(name) : null;
            if (child == null) {
                throw CliException.failure("\"" + p + "\" does not exist in image " + image.index() + " of \""
                        + image.wim().path() + "\"");
            }
            d = child;
        }
        return d;
    }
}
