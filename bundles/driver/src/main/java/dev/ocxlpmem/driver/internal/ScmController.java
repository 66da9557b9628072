package dev.ocxlpmem.driver.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.AfuInterrupt;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.Ccap0;
import dev.ocxlpmem.scm.Ccap1;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.CommandCaps;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorInject;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.HciBit;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.HealthState;
import dev.ocxlpmem.scm.InjectedErrors;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.PayloadHeader;
import dev.ocxlpmem.scm.Queue;
import dev.ocxlpmem.scm.QueueDescriptor;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.SmartData;
import dev.ocxlpmem.scm.SmartInject;

/**
 * The host side of one card's SCM controller (the series' later patches: "Read the capability
 * registers &amp; wait for device ready", "Add support for Admin commands", the error log,
 * statistics, SMART, firmware update, controller dump and overwrite). {@link #start} brings it up
 * as probe must; {@link #close} shuts it down as remove must. Commands are serialised per queue;
 * a command that fails leaves the controller usable for the next.
 */
final class ScmController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScmController.class);
    /** What the series enabled in CHIE. */
    private static final long INTERRUPTS = ChiBit.mask(ChiBit.ELA, ChiBit.CDA, ChiBit.CFFS, ChiBit.CHFS, ChiBit.NSCRA);
    private static final long FATAL = ChiBit.mask(ChiBit.CFFS, ChiBit.CHFS);

    private final String location;
    private final ControllerRegisters registers;
    private final Ccap0 ccap0;
    private final Ccap1 ccap1;
    private final CommandQueue admin;
    private final CommandQueue nearStorage;
    private final CommandTimeouts timeouts;
    private final ControllerListener listener;
    private volatile CommandCaps caps = new CommandCaps(Set.of());
    private volatile Health health;
    private volatile boolean closed;
    private AfuInterrupt informational;
    private AfuInterrupt fatal;

    private final ErrorLogHistory errorLog = new ErrorLogHistory(this);
    private final FirmwareUpdate firmware = new FirmwareUpdate(this);
    private final Overwrite overwrite = new Overwrite(this);
    private final Object dumpLock = new Object();
    /** Set while the host collects a dump it asked for: its CHI.CDA is no news to tell. */
    private volatile boolean dumping;

    private ScmController(String location, ControllerRegisters registers, Ccap0 ccap0, Ccap1 ccap1,
            QueueDescriptor adminQueue, QueueDescriptor nearStorageQueue, CommandTimeouts timeouts,
            ControllerListener listener) {
        this.location = location;
        this.registers = registers;
        this.ccap0 = ccap0;
        this.ccap1 = ccap1;
        this.admin = new CommandQueue(location, Queue.ADMIN, adminQueue, registers);
        this.nearStorage = new CommandQueue(location, Queue.NEAR_STORAGE, nearStorageQueue, registers);
        this.timeouts = timeouts;
        this.listener = listener;
    }

    /**
     * Brings the controller up for probe: reads CCAP0/CCAP1 and the queue descriptors, waits for
     * CHI.CRDY within CCAP0's readiness timeout and for CHI.MA within its memory-available
     * timeout (both counted from the call), heartbeats, reads CMD_CAPS, enables the interrupts
     * (IMA0 for responses, error log and dump, IMA1 for fatal states) and reads the health. Error
     * log entries found waiting are kept and logged. On failure everything is released and the
     * exception names the step.
     */
    static ScmController start(String location, Afu afu, Context context, ControllerListener listener,
            CommandTimeouts timeouts) throws ControllerStartException {
        GlobalMmio mmio;
        try {
            mmio = afu.mapGlobalMmio();
        } catch (OcxlException e) {
            throw new ControllerStartException(location, "map global MMIO", "no registers", e.getMessage(), e);
        }
        ControllerRegisters registers = new ControllerRegisters(mmio);
        String step = "read capabilities (CCAP0, CCAP1)";
        ScmController controller = null;
        try {
            Ccap0 ccap0 = Ccap0.decode(registers.read(Registers.CCAP0));
            Ccap1 ccap1 = Ccap1.decode(registers.read(Registers.CCAP1));
            step = "read queue descriptors (ACMA, NSCMA)";
            QueueDescriptor adminQueue = descriptor(registers, Queue.ADMIN, mmio.size());
            QueueDescriptor nearStorageQueue = descriptor(registers, Queue.NEAR_STORAGE, mmio.size());
            ScmController c = new ScmController(location, registers, ccap0, ccap1, adminQueue, nearStorageQueue,
                    timeouts, listener);
            controller = c;
            long started = System.nanoTime();
            step = "wait for controller ready (CHI.CRDY)";
            controller.awaitBit(ChiBit.CRDY, started, ccap0.readinessTimeoutSeconds(), "readiness");
            step = "wait for memory available (CHI.MA)";
            controller.awaitBit(ChiBit.MA, started, ccap0.memoryAvailableTimeoutSeconds(), "memory-available");
            step = "read firmware version (FWVER)";
            FirmwareVersion version = FirmwareVersion.decode(registers.read(Registers.FWVER));
            step = "heartbeat";
            controller.heartbeat();
            step = "read command capabilities (CMD_CAPS)";
            controller.caps = controller.commandCaps();
            step = "set up interrupts (IMA0, IMA1, CHIE)";
            controller.informational = context.allocateInterrupt(irq -> c.onInformational());
            controller.fatal = context.allocateInterrupt(irq -> c.onFatal());
            controller.programInterrupts();
            step = "read health (SMART)";
            SmartData smart = controller.smart();
            controller.health = controller.health(smart);
            controller.overwrite.leftIncomplete(smart);
            step = "read the error log";
            for (ErrorLogEntry entry : controller.errorLog.drain()) {
                LOG.warn("ocxlpmem {}: error log entry waiting at probe: {}", location, entry);
                listener.errorLogged(entry);
            }
            LOG.info("ocxlpmem {}: controller ready: firmware {}, SCM revision {}, health {}", location, version,
                    ccap0.revision(), controller.health.healthState().ndctlName());
            return controller;
        } catch (Exception e) {
            String state = registers.state();
            if (controller != null) {
                controller.freeInterrupts();
            }
            mmio.close();
            throw new ControllerStartException(location, step, state, e.getMessage(), e);
        }
    }

    private static QueueDescriptor descriptor(ControllerRegisters registers, Queue queue, long mmioSize)
            throws OcxlException {
        QueueDescriptor d = QueueDescriptor.decode(registers.read(queue.descriptor()),
                registers.read(queue.descriptor() + 8L));
        d.check(queue.toString(), mmioSize);
        return d;
    }

    /** Waits for {@code bit} until {@code seconds} after {@code started}; a fatal state ends the wait at once. */
    void awaitBit(ChiBit bit, long started, int seconds, String timeout) throws OcxlException {
        Duration left = Duration.ofSeconds(seconds).minusNanos(System.nanoTime() - started);
        boolean set = Backoff.await(() -> {
            long chi = registers.chi();
            if ((chi & FATAL) != 0) {
                throw new IllegalStateException("the controller is in a fatal state");
            }
            return bit.isSet(chi);
        }, left.isNegative() ? Duration.ZERO : left);
        if (!set && Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted waiting for CHI." + bit + " (the function is going away)");
        }
        if (!set) {
            throw new IllegalStateException("CHI." + bit + " not set within the " + seconds + " s " + timeout
                    + " timeout of CCAP0");
        }
    }

    void programInterrupts() throws OcxlException {
        registers.write(Registers.IMA0_OHP, informational.handle());
        registers.write(Registers.IMA0_CFP, 0);
        registers.write(Registers.IMA1_OHP, fatal.handle());
        registers.write(Registers.IMA1_CFP, 0);
        registers.write(Registers.CHIE, INTERRUPTS);
    }

    private void freeInterrupts() {
        if (informational != null) {
            informational.close();
        }
        if (fatal != null) {
            fatal.close();
        }
    }

    Ccap0 capabilities0() {
        return ccap0;
    }

    /** The family-6 functions this card's commands support: the DIMM's function mask. */
    Set<OcxlCommand> supportedFunctions() {
        CommandCaps c = caps;
        Set<OcxlCommand> set = EnumSet.noneOf(OcxlCommand.class);
        if (c.supports(Opcode.SMART)) {
            set.add(OcxlCommand.SMART);
            set.add(OcxlCommand.HEALTH);
        }
        if (c.supports(Opcode.ERRLOG)) {
            set.add(OcxlCommand.ERROR_LOG);
        }
        if (c.supports(Opcode.CONTROLLER_STATS)) {
            set.add(OcxlCommand.CONTROLLER_STATS);
        }
        if (c.supports(Opcode.FW_UPDATE)) {
            set.addAll(EnumSet.range(OcxlCommand.FIRMWARE_UPDATE_START, OcxlCommand.FIRMWARE_UPDATE_STATUS));
            set.add(OcxlCommand.FIRMWARE_UPDATE_FINISH);
        }
        if (c.supports(Opcode.CONTROLLER_DUMP)) {
            set.add(OcxlCommand.CONTROLLER_DUMP);
        }
        if (c.supports(Opcode.HEARTBEAT)) {
            set.add(OcxlCommand.HEARTBEAT);
        }
        if (c.supports(Opcode.SECURE_ERASE)) {
            set.add(OcxlCommand.OVERWRITE);
            set.add(OcxlCommand.OVERWRITE_STATUS);
        }
        if (c.supports(Opcode.INJECT_SMART)) {
            set.add(OcxlCommand.INJECT_SMART);
        }
        if (c.supports(Opcode.INJECT_ERROR)) {
            set.addAll(EnumSet.range(OcxlCommand.INJECT_ERROR, OcxlCommand.INJECT_ERROR_STATUS));
        }
        return set;
    }

    /** The entries read from the card so far, after reading what is waiting. */
    List<ErrorLogEntry> errorLog() throws ControllerCommandException {
        return errorLog.entries();
    }

    FirmwareUpdate firmware() {
        return firmware;
    }

    Overwrite overwrite() {
        return overwrite;
    }

    String location() {
        return location;
    }

    ControllerRegisters registers() {
        return registers;
    }

    CommandQueue nearStorage() {
        return nearStorage;
    }

    CommandTimeouts timeouts() {
        return timeouts;
    }

    ControllerListener listener() {
        return listener;
    }

    boolean supports(Opcode opcode) {
        return caps.supports(opcode);
    }

    // ---- admin commands

    <T> T admin(Opcode opcode, long[] parameters, byte[] data, CommandQueue.DataReader<T> reader)
            throws ControllerCommandException {
        return admin.run(opcode.code(), parameters, data, timeouts.of(opcode.code()), reader);
    }

    /** Any admin command by number, for what the typed methods do not cover; returns the response. */
    Response command(int opcode, long... parameters) throws ControllerCommandException {
        return admin.run(opcode, parameters, null, timeouts.of(opcode), (q, r) -> r);
    }

    void heartbeat() throws ControllerCommandException {
        admin(Opcode.HEARTBEAT, new long[0], null, (q, r) -> null);
    }

    SmartData smart() throws ControllerCommandException {
        return admin(Opcode.SMART, new long[] {0}, null, (q, r) -> SmartData.fromDataBuffer(q.readPayload()));
    }

    ControllerStats stats() throws ControllerCommandException {
        return admin(Opcode.CONTROLLER_STATS, new long[] {0}, null,
                (q, r) -> ControllerStats.fromDataBuffer(q.readPayload()));
    }

    CommandCaps commandCaps() throws ControllerCommandException {
        return admin(Opcode.CMD_CAPS, new long[0], null, (q, r) -> CommandCaps.fromDataBuffer(q.readPayload()));
    }

    /** One ERRLOG: the oldest entry the card holds, empty when it holds none. */
    Optional<ErrorLogEntry> readErrorLogEntry() throws ControllerCommandException {
        return admin(Opcode.ERRLOG, new long[0], null, (q, r) -> ErrorLogEntry.fromDataBuffer(q.readPayload()));
    }

    /** FW_DEBUG's register read, with HCI.FW_DEBUG set for the command and cleared after it. */
    long debugReadRegister(long offset) throws ControllerCommandException {
        try {
            registers.write(Registers.HCI, HciBit.FW_DEBUG.mask());
            try {
                return admin(Opcode.FW_DEBUG, new long[] {1L << 56, offset}, null,
                        (q, r) -> ByteBuffer.wrap(q.readData(0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong());
            } finally {
                registers.write(Registers.HCIC, HciBit.FW_DEBUG.mask());
            }
        } catch (OcxlException e) {
            throw gone(Opcode.FW_DEBUG.code(), e);
        }
    }

    /** ndctl's inject-smart, as the card takes it (INJECT_SMART). */
    void injectSmart(SmartInject inject) throws ControllerCommandException {
        admin(Opcode.INJECT_SMART, inject.words(), null, (q, r) -> null);
    }

    /** Injects or clears poison; for {@link ErrorInject.Action#LIST}, the ranges injected (null otherwise). */
    InjectedErrors injectError(ErrorInject inject) throws ControllerCommandException {
        return admin(Opcode.INJECT_ERROR, inject.words(), null, (q, r) -> inject.action() == ErrorInject.Action.LIST
                ? InjectedErrors.fromDataBuffer(q.readPayload()) : null);
    }

    /** SHUTDOWN: the controller flushes and marks a clean shutdown. */
    void shutdown() throws ControllerCommandException {
        admin(Opcode.SHUTDOWN, new long[0], null, (q, r) -> null);
    }

    // ---- health

    /**
     * The health ndctl shows, from SMART; while the controller is in a fatal state, the last
     * health read with the state fatal. A change from the last one read is told to the listener.
     */
    Health health() throws ControllerCommandException {
        long chi = chi(Opcode.SMART.code());
        Health last = health;
        if ((chi & FATAL) != 0) {
            if (last == null) {
                throw new ControllerCommandException(Reason.FATAL, Opcode.SMART.code(), "ocxlpmem " + location
                        + ": no health known and the controller is in a fatal state (" + registers.state() + ")");
            }
            return last.withState(HealthState.FATAL);
        }
        Health now = readHealth();
        observe(now);
        return now;
    }

    /**
     * For {@code ndctl enable-dimm}: the controller is out of any fatal state and answers a
     * heartbeat; the health is read afresh (and a change from the fatal one told).
     */
    void requireWorking() throws ControllerCommandException {
        int opcode = Opcode.HEARTBEAT.code();
        long chi = chi(opcode);
        if ((chi & FATAL) != 0) {
            throw new ControllerCommandException(Reason.FATAL, opcode, "ocxlpmem " + location + ": the controller is "
                    + "still in a fatal " + (ChiBit.CFFS.isSet(chi) ? "firmware" : "hardware") + " state ("
                    + registers.state() + ")");
        }
        heartbeat();
        observe(readHealth());
    }

    private Health readHealth() throws ControllerCommandException {
        return health(smart());
    }

    private Health health(SmartData smart) throws ControllerCommandException {
        try {
            return Health.fromSmart(smart);
        } catch (MalformedPayloadException e) {
            throw new ControllerCommandException(Reason.MALFORMED, Opcode.SMART.code(), -1, "ocxlpmem " + location
                    + ": SMART data does not describe a health: " + e.getMessage(), e);
        }
    }

    private void observe(Health now) {
        Health before;
        synchronized (this) {
            before = health;
            health = now;
        }
        if (before != null && changed(before, now)) {
            listener.healthChanged(before, now);
        }
    }

    /** What ndctl monitor reports: the state, an alarm, the shutdown state or count; temperatures drift. */
    private static boolean changed(Health a, Health b) {
        return a.healthState() != b.healthState() || a.alarmTemperature() != b.alarmTemperature()
                || a.alarmControllerTemperature() != b.alarmControllerTemperature()
                || a.alarmSpares() != b.alarmSpares() || a.dirtyShutdown() != b.dirtyShutdown()
                || a.shutdownCount() != b.shutdownCount();
    }

    // ---- controller dump

    /**
     * Asks for a dump (HCI.CONTROLLER_DUMP), waits for CHI.CDA within CONTROLLER_DUMP's timeout,
     * reads it a data buffer at a time, and tells the controller it was collected. Works in a
     * fatal state too.
     */
    byte[] controllerDump() throws ControllerCommandException {
        int opcode = Opcode.CONTROLLER_DUMP.code();
        synchronized (dumpLock) {
            dumping = true;
            try {
                registers.write(Registers.CHIC, ChiBit.CDA.mask());
                registers.write(Registers.HCI, HciBit.CONTROLLER_DUMP.mask());
                Duration timeout = timeouts.of(opcode);
                if (!Backoff.await(() -> ChiBit.CDA.isSet(registers.chi()), timeout)) {
                    throw new ControllerCommandException(Reason.TIMEOUT, opcode, "ocxlpmem " + location
                            + ": controller dump not collected within " + timeout.toMillis() + " ms ("
                            + registers.state() + ")");
                }
                long length = PayloadHeader.decode(ByteBuffer.wrap(dumpPiece(0, 8)).order(ByteOrder.LITTLE_ENDIAN)
                        .getLong()).length();
                if (8 + length > ccap1.maxControllerDumpSize() || length % 8 != 0) {
                    throw new ControllerCommandException(Reason.MALFORMED, opcode, "ocxlpmem " + location
                            + ": the controller dump announces " + length + " bytes; CCAP1 allows "
                            + ccap1.maxControllerDumpSize() + " in all, in multiples of 8");
                }
                byte[] dump = new byte[(int) (8 + length)];
                int piece = (int) Math.min(admin.descriptor().dataSize(), Integer.MAX_VALUE) / 8 * 8;
                for (int at = 0; at < dump.length; at += piece) {
                    byte[] bytes = dumpPiece(at, Math.min(piece, dump.length - at));
                    System.arraycopy(bytes, 0, dump, at, bytes.length);
                }
                registers.write(Registers.HCI, HciBit.CONTROLLER_DUMP_COLLECTED.mask());
                return dump;
            } catch (OcxlException e) {
                throw gone(opcode, e);
            } finally {
                dumping = false;
            }
        }
    }

    private byte[] dumpPiece(long offset, int length) throws ControllerCommandException {
        return admin(Opcode.CONTROLLER_DUMP, new long[] {offset << 32 | length}, null, (q, r) -> q.readData(0, length));
    }

    // ---- interrupts

    private void onInformational() {
        if (closed) {
            return;
        }
        try {
            long chi = registers.chi();
            if (ChiBit.NSCRA.isSet(chi)) {
                overwrite.state();
            }
            if (ChiBit.ELA.isSet(chi)) {
                errorLog.drain().forEach(listener::errorLogged);
                if ((registers.chi() & FATAL) == 0) {
                    observe(readHealth());
                }
            }
            if (ChiBit.CDA.isSet(chi) && !dumping) {
                listener.controllerDumpAvailable(); // the controller collected one of its own accord
            }
        } catch (ControllerCommandException | OcxlException | RuntimeException e) {
            if (closed) {
                LOG.debug("ocxlpmem {}: interrupt 0 came as the controller shut down: {}", location, e.getMessage());
            } else {
                LOG.warn("ocxlpmem {}: handling interrupt 0 failed: {}", location, e.getMessage(), e);
            }
        }
    }

    private void onFatal() {
        if (closed) {
            return;
        }
        try {
            long chi = registers.chi();
            if ((chi & FATAL) == 0) {
                return;
            }
            ChiBit state = ChiBit.CFFS.isSet(chi) ? ChiBit.CFFS : ChiBit.CHFS;
            LOG.error("ocxlpmem {}: controller in a fatal {} state ({})", location,
                    state == ChiBit.CFFS ? "firmware" : "hardware", registers.state());
            listener.fatal(state, chi);
            Health last = health;
            if (last != null) {
                Health fatalHealth = last.withState(HealthState.FATAL);
                health = fatalHealth;
                listener.healthChanged(last, fatalHealth);
            }
        } catch (OcxlException | RuntimeException e) {
            LOG.warn("ocxlpmem {}: handling interrupt 1 failed: {}", location, e.getMessage(), e);
        }
    }

    // ---- remove

    /**
     * For remove: interrupts off, SHUTDOWN (so the card records a clean shutdown), interrupts
     * freed and the registers unmapped. A SHUTDOWN that fails is thrown after the rest is done.
     */
    @Override
    public void close() throws ControllerCommandException {
        if (closed) {
            return;
        }
        closed = true;
        ControllerCommandException failure = null;
        try {
            registers.write(Registers.CHIEC, ChiBit.all());
        } catch (OcxlException e) {
            LOG.debug("ocxlpmem {}: cannot disable interrupts: {}", location, e.getMessage());
        }
        try {
            shutdown();
        } catch (ControllerCommandException e) {
            failure = e;
        }
        freeInterrupts();
        registers.mmio().close();
        if (failure != null) {
            throw failure;
        }
    }

    // ---- helpers

    long chi(int opcode) throws ControllerCommandException {
        try {
            return registers.chi();
        } catch (OcxlException e) {
            throw gone(opcode, e);
        }
    }

    void requireSupported(Opcode opcode) throws ControllerCommandException {
        if (!caps.supports(opcode)) {
            throw input(opcode.code(), "the card does not support " + opcode + " (CMD_CAPS)");
        }
    }

    ControllerCommandException input(int opcode, String why) {
        return new ControllerCommandException(Reason.INPUT, opcode, "ocxlpmem " + location + ": " + why);
    }

    ControllerCommandException gone(int opcode, OcxlException e) {
        return new ControllerCommandException(Reason.GONE, opcode, -1, "ocxlpmem " + location + ": "
                + ControllerCommandException.describe(opcode) + ": global MMIO failed: " + e.getMessage(), e);
    }
}
