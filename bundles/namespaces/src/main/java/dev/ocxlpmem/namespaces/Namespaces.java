package dev.ocxlpmem.namespaces;

import java.util.List;
import java.util.Optional;

import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * The namespaces of the enabled regions and their lifecycle, as Linux's region driver keeps them:
 * persisted in the region's labels (through the label store, on the region driver's view of the
 * DIMM) and in info blocks on the region's memory, read again whenever a region is enabled. In OSGi
 * it is the component that is attached to every enabled region as its {@code RegionDriver};
 * consumers reach it through the ndctl service, which checks the caller's role first.
 *
 * <p>Namespaces are named {@code namespaceR.M} as Linux numbers them; regions {@code regionR}.
 * Every change is a sequence of label and info-block writes ordered so that a crash at any point
 * leaves the namespaces as before or after it (a reconfigured namespace may read as raw in
 * between, never as a mode its info block and label disagree on). A refused request
 * ({@link NamespaceException}) changes nothing.
 */
public interface Namespaces {

    /**
     * The namespaces of every enabled region, in region then number order, each region's seed
     * and disabled ones included ({@code ndctl list -N -i} shows them all; without {@code -i} the
     * enabled ones).
     */
    List<NamespaceInfo> namespaces();

    /** The same for one region; empty when the region is disabled (its namespaces are not read then). */
    List<NamespaceInfo> namespaces(String region) throws NamespaceException;

    /** @throws NamespaceException if no enabled region has it, naming the ones there are */
    NamespaceInfo namespace(String dev) throws NamespaceException;

    /**
     * {@code ndctl create-namespace -r region}: fills the region's idle namespace 0 or its seed as
     * Linux does, and enables it.
     *
     * @return the namespace as created
     */
    NamespaceInfo create(String region, NamespaceOptions options) throws NvdimmException;

    /** {@code ndctl create-namespace -e dev}: an enabled namespace needs {@code force}. */
    NamespaceInfo reconfigure(String dev, NamespaceOptions options) throws NvdimmException;

    /**
     * {@code ndctl destroy-namespace}: an enabled namespace needs {@code force}.
     *
     * @return false when there was nothing to destroy: a label-less namespace without an info block
     *     (ndctl counts it as skipped)
     */
    boolean destroy(String dev, boolean force) throws NvdimmException;

    /** {@code ndctl enable-namespace}; nothing to do if it is enabled. */
    void enable(String dev) throws NvdimmException;

    /** {@code ndctl disable-namespace}; nothing to do if it is disabled. */
    void disable(String dev) throws NvdimmException;

    /** {@code ndctl read-infoblock -j} of a disabled namespace: its PFN or DAX info block, if any. */
    List<InfoBlockReport> readInfoblock(String dev) throws NvdimmException;

    /**
     * {@code ndctl check-namespace}: a sector namespace's BTT checked as ndctl checks it, and with
     * {@code repair} ({@code -R}) repaired where ndctl repairs; otherwise whether the namespace's
     * info block is one Linux takes for the mode its label gives (repair is refused there). An
     * enabled namespace is refused unless {@code force}, which disables it for the check and
     * enables it again, as ndctl does.
     */
    NamespaceCheck check(String dev, boolean force, boolean repair) throws NvdimmException;

    /** The enabled namespace's data access, as its OSGi service gives it. */
    Optional<Namespace> data(String dev);
}
