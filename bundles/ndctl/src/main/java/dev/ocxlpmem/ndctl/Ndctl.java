package dev.ocxlpmem.ndctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.NvdimmException;

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
 * disabling {@code manager}, rewriting labels {@code admin}; otherwise it fails with
 * {@link NotPermittedException} and changes nothing. Code that calls without a subject is trusted.
 * What is there (the listing and the records) is shown to anyone who may log in.
 */
public interface Ndctl {

    /**
     * The service outside OSGi, for tests and tools, over a core and a label store; label backups
     * go under {@code backups}.
     */
    static Ndctl standalone(Nvdimm nvdimm, LabelStore labels, Path backups) {
        return new dev.ocxlpmem.ndctl.internal.NdctlService(nvdimm, labels, backups);
    }

    /** The same with the backups in a fresh temporary directory. */
    static Ndctl standalone(Nvdimm nvdimm, LabelStore labels) {
        try {
            return standalone(nvdimm, labels, Files.createTempDirectory("ocxlpmem-labels"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses unless the caller has {@code role} (or a higher one); for checks the console makes itself. */
    void require(Role role, String what) throws NotPermittedException;

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

    /** {@code ndctl init-labels}: a fresh label area of {@code version}; {@code force} over a valid one. */
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
}
