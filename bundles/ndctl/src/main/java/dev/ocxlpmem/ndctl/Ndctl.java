package dev.ocxlpmem.ndctl;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.OverwriteState;

/**
 * What an operator does with nvdimm buses, DIMMs and regions: the console's {@code ndctl:*}
 * commands and the MBeans' operations are two faces of these calls.
 *
 * <p>Devices are named as ndctl takes them: a device name ({@code ndbus0}, {@code nmem0},
 * {@code region0}), its number ({@code 0}), a DIMM's unique id, or a bus's provider name. An
 * unknown name is refused with {@link NoSuchDeviceException}, which lists the known ones.
 *
 * <p>Each operation checks the caller's {@link Role} itself, from the JAAS subject it runs under
 * (the console's user, a JMX user over RMI or Jolokia): reads need {@code viewer}, enabling and
 * disabling and namespaces {@code manager}, rewriting labels {@code admin}; otherwise it fails with
 * {@link NotPermittedException} and changes nothing. Code that calls without a subject is trusted.
 * What is there (the listing and the records) is shown to anyone who may log in.
 */
public interface Ndctl {

    /**
     * Refuses unless the caller has {@code role} (or a higher one), as each operation here checks:
     * for what the console does itself (file options) or through another API (fault injection).
     */
    void require(Role role, String what) throws NotPermittedException;

    /**
     * {@code ndctl list}: ndctl's walk over buses, DIMMs, regions and namespaces, with its filters,
     * grouping and JSON; what the console's {@code ndctl:list} prints and the Nvdimm MBean's
     * {@code list} returns. Each part read needs the role reading it alone needs (namespaces,
     * health, firmware: {@code viewer}). A filter naming no device is refused, where ndctl would
     * print nothing.
     */
    Listing list(ListRequest request) throws NvdimmException;

    /** Every bus with all its DIMMs and regions, enabled or not, in registration order. */
    List<BusInfo> buses();

    BusInfo bus(String name) throws NoSuchDeviceException;

    DimmInfo dimm(String name) throws NoSuchDeviceException;

    RegionInfo region(String name) throws NoSuchDeviceException;

    /** The DIMMs {@code names} name, each once, in the order given; {@code all} for every DIMM. */
    List<DimmInfo> dimms(List<String> names) throws NoSuchDeviceException;

    /** The regions {@code names} name, each once, in the order given; {@code all} for every region. */
    List<RegionInfo> regions(List<String> names) throws NoSuchDeviceException;

    /** {@code ndctl enable-region}: the region's drivers attach and own its DIMMs' labels. */
    void enableRegion(String region) throws NvdimmException;

    /** {@code ndctl disable-region}: needed before the labels of its DIMMs are rewritten by hand. */
    void disableRegion(String region) throws NvdimmException;

    /**
     * {@code ndctl enable-dimm}: the provider checks that the DIMM can be used again (a controller
     * out of its fatal state), then it is enabled, and writable if only its fault had made it
     * read-only. Does nothing for an enabled DIMM.
     */
    void enableDimm(String dimm) throws NvdimmException;

    /**
     * {@code ndctl disable-dimm}: refused while a region on the DIMM is enabled, naming it; no region
     * on a disabled DIMM can be enabled. Does nothing for a disabled DIMM.
     */
    void disableDimm(String dimm) throws NvdimmException;

    /**
     * {@code ndctl init-labels}: a fresh label area of {@code version}; {@code force} over a valid or a
     * damaged one, which is saved first ({@link #labelBackups}). Without it only a blank area.
     */
    void initLabels(String dimm, LabelVersion version, boolean force) throws NvdimmException;

    /**
     * {@code ndctl zero-labels}. Like {@link #writeLabels} it replaces the area wholesale, which
     * cannot be atomic in place: the area is saved as a {@link LabelBackup} first, and until the
     * rewrite has finished the DIMM is marked, so that a crash half-way is reported (by
     * {@link #readLabels}, {@link #checkLabels} and {@link #enableRegion}) rather than read as if
     * nothing had happened.
     */
    void zeroLabels(String dimm) throws NvdimmException;

    /** {@code ndctl read-labels -j}: the area parsed. */
    LabelReading readLabels(String dimm) throws NvdimmException;

    /** {@code ndctl read-labels -o}: the area's bytes. */
    byte[] readLabelArea(String dimm) throws NvdimmException;

    /** {@code ndctl write-labels}: exactly the area's size of bytes, as is, after a backup (see {@link #zeroLabels}). */
    void writeLabels(String dimm, byte[] area) throws NvdimmException;

    /** The saved label areas of a DIMM, newest first (the last {@code 5}). */
    List<LabelBackup> labelBackups(String dimm) throws NvdimmException;

    /** Writes back a saved label area ({@link LabelBackup#name()}), itself after a backup of the current one. */
    void restoreLabels(String dimm, String backup) throws NvdimmException;

    /** {@code ndctl check-labels}: every problem, errors and warnings; empty when clean. */
    List<LabelProblem> checkLabels(String dimm) throws NvdimmException;

    /** What a DIMM's label area holds, read now. */
    LabelState labelState(String dimm) throws NvdimmException;

    /** The label state of a region: that of its DIMMs, the worst one first ({@link LabelState} order). */
    LabelState regionLabelState(String region) throws NvdimmException;

    // ---------------------------------------------------------------- the card's controller (family 6)
    // Each goes through Bus.call with the command family the DIMM speaks; a DIMM that speaks none with
    // the function is refused, naming what it does speak.

    /**
     * {@code ndctl list -H}: the DIMM's health, read now. Empty when the DIMM speaks no command
     * family with health (ndctl then prints none); a DIMM whose health cannot be read fails.
     */
    Optional<DimmHealth> health(String dimm) throws NvdimmException;

    /** {@code ndctl list -F}: where the DIMM's firmware stands; empty when it has no firmware commands. */
    Optional<FirmwareState> firmware(String dimm) throws NvdimmException;

    /**
     * {@code ndctl update-firmware -f image}: sends the image in blocks (progress in bytes), has the
     * card check and arm it, and with {@code activate} resets the controller into it at once;
     * otherwise it becomes active at the card's next controller reset. A bad image or an update
     * the card blocks is refused with the card's reason; the running firmware is unchanged then.
     * Needs {@code admin}.
     */
    FirmwareState updateFirmware(String dimm, byte[] image, boolean activate, Progress progress)
            throws NvdimmException;

    /**
     * {@code ndctl sanitize-dimm --overwrite}: overwrites all of the DIMM's media (labels and data)
     * and waits for the end (progress in percent). Refused while a region on the DIMM is enabled.
     * Needs {@code admin}.
     */
    OverwriteState sanitize(String dimm, Progress progress) throws NvdimmException;

    /** {@code ocxl:error-log}: the entries the driver has read from the card's controller, oldest first. */
    List<ErrorLogEntry> errorLog(String dimm) throws NvdimmException;

    /** {@code ocxl:stats}: the controller's statistics, read now. */
    ControllerStats statistics(String dimm) throws NvdimmException;

    /** {@code ocxl:dump}: has the controller collect a dump and reads it. Needs {@code admin}. */
    byte[] controllerDump(String dimm) throws NvdimmException;

    /**
     * {@code ndctl inject-smart}: SMART values, alarm thresholds, a fatal state or an unsafe
     * shutdown injected into the DIMM, or taken back, through the DIMM's command family. A DIMM
     * whose family or card does not offer it is refused with the reason. Needs {@code admin}.
     */
    void injectSmart(String dimm, SmartInjection injection) throws NvdimmException;

    /**
     * {@code ndctl inject-error}: poisons {@code count} 512-byte blocks of the region from
     * {@code block}, so that reads there fail; with {@code notify} the card reports them, and they
     * become the region's bad blocks. Needs {@code admin}.
     */
    void injectError(String region, long block, long count, boolean notify) throws NvdimmException;

    /** {@code ndctl inject-error -d}: the injected errors taken back; the bad blocks stay until written. */
    void uninjectError(String region, long block, long count) throws NvdimmException;

    /** {@code ndctl inject-error -t}: the injected errors in the region, as runs of blocks from its start. */
    List<BadBlock> injectedErrors(String region) throws NvdimmException;

    /** {@code ndctl list --media-errors}: the region's bad blocks. */
    List<BadBlock> badBlocks(String region) throws NvdimmException;

    /**
     * {@code ndctl monitor}: watches {@code dimms} (as {@link #dimms} takes them) and hands
     * {@code sink} a {@link DimmEvent} whenever one of {@code events} fires: at once for alarms
     * already tripped, then on each health change or error log entry the controller reports, and
     * every {@code pollSeconds} (0: never) as ndctl's {@code --poll} re-reads every DIMM. DIMMs
     * without health are left out; none left is refused. The sink runs on the monitor's own thread.
     * Needs {@code manager}.
     */
    Monitor monitor(List<String> dimms, Set<DimmEventType> events, int pollSeconds, Consumer<DimmEvent> sink)
            throws NvdimmException;

    // ------------------------------------------------------------------ namespaces (issue 9)
    // Named namespaceR.M or R.M, as ndctl takes them. Reads need viewer; create, destroy,
    // reconfigure, enable, disable (and check-namespace -f, which disables for the check) manager.

    /**
     * {@code ndctl list -N}: the namespaces of the enabled regions, in region then number order:
     * the enabled ones, and with {@code idle} ({@code -i}) the disabled ones and each region's seed.
     */
    List<NamespaceInfo> namespaces(boolean idle) throws NvdimmException;

    NamespaceInfo namespace(String name) throws NvdimmException;

    /**
     * The namespaces {@code names} name, each once, in the order given; {@code all} for every
     * configured one, enabled or not (ndctl skips the seeds).
     */
    List<NamespaceInfo> namespaces(List<String> names) throws NvdimmException;

    /**
     * {@code ndctl create-namespace}: in {@code region} ({@code -r}), or with {@code null} in the
     * enabled region with the most free space.
     */
    NamespaceInfo createNamespace(String region, NamespaceArguments options) throws NvdimmException;

    /** {@code ndctl create-namespace -e}. */
    NamespaceInfo reconfigureNamespace(String namespace, NamespaceArguments options) throws NvdimmException;

    /**
     * A namespace mode as ndctl reads one ({@code create-namespace -m}, {@code list -m}):
     * {@code raw}, {@code sector}, {@code fsdax}, {@code devdax} and the older names {@code safe},
     * {@code memory} and {@code dax}, in any case. Needs no role.
     *
     * @throws NamespaceException for anything else, naming the modes there are
     */
    NamespaceMode namespaceMode(String text) throws NamespaceException;

    /** {@code ndctl destroy-namespace}; false when there was nothing to destroy (ndctl skips it). */
    boolean destroyNamespace(String namespace, boolean force) throws NvdimmException;

    /** {@code ndctl enable-namespace}. */
    void enableNamespace(String namespace) throws NvdimmException;

    /** {@code ndctl disable-namespace}. */
    void disableNamespace(String namespace) throws NvdimmException;

    /** {@code ndctl read-infoblock -j} of a disabled namespace. */
    List<InfoBlockReport> readInfoblock(String namespace) throws NvdimmException;

    /**
     * {@code ndctl check-namespace}; {@code force} checks an enabled one (disabled for the check),
     * {@code repair} ({@code -R}) repairs a BTT where ndctl does. Repair and force need manager.
     */
    NamespaceCheck checkNamespace(String namespace, boolean force, boolean repair) throws NvdimmException;
}
