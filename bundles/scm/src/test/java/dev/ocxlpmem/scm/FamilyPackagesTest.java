package dev.ocxlpmem.scm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class FamilyPackagesTest {

    static SmartData smart(int temperatureSixteenths, int tempFlags, int spares, int sparesFlags, int lifeRemaining,
            long dirtyCount, int lastDirty) {
        return new SmartData(List.of(
                new SmartAttribute(SmartAttribute.POWER_ON_HOURS, 0, 0, 0, 0, 12),
                new SmartAttribute(SmartAttribute.TEMPERATURE, tempFlags, 0, 85, 0, temperatureSixteenths),
                new SmartAttribute(SmartAttribute.CONTROLLER_TEMPERATURE, SmartAttribute.ALARM_ENABLED, 0, 95, 0, 50 * 16),
                new SmartAttribute(SmartAttribute.LIFE_REMAINING, 0, lifeRemaining, 0, lifeRemaining, 0),
                new SmartAttribute(SmartAttribute.AVAILABLE_SPARES, sparesFlags, spares, 10, spares, 0),
                new SmartAttribute(SmartAttribute.DIRTY_SHUTDOWN_COUNT, 0, 0, 0, 0, dirtyCount),
                new SmartAttribute(SmartAttribute.LAST_SHUTDOWN, 0, lastDirty, 0, 0, 0)));
    }

    @Test
    void functionNumbersStartWithTheSeriesSmart() {
        assertEquals(6, OcxlCommand.FAMILY);
        assertEquals(1, OcxlCommand.SMART.number());
        assertEquals("ND_CMD_OCXL_SMART", OcxlCommand.SMART.ndName());
        assertEquals(OcxlCommand.HEALTH, OcxlCommand.of(12).orElseThrow());
        assertEquals(OcxlCommand.FIRMWARE_UPDATE_FINISH, OcxlCommand.of(13).orElseThrow());
        assertEquals(OcxlCommand.INJECT_SMART, OcxlCommand.of(14).orElseThrow());
        assertEquals(OcxlCommand.INJECT_ERROR_STATUS, OcxlCommand.of(17).orElseThrow());
        assertTrue(OcxlCommand.of(18).isEmpty());
        assertEquals(0b110L, OcxlCommand.mask(EnumSet.of(OcxlCommand.SMART, OcxlCommand.ERROR_LOG)));
        assertThrows(MalformedPayloadException.class, () -> OcxlCommand.HEARTBEAT.requireNoInput(new byte[1]));
    }

    @Test
    void injectionPackagesReadBackAsWritten() {
        SmartInject smart = new SmartInject(SmartInject.MEDIA_TEMPERATURE_BIT | SmartInject.SPARES_ALARM_BIT,
                SmartInject.FATAL_BIT, -5 * 16, 0, 0, 0, 0, 0, SmartInject.SPARES_ALARM);
        assertEquals(smart, SmartInject.fromPackage(smart.toPackage()));
        long[] w = smart.words();
        assertEquals(smart, SmartInject.fromWords(w[0], w[1], w[2]));
        assertThrows(IllegalArgumentException.class, () -> new SmartInject(SmartInject.SPARES_BIT, SmartInject.SPARES_BIT,
                0, 0, 0, 0, 0, 0, 0));
        assertThrows(MalformedPayloadException.class, () -> SmartInject.fromPackage(new byte[8]));

        ErrorInject error = new ErrorInject(ErrorInject.Action.INJECT, 0x100_0000, 4096, true);
        assertEquals(error, ErrorInject.fromPackage(ErrorInject.Action.INJECT, error.toPackage()));
        long[] e = error.words();
        assertEquals(error, ErrorInject.fromWords(e[0], e[1], e[2]));
        assertEquals(ErrorInject.list(), ErrorInject.fromWords(ErrorInject.list().words()[0], 0, 0));

        InjectedErrors list = new InjectedErrors(java.util.List.of(new InjectedErrors.Range(0x1000, 512)));
        assertEquals(list, InjectedErrors.fromPackage(list.toPackage()));
        assertEquals(list, InjectedErrors.fromDataBuffer(list.toDataBuffer()));
    }

    @Test
    void healthFollowsTheSmartAttributes() {
        Health ok = Health.fromSmart(smart(40 * 16 + 8, SmartAttribute.ALARM_ENABLED, 90, SmartAttribute.ALARM_ENABLED,
                97, 2, 1));
        assertEquals(HealthState.OK, ok.healthState());
        assertEquals(40.5, ok.temperatureCelsius());
        assertEquals(50.0, ok.controllerTemperatureCelsius());
        assertEquals(85.0, ok.temperatureThreshold());
        assertEquals(90, ok.sparesPercentage());
        assertEquals(10, ok.sparesThreshold());
        assertEquals(3, ok.lifeUsedPercentage());
        assertEquals("dirty", ok.shutdownState());
        assertEquals(2, ok.shutdownCount());
        assertTrue(ok.alarmEnabledMediaTemperature() && ok.alarmEnabledSpares() && !ok.alarmTemperature());

        Health hot = Health.fromSmart(smart(90 * 16, SmartAttribute.ALARM_ENABLED | SmartAttribute.ALARM_TRIPPED, 90,
                0, 97, 0, 0));
        assertEquals(HealthState.NON_CRITICAL, hot.healthState());
        assertTrue(hot.alarmTemperature());
        Health worn = Health.fromSmart(smart(40 * 16, 0, 5, SmartAttribute.ALARM_TRIPPED, 97, 0, 0));
        assertEquals(HealthState.CRITICAL, worn.healthState());
        assertEquals(HealthState.CRITICAL, Health.fromSmart(smart(40 * 16, 0, 50, 0, 0, 0, 0)).healthState());
        assertEquals("clean", worn.shutdownState());

        SmartData missing = new SmartData(List.of(new SmartAttribute(SmartAttribute.TEMPERATURE, 0, 0, 0, 0, 0)));
        assertEquals("SMART data has no attribute 0xc3 (controller temperature)",
                assertThrows(MalformedPayloadException.class, () -> Health.fromSmart(missing)).getMessage());
    }

    @Test
    void healthPackagesKeepEveryField() {
        Health health = Health.fromSmart(smart(-3 * 16, SmartAttribute.ALARM_ENABLED | SmartAttribute.ALARM_TRIPPED,
                9, SmartAttribute.ALARM_ENABLED | SmartAttribute.ALARM_TRIPPED, 40, 7, 1)).withState(HealthState.FATAL);
        byte[] bytes = health.toPackage();
        assertEquals(32, bytes.length);
        assertEquals(3, bytes[0]);
        assertEquals(0b1111101, bytes[4], "alarms temperature and spares tripped, all three enabled, dirty");
        assertEquals(health, Health.fromPackage(bytes));
        bytes[0] = 4;
        assertThrows(MalformedPayloadException.class, () -> Health.fromPackage(bytes));
        assertThrows(MalformedPayloadException.class, () -> Health.fromPackage(new byte[31]));
    }

    @Test
    void firmwareAndOverwritePackagesRoundTripAndRefuse() {
        FirmwareState state = new FirmwareState("v1.0.0", "v2.0.0", FirmwareState.UpdateState.ARMED, 4160, 4160, true);
        assertEquals("armed", state.state().activateState());
        assertEquals(state, FirmwareState.fromPackage(state.toPackage()));
        FirmwareState idle = new FirmwareState("v1.0.0", "", FirmwareState.UpdateState.IDLE, 0, 0, true);
        assertEquals(idle, FirmwareState.fromPackage(idle.toPackage()));
        assertThrows(IllegalArgumentException.class,
                () -> new FirmwareState("v1", "", FirmwareState.UpdateState.RECEIVING, 10, 8, true));

        FirmwareUpdateStart start = new FirmwareUpdateStart(4160);
        assertEquals(start, FirmwareUpdateStart.fromPackage(start.toPackage()));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareUpdateStart(4161));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareUpdateStart(FirmwareImage.MAX_SIZE + 8L));
        FirmwareUpdateSend send = new FirmwareUpdateSend(32768, FirmwareImageTest.payload(64));
        byte[] sendBytes = send.toPackage();
        assertEquals(send, FirmwareUpdateSend.fromPackage(sendBytes));
        sendBytes[4] = 72;
        assertThrows(MalformedPayloadException.class, () -> FirmwareUpdateSend.fromPackage(sendBytes));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareUpdateSend(0, new byte[32776]));

        OverwriteState busy = new OverwriteState(OverwriteState.State.BUSY, 37, SecureEraseResult.NONE);
        assertEquals(busy, OverwriteState.fromPackage(busy.toPackage()));
        assertThrows(IllegalArgumentException.class, () -> new OverwriteState(OverwriteState.State.BUSY, 101,
                SecureEraseResult.NONE));
    }
}
