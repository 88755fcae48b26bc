package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.ResourceHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jwim info}: what the header and the XML data say, as {@code wimlib-imagex info}. Reads
 * nothing but the header and the XML data unless {@code --blobs} is asked for. With NEW_NAME,
 * NEW_DESC, --image-property or --boot it changes the image instead ({@link InfoEdit}).
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = {"Shows what a WIM's header and XML data say about it and its images.",
            "With NEW_NAME, NEW_DESC, --image-property or --boot, changes them instead (DISM: /Set-ImageInfo for names"
                + " and descriptions; wimlib-imagex info): only the XML, the integrity table and the header are"
                + " written, after the data, the header last."},
        sortOptions = false)
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Mixin
    private WimArgument wimArg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE",
            description = "Show only this image: a 1-based index or a name.")
    private String imageArg;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NEW_NAME",
            description = "New name of IMAGE (\"\" removes it).")
    private String newName;

    @Parameters(index = "3", arity = "0..1", paramLabel = "NEW_DESC", description = "New description of IMAGE.")
    private String newDesc;

    @Option(names = "--header", description = "Dump the WIM header.")
    private boolean header;

    @Option(names = {"--blobs", "--lookup-table"}, description = "Dump the blob table (reads it).")
    private boolean blobs;

    @Option(names = "--xml", description = "Print the XML data as UTF-8 text.")
    private boolean xml;

    @Option(names = "--extract-xml", paramLabel = "FILE", description = "Write the XML data, as stored (UTF-16LE), to FILE.")
    private Path extractXml;

    @Option(names = "--json", description = "Print the facts as one JSON object.")
    private boolean json;

    @Mixin
    private InfoEdit edit;

    @Override
    public Integer call() throws IOException {
        if (edit.isEdit(imageArg, newName)) {
            return edit.run(top, wimArg, imageArg, newName, newDesc);
        }
        PrintStream out = top.out();
        try (Wim wim = wimArg.open()) {
            edit.checkIntegrity(top, wim, wimArg.text());
            WimlibXml x = WimlibXml.read(wim);
            int image = imageArg == null ? ImageSelection.ALL : ImageSelection.resolve(wim, x, imageArg);
            if (image == ImageSelection.NONE) {
                throw ImageSelection.notValid(wimArg.text(), imageArg);
            }
            if (json) {
                new InfoJson(wim, wimArg.text(), x).write(out, image, blobs, xml);
            } else {
                text(wim, x, image, out);
            }
            if (extractXml != null) {
                Files.write(extractXml, rawXml(wim));
            }
            top.warn(wim.warnings());
        }
        return 0;
    }

    /** The parts in wimlib-imagex's order: information, header, blobs, XML, then the images. */
    private void text(Wim wim, WimlibXml x, int image, PrintStream out) throws IOException {
        boolean shortHeader = !header && !blobs && !xml && extractXml == null;
        InfoText t = new InfoText(out, x);
        if (image == ImageSelection.ALL && shortHeader) {
            t.wimInformation(wimArg.text(), wim);
        }
        if (header) {
            t.header(wim.header());
        }
        if (blobs) {
            if (wim.header().totalParts() != 1) {
                top.err().print("jwim: warning: only showing the blobs of part " + wim.header().partNumber() + " of a "
                        + wim.header().totalParts() + "-part WIM\n");
            }
            BlobText b = new BlobText(out);
            for (BlobDescriptor d : BlobText.wimlibOrder(wim.blobTable(), wim.header().partNumber() == 1)) {
                b.blob(d);
            }
        }
        if (xml) {
            String s = xmlText(wim);
            out.print(s.endsWith("\n") ? s : s + "\n");
        }
        if (shortHeader) {
            t.images(wim, image);
        }
    }

    /** The XML data resource's bytes exactly as stored (UTF-16LE with its byte-order mark). */
    static byte[] rawXml(Wim wim) throws IOException {
        ResourceHeader r = wim.header().xmlData();
        byte[] b = new byte[(int) r.uncompressedSize()];
        try (FileChannel ch = FileChannel.open(wim.path(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            long pos = r.offset();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new java.io.EOFException(wim.path() + ": XML data at offset " + r.offset() + " is truncated");
                }
                pos += n;
            }
        }
        return b;
    }

    /** The XML data as text, without its byte-order mark. */
    static String xmlText(Wim wim) throws IOException {
        byte[] b = rawXml(wim);
        int off = b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE ? 2 : 0;
        return new String(b, off, (b.length - off) & ~1, StandardCharsets.UTF_16LE);
    }
}
