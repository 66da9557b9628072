package dev.ocxlpmem.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The label commands on the emulated card, as an operator uses them: disable the region, initialise
 * the label area, save it, write an image holding a namespace label, read it back as ndctl's JSON,
 * check it, and see the refusals that protect it. The card's 16 MiB label area holds 65,470
 * version 1.2 labels; its serial (74565, etc/dev.ocxlpmem.emulator.card-default.cfg) is the
 * interleave-set cookie.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LabelsIT extends OcxlpmemTestSupport {
    static final int AREA = 16 << 20;
    static final long SERIAL = 74565;
    static final UUID NAMESPACE = UUID.fromString("6a1f0e3c-9d2b-4c47-8e15-3b7f2a9c0d41");

    @Test
    public void a_labelsCannotBeRewrittenWhileTheRegionIsEnabled() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        String refusal = failure("ndctl:init-labels nmem0");
        assertTrue(refusal, refusal.contains("nmem0: regions active, abort label write: region0 is enabled and owns "
                + "the labels; disable it first (ndctl:disable-region region0)"));
        assertTrue(refusal, refusal.contains("initialized 0 nmem"));
        assertTrue(failure("ndctl:zero-labels 0").contains("ndctl:disable-region region0"));
        assertTrue(failure("ndctl:read-labels -j nmem7").contains("no DIMM 'nmem7': there is nmem0"));
    }

    @Test
    public void b_initWriteReadCheck() throws Exception {
        assertTrue(executeCommand("ndctl:disable-region region0").contains("disabled 1 region"));
        assertTrue(executeCommand("ndctl:list -R -i").contains("\"state\":\"disabled\""));

        assertTrue(executeCommand("ndctl:init-labels -f -V 1.2 nmem0").contains("initialized 1 nmem"));
        Map<String, Object> fresh = readLabelsJson();
        assertEquals("nmem0", fresh.get("dev"));
        List<Object> index = Json.array(fresh.get("index"), "index");
        Map<String, Object> block0 = Json.object(index.get(0), "index[0]");
        assertEquals("NAMESPACE_INDEX", block0.get("signature"));
        assertEquals(1L, block0.get("major"));
        assertEquals(2L, block0.get("minor"));
        assertEquals(256L, block0.get("labelsize"));
        assertEquals(3L, block0.get("seq"));
        assertEquals(65470L, block0.get("nslot"));
        assertEquals(2L, Json.object(index.get(1), "index[1]").get("seq"));
        assertEquals(List.of(), Json.array(fresh.get("label"), "label"));
        assertTrue(executeCommand("ndctl:check-labels nmem0").contains("successfully verified 1 nmem label"));

        // save the area, add a namespace label to the saved image, write it back
        File files = new File(System.getProperty("karaf.data"), "ocxlpmem/files");
        File saved = new File(files, "nmem0-saved.labels");
        File image = new File(files, "nmem0-image.labels");
        try {
            executeCommand("ndctl:read-labels -o " + saved.getName() + " nmem0");
            String exists = failure("ndctl:read-labels -o " + saved.getAbsolutePath() + " nmem0");
            assertTrue(exists, exists.contains(saved.getAbsolutePath() + " exists: not overwritten (use -f"));
            assertTrue(executeCommand("ndctl:read-labels -f -o " + saved.getAbsolutePath() + " nmem0")
                    .contains("read 1 nmem"));
            byte[] area = Files.readAllBytes(saved.toPath());
            assertEquals(AREA, area.length);
            withLabel(area, NAMESPACE, "itest", 64L << 20, 32L << 20, SERIAL);
            Files.write(image.toPath(), area);
            assertTrue(executeCommand("ndctl:write-labels -i " + image.getAbsolutePath() + " nmem0")
                    .contains("wrote 1 nmem"));

            Map<String, Object> read = readLabelsJson();
            List<Object> labels = Json.array(read.get("label"), "label");
            assertEquals(1, labels.size());
            Map<String, Object> label = Json.object(labels.get(0), "label[0]");
            assertEquals(NAMESPACE.toString(), label.get("uuid"));
            assertEquals("itest", label.get("name"));
            assertEquals(1L, label.get("slot"));
            assertEquals(1L, label.get("nlabel"));
            assertEquals(0L, label.get("flags"));
            assertEquals(SERIAL, label.get("isetcookie"));
            assertEquals(512L, label.get("lbasize"));
            assertEquals(64L << 20, label.get("dpa"));
            assertEquals(32L << 20, label.get("rawsize"));
            assertEquals("66f0d379-b4f3-4074-ac43-0d3318b78cdb", label.get("type_guid"));
            assertEquals("00000000-0000-0000-0000-000000000000", label.get("abstraction_guid"));
            assertEquals("block 1 is current", 1L,
                    Json.object(Json.array(read.get("index"), "index").get(1), "index[1]").get("seq"));
            String check = executeCommand("ndctl:check-labels -v nmem0");
            assertTrue(check, check.contains("successfully verified 1 nmem label"));
            assertTrue(check, check.contains("1 label, 65469 of 65470 slots free"));

            assertTrue(executeCommand("ndctl:read-labels -f -o " + saved.getAbsolutePath() + " nmem0")
                    .contains("read 1 nmem"));
            assertArrayEquals("read-labels returns what write-labels wrote", area, Files.readAllBytes(saved.toPath()));

            // a zeroed area has no index: check-labels fails and says what to do
            assertTrue(executeCommand("ndctl:zero-labels nmem0").contains("zeroed 1 nmem"));
            String backups = executeCommand("ndctl:list-label-backups nmem0");
            assertTrue(backups, backups.contains("zero-labels") && backups.contains("16777216"));
            assertTrue(executeCommand("ndctl:restore-labels nmem0").contains("restored 1 nmem"));
            assertTrue(executeCommand("ndctl:check-labels nmem0").contains("successfully verified 1 nmem label"));
            assertTrue(executeCommand("ndctl:zero-labels nmem0").contains("zeroed 1 nmem"));
            String broken = failure("ndctl:check-labels nmem0");
            assertTrue(broken, broken.contains("index block 0: sig: expected NAMESPACE_INDEX"));
            assertTrue("every problem, not the first:\n" + broken, broken.contains("index block 1: sig: expected"));
            assertTrue(broken, broken.contains("successfully verified 0 nmem label"));
            assertTrue(broken, broken.contains("ndctl:init-labels"));
            assertTrue(failure("ndctl:read-labels -j nmem0").contains("no valid namespace index block"));

            File fifo = new File(image.getParentFile(), image.getName() + ".fifo");
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.getAbsolutePath()).start().waitFor());
            try {
                String notRegular = failure("ndctl:write-labels -i " + fifo.getAbsolutePath() + " nmem0");
                assertTrue(notRegular, notRegular.contains(fifo.getAbsolutePath() + " is not a regular file"));
            } finally {
                fifo.delete();
            }
            Files.write(new File(files, "small.labels").toPath(), new byte[4096]);
            String small = failure("ndctl:write-labels -i small.labels nmem0");
            assertTrue(small, small.contains("small.labels is 4096 bytes") && small.contains("nothing written"));
            executeCommand("ndctl:write-labels -i " + image.getAbsolutePath() + " nmem0");
            assertTrue(executeCommand("ndctl:check-labels nmem0").contains("successfully verified 1 nmem label"));
            assertTrue(failure("ndctl:init-labels nmem0").contains("use -f"));

            assertTrue(executeCommand("ndctl:enable-region region0").contains("enabled 1 region"));
            String refused = failure("ndctl:write-labels -i " + image.getAbsolutePath() + " nmem0");
            assertTrue(refused, refused.contains("region0 is enabled and owns the labels"));
            assertTrue(executeCommand("ndctl:check-labels nmem0").contains("successfully verified 1 nmem label"));
        } finally {
            saved.delete();
            image.delete();
            executeCommand("ndctl:enable-region region0");
        }
    }

    /** ndctl:read-labels -j nmem0, without the "read 1 nmem" line it ends with. */
    private Map<String, Object> readLabelsJson() {
        String out = executeCommand("ndctl:read-labels -j nmem0");
        int end = out.lastIndexOf("read 1 nmem");
        assertTrue(out, end > 0);
        // ndctl prints read-labels -j as an array, one element per DIMM
        List<Object> dimms = Json.array(Json.parse(out.substring(0, end)), "read-labels -j");
        assertEquals(out, 1, dimms.size());
        return Json.object(dimms.get(0), "read-labels -j");
    }

    // ----------------------------------------------------- an independent label writer

    /**
     * Puts a version 1.2 pmem label in slot 1 of a freshly initialised 16 MiB area and marks the
     * slot in use in a new index block 1 (seq 1 follows block 0's seq 3). Written from the UEFI 2.7
     * §13.19 layout, independently of the labels bundle, so that the bundle is checked against it.
     */
    static void withLabel(byte[] area, UUID uuid, String name, long dpa, long size, long cookie) {
        int indexSize = 8448;
        int labelSize = 256;
        int slot = 1;
        ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        int label = 2 * indexSize + slot * labelSize;
        ByteBuffer.wrap(area, label, 16).order(ByteOrder.BIG_ENDIAN)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, area, label + 0x10, n.length);
        b.putInt(label + 0x50, 0);          // flags
        b.putShort(label + 0x54, (short) 1); // nlabel
        b.putShort(label + 0x56, (short) 0); // position
        b.putLong(label + 0x58, cookie);
        b.putLong(label + 0x60, 512);        // lbasize
        b.putLong(label + 0x68, dpa);
        b.putLong(label + 0x70, size);
        b.putInt(label + 0x78, slot);
        // type GUID 66f0d379-b4f3-4074-ac43-0d3318b78cdb: first three fields little-endian
        b.putInt(label + 0x80, 0x66f0d379);
        b.putShort(label + 0x84, (short) 0xb4f3);
        b.putShort(label + 0x86, (short) 0x4074);
        ByteBuffer.wrap(area, label + 0x88, 8).order(ByteOrder.BIG_ENDIAN).putLong(0xac430d3318b78cdbL);
        b.putLong(label + 0xF8, fletcher64(area, label, labelSize, 0xF8));
        // index block 1 = block 0 with slot 1 in use, seq 1, its own offsets
        System.arraycopy(area, 0, area, indexSize, indexSize);
        int block1 = indexSize;
        b.putInt(block1 + 0x14, 1);
        b.putLong(block1 + 0x18, indexSize);
        b.putLong(block1 + 0x28, 0);
        area[block1 + 0x48 + slot / 8] &= (byte) ~(1 << (slot % 8));
        b.putLong(block1 + 0x40, fletcher64(area, block1, indexSize, 0x40));
    }

    /** Fletcher-64 over little-endian 32-bit words, the 8-byte checksum field read as zero. */
    static long fletcher64(byte[] area, int off, int len, int checksumAt) {
        ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < len; i += 4) {
            long w = i == checksumAt || i == checksumAt + 4 ? 0 : Integer.toUnsignedLong(b.getInt(off + i));
            lo = (lo + w) & 0xFFFF_FFFFL;
            hi += lo;
        }
        return hi << 32 | lo;
    }
}
