package dev.ocxlpmem.ndctl;

import java.util.List;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.Namespaces;
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
 * disabling and namespaces {@code manager}, rewriting labels {@code admin}; otherwise it fails with
 * {@link NotPermittedException} and changes nothing. Code that calls without a subject is trusted.
 * What is there (the listing and the records) is shown to anyone who may log in.
 */
public interface Ndctl {

    /** The service outside OSGi, for tests and tools, over a core and a label store. */
    static Ndctl standalone(Nvdimm nvdimm, LabelStore labels) {
        return new dev.ocxlpmem.ndctl.internal.NdctlService(nvdimm, labels);
    }

    /** The same with the namespace lifecycle ({@link Namespaces#standalone}). */
    static Ndctl standalone(Nvdimm nvdimm, LabelStore labels, Namespaces namespaces) {
        return new dev.ocxlpmem.ndctl.internal.NdctlService(nvdimm, labels, namespaces);
    }

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

    /** {@code ndctl zero-labels}. */
    void zeroLabels(String dimm) throws NvdimmException;

    /** {@code ndctl read-labels -j}: the area parsed. */
    LabelReading readLabels(String dimm) throws NvdimmException;

    /** {@code ndctl read-labels -o}: the area's bytes. */
    byte[] readLabelArea(String dimm) throws NvdimmException;

    /** {@code ndctl write-labels}: exactly the area's size of bytes, as is. */
    void writeLabels(String dimm, byte[] area) throws NvdimmException;

    /** {@code ndctl check-labels}: every problem, errors and warnings; empty when clean. */
    List<LabelProblem> checkLabels(String dimm) throws NvdimmException;

    /** What a DIMM's label area holds, read now. */
    LabelState labelState(String dimm) throws NvdimmException;

    /** The label state of a region: that of its DIMMs, the worst one first ({@link LabelState} order). */
    LabelState regionLabelState(String region) throws NvdimmException;

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
    NamespaceInfo createNamespace(String region, NamespaceOptions options) throws NvdimmException;

    /** {@code ndctl create-namespace -e}. */
    NamespaceInfo reconfigureNamespace(String namespace, NamespaceOptions options) throws NvdimmException;

    /** {@code ndctl destroy-namespace}; false when there was nothing to destroy (ndctl skips it). */
    boolean destroyNamespace(String namespace, boolean force) throws NvdimmException;

    /** {@code ndctl enable-namespace}. */
    void enableNamespace(String namespace) throws NvdimmException;

    /** {@code ndctl disable-namespace}. */
    void disableNamespace(String namespace) throws NvdimmException;

    /** {@code ndctl read-infoblock -j} of a disabled namespace. */
    List<InfoBlockReport> readInfoblock(String namespace) throws NvdimmException;

    /** {@code ndctl check-namespace}; {@code force} checks an enabled one (disabled for the check). */
    NamespaceCheck checkNamespace(String namespace, boolean force) throws NvdimmException;
}
