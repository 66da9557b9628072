package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.ocxl.AfuInterrupt;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.Ccap0;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.HciBit;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.QueueDescriptor;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.Request;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.Status;

/** The card's side of the protocol, driven register by register as a driver would. */
class ControllerProtocolTest {
    @TempDir
    Path dir;

    /** One admin command by hand: request, doorbell, wait for ACRA, response, acknowledge. */
    static Response command(GlobalMmio mmio, int opcode, int id, long... parameters) throws Exception {
        QueueDescriptor admin = QueueDescriptor.decode(mmio.read64(Registers.ACMA), mmio.read64(Registers.ACMA + 8));
        long[] words = new Request(opcode, id, parameters).words();
        for (int i = 0; i < words.length; i++) {
            mmio.write64(admin.requestOffset() + 8L * i, words[i]);
        }
        mmio.write64(Registers.HCI, HciBit.ACRW.mask());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ChiBit.ACRA.isSet(mmio.read64(Registers.CHI))) {
            assertTrue(System.nanoTime() < deadline, "no response");
            Thread.onSpinWait();
        }
        long[] response = new long[8];
        for (int i = 0; i < 8; i++) {
            response[i] = mmio.read64(admin.responseOffset() + 8L * i);
        }
        mmio.write64(Registers.CHIC, ChiBit.ACRA.mask());
        assertFalse(ChiBit.ACRA.isSet(mmio.read64(Registers.CHI)), "CHIC clears ACRA");
        return Response.decode(response);
    }

    @Test
    void aResetControllerShowsItsCapabilitiesAndQueuesAndIsReady() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            GlobalMmio mmio = card.mmio;
            assertEquals(0x10000, mmio.size());
            assertEquals(0x10000, card.afu.config().globalMmioSize());
            assertEquals(ChiBit.mask(ChiBit.CRDY, ChiBit.MA), mmio.read64(Registers.CHI));
            assertEquals(new Ccap0(1, 0, 200, 10, 60), Ccap0.decode(mmio.read64(Registers.CCAP0)));
            assertEquals("1.0.0", FirmwareVersion.decode(mmio.read64(Registers.FWVER)).text());
            QueueDescriptor.decode(mmio.read64(Registers.ACMA), mmio.read64(Registers.ACMA + 8)).check("admin", 0x10000);
            QueueDescriptor.decode(mmio.read64(Registers.NSCMA), mmio.read64(Registers.NSCMA + 8))
                    .check("near-storage", 0x10000);

            Response heartbeat = command(mmio, Opcode.HEARTBEAT.code(), 0x1234);
            assertEquals(new Response(Status.SUCCESS, 0x1234), heartbeat);
            assertEquals(Status.BAD_OPCODE.code(), command(mmio, 0x3F, 2).status());
            assertEquals(Status.BAD_OPCODE.code(), command(mmio, Opcode.SECURE_ERASE.code(), 3).status(),
                    "a near-storage opcode on the admin queue");
            assertEquals(Status.DEBUG_BLOCKED.code(), command(mmio, Opcode.FW_DEBUG.code(), 4, 1L << 56, 0).status());
            assertEquals(Status.BAD_REQUEST_PARAMETER.code(), command(mmio, Opcode.CONTROLLER_DUMP.code(), 5, 8).status(),
                    "no dump was collected");
            assertEquals(Status.BAD_REQUEST_PARAMETER.code(),
                    command(mmio, Opcode.FW_UPDATE.code(), 6, 0x0000_0008_0000_0008L).status(), "block out of order");

            card.faults.fatal(FatalState.HARDWARE);
            assertEquals(Status.FAILURE.code(), command(mmio, Opcode.HEARTBEAT.code(), 7).status());
            assertTrue(ChiBit.CHFS.isSet(mmio.read64(Registers.CHI)));
            card.faults.reset();
            assertEquals(Status.SUCCESS.code(), command(mmio, Opcode.HEARTBEAT.code(), 8).status());
        }
    }

    @Test
    void registersKeepTheirOwnersRules() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            GlobalMmio mmio = card.mmio;
            long ccap0 = mmio.read64(Registers.CCAP0);
            mmio.write64(Registers.CCAP0, 0);
            mmio.write64(Registers.CHI, 0);
            assertEquals(ccap0, mmio.read64(Registers.CCAP0), "read-only");
            assertEquals(ChiBit.mask(ChiBit.CRDY, ChiBit.MA), mmio.read64(Registers.CHI), "only the controller sets CHI");
            mmio.write64(Registers.CHIC, ChiBit.all());
            assertEquals(ChiBit.mask(ChiBit.CRDY, ChiBit.MA), mmio.read64(Registers.CHI), "CRDY and MA are not the host's");
            mmio.write64(Registers.CHIE, ChiBit.mask(ChiBit.ELA, ChiBit.CDA));
            mmio.write64(Registers.CHIE, ChiBit.CFFS.mask());
            mmio.write64(Registers.CHIEC, ChiBit.CDA.mask());
            assertEquals(ChiBit.mask(ChiBit.ELA, ChiBit.CFFS), mmio.read64(Registers.CHIE));

            assertThrows(IndexOutOfBoundsException.class, () -> mmio.read64(4));
            assertThrows(IndexOutOfBoundsException.class, () -> mmio.read64(0x10000));
            assertThrows(IndexOutOfBoundsException.class, () -> mmio.write64(-8, 0));
            assertEquals("global MMIO offset 0xfffc: 64-bit accesses need an 8-byte aligned offset below 0xfff9",
                    assertThrows(IndexOutOfBoundsException.class, () -> mmio.write64(0xFFFC, 0)).getMessage());
            GlobalMmio second = card.afu.mapGlobalMmio();
            second.close();
            assertTrue(assertThrows(OcxlException.class, () -> second.read64(0)).getMessage().contains("unmapped"));
        }
    }

    @Test
    void interruptsGoToTheHandleInImaWhenEnabled() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            LinkedBlockingQueue<String> raised = new LinkedBlockingQueue<>();
            AfuInterrupt irq0 = card.context.allocateInterrupt(irq -> raised.add("0:" + Thread.currentThread().getName()));
            AfuInterrupt irq1 = card.context.allocateInterrupt(irq -> raised.add("1"));
            assertTrue(irq0.handle() != 0 && irq0.handle() != irq1.handle());
            card.mmio.write64(Registers.IMA0_OHP, irq0.handle());
            card.mmio.write64(Registers.IMA1_OHP, irq1.handle());

            card.faults.logError(ErrorLogType.GENERAL, Set.of(), "not enabled yet");
            assertNull(raised.poll(100, TimeUnit.MILLISECONDS), "ELA is not enabled in CHIE");
            card.mmio.write64(Registers.CHIE, ChiBit.mask(ChiBit.ELA, ChiBit.CFFS));
            card.faults.logError(ErrorLogType.DATA_LOSS, Set.of(), "now enabled");
            String delivered = raised.poll(5, TimeUnit.SECONDS);
            assertTrue(delivered.startsWith("0:ocxl 0006:00:00.1 AFU 0 interrupts"), delivered);
            card.faults.fatal(FatalState.FIRMWARE);
            assertEquals("1", raised.poll(5, TimeUnit.SECONDS));

            irq0.close();
            card.faults.reset();
            card.faults.logError(ErrorLogType.GENERAL, Set.of(), "freed");
            assertNull(raised.poll(100, TimeUnit.MILLISECONDS), "a freed interrupt is not delivered");
        }
    }

    @Test
    void readinessFollowsTheDelaysAndAFunctionResetForgetsTheHostSetup() throws Exception {
        // wide enough apart that a loaded machine does not see one step run into the next
        ControllerSettings slow = ControllerSettings.DEFAULTS.withReadiness(Duration.ofMillis(400), 1)
                .withMemoryAvailable(Duration.ofMillis(800), 1);
        try (TestCard card = TestCard.open(dir, slow)) {
            assertEquals(0, card.mmio.read64(Registers.CHI), "nothing is ready right after the reset");
            OcxlException early = assertThrows(OcxlException.class, card.afu::mapLpcMemory);
            assertTrue(early.getMessage().contains("MA clear"), early.getMessage());
            waitFor(card.mmio, ChiBit.CRDY);
            assertFalse(ChiBit.MA.isSet(card.mmio.read64(Registers.CHI)));
            waitFor(card.mmio, ChiBit.MA);
            card.afu.mapLpcMemory().close();
            card.mmio.write64(Registers.CHIE, ChiBit.ELA.mask());
            card.mmio.write64(Registers.HCI, HciBit.AFU_RESET.mask());
            assertEquals(0, card.mmio.read64(Registers.CHI));
            waitFor(card.mmio, ChiBit.MA);
            assertEquals(ChiBit.ELA.mask(), card.mmio.read64(Registers.CHIE), "an AFU reset keeps the interrupt setup");
        }
        try (TestCard again = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            assertEquals(0, again.mmio.read64(Registers.CHIE), "a function reset forgets it");
        }
    }

    @Test
    void theErrorLogQueuesEntriesDropsTheOldestWhenFullAndAnswersHealthRequests() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            GlobalMmio mmio = card.mmio;
            for (int i = 0; i < ErrorLogQueue.CAPACITY + 2; i++) {
                card.faults.logError(ErrorLogType.GENERAL, Set.of(), "entry " + i);
            }
            assertEquals(2, card.controller.errorLog.dropped());
            assertTrue(ChiBit.ELA.isSet(mmio.read64(Registers.CHI)));
            assertEquals(Status.SUCCESS.code(), command(mmio, Opcode.ERRLOG.code(), 1).status());
            ErrorLogEntry first = ErrorLogEntry.fromDataBuffer(card.controller.readData(
                    dev.ocxlpmem.scm.Queue.ADMIN, 0x100)).orElseThrow();
            assertEquals("entry 2", first.additionalText(), "the two oldest were dropped");
            assertEquals(3, first.logId());
            for (int i = 1; i < ErrorLogQueue.CAPACITY; i++) {
                command(mmio, Opcode.ERRLOG.code(), 1 + i);
            }
            assertFalse(ChiBit.ELA.isSet(mmio.read64(Registers.CHI)), "ELA clears with the last entry");
            command(mmio, Opcode.ERRLOG.code(), 100);
            assertEquals(java.util.Optional.empty(), ErrorLogEntry.fromDataBuffer(card.controller.readData(
                    dev.ocxlpmem.scm.Queue.ADMIN, 8)), "an empty log answers a header of length 0");

            mmio.write64(Registers.HCI, HciBit.REQUEST_HEALTH_PERF.mask());
            assertEquals(0, mmio.read64(Registers.HCI), "the controller consumed the request");
            command(mmio, Opcode.ERRLOG.code(), 101);
            ErrorLogEntry health = ErrorLogEntry.fromDataBuffer(card.controller.readData(
                    dev.ocxlpmem.scm.Queue.ADMIN, 0x200)).orElseThrow();
            assertEquals(ErrorLogType.HEALTH_PERFORMANCE, health.type());
            assertTrue(health.additionalText().startsWith("health ok: media 35.0 C"), health.additionalText());
            assertEquals("1.0.0", health.firmwareRevision());
        }
    }

    @Test
    void theNearStorageQueueTakesOnlyItsOwnOpcodes() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            GlobalMmio mmio = card.mmio;
            QueueDescriptor ns = QueueDescriptor.decode(mmio.read64(Registers.NSCMA), mmio.read64(Registers.NSCMA + 8));
            mmio.write64(ns.requestOffset(), new Request(Opcode.HEARTBEAT, 9).words()[0]);
            mmio.write64(Registers.HCI, HciBit.NSCRW.mask());
            waitFor(mmio, ChiBit.NSCRA);
            assertEquals(new Response(Status.BAD_OPCODE, 9), Response.decode(new long[] {
                mmio.read64(ns.responseOffset()), 0, 0, 0, 0, 0, 0, 0}));
            mmio.write64(Registers.CHIC, ChiBit.NSCRA.mask());
            assertFalse(ChiBit.NSCRA.isSet(mmio.read64(Registers.CHI)));
        }
    }

    static void waitFor(GlobalMmio mmio, ChiBit bit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!bit.isSet(mmio.read64(Registers.CHI))) {
            assertTrue(System.nanoTime() < deadline, bit + " never came");
            Thread.sleep(1);
        }
    }
}
