package dev.ocxlpmem.scm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static ByteBuffer le(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ErrorLogEntry entry(ErrorLogType type, Set<ErrorLogAction> actions) {
        return new ErrorLogEntry(7, 0xC0DE, type, actions, 3600, 123_456, 0x6005_0760_0000_0001L, 0x42,
                "v1.0.0", ErrorLogEntry.text("media temperature 90 C"));
    }

    @Test
    void errorLogEntriesSitAtTheSeriesOffsets() {
        ErrorLogEntry entry = entry(ErrorLogType.GENERAL, EnumSet.of(ErrorLogAction.RESET, ErrorLogAction.DUMP));
        byte[] data = entry.toDataBuffer();
        ByteBuffer b = le(data);
        assertEquals(0x454CL << 48 | (0x30 + 24), b.getLong(0));
        assertEquals(7L << 32 | 0xC0DE, b.getLong(0x08));
        assertEquals(0x0080_0001L << 32 | 3600, b.getLong(0x10), "type 0, actions bit 0 and bit 23 (= bits 32, 55)");
        assertEquals(123_456, b.getLong(0x18));
        assertEquals(0x6005_0760_0000_0001L, b.getLong(0x20));
        assertEquals(new FirmwareVersion("v1.0.0").encode(), b.getLong(0x30));
        assertEquals(entry, ErrorLogEntry.fromDataBuffer(data).orElseThrow());
        assertEquals("media temperature 90 C", entry.additionalText());
        assertEquals("60050760000000010000000000000042", entry.wwid());

        byte[] empty = new byte[64];
        le(empty).putLong(0, 0x454CL << 48);
        assertEquals(Optional.empty(), ErrorLogEntry.fromDataBuffer(empty));
    }

    @Test
    void errorLogEntriesRefuseWhatTheyCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> entry(ErrorLogType.THERMAL_WARNING, EnumSet.of(ErrorLogAction.REPLACE)));
        byte[] data = entry(ErrorLogType.THERMAL_WARNING, Set.of()).toDataBuffer();
        le(data).putLong(0, 0x4353L << 48 | 0x30);
        String wrongId = assertThrows(MalformedPayloadException.class, () -> ErrorLogEntry.fromDataBuffer(data))
                .getMessage();
        assertEquals("error log data: expected identifier 'EL' (0x454c), found 'CS' (0x4353)", wrongId);
        le(data).putLong(0, 0x454CL << 48 | 0x1000);
        assertTrue(assertThrows(MalformedPayloadException.class, () -> ErrorLogEntry.fromDataBuffer(data))
                .getMessage().contains("announces 4096 bytes after it"));
        le(data).putLong(0, 0x454CL << 48 | 0x30);
        le(data).putLong(0x10, 0x09L << 56);
        assertTrue(assertThrows(MalformedPayloadException.class, () -> ErrorLogEntry.fromDataBuffer(data))
                .getMessage().contains("error log type 0x09"));
    }

    @Test
    void errorLogPackagesChainEntries() {
        ErrorLog log = new ErrorLog(List.of(entry(ErrorLogType.GENERAL, Set.of(ErrorLogAction.CHECK_FIRMWARE)),
                entry(ErrorLogType.DATA_LOSS, Set.of())));
        byte[] bytes = log.toPackage();
        assertEquals(2, le(bytes).getInt(0));
        assertEquals(log, ErrorLog.fromPackage(bytes));
        assertEquals(new ErrorLog(List.of()), ErrorLog.fromPackage(new ErrorLog(List.of()).toPackage()));
        le(bytes).putInt(0, 3);
        assertTrue(assertThrows(MalformedPayloadException.class, () -> ErrorLog.fromPackage(bytes)).getMessage()
                .contains("announces 3 entries but ends after 2"));
    }

    @Test
    void controllerStatsSitAtTheV4Offsets() {
        ControllerStats stats = new ControllerStats(2, 30, 4000, 97, 5, 11, 12, 13, 14, 21, 22, 23, 24, 31, 32, 33);
        byte[] data = stats.toDataBuffer();
        assertEquals(0x148, data.length);
        ByteBuffer b = le(data);
        assertEquals(0x4353L << 48 | 0x140, b.getLong(0));
        assertEquals(1L << 56 | 0x38, b.getLong(0x08));
        assertEquals(2L << 32 | 30, b.getLong(0x10));
        assertEquals(4000L << 32 | 97, b.getLong(0x18));
        assertEquals(2L << 56 | 0xF8, b.getLong(0x48));
        assertEquals(5, b.getLong(0x50));
        assertEquals(11, b.getLong(0x58));
        assertEquals(14, b.getLong(0x70));
        assertEquals(21, b.getLong(0x98));
        assertEquals(24, b.getLong(0xB0));
        assertEquals(31, b.getLong(0xD8));
        assertEquals(33, b.getLong(0xE8));
        assertEquals(stats, ControllerStats.fromDataBuffer(data));

        b.putLong(0x48, 2L << 56 | 0xF0);
        assertTrue(assertThrows(MalformedPayloadException.class, () -> ControllerStats.fromDataBuffer(data))
                .getMessage().startsWith("controller stats parameter block 2"));
        b.putLong(0, 0x4353L << 48 | 0x138);
        assertThrows(MalformedPayloadException.class, () -> ControllerStats.fromDataBuffer(data));
    }

    @Test
    void smartAttributesAreTwoWordsEachInBothForms() {
        SmartAttribute temperature = new SmartAttribute(SmartAttribute.TEMPERATURE,
                SmartAttribute.ALARM_ENABLED, 0, 85, 0, 40 * 16);
        assertEquals(0xC2L << 56 | 2L << 40 | 85L << 24, temperature.word0());
        SmartData smart = new SmartData(List.of(temperature, new SmartAttribute(SmartAttribute.LIFE_REMAINING, 0, 90, 0,
                90, 0)));
        byte[] buffer = smart.toDataBuffer();
        assertEquals(0x534DL << 48 | 32, le(buffer).getLong(0));
        assertEquals(640, le(buffer).getLong(16));
        assertEquals(smart, SmartData.fromDataBuffer(buffer));
        byte[] pkg = smart.toPackage();
        assertEquals(2, pkg[0]);
        assertEquals(40, pkg.length);
        assertEquals(smart, SmartData.fromPackage(pkg));
        assertThrows(MalformedPayloadException.class, () -> SmartData.fromPackage(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}));
        le(buffer).putLong(0, 0x534DL << 48 | 24);
        assertThrows(MalformedPayloadException.class, () -> SmartData.fromDataBuffer(buffer));
    }

    @Test
    void commandCapsAreTwoOpcodeMasks() {
        CommandCaps caps = new CommandCaps(EnumSet.of(Opcode.HEARTBEAT, Opcode.SMART, Opcode.SECURE_ERASE));
        byte[] data = caps.toDataBuffer();
        assertEquals(0x21L, le(data).getLong(8));
        assertEquals(1L, le(data).getLong(16));
        assertEquals(caps, CommandCaps.fromDataBuffer(data));
        assertTrue(caps.supports(Opcode.SECURE_ERASE));
    }

    @Test
    void secureEraseResultsAreResponseWordsFourToSeven() {
        Response response = new Response(Status.SUCCESS, 9, new SecureEraseResult(10, 10, 2, 3).results());
        assertEquals(10, response.words()[4]);
        assertEquals(3, response.words()[7]);
        SecureEraseResult result = SecureEraseResult.of(response);
        assertEquals(new SecureEraseResult(10, 10, 2, 3), result);
        assertTrue(!result.complete());
    }

    @Test
    void shortInputIsNamed() {
        String shortData = assertThrows(MalformedPayloadException.class,
                () -> ControllerStats.fromDataBuffer(new byte[4])).getMessage();
        assertEquals("controller stats is 4 bytes; it needs at least 8", shortData);
    }
}
