package dev.ocxlpmem.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.scm.ErrorLogAction;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;

/**
 * Fault injection into one emulated card, registered as a service with the card's PCI location
 * as {@link #LOCATION}. Each fault shows through the controller's registers and commands, as the
 * hardware's would; the host learns of it only that way.
 */
public interface CardFaults {

    /** Service property: the card's PCI location {@code domain:bus:device} (String). */
    String LOCATION = "ocxl.card";

    /** A delay that never ends: the bit it applies to is never set. */
    Duration NEVER = Duration.ofDays(36_500);

    /** The card's PCI location, e.g. {@code 0006:00:00}. */
    String location();

    /** How long after each controller reset CHI.CRDY is set; from the next reset on. */
    void readinessDelay(Duration delay);

    /** How long after each controller reset CHI.MA is set (never before CRDY); from the next reset on. */
    void memoryAvailableDelay(Duration delay);

    /** Every response from now on is written this long after its command is taken (0: at once). */
    void responseDelay(Duration delay);

    /** The next {@code count} responses carry another command's id. */
    void wrongResponseIds(int count);

    /**
     * Puts the controller into a fatal state: CHI.CFFS or CHI.CHFS is set, interrupt 1 is raised,
     * a controller dump is collected (CHI.CDA), and every command but CONTROLLER_DUMP fails with
     * status 0xFF until {@link #reset()}.
     */
    void fatal(FatalState state);

    /** Resets the controller as HCI.AFU_RESET does: fatal states clear, CRDY and MA come back. */
    void reset();

    /**
     * Takes an injected fatal state back, as ndctl's {@code inject-smart --fatal-uninject} takes back
     * the health it injected: CHI.CFFS and CHI.CHFS clear and commands are answered again. Nothing
     * else changes: no reset, so an armed firmware image stays armed and the host's interrupts stay set.
     */
    void clearFatal();

    /** Adds an entry to the controller's error log and raises CHI.ELA; returns the entry as logged. */
    ErrorLogEntry logError(ErrorLogType type, Set<ErrorLogAction> actions, String text);

    SmartValues smart();

    /**
     * Sets what the card's SMART answer reports; when the health this describes changes, a
     * health &amp; performance entry is logged (and CHI.ELA raised).
     */
    void smart(SmartValues values);

    /** Records a dirty shutdown now, as an unexpected power loss would: the count grows by one. */
    void dirtyShutdown();

    /**
     * Poisons a range of LPC memory: reads over it fail with a media error until it is written or
     * overwritten. Poison persists with the card. The controller reports it as it would one it found:
     * {@link #poison(MediaRange, boolean)} with {@code notify}.
     */
    default void poison(MediaRange range) {
        poison(range, true);
    }

    /**
     * Poisons a range of LPC memory. With {@code notify} the controller logs a data-loss entry naming
     * the range ({@link dev.ocxlpmem.scm.MediaError}) and raises CHI.ELA, as ndctl's inject-error
     * asks the firmware to tell the OS; without, the host learns of it only by reading it, or at the
     * card's next power-on, when the controller reports every poisoned range it holds.
     */
    void poison(MediaRange range, boolean notify);

    void clearPoison(MediaRange range);

    List<MediaRange> poisoned();

    /** While blocked, FW_UPDATE answers status 0x21 (firmware update blocked). */
    void blockFirmwareUpdate(boolean blocked);

    /** Every fault back to what the card's configuration sets; poison and the error log stay. */
    void clear();
}
