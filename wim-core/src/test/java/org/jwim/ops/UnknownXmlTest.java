package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Wim;
import org.jwim.format.XmlElement;
import org.jwim.format.XmlInfo;
import org.jwim.write.NewImage;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XML elements jwim does not know, at the root and in images, survive every rewrite (as wimlib reads them back). */
class UnknownXmlTest {
    @TempDir
    Path tmp;
    Path base;

    @BeforeEach
    void makeBase() throws Exception {
        base = tmp.resolve("base.wim");
        XmlElement root = new XmlElement("JWIMROOT");
        root.attributes().put("ATTR", "root value");
        XmlElement inner = new XmlElement("INNER");
        inner.setText("inner text");
        root.children().add(inner);
        try (Wim w = Wim.open(Wimlib.testWim("multi-7zip.wim"))) {
            List<NewImage> images = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                XmlElement x = w.xml().images().get(i - 1).copy();
                XmlElement unknown = new XmlElement("JWIMIMAGE");
                XmlElement deep = new XmlElement("DEEP");
                deep.attributes().put("A", Integer.toString(i));
                deep.setText("image " + i);
                unknown.children().add(deep);
                x.children().add(0, unknown);
                images.add(ExistingImages.unchanged(w.image(i), x));
            }
            WimWriter.create(base, images, ExistingImages.sameAs(w), new WimWriter.Target(false, 0, null,
                    List.of(root)), ProgressListener.NONE);
        }
        Wimlib.verify(base);
        check(base, true, 2);
    }

    /** wimlib reads the unknown elements back; {@code root}: the root one too. */
    static void check(Path wim, boolean root, int images) throws Exception {
        XmlInfo x = Wimlib.xml(wim);
        if (root) {
            XmlElement r = x.root().child("JWIMROOT");
            assertNotNull(r, wim + ": root element lost");
            assertEquals("root value", r.attributes().get("ATTR"));
            assertEquals("inner text", r.findText("INNER"));
        }
        assertEquals(images, x.images().size());
        for (XmlElement img : x.images()) {
            XmlElement deep = img.find("JWIMIMAGE/DEEP");
            assertNotNull(deep, wim + ": image element lost");
            assertEquals("image " + deep.attributes().get("A"), deep.text());
        }
    }

    Path copy(String name) throws Exception {
        return Files.copy(base, tmp.resolve(name));
    }

    @Test
    void everyRewriteKeepsThem() throws Exception {
        Path info = copy("info.wim");
        ImageProperties.apply(info, 1, ImageProperties.Changes.none().withName("x").withIntegrity(true), false,
                ProgressListener.NONE);
        check(info, true, 2);

        Path soft = copy("soft.wim");
        ImageDelete.delete(soft, List.of(1), true, null, false, ProgressListener.NONE);
        check(soft, true, 1);
        Path hard = copy("hard.wim");
        ImageDelete.delete(hard, List.of(2), false, null, false, ProgressListener.NONE);
        check(hard, true, 1);

        Path opt = copy("opt.wim");
        WimOptimize.optimize(opt, WriteChoices.none(), false, ProgressListener.NONE);
        check(opt, true, 2);
        WimOptimize.optimize(opt, WriteChoices.none().withPipable(true), false, ProgressListener.NONE);
        check(opt, true, 2);

        Path upd = copy("upd.wim");
        ImageUpdate.update(upd, 2, UpdateCommand.parse("delete /readme.txt", UpdateCommand.Defaults.none()),
                ImageUpdate.Options.defaults(), ProgressListener.NONE);
        check(upd, true, 2);
        Path updRebuild = copy("upd2.wim");
        ImageUpdate.update(updRebuild, 1, UpdateCommand.parse("rename /readme.txt /r.txt",
                UpdateCommand.Defaults.none()), ImageUpdate.Options.defaults().withRebuild(true), ProgressListener.NONE);
        check(updRebuild, true, 2);

        Path into = copy("into.wim");
        try (Wim w = Wim.open(base)) {
            ImageExport.export(w, List.of(1), false, into, ImageExport.Options.defaults().withNames("again", null),
                    ProgressListener.NONE);
            check(into, true, 3);
            ImageExport.export(w, List.of(2), false, into, ImageExport.Options.defaults().withNames("again2", null)
                    .withRebuild(true), ProgressListener.NONE);
            check(into, true, 4);
            Path fresh = tmp.resolve("fresh.wim");
            ImageExport.export(w, List.of(1, 2), true, fresh, ImageExport.Options.defaults(), ProgressListener.NONE);
            check(fresh, false, 2);
        }

        Path split = Files.createDirectories(tmp.resolve("parts")).resolve("s.swm");
        List<Path> parts = WimSplit.split(base, split, 20_000, false, false, ProgressListener.NONE);
        for (Path p : parts) {
            check(p, true, 2);
        }
        Path joined = tmp.resolve("joined.wim");
        WimSplit.join(joined, parts, null, false, ProgressListener.NONE);
        check(joined, true, 2);
    }
}
