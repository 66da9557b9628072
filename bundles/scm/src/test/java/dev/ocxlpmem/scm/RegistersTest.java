package dev.ocxlpmem.scm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class RegistersTest {

    @Test
    void bitsAreWhereTheSeriesPutThem() {
        assertEquals(0x3F3L, ChiBit.all());
        assertEquals(0x50L, ChiBit.mask(ChiBit.CRDY, ChiBit.MA));
        assertEquals("CHI=0x51 [ACRA CRDY MA]", ChiBit.describe(0x51));
        assertEquals(EnumSet.of(ChiBit.CFFS, ChiBit.CHFS), ChiBit.decode(0x220));
        assertEquals(0x40L, HciBit.REQUEST_HEALTH_PERF.mask());
        assertEquals("HCI=0x11 [ACRW CONTROLLER_DUMP]", HciBit.describe(0x11));
        assertEquals("FWVER", Registers.name(0x148));
        assertEquals("0x1000", Registers.name(0x1000));
    }

    @Test
    void ccap0FieldsDecodeFromTheirBits() {
        // revision 1.2, 200 ns, 10 s readiness, 120 s memory available
        long word = 0x12L | 200L << 32 | 10L << 48 | 120L << 52;
        Ccap0 ccap0 = Ccap0.decode(word);
        assertEquals(new Ccap0(1, 2, 200, 10, 120), ccap0);
        assertEquals("1.2", ccap0.revision());
        assertEquals(word, ccap0.encode());
        assertEquals(new Ccap0(0xFFF, 0xF, 0xFF, 0xF, 0xFFF), Ccap0.decode(-1L & ~0x0000_FF00_0000_0000L & ~0xFFFF_0000L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ccap0(1, 0, 0, 16, 0));
        assertTrue(e.getMessage().contains("readiness timeout (s) 16"), e.getMessage());
        assertEquals(0x1234_5678L, Ccap1.decode(0xFFFF_FFFF_1234_5678L).maxControllerDumpSize());
    }

    @Test
    void queueDescriptorsSplitTheirWordsAndRefuseBadPlacements() {
        QueueDescriptor admin = QueueDescriptor.decode(0x1000L << 32 | 0x1040, 0x2000L << 32 | 0x8000);
        assertEquals(new QueueDescriptor(0x1000, 0x1040, 0x2000, 0x8000), admin);
        assertEquals(0x1000L << 32 | 0x1040, admin.word0());
        assertEquals(0x2000L << 32 | 0x8000, admin.word1());
        admin.check("admin", 0x10000);

        String pastEnd = assertThrows(IllegalArgumentException.class, () -> admin.check("admin", 0x9000)).getMessage();
        assertEquals("admin queue: data buffer 0x2000+0x8000 runs past the 0x9000-byte global MMIO area", pastEnd);
        String registers = assertThrows(IllegalArgumentException.class,
                () -> new QueueDescriptor(0x100, 0x1040, 0x2000, 0x100).check("admin", 0x10000)).getMessage();
        assertTrue(registers.contains("overlaps the registers"), registers);
        String overlap = assertThrows(IllegalArgumentException.class,
                () -> new QueueDescriptor(0x1000, 0x1020, 0x2000, 0x100).check("near-storage", 0x10000)).getMessage();
        assertTrue(overlap.startsWith("near-storage queue: request buffer 0x1000+0x40 overlaps response"), overlap);
        assertThrows(IllegalArgumentException.class, () -> new QueueDescriptor(0x1004, 0x1040, 0x2000, 8)
                .check("admin", 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new QueueDescriptor(0x1000, 0x1040, 0x2000, 12)
                .check("admin", 0x10000));
    }

    @Test
    void firmwareVersionsAreEightAsciiBytesFirstCharacterLowest() {
        assertEquals(0x302e_302e_3176L, new FirmwareVersion("v1.0.0").encode());
        assertEquals("v1.0.0", FirmwareVersion.decode(0x302e_302e_3176L).text());
        assertEquals("v1.0.0", FirmwareVersion.decode(0x2020_302e_302e_3176L).text(), "space padding");
        assertEquals("ABCDEFGH", FirmwareVersion.decode(new FirmwareVersion("ABCDEFGH").encode()).text());
        String garbage = assertThrows(IllegalArgumentException.class, () -> FirmwareVersion.decode(0x01_3176L))
                .getMessage();
        assertTrue(garbage.contains("byte 2 is 0x01"), garbage);
        assertThrows(IllegalArgumentException.class, () -> FirmwareVersion.decode(0));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion("123456789"));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion("1 0"));
    }

    @Test
    void controllerStatusCarriesTheBackgroundOperationAndItsProgress() {
        ControllerStatus erase = new ControllerStatus(ControllerStatus.Operation.SECURE_ERASE, 42);
        assertEquals(0x2A01L, erase.encode());
        assertEquals(erase, ControllerStatus.decode(0x2A01L));
        assertThrows(IllegalArgumentException.class, () -> ControllerStatus.decode(0x07));
        assertThrows(IllegalArgumentException.class, () -> ControllerStatus.decode(0xFF01));
    }

    @Test
    void opcodesCarryTheDocumentedTimeoutsAndQueues() {
        assertEquals(Duration.ofMillis(100), Opcode.HEARTBEAT.timeout());
        assertEquals(Duration.ofMillis(100), Opcode.SMART.timeout());
        assertEquals(Duration.ofMillis(100), Opcode.CONTROLLER_STATS.timeout());
        assertEquals(Duration.ofMillis(1000), Opcode.CONTROLLER_DUMP.timeout());
        assertEquals(Duration.ofMillis(1000), Opcode.SHUTDOWN.timeout());
        assertEquals(Duration.ofMillis(2000), Opcode.ERRLOG.timeout());
        assertEquals(Duration.ofMillis(16000), Opcode.FW_UPDATE.timeout());
        assertEquals(Queue.NEAR_STORAGE, Opcode.SECURE_ERASE.queue());
        assertEquals(0x20, Opcode.SECURE_ERASE.code());
        assertEquals("opcode 0x3f", Opcode.describe(0x3F));
        assertEquals("FW_UPDATE (0x02)", Opcode.describe(2));
        assertEquals("0x52 (firmware image invalid)", Status.describe(0x52, Opcode.FW_UPDATE.code()));
        assertEquals("0x52 (bad data parameter)", Status.describe(0x52, Opcode.SMART.code()));
        assertEquals("0x33 (unknown status)", Status.describe(0x33, 0));
    }

    @Test
    void requestsAndResponsesPackOpcodeStatusAndIdIntoWordZero() {
        Request request = new Request(Opcode.FW_UPDATE, 0xBEEF, new FirmwareBlock(0x8000, 0x8000).word());
        long[] words = request.words();
        assertEquals(8, words.length);
        assertEquals(0xBEEF_0002L, words[0]);
        assertEquals(0x8000L << 32 | 0x8000, words[1]);
        assertEquals(0, words[7]);
        assertEquals(request, Request.decode(words));
        assertEquals(0, request.parameter(7));
        assertThrows(IllegalArgumentException.class, () -> new Request(0x100, 0, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new Request(0, 0x10000, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new Request(0, 0, new long[8]));

        Response response = new Response(Status.BAD_DATA_PARAMETER, 0x1234);
        assertEquals(0x1234_0052L, response.words()[0]);
        assertEquals(0x52, Response.statusOf(0x1234_0052L));
        assertEquals(0x1234, Response.idOf(0x1234_0052L));
        assertEquals(response, Response.decode(response.words()));
    }

    @Test
    void firmwareBlocksAreOffsetAndSize() {
        assertEquals(0x0001_0000_0000_8000L, new FirmwareBlock(0x10000, 0x8000).word());
        assertEquals(new FirmwareBlock(0x10000, 0x8000), FirmwareBlock.decode(0x0001_0000_0000_8000L));
        assertTrue(FirmwareBlock.end(0x10040).isEnd());
        assertThrows(IllegalArgumentException.class, () -> FirmwareBlock.decode(0x8008));
        assertThrows(IllegalArgumentException.class, () -> FirmwareBlock.decode(0x0000_0004_0000_0008L));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareBlock(0, 12));
    }
}
