package dev.ocxlpmem.scm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The consumers' codec, the media-error entries and the events, each read back as it was written. */
class CodecTest {
    private static final Health HEALTH = new Health(HealthState.NON_CRITICAL, 86.0625, 45, 90, true, false, false,
            true, 85, true, 95, true, 10, 3, true, 2);

    @Test
    void requestsCarryTheirFunctionAndInputAndDecodeTheirAnswer() {
        OcxlRequest<Health> health = OcxlRequest.health();
        assertEquals(12, health.function());
        assertEquals(0, health.input().length);
        assertEquals(HEALTH, health.decode(HEALTH.toPackage()));
        assertThrows(MalformedPayloadException.class, () -> health.decode(new byte[3]));

        OcxlRequest<Void> send = OcxlRequest.firmwareSend(32768, new byte[16]);
        assertEquals(OcxlCommand.FIRMWARE_UPDATE_SEND, send.command());
        assertEquals(new FirmwareUpdateSend(32768, new byte[16]), FirmwareUpdateSend.fromPackage(send.input()));
        assertEquals(null, send.decode(new byte[0]));
        assertThrows(MalformedPayloadException.class, () -> send.decode(new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> OcxlRequest.firmwareSend(3, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> OcxlRequest.firmwareStart(12));
        assertEquals(8, FirmwareUpdateStart.fromPackage(OcxlRequest.firmwareStart(4096).input()).imageSize() / 512);
        assertEquals(13, OcxlRequest.firmwareFinish().function());

        FirmwareState fw = new FirmwareState("1.0.0", "2.0.0", FirmwareState.UpdateState.ARMED, 0, 0, true);
        assertEquals(fw, OcxlRequest.firmwareStatus().decode(fw.toPackage()));
        OverwriteState ow = new OverwriteState(OverwriteState.State.BUSY, 40, SecureEraseResult.NONE);
        assertEquals(ow, OcxlRequest.overwriteStatus().decode(ow.toPackage()));
        byte[] dump = {1, 2, 3};
        assertArrayEquals(dump, OcxlRequest.controllerDump().decode(dump));
    }

    @Test
    void aDataLossEntryNamesTheUnreadableMediaAndKeepsItsText() {
        MediaError range = new MediaError(0x10_0000, 4096);
        ErrorLogEntry entry = new ErrorLogEntry(7, 0x5C40_0003L, ErrorLogType.DATA_LOSS, Set.of(), 12, 1000, 1, 2,
                "1.0.0", range.toAdditionalData("uncorrectable media error"));
        ErrorLogEntry read = ErrorLogEntry.fromDataBuffer(entry.toDataBuffer()).orElseThrow();
        assertEquals(Optional.of(range), read.mediaError());
        assertEquals("uncorrectable media error", read.additionalText());
        assertTrue(read.toString().endsWith("LPC memory 0x100000+0x1000: uncorrectable media error"), read.toString());

        ErrorLogEntry text = new ErrorLogEntry(8, 0, ErrorLogType.DATA_LOSS, Set.of(), 0, 0, 0, 0, "",
                ErrorLogEntry.text("dirty shutdown recorded"));
        assertEquals(Optional.empty(), text.mediaError());
        ErrorLogEntry general = new ErrorLogEntry(9, 0, ErrorLogType.GENERAL, Set.of(), 0, 0, 0, 0, "",
                range.toAdditionalData("not a data-loss entry"));
        assertEquals(Optional.empty(), general.mediaError(), "only data-loss entries name media");
        assertThrows(IllegalArgumentException.class, () -> new MediaError(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new MediaError(Long.MAX_VALUE, 10));
    }

    @Test
    void eventsTravelAsEventAdminPropertiesAndComeBack() {
        Health before = HEALTH.withState(HealthState.OK);
        ScmEvent changed = ScmEvent.healthChanged("0006:00:00.1", before, HEALTH).on("nmem0", "ndbus0");
        assertEquals("dev/ocxlpmem/scm/HEALTH_CHANGED", changed.topic());
        Map<String, Object> p = changed.properties();
        assertEquals("nmem0", p.get(ScmEvent.DEV));
        assertEquals("non-critical", p.get(ScmEvent.HEALTH_STATE));
        ScmEvent back = ScmEvent.of(changed.topic(), p).orElseThrow();
        assertEquals(Optional.of(HEALTH), back.health());
        assertEquals("nmem0 (0006:00:00.1): health changed: ok -> non-critical", back.message());

        ErrorLogEntry entry = new ErrorLogEntry(3, 0, ErrorLogType.THERMAL_WARNING, Set.of(), 0, 0, 0, 0, "",
                ErrorLogEntry.text("hot"));
        ScmEvent logged = ScmEvent.errorLogged("0006:00:00.1", entry);
        assertEquals("", logged.dev(), "before the DIMM is registered");
        assertEquals(Optional.of(entry), ScmEvent.of(logged.topic(), logged.properties()).orElseThrow().entry());
        assertEquals("(0006:00:00.1): controller in a fatal hardware state",
                ScmEvent.fatal("0006:00:00.1", true, 0x210).message());
        assertEquals(List.of(), List.copyOf(ScmEvent.of("dev/ocxlpmem/scm/NOPE", p).stream().toList()));
        assertEquals(Optional.empty(), ScmEvent.of("dev/ocxlpmem/nvdimm/Dimm/ADDED", p));
        assertEquals(Optional.empty(), ScmEvent.of(changed.topic(), Map.of(ScmEvent.DEV, "nmem0")));
    }
}
