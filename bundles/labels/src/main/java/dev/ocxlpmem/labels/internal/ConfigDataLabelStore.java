package dev.ocxlpmem.labels.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

import dev.ocxlpmem.labels.BlankLabelAreaException;
import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * The label store over config-data commands ({@code GET_CONFIG_SIZE}, {@code GET_CONFIG_DATA},
 * {@code SET_CONFIG_DATA} through the DIMM's bus): nothing else reaches the area. Per DIMM it keeps
 * the state an update needs, checked against both index blocks on media before each update.
 */
@Component(service = LabelStore.class)
public final class ConfigDataLabelStore implements LabelStore {
    /**
     * Per DIMM, by its unique id (the same for a client's view and an enabled region driver's
     * label-owner view of it): a lock and the state of its area. The state is checked against the
     * media before every update, so an entry that outlives its DIMM's registration does no harm.
     */
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        AreaState state;
    }

    public ConfigDataLabelStore() {
    }

    private Entry entry(Dimm dimm) {
        return entries.computeIfAbsent(Objects.requireNonNull(dimm, "dimm").id(), id -> new Entry());
    }

    @Override
    public LabelReading read(Dimm dimm) throws LabelException {
        Entry e = entry(dimm);
        synchronized (e) {
            ParsedArea parsed = load(dimm, e);
            if (parsed.reading() == null) {
                throw noIndex(dimm, parsed);
            }
            return parsed.reading();
        }
    }

    @Override
    public List<LabelProblem> check(Dimm dimm) throws LabelException {
        Entry e = entry(dimm);
        synchronized (e) {
            return load(dimm, e).problems();
        }
    }

    @Override
    public byte[] readArea(Dimm dimm) throws LabelException {
        // under the DIMM's lock, as every write here: a copy is never torn by a concurrent update
        Entry e = entry(dimm);
        synchronized (e) {
            return readConfig(dimm, 0, areaSize(dimm));
        }
    }

    @Override
    public void init(Dimm dimm, LabelVersion version, boolean force) throws LabelException {
        Objects.requireNonNull(version, "version");
        RegionInfo region = RegionInfo.of(dimm).orElse(null);
        if (region != null) {
            requireCookie(dimm, region, version);
        }
        int size = areaSize(dimm);
        if (size < LabelGeometry.MIN_AREA) {
            throw new LabelException(dimm.dev() + "'s label area is " + size + " bytes; labels need at least "
                    + LabelGeometry.MIN_AREA);
        }
        LabelGeometry g = LabelGeometry.of(size, version);
        Entry e = entry(dimm);
        synchronized (e) {
            ParsedArea parsed = load(dimm, e);
            if (!force && parsed.reading() != null) {
                throw new LabelException(dimm.dev() + " already has a valid label index (version "
                        + parsed.reading().version() + ", " + parsed.reading().labels().size()
                        + " labels): use -f to initialise it anyway, losing every namespace on it");
            }
            if (!force && !parsed.blank()) {
                // ndctl initialises any area without a valid index; a damaged one may still hold
                // the labels of namespaces whose data is there, so only on purpose
                throw new LabelException(dimm.dev() + "'s label area is damaged, not blank (" + first(parsed)
                        + "): use -f to initialise it anyway, losing the labels it may still hold");
            }
            e.state = null;
            int chunk = (int) Math.min(Integer.MAX_VALUE, maxXfer(dimm));
            for (InitSequence.Write w : InitSequence.of(parsed.reading(), parsed.geometry(), g, chunk)) {
                if (w.indexBlock()) {
                    writeIndexBlock(dimm, w.offset(), w.data());
                } else {
                    writeConfig(dimm, w.offset(), w.data(), "zeroing");
                }
            }
            e.state = AreaState.fresh(g, IndexBlockCodec.fresh(g, 0, 3), IndexBlockCodec.fresh(g, 1, 2));
        }
    }

    /**
     * An index block goes down with seq 0 first, then its real seq in one 8-byte write, so that a
     * torn write never leaves a valid block (see {@link #commit}).
     */
    private static void writeIndexBlock(Dimm dimm, long offset, byte[] block) throws LabelException {
        byte[] staged = block.clone();
        Bytes.put32(staged, IndexBlockCodec.SEQ, 0);
        writeConfig(dimm, offset, staged, "writing an index block of");
        writeConfig(dimm, offset + IndexBlockCodec.FLAGS,
                Arrays.copyOfRange(block, IndexBlockCodec.FLAGS, IndexBlockCodec.SEQ + 4), "sealing an index block of");
    }

    private static long maxXfer(Dimm dimm) throws LabelException {
        try {
            return dimm.configSize().maxXfer();
        } catch (NvdimmException ex) {
            throw new LabelException(dimm.dev() + ": cannot get the label area's size: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void zero(Dimm dimm) throws LabelException {
        int size = areaSize(dimm);
        Entry e = entry(dimm);
        synchronized (e) {
            e.state = null;
            writeConfig(dimm, 0, new byte[size], "zeroing");
        }
    }

    @Override
    public void write(Dimm dimm, byte[] area) throws LabelException {
        Objects.requireNonNull(area, "area");
        int size = areaSize(dimm);
        if (area.length != size) {
            throw new LabelException("the data is " + area.length + " bytes but " + dimm.dev()
                    + "'s label area is " + size + " bytes: nothing written");
        }
        Entry e = entry(dimm);
        synchronized (e) {
            e.state = null;
            writeConfig(dimm, 0, area, "writing");
        }
    }

    @Override
    public NamespaceLabel create(Dimm dimm, NamespaceSpec spec) throws LabelException {
        Objects.requireNonNull(spec, "spec");
        Entry e = entry(dimm);
        synchronized (e) {
            AreaState s = current(dimm, e);
            RegionInfo region = prepare(dimm, s, spec);
            NamespaceLabel existing = s.label(spec.uuid());
            if (existing != null) {
                throw new LabelException(dimm.dev() + ": namespace " + spec.uuid() + " already has a label (slot "
                        + existing.slot() + ")");
            }
            requireFree(dimm, s, spec, null);
            if (s.freeSlots() < 2) {
                throw new LabelException(dimm.dev() + "'s label area is full: a create needs 2 free slots (one for "
                        + "the UPDATING step), " + s.freeSlots() + " of " + s.nslot() + " are free");
            }
            // Linux's two steps: the label with UPDATING set, then the same label with it clear.
            NamespaceLabel updating = label(s, region, spec, s.lowestFree(), NamespaceLabel.UPDATING);
            commit(dimm, e, s, updating, null);
            NamespaceLabel done = label(s, region, spec, s.lowestFree(), 0);
            commit(dimm, e, s, done, updating);
            return done;
        }
    }

    @Override
    public NamespaceLabel update(Dimm dimm, NamespaceSpec spec) throws LabelException {
        Objects.requireNonNull(spec, "spec");
        return replace(dimm, spec.uuid(), spec);
    }

    @Override
    public NamespaceLabel replace(Dimm dimm, UUID oldUuid, NamespaceSpec spec) throws LabelException {
        Objects.requireNonNull(oldUuid, "oldUuid");
        Objects.requireNonNull(spec, "spec");
        Entry e = entry(dimm);
        synchronized (e) {
            AreaState s = current(dimm, e);
            RegionInfo region = prepare(dimm, s, spec);
            NamespaceLabel old = s.label(oldUuid);
            if (old == null) {
                throw new LabelException(dimm.dev() + " has no label for namespace " + oldUuid);
            }
            NamespaceLabel taken = oldUuid.equals(spec.uuid()) ? null : s.label(spec.uuid());
            if (taken != null) {
                throw new LabelException(dimm.dev() + ": namespace " + spec.uuid() + " already has a label (slot "
                        + taken.slot() + ")");
            }
            requireFree(dimm, s, spec, oldUuid);
            if (s.freeSlots() < 1) {
                throw new LabelException(dimm.dev() + "'s label area is full: an update needs 1 free slot, all "
                        + s.nslot() + " are in use");
            }
            NamespaceLabel replacement = label(s, region, spec, s.lowestFree(), 0);
            commit(dimm, e, s, replacement, old);
            return replacement;
        }
    }

    @Override
    public void delete(Dimm dimm, UUID uuid) throws LabelException {
        Objects.requireNonNull(uuid, "uuid");
        Entry e = entry(dimm);
        synchronized (e) {
            AreaState s = current(dimm, e);
            requireNoErrors(dimm, s);
            NamespaceLabel old = s.label(uuid);
            if (old == null) {
                throw new LabelException(dimm.dev() + " has no label for namespace " + uuid);
            }
            // A delete only rewrites the index: the label stays in a slot now marked free.
            commit(dimm, e, s, null, old);
        }
    }

    // --- the update protocol -------------------------------------------------------------------

    /** Writes {@code added} (if any) to its free slot, then the next index block; both durable. */
    private static void commit(Dimm dimm, Entry e, AreaState s, NamespaceLabel added, NamespaceLabel removed)
            throws LabelException {
        LabelGeometry g = s.geometry;
        try {
            if (added != null) {
                dimm.writeConfig(g.slotOffset(added.slot()), LabelCodec.encode(added, g.version()));
            }
            byte[] next = s.nextIndex(added == null ? -1 : added.slot(), removed == null ? -1 : removed.slot());
            // The block goes down with seq 0 first, then its real seq in one 8-byte write. A write
            // torn part-way must never leave a block with the new seq that passes its checksum:
            // Fletcher-64 keeps only the low 32 bits of its weighted sum, so two free-bitmap
            // changes can cancel (bit 31 set in one word and cleared in a word two further on,
            // for instance), and a block with the new header over the old bitmap would be current.
            // A block whose seq is 0 is invalid whatever its checksum says.
            byte[] staged = next.clone();
            Bytes.put32(staged, IndexBlockCodec.SEQ, 0);
            dimm.writeConfig(s.nextBlockOffset(), staged);
            dimm.writeConfig(s.nextBlockOffset() + IndexBlockCodec.FLAGS,
                    Arrays.copyOfRange(next, IndexBlockCodec.FLAGS, IndexBlockCodec.SEQ + 4));
            s.committed(next, added, removed);
        } catch (CommandRefusedException ex) {
            e.state = null;
            // The bus refused a write: the next index block never got its sequence number, so the
            // area reads as before.
            throw new LabelException(ex.getMessage() + "; the labels are unchanged", ex);
        } catch (NvdimmException | RuntimeException ex) {
            e.state = null; // what is on media is read again next time
            // Whatever reached the media, the area reads as before or after this commit.
            throw new LabelException(dimm.dev() + ": a label update failed part-way and the area holds the "
                    + "namespaces of before or after it (ndctl:read-labels " + dimm.dev() + " shows which): "
                    + ex.getMessage(), ex);
        }
    }

    private static NamespaceLabel label(AreaState s, RegionInfo region, NamespaceSpec spec, int slot, int flags) {
        boolean v12 = s.version() == LabelVersion.V1_2;
        return new NamespaceLabel(slot, spec.uuid(), spec.name(), flags, region.nlabel(), region.position(),
                region.cookie(s.version()), spec.lbaSize(), spec.dpa(), spec.rawSize(), 0,
                v12 ? NamespaceLabel.PMEM_TYPE_GUID : null, v12 ? spec.abstraction().guid() : null);
    }

    /** The checks every create and update makes before writing; returns the DIMM's region. */
    private static RegionInfo prepare(Dimm dimm, AreaState s, NamespaceSpec spec) throws LabelException {
        requireNoErrors(dimm, s);
        RegionInfo region = RegionInfo.of(dimm).orElseThrow(() -> new LabelException(dimm.dev()
                + " is in no region: a namespace label must carry its region's interleave-set cookie"));
        requireCookie(dimm, region, s.version());
        if (Long.compareUnsigned(spec.dpa(), region.start()) < 0 || Long.compareUnsigned(spec.end(), region.end()) > 0) {
            throw new LabelException(dimm.dev() + ": namespace " + Bytes.hex(spec.dpa()) + "-" + Bytes.hex(spec.end())
                    + " does not fit " + region.dev() + "'s extent " + Bytes.hex(region.start()) + "-"
                    + Bytes.hex(region.end()));
        }
        return region;
    }

    private static void requireFree(Dimm dimm, AreaState s, NamespaceSpec spec, UUID except) throws LabelException {
        NamespaceLabel other = s.overlapping(spec.dpa(), spec.end(), except);
        if (other != null) {
            throw new LabelException(dimm.dev() + ": namespace " + Bytes.hex(spec.dpa()) + "-" + Bytes.hex(spec.end())
                    + " overlaps namespace " + other.uuid() + " at " + Bytes.hex(other.dpa()) + "-"
                    + Bytes.hex(other.dpa() + other.rawSize()) + " (slot " + other.slot() + ")");
        }
    }

    private static void requireNoErrors(Dimm dimm, AreaState s) throws LabelException {
        List<LabelProblem> errors = s.errors();
        if (!errors.isEmpty()) {
            throw new LabelException(dimm.dev() + "'s label area has " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + " (" + errors.get(0) + "); it is not changed automatically: "
                    + "see ndctl:check-labels -v " + dimm.dev() + ", then restore it with ndctl:write-labels or "
                    + "re-initialise it", errors);
        }
    }

    private static void requireCookie(Dimm dimm, RegionInfo region, LabelVersion version) throws LabelException {
        if (region.cookie(version) == 0) {
            throw new LabelException(dimm.dev() + ": " + region.dev() + "'s interleave-set cookie is 0 because the "
                    + "card's serial number reads 0; labels need a non-zero cookie, so give the card a serial number");
        }
    }

    // --- reading -------------------------------------------------------------------------------

    /** The state to update from: the kept one if both index blocks on media still match it, else read anew. */
    private static AreaState current(Dimm dimm, Entry e) throws LabelException {
        AreaState s = e.state;
        if (s != null) {
            int size = areaSize(dimm);
            if (size == s.geometry.configSize()
                    && s.matches(readConfig(dimm, 0, 2 * s.geometry.indexSize()))) {
                return s;
            }
        }
        ParsedArea parsed = load(dimm, e);
        if (parsed.reading() == null) {
            throw noIndex(dimm, parsed);
        }
        return e.state;
    }

    /** Reads the whole area in one go and parses it; keeps the state when an index is valid. */
    private static ParsedArea load(Dimm dimm, Entry e) throws LabelException {
        e.state = null;
        byte[] area = readConfig(dimm, 0, areaSize(dimm));
        ParsedArea parsed = AreaParser.parse(dimm.dev(), area, RegionInfo.of(dimm).orElse(null));
        if (parsed.reading() != null) {
            e.state = AreaState.of(parsed, area);
        }
        return parsed;
    }

    private static LabelException noIndex(Dimm dimm, ParsedArea parsed) {
        if (parsed.blank()) {
            return new BlankLabelAreaException(dimm.dev() + " has no valid namespace index block: the area is blank "
                    + "(all zero: it never held labels); ndctl:init-labels " + dimm.dev() + " gives it one",
                    parsed.problems());
        }
        return new LabelException(dimm.dev() + " has no valid namespace index block (" + first(parsed)
                + ") but the area is not blank: it is damaged and may still hold the labels of namespaces; restore "
                + "a saved copy (ndctl:list-label-backups " + dimm.dev() + ", ndctl:restore-labels or "
                + "ndctl:write-labels) or start afresh with ndctl:init-labels -f " + dimm.dev(), parsed.problems());
    }

    private static String first(ParsedArea parsed) {
        return parsed.problems().isEmpty() ? "no index block" : parsed.problems().get(0).toString();
    }

    private static int areaSize(Dimm dimm) throws LabelException {
        long size;
        try {
            size = dimm.configSize().configSize();
        } catch (NvdimmException ex) {
            throw new LabelException(dimm.dev() + ": cannot get the label area's size: " + ex.getMessage(), ex);
        }
        if (size > LabelGeometry.MAX_AREA) {
            throw new LabelException(dimm.dev() + "'s label area is " + size + " bytes; this store handles up to "
                    + LabelGeometry.MAX_AREA);
        }
        return (int) size;
    }

    private static byte[] readConfig(Dimm dimm, long offset, int length) throws LabelException {
        try {
            return dimm.readConfig(offset, length);
        } catch (NvdimmException ex) {
            throw new LabelException(dimm.dev() + ": reading the label area failed: " + ex.getMessage(), ex);
        }
    }

    private static void writeConfig(Dimm dimm, long offset, byte[] data, String what) throws LabelException {
        try {
            dimm.writeConfig(offset, data);
        } catch (CommandRefusedException ex) {
            // refused before anything was written (a region owns the labels, the DIMM is read-only)
            throw new LabelException(ex.getMessage(), ex);
        } catch (NvdimmException ex) {
            throw new LabelException(dimm.dev() + ": " + what + " the label area failed at offset " + offset + ": "
                    + ex.getMessage(), ex);
        }
    }
}
