package dev.ocxlpmem.labels;

import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.nvdimm.Dimm;

/**
 * The namespace label store (Linux {@code drivers/nvdimm/label.c}). It reaches a DIMM's label area
 * only through the DIMM's config-data commands, so any provider's DIMM works the same.
 *
 * <p>Writes go through the bus, which refuses them while a region on the DIMM is enabled (its
 * driver owns the labels then): rewriting labels by hand ({@link #init}, {@link #zero},
 * {@link #write}) needs the region disabled, as in ndctl, and namespace-label updates
 * ({@link #create}, {@link #update}, {@link #replace}, {@link #delete}) on an enabled region are made through the
 * region driver's {@code EnabledRegion#labelOwner} view of the DIMM. Updates follow the
 * two-index-block protocol: a crash at any point leaves the set of namespaces as it was before or
 * after, never a mix. Every refusal changes nothing.
 */
public interface LabelStore {

    /**
     * Reads and validates the whole area.
     *
     * @throws BlankLabelAreaException when the area is blank (every byte zero, see the exception): it
     *     has no labels
     * @throws LabelException when no index block is valid in an area that is not blank (it is
     *     damaged; the exception's problems say why), or the config-data commands fail
     */
    LabelReading read(Dimm dimm) throws LabelException;

    /**
     * Validates the area and lists every problem: index blocks, labels, duplicate namespaces,
     * overlapping DPA ranges, cookies that do not match the DIMM's region. Empty when clean.
     *
     * @throws LabelException only when the area cannot be read at all
     */
    List<LabelProblem> check(Dimm dimm) throws LabelException;

    /**
     * The whole area's bytes, as {@code ndctl read-labels -o} dumps them; read while no update of
     * this store runs, so never torn.
     */
    byte[] readArea(Dimm dimm) throws LabelException;

    /**
     * {@code ndctl init-labels}: two index blocks of {@code version} with every slot free (block 0
     * current), and every slot zeroed, as ndctl leaves the area. Crash-safe: at every point the area
     * reads as its namespaces before, or as the fresh empty area after.
     *
     * @param force initialise even when a valid index block is already there, or when no index
     *     block is valid but the area is not blank (damaged: it may hold labels still)
     */
    void init(Dimm dimm, LabelVersion version, boolean force) throws LabelException;

    /** {@code ndctl zero-labels}: zeroes the whole area. */
    void zero(Dimm dimm) throws LabelException;

    /** {@code ndctl write-labels}: writes {@code area}, exactly the area's size, as is. */
    void write(Dimm dimm, byte[] area) throws LabelException;

    /**
     * Adds a namespace label in two commits, as Linux does: first with {@link NamespaceLabel#UPDATING}
     * set, then cleared. Needs two free slots.
     *
     * @return the label as finally written
     */
    NamespaceLabel create(Dimm dimm, NamespaceSpec spec) throws LabelException;

    /**
     * Replaces the label of namespace {@code spec.uuid()} (rename, resize, new abstraction) in one
     * commit: the new label goes to a free slot, the old slot is freed with the same index write.
     * Also completes a create left UPDATING by a crash.
     */
    NamespaceLabel update(Dimm dimm, NamespaceSpec spec) throws LabelException;

    /**
     * Replaces the label of namespace {@code oldUuid} by one for {@code spec}, which may carry
     * another uuid (a reconfigured namespace gets a new one), in one commit as {@link #update}
     * does, as Linux's {@code __pmem_label_update} frees the old slot with the index write that
     * takes the new one: a crash leaves the old label or the new one, never both or neither.
     * The new range may overlap the old one, no other.
     */
    NamespaceLabel replace(Dimm dimm, UUID oldUuid, NamespaceSpec spec) throws LabelException;

    /** Removes the label of namespace {@code uuid}: one index write. */
    void delete(Dimm dimm, UUID uuid) throws LabelException;
}
