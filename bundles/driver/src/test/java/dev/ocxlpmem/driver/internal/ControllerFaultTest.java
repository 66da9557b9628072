package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogAction;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.HealthState;
import dev.ocxlpmem.scm.Opcode;

/**
 * Timeouts, wrong ids, concurrent callers and every injected fault: each ends in a precise error
 * or an event, and the controller answers again afterwards.
 */
class ControllerFaultTest {
    private static final Duration SHORT = Duration.ofMillis(60);
    private static final Duration DELAY = Duration.ofMillis(150);

    @TempDir
    Path dir;

    /** Each command the client sends, with the timeout it must keep. */
    private static final List<Opcode> TIMED = List.of(Opcode.HEARTBEAT, Opcode.SHUTDOWN, Opcode.ERRLOG, Opcode.SMART,
            Opcode.CONTROLLER_STATS, Opcode.CMD_CAPS);

    private static void run(ScmController c, Opcode op) throws ControllerCommandException {
        switch (op) {
            case HEARTBEAT -> c.heartbeat();
            case SHUTDOWN -> c.shutdown();
            case ERRLOG -> c.readErrorLogEntry();
            case SMART -> c.smart();
            case CONTROLLER_STATS -> c.stats();
            case CMD_CAPS -> c.commandCaps();
            default -> throw new IllegalArgumentException(op.toString());
        }
    }

    /**
     * Every opcode answers again; 60 ms is short for a loaded machine, so a timeout here is tried
     * again (up to five times): the point is that the controller answers after, not how fast.
     */
    private static void runWithin60ms(ScmController c, Opcode op) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                run(c, op);
                return;
            } catch (ControllerCommandException e) {
                if (e.reason() != Reason.TIMEOUT || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void eachOpcodeKeepsItsOwnTimeoutAndALateAnswerIsSkipped() throws Exception {
        try (ScmCard card = ScmCard.plug(dir, ControllerSettings.DEFAULTS)) {
            ScmController c = card.start(ScmCard.all(SHORT).with(Opcode.SMART, Duration.ofSeconds(5)));
            card.faults.responseDelay(DELAY);
            for (Opcode op : TIMED) {
                if (op == Opcode.SMART) {
                    continue;
                }
                ControllerCommandException timeout = assertThrows(ControllerCommandException.class, () -> run(c, op));
                assertEquals(Reason.TIMEOUT, timeout.reason(), op.toString());
                assertEquals(op.code(), timeout.opcode());
                assertTrue(timeout.getMessage().contains(op + " id 0x") && timeout.getMessage().contains(
                        "no response within 60 ms (CHI="), timeout.getMessage());
                // SMART has 5 s: it waits out the late answer of the command before it, skips it, and gets its own.
                c.smart();
            }
            card.faults.responseDelay(Duration.ZERO);
            for (Opcode op : TIMED) {
                runWithin60ms(c, op);
            }
        }
    }

    @Test
    void theFirmwareUpdateAndDumpTimeoutsAreTheirs() throws Exception {
        try (ScmCard card = ScmCard.plug(dir, ControllerSettings.DEFAULTS)) {
            ScmController c = card.start(CommandTimeouts.documented().with(Opcode.FW_UPDATE, SHORT)
                    .with(Opcode.CONTROLLER_DUMP, SHORT).with(Opcode.HEARTBEAT, Duration.ofSeconds(5)));
            card.faults.responseDelay(DELAY);
            c.firmware().start(4096);
            ControllerCommandException update = assertThrows(ControllerCommandException.class,
                    () -> c.firmware().send(0, new byte[4096]));
            assertEquals(Reason.TIMEOUT, update.reason());
            assertEquals(Opcode.FW_UPDATE.code(), update.opcode());
            ControllerCommandException dump = assertThrows(ControllerCommandException.class, c::controllerDump);
            assertEquals(Reason.TIMEOUT, dump.reason());
            assertEquals(Opcode.CONTROLLER_DUMP.code(), dump.opcode());
            card.faults.responseDelay(Duration.ZERO);
            c.heartbeat(); // waits out and skips the late answers of the commands that timed out
            c.heartbeat();
        }
    }

    @Test
    void aWrongIdIsRefusedAndTheNextCommandWorks() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            card.faults.wrongResponseIds(1);
            ControllerCommandException wrong = assertThrows(ControllerCommandException.class,
                    card.controller::heartbeat);
            assertEquals(Reason.WRONG_ID, wrong.reason());
            assertTrue(wrong.getMessage().matches(".*HEARTBEAT \\(0x00\\) id 0x(\\p{XDigit}{4}) was answered with id "
                    + "0x\\p{XDigit}{4} \\(status 0x00 \\(success\\)\\); the answer is discarded"), wrong.getMessage());
            card.controller.heartbeat();
            assertEquals(HealthState.OK, card.controller.health().healthState());
        }
    }

    @Test
    void concurrentCallersAreSerialisedAndEachGetsItsOwnAnswer() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            ScmController c = card.controller;
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Long>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int kind = t % 3;
                work.add(() -> {
                    long checks = 0;
                    for (int i = 0; i < 100; i++) {
                        switch (kind) {
                            case 0 -> c.heartbeat();
                            case 1 -> checks += c.health().sparesPercentage() == 100 ? 1 : 0;
                            default -> checks += c.stats().lifeRemainingPercent() == 100 ? 1 : 0;
                        }
                    }
                    return checks;
                });
            }
            long checks = 0;
            for (Future<Long> f : pool.invokeAll(work)) {
                checks += f.get();
            }
            pool.shutdown();
            assertEquals(4 * 100, checks, "every SMART and stats answer was its own command's");
            assertTrue(c.stats().resetCount() == 1);
        }
    }

    @Test
    void aControllerNeverReadyFailsProbeAtThatStepAndComesBackWhenFixed() throws Exception {
        ControllerSettings never = ControllerSettings.DEFAULTS.withReadiness(CardFaults.NEVER, 1);
        try (ScmCard card = ScmCard.plug(dir, never)) {
            long started = System.nanoTime();
            ControllerStartException e = assertThrows(ControllerStartException.class,
                    () -> card.start(CommandTimeouts.documented()));
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertEquals("wait for controller ready (CHI.CRDY)", e.step());
            assertEquals("ocxlpmem 0006:00:00.1: controller start failed at 'wait for controller ready (CHI.CRDY)': "
                    + "CHI.CRDY not set within the 1 s readiness timeout of CCAP0 (CHI=0x0 [], HCI=0x0 [], CSTS=0x2)",
                    e.getMessage());
            assertTrue(waited >= 1000 && waited < 3000, "waited " + waited + " ms");
            card.faults.readinessDelay(Duration.ZERO);
            card.faults.reset();
            card.start(ScmCard.all(Duration.ofSeconds(5))).heartbeat();
        }
    }

    @Test
    void memoryNeverAvailableFailsProbeAtThatStep() throws Exception {
        ControllerSettings never = ControllerSettings.DEFAULTS.withMemoryAvailable(CardFaults.NEVER, 1);
        try (ScmCard card = ScmCard.plug(dir, never)) {
            ControllerStartException e = assertThrows(ControllerStartException.class,
                    () -> card.start(CommandTimeouts.documented()));
            assertEquals("wait for memory available (CHI.MA)", e.step());
            assertTrue(e.getMessage().contains("CHI.MA not set within the 1 s memory-available timeout of CCAP0 "
                    + "(CHI=0x10 [CRDY]"), e.getMessage());
            card.faults.memoryAvailableDelay(Duration.ofMillis(50));
            card.faults.reset();
            card.start(ScmCard.all(Duration.ofSeconds(5))).heartbeat();
        }
    }

    @Test
    void slowAndFatalControllersFailProbeAtTheirSteps() throws Exception {
        try (ScmCard card = ScmCard.plug(dir, ControllerSettings.DEFAULTS.withResponseDelay(Duration.ofMillis(300)))) {
            ControllerStartException slow = assertThrows(ControllerStartException.class,
                    () -> card.start(CommandTimeouts.documented()));
            assertEquals("heartbeat", slow.step());
            assertTrue(slow.getMessage().contains("no response within 100 ms"), slow.getMessage());

            card.faults.responseDelay(Duration.ZERO);
            card.faults.fatal(FatalState.FIRMWARE);
            ControllerStartException fatal = assertThrows(ControllerStartException.class,
                    () -> card.start(CommandTimeouts.documented()));
            assertEquals("wait for controller ready (CHI.CRDY)", fatal.step());
            assertTrue(fatal.getMessage().contains("the controller is in a fatal state (CHI=0x170 [CRDY CFFS MA CDA]"),
                    fatal.getMessage());
            card.faults.reset();
            card.start(ScmCard.all(Duration.ofSeconds(5))).heartbeat();
        }
    }

    @Test
    void errorLogEntriesOfEachTypeBecomeEventsAndAreKept() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            List<ErrorLogEntry> logged = new ArrayList<>();
            for (ErrorLogType type : ErrorLogType.values()) {
                Set<ErrorLogAction> actions = type == ErrorLogType.GENERAL
                        ? EnumSet.of(ErrorLogAction.RESET, ErrorLogAction.CHECK_FIRMWARE) : Set.of();
                logged.add(card.faults.logError(type, actions, "injected " + type.text()));
                ErrorLogEntry event = card.events.next(RecordingListener.ErrorLogged.class).entry();
                assertEquals(logged.get(logged.size() - 1), event);
            }
            assertEquals(logged, card.controller.errorLog());
            assertEquals(java.util.Optional.empty(), card.controller.readErrorLogEntry(), "the card's log is drained");
        }
    }

    @Test
    void smartInjectionChangesHealthAndTellsTheListener() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            card.faults.smart(card.faults.smart().withMediaTemperature(90));
            RecordingListener.HealthChanged hot = card.events.next(RecordingListener.HealthChanged.class);
            assertEquals(HealthState.OK, hot.before().healthState());
            assertEquals(HealthState.NON_CRITICAL, hot.after().healthState());
            assertTrue(hot.after().alarmTemperature());
            assertEquals(90.0, hot.after().temperatureCelsius());
            card.faults.smart(card.faults.smart().withSpares(5).withLifeUsed(40).withControllerTemperature(60));
            RecordingListener.HealthChanged worn = card.events.next(RecordingListener.HealthChanged.class);
            assertEquals(HealthState.CRITICAL, worn.after().healthState());
            assertEquals(5, card.controller.health().sparesPercentage());
            assertEquals(40, card.controller.health().lifeUsedPercentage());
            assertEquals(60.0, card.controller.health().controllerTemperatureCelsius());
            assertEquals(List.of(ErrorLogType.THERMAL_WARNING, ErrorLogType.HEALTH_PERFORMANCE),
                    card.controller.errorLog().stream().map(ErrorLogEntry::type).toList());

            card.faults.dirtyShutdown();
            RecordingListener.HealthChanged dirty = card.events.next(RecordingListener.HealthChanged.class);
            assertEquals(1, dirty.after().shutdownCount());
            assertEquals("dirty", dirty.after().shutdownState());
        }
    }

    @Test
    void aFatalStateIsAnEventCommandsFailAtOnceAndAResetBringsTheControllerBack() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            card.faults.fatal(FatalState.HARDWARE);
            RecordingListener.Fatal fatal = card.events.next(RecordingListener.Fatal.class);
            assertEquals(ChiBit.CHFS, fatal.state());
            assertTrue(ChiBit.CHFS.isSet(fatal.chi()));
            assertEquals(HealthState.FATAL, card.events.next(RecordingListener.HealthChanged.class).after().healthState());
            card.events.next(RecordingListener.DumpAvailable.class);
            String dump = new String(card.controller.controllerDump(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(dump.contains("CHI=0x250 [CRDY MA CHFS]"), "the dump shows the fatal state: " + dump);
            assertEquals(HealthState.FATAL, card.controller.health().healthState());
            ControllerCommandException refused = assertThrows(ControllerCommandException.class,
                    card.controller::heartbeat);
            assertEquals(Reason.FATAL, refused.reason());
            assertTrue(refused.getMessage().contains("HEARTBEAT (0x00) not sent: the controller is in a fatal state "
                    + "(CHI=0x250 [CRDY MA CHFS]"), refused.getMessage());

            card.faults.reset();
            card.controller.heartbeat();
            assertEquals(HealthState.OK, card.controller.health().healthState());
            assertNotEquals(HealthState.FATAL, card.events.next(RecordingListener.HealthChanged.class).after()
                    .healthState());
        }
    }
}
