package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.emulator.SmartValues;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.scm.Ccap0;
import dev.ocxlpmem.scm.Ccap1;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ControllerStatus;
import dev.ocxlpmem.scm.ErrorLogAction;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.HciBit;
import dev.ocxlpmem.scm.MediaError;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.PayloadHeader;
import dev.ocxlpmem.scm.Queue;
import dev.ocxlpmem.scm.QueueDescriptor;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.Request;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.SmartAttribute;
import dev.ocxlpmem.scm.SmartData;
import dev.ocxlpmem.scm.Status;

/**
 * The card's SCM controller: its global MMIO area (registers and queue buffers), the reset
 * sequence that sets CRDY and MA, the two command queues, interrupts through IMA0/IMA1, and what
 * it keeps across power cycles. It works while function 1 is open ({@link #attach}): a device
 * thread takes doorbells, answers commands and keeps time. Host accesses to the area never wait
 * for the controller's lock.
 */
final class Controller {
    static final long MMIO_SIZE = 0x10000;
    static final QueueDescriptor ADMIN_QUEUE = new QueueDescriptor(0x1000, 0x1040, 0x2000, 0x8000);
    static final QueueDescriptor NEAR_STORAGE_QUEUE = new QueueDescriptor(0x1100, 0x1140, 0xA000, 0x1000);
    static final int MAX_DUMP = 0x10000;
    /** CCAP0's nominal media read latency; writes are taken as twice as slow. */
    static final int READ_LATENCY_NS = 200;
    static final int WRITE_LATENCY_NS = 400;
    /** How long the controller takes to collect a dump. */
    static final Duration DUMP_COLLECTION = Duration.ofMillis(2);

    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    /** CHI bits the host may clear through CHIC; the others are the controller's to clear. */
    private static final long HOST_CLEARABLE = ChiBit.mask(ChiBit.ACRA, ChiBit.NSCRA, ChiBit.ELA, ChiBit.CDA);
    private static final long FATAL = ChiBit.mask(ChiBit.CFFS, ChiBit.CHFS);
    private static final long HCI_DEFINED = 0x7F;

    private final String location;
    private final long serial;
    private final long lpcSize;
    private final MemoryProvider memory;
    private final Path image;
    private final AtomicLongArray words = new AtomicLongArray((int) (MMIO_SIZE / 8));
    private final InterruptTable interrupts;
    private final CardStateFile stateFile;
    private final InjectedFaults faults;
    private final AdminCommands commands;
    final MediaCounters counters = new MediaCounters();
    final PoisonList poison;
    final ErrorLogQueue errorLog = new ErrorLogQueue();
    final FirmwareStaging staging = new FirmwareStaging();
    private final long poweredOn = System.nanoTime();
    private final Deque<Answered> recent = new ArrayDeque<>();

    // Everything below is guarded by this.
    private CardState state;
    private SmartValues smart = SmartValues.DEFAULTS;
    private ScheduledExecutorService device;
    /** Bumped at every reset and detach: events scheduled before it are dropped. */
    private long generation;
    private long resets;
    private long lastReset = System.nanoTime();
    /** Per queue: a command taken and not answered yet, or an answer the host has not acknowledged. */
    private final QueueState[] queues = {QueueState.IDLE, QueueState.IDLE};
    private byte[] dump;
    private SecureErase erase;
    /** Whether this power-on's first scrub has reported the poisoned media yet. */
    private boolean poisonReported;
    /** Whether the overwrite that did not complete was reported since it stopped. */
    private boolean overwriteReported;

    private enum QueueState {
        IDLE,
        TAKEN,
        ANSWERED
    }

    Controller(String location, long serial, long lpcSize, MemoryProvider memory, Path image, InjectedFaults faults,
            FirmwareVersion firmware, InterruptTable interrupts, int readinessTimeout, int memoryTimeout)
            throws IOException {
        this.location = location;
        this.serial = serial;
        this.lpcSize = lpcSize;
        this.memory = memory;
        this.image = image;
        this.interrupts = interrupts;
        this.faults = faults;
        this.stateFile = new CardStateFile(image);
        this.state = stateFile.load(firmware).poweredOn();
        stateFile.store(state);
        this.poison = new PoisonList(state.poison(), this::poisonChanged);
        this.commands = new AdminCommands(this);
        faults.controller(this);
        set(Registers.ACMA, ADMIN_QUEUE.word0());
        set(Registers.ACMA + 8, ADMIN_QUEUE.word1());
        set(Registers.NSCMA, NEAR_STORAGE_QUEUE.word0());
        set(Registers.NSCMA + 8, NEAR_STORAGE_QUEUE.word1());
        set(Registers.CCAP0, new Ccap0(1, 0, READ_LATENCY_NS, readinessTimeout, memoryTimeout).encode());
        set(Registers.CCAP1, new Ccap1(MAX_DUMP).encode());
        set(Registers.FWVER, state.firmware().encode());
        if (state.lastShutdownDirty()) {
            LOG.warn("Emulated card {}: the last power-off came without a controller SHUTDOWN; dirty shutdowns: {}",
                    location, state.dirtyShutdowns());
        }
    }

    String location() {
        return location;
    }

    InjectedFaults faults() {
        return faults;
    }

    // ---- the host's side of global MMIO

    long read(long offset) {
        return words.get((int) (offset >>> 3));
    }

    void write(long offset, long value) {
        switch ((int) offset) {
            case Registers.CHIC -> acknowledge(value & HOST_CLEARABLE);
            case Registers.CHIE -> words.getAndUpdate(Registers.CHIE / 8, mask -> mask | (value & ChiBit.all()));
            case Registers.CHIEC -> words.getAndUpdate(Registers.CHIE / 8, mask -> mask & ~value);
            case Registers.HCI -> doorbells(value & HCI_DEFINED);
            case Registers.HCIC -> words.getAndUpdate(Registers.HCI / 8, hci -> hci & ~value);
            case Registers.IMA0_OHP, Registers.IMA0_CFP, Registers.IMA1_OHP, Registers.IMA1_CFP -> set(offset, value);
            default -> {
                // Read-only registers and reserved words ignore writes, as the hardware does.
                if (offset >= Registers.END) {
                    set(offset, value);
                }
            }
        }
    }

    private void set(long offset, long value) {
        words.set((int) (offset >>> 3), value);
    }

    long chi() {
        return read(Registers.CHI);
    }

    private boolean chi(ChiBit bit) {
        return bit.isSet(chi());
    }

    boolean isFatal() {
        return (chi() & FATAL) != 0;
    }

    boolean memoryAvailable() {
        return chi(ChiBit.MA);
    }

    boolean firmwareDebugEnabled() {
        return HciBit.FW_DEBUG.isSet(read(Registers.HCI));
    }

    // ---- the controller's side

    /** Function 1 was opened: the device thread starts and the controller resets (a function-level reset). */
    synchronized void attach() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ocxl-scm " + location);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        device = executor;
        reset(true);
    }

    /** Function 1 was closed: the controller stops working for a host, but keeps its power and state. */
    synchronized void detach() {
        generation++;
        stopErase();
        if (device != null) {
            device.shutdownNow();
            device = null;
        }
        set(Registers.CHI, 0);
        set(Registers.HCI, 0);
        set(Registers.CSTS, ControllerStatus.IDLE.encode());
    }

    /**
     * Resets the controller: pending work is dropped, an armed firmware image becomes active, and
     * CRDY then MA come back after their delays. A function-level reset also forgets the host's
     * interrupt setup; an AFU reset keeps it.
     */
    synchronized void reset(boolean functionReset) {
        generation++;
        stopErase();
        java.util.Arrays.fill(queues, QueueState.IDLE);
        dump = null;
        set(Registers.CHI, 0);
        set(Registers.HCI, 0);
        if (functionReset) {
            set(Registers.CHIE, 0);
            set(Registers.IMA0_OHP, 0);
            set(Registers.IMA0_CFP, 0);
            set(Registers.IMA1_OHP, 0);
            set(Registers.IMA1_CFP, 0);
        }
        if (state.armedFirmware() != null) {
            LOG.info("Emulated card {}: firmware {} active (was {})", location, state.armedFirmware(),
                    state.firmware());
            store(state.withFirmware(state.armedFirmware(), null));
        }
        set(Registers.FWVER, state.firmware().encode());
        set(Registers.CSTS, new ControllerStatus(ControllerStatus.Operation.RESET, 0).encode());
        resets++;
        lastReset = System.nanoTime();
        Duration ready = faults.readinessDelay();
        Duration memoryUp = faults.memoryAvailableDelay().compareTo(ready) > 0 ? faults.memoryAvailableDelay() : ready;
        if (!InjectedFaults.isNever(ready)) {
            at(ready, this::ready);
        }
        if (!InjectedFaults.isNever(ready) && !InjectedFaults.isNever(memoryUp)) {
            at(memoryUp, this::memoryUp);
        }
    }

    /** Runs {@code action} under the lock after {@code delay} (at once for 0), unless a reset comes first. */
    private void at(Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
            return;
        }
        if (device == null) {
            return;
        }
        long gen = generation;
        device.schedule(() -> {
            synchronized (this) {
                if (gen == generation) {
                    action.run();
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void ready() {
        raise(ChiBit.CRDY);
        set(Registers.CSTS, ControllerStatus.IDLE.encode());
        for (Queue q : Queue.values()) {
            if (q.doorbell().isSet(read(Registers.HCI))) {
                kick(q);
            }
        }
    }

    private void memoryUp() {
        raise(ChiBit.MA);
        if (!state.running()) {
            store(state.withRunning(true));
        }
        if (!poisonReported) {
            // the controller's scrub at power-on finds the media it cannot read, and says so
            poisonReported = true;
            poison.list().forEach(range -> reportMediaError(range, "media error found at power-on"));
        }
        if (state.overwriteIncomplete() && erase == null && !overwriteReported) {
            overwriteReported = true;
            logError(ErrorLogType.GENERAL, Set.of(), "overwrite did not complete (" + state.overwritePercent()
                    + "% done when it stopped): the media may still hold data; run the overwrite again");
        }
    }

    /** Logs a data-loss entry naming {@code range} of LPC memory, as the controller does for media it cannot read. */
    synchronized ErrorLogEntry reportMediaError(MediaRange range, String text) {
        return logError(ErrorLogType.DATA_LOSS, Set.of(),
                new MediaError(range.offset(), range.length()).toAdditionalData(text));
    }

    /** Sets CHI bits and raises their interrupts where the host enabled them. */
    synchronized void raise(ChiBit... bits) {
        long mask = ChiBit.mask(bits);
        words.getAndUpdate(Registers.CHI / 8, chi -> chi | mask);
        long enabled = mask & read(Registers.CHIE);
        if ((enabled & ~FATAL) != 0) {
            interrupt(Registers.IMA0_OHP);
        }
        if ((enabled & FATAL) != 0) {
            interrupt(Registers.IMA1_OHP);
        }
    }

    void clearErrorLogAvailable() {
        clear(ChiBit.ELA);
    }

    private void clear(ChiBit bit) {
        words.getAndUpdate(Registers.CHI / 8, chi -> chi & ~bit.mask());
    }

    private void interrupt(int ohp) {
        long handle = read(ohp);
        if (handle != 0 && !interrupts.raise(handle)) {
            LOG.debug("Emulated card {}: {} holds 0x{}, which is no interrupt of this AFU", location,
                    Registers.name(ohp), Long.toHexString(handle));
        }
    }

    private synchronized void doorbells(long bits) {
        words.getAndUpdate(Registers.HCI / 8, hci -> hci | bits);
        if (device == null) {
            return;
        }
        if (HciBit.AFU_RESET.isSet(bits)) {
            reset(false);
            return;
        }
        if (HciBit.ACRW.isSet(bits)) {
            kick(Queue.ADMIN);
        }
        if (HciBit.NSCRW.isSet(bits)) {
            kick(Queue.NEAR_STORAGE);
        }
        if (HciBit.CONTROLLER_DUMP.isSet(bits)) {
            at(DUMP_COLLECTION, this::dumpCollected);
        }
        if (HciBit.CONTROLLER_DUMP_COLLECTED.isSet(bits)) {
            dump = null;
            clear(ChiBit.CDA);
            hciDone(HciBit.CONTROLLER_DUMP_COLLECTED);
        }
        if (HciBit.REQUEST_HEALTH_PERF.isSet(bits)) {
            hciDone(HciBit.REQUEST_HEALTH_PERF);
            Health health = Health.fromSmart(smartData());
            logError(ErrorLogType.HEALTH_PERFORMANCE, Set.of(), "health " + describe(health));
        }
    }

    private void hciDone(HciBit bit) {
        words.getAndUpdate(Registers.HCI / 8, hci -> hci & ~bit.mask());
    }

    /**
     * The host cleared CHI bits through CHIC. Clearing a response bit acknowledges the answer: only
     * then does the queue take its next request, so an answer is never overwritten unread.
     */
    private synchronized void acknowledge(long bits) {
        words.getAndUpdate(Registers.CHI / 8, chi -> chi & ~bits);
        for (Queue q : Queue.values()) {
            if (q.responseAvailable().isSet(bits) && queues[q.ordinal()] == QueueState.ANSWERED) {
                queues[q.ordinal()] = QueueState.IDLE;
                if (q.doorbell().isSet(read(Registers.HCI))) {
                    kick(q);
                }
            }
        }
    }

    /**
     * A doorbell rang: the request is taken, unless the queue is busy or the controller not ready.
     * Without an injected delay it is answered at once, on the ringing thread: the host's
     * timeouts were set for hardware, and a device thread waiting for a CPU on a loaded machine
     * would miss them. A delayed response goes through the device thread.
     */
    private void kick(Queue queue) {
        if (queues[queue.ordinal()] != QueueState.IDLE || !chi(ChiBit.CRDY) || device == null) {
            return; // the doorbell stays set; the request is taken when the queue frees up or CRDY comes
        }
        queues[queue.ordinal()] = QueueState.TAKEN;
        long gen = generation;
        if (faults.responseDelay().isZero()) {
            take(queue, gen);
        } else {
            device.execute(() -> take(queue, gen));
        }
    }

    private synchronized void take(Queue queue, long gen) {
        if (gen != generation) {
            return;
        }
        hciDone(queue.doorbell());
        QueueDescriptor d = descriptor(queue);
        long[] request = new long[Request.WORDS];
        for (int i = 0; i < Request.WORDS; i++) {
            request[i] = read(d.requestOffset() + 8L * i);
        }
        Request r = Request.decode(request);
        // In a fatal state only the dump can still be read out: it is what the host wants then. A
        // SMART injection is still taken, so that an injected fatal state can be taken back.
        Response response = isFatal() && r.opcode() != Opcode.CONTROLLER_DUMP.code()
                && r.opcode() != Opcode.INJECT_SMART.code()
                ? new Response(Status.FAILURE, r.id()) : commands.execute(queue, r);
        if (response != null) {
            respond(queue, r.opcode(), response);
        }
    }

    /** Posts a response after the injected delay; a wrong-id fault swaps its id. */
    synchronized void respond(Queue queue, int opcode, Response response) {
        Response posted = faults.takeWrongId()
                ? new Response(response.status(), response.id() ^ 0x8000, response.results())
                : response;
        note(queue, opcode, response, posted.id());
        at(faults.responseDelay(), () -> complete(queue, posted));
    }

    private void complete(Queue queue, Response response) {
        QueueDescriptor d = descriptor(queue);
        long[] w = response.words();
        for (int i = Request.WORDS - 1; i >= 0; i--) {
            set(d.responseOffset() + 8L * i, w[i]); // word 0 last, so a host seeing its id sees the rest
        }
        queues[queue.ordinal()] = QueueState.ANSWERED;
        raise(queue.responseAvailable());
    }

    /** A command answered, for the dump; formatted only when a dump is taken. */
    private record Answered(long nanos, Queue queue, int opcode, int id, int status, int postedId) {
        @Override
        public String toString() {
            String posted = postedId != id ? String.format(" (posted with id 0x%04x)", postedId) : "";
            return String.format("%9.3f s  %s %s id 0x%04x -> %s%s", nanos / 1e9, queue, Opcode.describe(opcode), id,
                    Status.describe(status, opcode), posted);
        }
    }

    private void note(Queue queue, int opcode, Response response, int postedId) {
        if (recent.size() == 32) {
            recent.removeFirst();
        }
        recent.addLast(new Answered(System.nanoTime() - poweredOn, queue, opcode, response.id(), response.status(),
                postedId));
    }

    static QueueDescriptor descriptor(Queue queue) {
        return queue == Queue.ADMIN ? ADMIN_QUEUE : NEAR_STORAGE_QUEUE;
    }

    /** The data buffer's first {@code length} bytes. */
    byte[] readData(Queue queue, int length) {
        QueueDescriptor d = descriptor(queue);
        ByteBuffer b = ByteBuffer.allocate((length + 7) / 8 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < b.capacity(); i += 8) {
            b.putLong(read(d.dataOffset() + i));
        }
        return java.util.Arrays.copyOf(b.array(), length);
    }

    /** Writes {@code data} (padded to 8 bytes) at the start of the data buffer. */
    void writeData(Queue queue, byte[] data) {
        QueueDescriptor d = descriptor(queue);
        if (data.length > d.dataSize()) {
            throw new IllegalStateException(queue + " data of " + data.length + " bytes does not fit the "
                    + d.dataSize() + "-byte buffer");
        }
        ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(data, (data.length + 7) / 8 * 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < b.capacity(); i += 8) {
            set(d.dataOffset() + i, b.getLong(i));
        }
    }

    // ---- what the commands act on

    /** SHUTDOWN: the controller is flushed; memory is no longer available until the next reset. */
    synchronized Status shutdown() {
        if (erase != null) {
            return Status.BLOCKED;
        }
        try {
            stateFile.store(state.withRunning(false));
            state = state.withRunning(false);
        } catch (IOException e) {
            LOG.error("Emulated card {}: cannot record the shutdown in {}: {}", location, stateFile.path(),
                    e.getMessage(), e);
            return Status.FAILURE;
        }
        clear(ChiBit.MA);
        return Status.SUCCESS;
    }

    synchronized boolean eraseRunning() {
        return erase != null;
    }

    /** An end block passed the checks: the image is armed and becomes active at the next reset. */
    synchronized Status arm(FirmwareVersion version) {
        try {
            stateFile.store(state.withFirmware(state.firmware(), version));
        } catch (IOException e) {
            LOG.error("Emulated card {}: cannot arm firmware {}: {}", location, version, e.getMessage(), e);
            return Status.FAILURE;
        }
        state = state.withFirmware(state.firmware(), version);
        return Status.SUCCESS;
    }

    synchronized byte[] dump() {
        return dump;
    }

    private void dumpCollected() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("ocxl-scm controller dump: card %s, serial 0x%x, firmware %s%n", location, serial,
                state.firmware()));
        s.append(String.format("power-on %d s ago, %d resets, last %d s ago%n", seconds(poweredOn), resets,
                seconds(lastReset)));
        for (int offset = 0; offset < Registers.END; offset += 8) {
            String name = Registers.name(offset);
            if (!name.startsWith("0x")) {
                s.append(String.format("  %-12s 0x%016x%n", name, read(offset)));
            }
        }
        s.append(String.format("%s; %s%n", ChiBit.describe(chi()), HciBit.describe(read(Registers.HCI))));
        s.append(String.format("dirty shutdowns %d, last shutdown %s, running %b, armed firmware %s%n",
                state.dirtyShutdowns(), state.lastShutdownDirty() ? "dirty" : "clean", state.running(),
                state.armedFirmware() == null ? "none" : state.armedFirmware()));
        s.append(String.format("error log: %d waiting, %d dropped%n", errorLog.size(), errorLog.dropped()));
        s.append(String.format("firmware staging: %d bytes received%s%n", staging.received(),
                staging.lastRefusal().isEmpty() ? "" : "; last refusal: " + staging.lastRefusal()));
        s.append(String.format("media: %d host loads, %d host stores, %d line reads, %d line writes; poisoned %s%n",
                counters.hostLoads.sum(), counters.hostStores.sum(), counters.mediaReads.sum(),
                counters.mediaWrites.sum(), poison.list()));
        s.append("recent commands:\n");
        recent.forEach(line -> s.append("  ").append(line).append('\n'));
        s.append("admin data buffer:\n");
        for (long at = 0; at < ADMIN_QUEUE.dataSize() && s.length() < MAX_DUMP - 80; at += 32) {
            s.append(String.format("  0x%04x:", ADMIN_QUEUE.dataOffset() + at));
            for (int w = 0; w < 4; w++) {
                s.append(String.format(" %016x", read(ADMIN_QUEUE.dataOffset() + at + 8L * w)));
            }
            s.append('\n');
        }
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        int length = Math.min((text.length + 7) / 8 * 8, MAX_DUMP - 8);
        ByteBuffer b = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(new PayloadHeader(PayloadHeader.CONTROLLER_DUMP, length).encode());
        b.put(text, 0, Math.min(text.length, length));
        dump = b.array();
        hciDone(HciBit.CONTROLLER_DUMP);
        raise(ChiBit.CDA);
    }

    synchronized ControllerStats stats() {
        long reads = counters.mediaReads.sum();
        long writes = counters.mediaWrites.sum();
        return new ControllerStats(Math.min(resets, 0xFFFF_FFFFL), seconds(lastReset), seconds(poweredOn),
                100 - smart.lifeUsedPercent(), 0, counters.hostLoads.sum(), counters.hostStores.sum(),
                reads * READ_LATENCY_NS, writes * WRITE_LATENCY_NS, reads, writes, reads * READ_LATENCY_NS,
                writes * WRITE_LATENCY_NS, 0, 0, 0);
    }

    private static long seconds(long since) {
        return Math.min(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since), 0xFFFF_FFFFL);
    }

    synchronized SmartData smartData() {
        List<SmartAttribute> attributes = new ArrayList<>(List.of(
                new SmartAttribute(SmartAttribute.POWER_ON_HOURS, 0, 0, 0, 0, seconds(poweredOn) / 3600),
                temperature(SmartAttribute.TEMPERATURE, smart.mediaTemperatureCelsius(),
                        smart.mediaTemperatureThreshold(), smart.mediaTemperatureAlarmEnabled(),
                        smart.mediaTemperatureAlarm()),
                temperature(SmartAttribute.CONTROLLER_TEMPERATURE, smart.controllerTemperatureCelsius(),
                        smart.controllerTemperatureThreshold(), smart.controllerTemperatureAlarmEnabled(),
                        smart.controllerTemperatureAlarm()),
                new SmartAttribute(SmartAttribute.LIFE_REMAINING, 0, 100 - smart.lifeUsedPercent(), 0,
                        100 - smart.lifeUsedPercent(), 0),
                new SmartAttribute(SmartAttribute.AVAILABLE_SPARES,
                        flags(smart.sparesAlarmEnabled(), smart.sparesAlarm()), smart.sparesPercent(),
                        smart.sparesThreshold(), smart.sparesPercent(), 0),
                new SmartAttribute(SmartAttribute.DIRTY_SHUTDOWN_COUNT, 0, 0, 0, 0, state.dirtyShutdowns()),
                new SmartAttribute(SmartAttribute.LAST_SHUTDOWN, 0, state.lastShutdownDirty() ? 1 : 0, 0, 0, 0)));
        if (state.overwriteIncomplete() && erase == null) {
            attributes.add(new SmartAttribute(SmartAttribute.OVERWRITE_INCOMPLETE, 0, state.overwritePercent(), 0, 0,
                    0));
        }
        return new SmartData(attributes);
    }

    private static SmartAttribute temperature(int id, double celsius, int threshold, boolean enabled, boolean tripped) {
        return new SmartAttribute(id, flags(enabled, tripped), 0, threshold, 0, Math.round(celsius * 16));
    }

    private static int flags(boolean enabled, boolean tripped) {
        return (enabled ? SmartAttribute.ALARM_ENABLED : 0) | (tripped ? SmartAttribute.ALARM_TRIPPED : 0);
    }

    // ---- faults

    /** A fatal state; the controller collects a dump of it at once, as after a firmware crash. */
    synchronized void fatal(FatalState fatal) {
        raise(fatal == FatalState.FIRMWARE ? ChiBit.CFFS : ChiBit.CHFS);
        dumpCollected();
        LOG.warn("Emulated card {}: controller in a fatal {} state ({})", location,
                fatal.name().toLowerCase(), ChiBit.describe(chi()));
    }

    /** The injected fatal state taken back, and only that: see {@link dev.ocxlpmem.emulator.CardFaults#clearFatal}. */
    synchronized void clearFatal() {
        if (isFatal()) {
            words.getAndUpdate(Registers.CHI / 8, chi -> chi & ~FATAL);
            LOG.info("Emulated card {}: fatal state taken back ({})", location, ChiBit.describe(chi()));
        }
    }

    synchronized ErrorLogEntry logError(ErrorLogType type, Set<ErrorLogAction> actions, String text) {
        return logError(type, actions, ErrorLogEntry.text(text));
    }

    private ErrorLogEntry logError(ErrorLogType type, Set<ErrorLogAction> actions, byte[] additionalData) {
        long wwidHigh = 0x6005_0760_0000_0000L | (serial >>> 32);
        ErrorLogEntry entry = new ErrorLogEntry(errorLog.nextId(), 0x5C40_0000L | type.code(), type, actions,
                seconds(poweredOn), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - poweredOn), wwidHigh, serial,
                state.firmware().text(), additionalData);
        errorLog.add(entry);
        raise(ChiBit.ELA);
        return entry;
    }

    synchronized SmartValues smart() {
        return smart;
    }

    synchronized void smart(SmartValues values) {
        Health before = Health.fromSmart(smartData());
        smart = values;
        Health after = Health.fromSmart(smartData());
        if (before.healthState() != after.healthState() || before.alarmTemperature() != after.alarmTemperature()
                || before.alarmControllerTemperature() != after.alarmControllerTemperature()
                || before.alarmSpares() != after.alarmSpares()) {
            ErrorLogType type = after.alarmTemperature() && !before.alarmTemperature()
                    || after.alarmControllerTemperature() && !before.alarmControllerTemperature()
                    ? ErrorLogType.THERMAL_WARNING : ErrorLogType.HEALTH_PERFORMANCE;
            logError(type, Set.of(), "health " + before.healthState().ndctlName() + " -> " + describe(after));
        }
    }

    private static String describe(Health h) {
        return String.format("%s: media %.1f C%s, controller %.1f C%s, spares %d%%%s, life used %d%%",
                h.healthState().ndctlName(), h.temperatureCelsius(), h.alarmTemperature() ? " (alarm)" : "",
                h.controllerTemperatureCelsius(), h.alarmControllerTemperature() ? " (alarm)" : "",
                h.sparesPercentage(), h.alarmSpares() ? " (alarm)" : "", h.lifeUsedPercentage());
    }

    synchronized void dirtyShutdown() {
        store(state.withDirtyShutdown());
        logError(ErrorLogType.DATA_LOSS, Set.of(), "dirty shutdown recorded; count " + state.dirtyShutdowns());
    }

    void checkInLpc(MediaRange range) {
        if (range.end() > lpcSize) {
            throw new IllegalArgumentException("media range " + range + " runs past the card's " + lpcSize
                    + " bytes of LPC memory");
        }
    }

    private void poisonChanged() {
        synchronized (this) {
            store(state.withPoison(poison.list()));
        }
    }

    /** Keeps the state in memory and on disk; a failure to store it is logged, the card goes on. */
    private void store(CardState next) {
        state = next;
        try {
            stateFile.store(next);
        } catch (IOException e) {
            LOG.error("Emulated card {}: cannot store its state in {}: {}", location, stateFile.path(),
                    e.getMessage(), e);
        }
    }

    synchronized CardState state() {
        return state;
    }

    // ---- the overwrite

    /** SECURE_ERASE: starts the overwrite; its response comes when it ends. */
    synchronized Status startErase(int id) {
        if (!memoryAvailable()) {
            return Status.MEMORY_UNAVAILABLE;
        }
        if (erase != null) {
            return Status.BLOCKED;
        }
        try {
            erase = new SecureErase(this, memory.map(image, 0, lpcSize), id, generation);
        } catch (IOException e) {
            LOG.error("Emulated card {}: cannot map {} to overwrite it: {}", location, image, e.getMessage(), e);
            return Status.FAILURE;
        }
        // recorded before the first byte is zeroed: a power loss from here on leaves it incomplete
        store(state.withOverwriteAt(0));
        overwriteReported = false;
        clear(ChiBit.MA);
        set(Registers.CSTS, new ControllerStatus(ControllerStatus.Operation.SECURE_ERASE, 0).encode());
        erase.start();
        return null;
    }

    synchronized void eraseProgress(SecureErase e, int percent) {
        if (erase == e) {
            set(Registers.CSTS, new ControllerStatus(ControllerStatus.Operation.SECURE_ERASE, percent).encode());
            if (percent < 100 && percent >= state.overwritePercent() + CardState.OVERWRITE_STEP) {
                store(state.withOverwriteAt(percent));
            }
        }
    }

    synchronized void eraseEnded(SecureErase e, Response response) {
        if (erase != e || e.generation() != generation) {
            return;
        }
        if (response.isSuccess()) {
            store(state.withOverwriteCompleted());
        }
        erase = null;
        set(Registers.CSTS, ControllerStatus.IDLE.encode());
        raise(ChiBit.MA);
        respond(Queue.NEAR_STORAGE, Opcode.SECURE_ERASE.code(), response);
    }

    private void stopErase() {
        if (erase != null) {
            erase.cancel();
            erase = null;
        }
    }
}
