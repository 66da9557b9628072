package dev.ocxlpmem.labels.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.IndexBlock;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;

/**
 * Reads a whole label area held in memory, the way Linux does ({@code label.c}
 * {@code nd_label_validate}, {@code nd_label_active}), and reports every problem it meets. Any
 * byte content yields either a reading or a list of problems, in time linear in the area's size.
 */
final class AreaParser {
    private static final UUID NIL = new UUID(0, 0);
    private static final long ALIGN = 4096;

    private AreaParser() {
    }

    /**
     * @param region what labels must agree with, or null when the DIMM is in no region
     */
    static ParsedArea parse(String dev, byte[] area, RegionInfo region) {
        long size = area.length;
        if (size < LabelGeometry.MIN_AREA) {
            return new ParsedArea(null, null, List.of(LabelProblem.error("label area", "config_size",
                    "at least " + LabelGeometry.MIN_AREA + " bytes", size + " bytes")), 0, false);
        }
        // Linux probes for 128-byte labels first, then 256-byte ones: the first label size under
        // which an index block is valid wins.
        LabelGeometry fallback = null;
        List<LabelProblem> fallbackProblems = null;
        int fallbackScore = -1;
        for (LabelVersion version : LabelVersion.values()) {
            LabelGeometry g = LabelGeometry.of(size, version);
            List<LabelProblem> problems = new ArrayList<>();
            IndexBlock b0 = IndexBlockCodec.decode(area, 0, g, problems);
            IndexBlock b1 = IndexBlockCodec.decode(area, 1, g, problems);
            if (b0.valid() || b1.valid()) {
                return read(dev, area, region, g, b0, b1, problems);
            }
            int score = claims(b0, g) + claims(b1, g);
            if (score > fallbackScore) {
                fallback = g;
                fallbackProblems = problems;
                fallbackScore = score;
            }
        }
        return new ParsedArea(fallback, null, fallbackProblems, 0, isBlank(area));
    }

    /**
     * Whether nothing was ever committed to the area: every byte is zero, but for index blocks
     * that an {@code init-labels} of a blank area cut off before it sealed them (seq still 0, see
     * {@link ConfigDataLabelStore}). Only such an area is taken for one without labels: any other
     * area without a valid index block once held some, and Linux, which reads it as blank too,
     * would make its region one raw namespace over their data.
     */
    private static boolean isBlank(byte[] area) {
        for (LabelVersion version : LabelVersion.values()) {
            LabelGeometry g = LabelGeometry.of(area.length, version);
            if (Bytes.u32(area, g.blockOffset(0) + IndexBlockCodec.SEQ) == 0
                    && Bytes.u32(area, g.blockOffset(1) + IndexBlockCodec.SEQ) == 0
                    && zeroFrom(area, 2 * g.indexSize())) {
                return true;
            }
        }
        return false;
    }

    private static boolean zeroFrom(byte[] area, int start) {
        for (int i = start; i < area.length; i++) {
            if (area[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A damaged block whose seq says it was the newer one: the area reads (as Linux reads it) from
     * the other block, one update older. A block being written carries seq 0 until it is sealed, so
     * an interrupted update is not taken for this.
     */
    private static void fellBack(ProblemList problems, int current, IndexBlock valid, IndexBlock damaged) {
        if ("NAMESPACE_INDEX".equals(damaged.signature()) && damaged.effectiveSeq() != 0
                && damaged.effectiveSeq() == IndexBlockCodec.nextSeq(valid.effectiveSeq())) {
            problems.add(LabelProblem.warning("index block " + damaged.block(), LabelProblem.GENERATION,
                    "index block " + damaged.block() + " current (its seq " + damaged.effectiveSeq() + " follows "
                            + valid.effectiveSeq() + ")",
                    "it is damaged, so the area fell back one generation, to index block " + current + " (seq "
                            + valid.effectiveSeq() + "), as Linux reads it"));
        }
    }

    /** How strongly a block that failed validation still claims this version: signature, then label size. */
    private static int claims(IndexBlock b, LabelGeometry g) {
        if (!"NAMESPACE_INDEX".equals(b.signature())) {
            return 0;
        }
        return b.labelSize() == g.labelSize() ? 2 : 1;
    }

    private static ParsedArea read(String dev, byte[] area, RegionInfo region, LabelGeometry g, IndexBlock b0,
            IndexBlock b1, List<LabelProblem> indexProblems) {
        ProblemList problems = new ProblemList();
        // One valid block is enough: the other is the next one to write, so what is wrong with it
        // is overwritten by the next update (a torn index write leaves exactly this).
        for (LabelProblem p : indexProblems) {
            problems.add(new LabelProblem(LabelProblem.Severity.WARNING, p.where(), p.field(), p.expected(),
                    p.found()));
        }
        int current;
        if (b0.valid() && b1.valid()) {
            current = IndexBlockCodec.current(b0.effectiveSeq(), b1.effectiveSeq());
            if (b0.effectiveSeq() == b1.effectiveSeq()) {
                problems.add(LabelProblem.warning("index block 1", "seq",
                        "the successor of index block 0's seq " + b0.effectiveSeq(), Long.toString(b1.seq())));
            }
        } else {
            current = b0.valid() ? 0 : 1;
            fellBack(problems, current, current == 0 ? b0 : b1, current == 0 ? b1 : b0);
        }
        IndexBlock cur = current == 0 ? b0 : b1;
        int blockOff = g.blockOffset(current);
        long bitmapCapacity = 8L * (g.indexSize() - IndexBlockCodec.FREE);
        int scan = (int) Math.min(cur.nslot(), bitmapCapacity);
        if (cur.nslot() > bitmapCapacity) {
            problems.add(LabelProblem.error("index block " + current, "nslot",
                    "at most " + bitmapCapacity + " (what its free bitmap holds)", Long.toString(cur.nslot())));
        }

        LabelVersion version = g.version();
        boolean v12 = version == LabelVersion.V1_2;
        List<NamespaceLabel> labels = new ArrayList<>();
        int inUse = 0;
        for (int byteIndex = 0; byteIndex * 8 < scan; byteIndex++) {
            int bits = area[blockOff + IndexBlockCodec.FREE + byteIndex] & 0xFF;
            if (bits == 0xFF) {
                continue; // eight free slots
            }
            for (int bit = 0; bit < 8; bit++) {
                int slot = byteIndex * 8 + bit;
                if (slot >= scan || (bits & (1 << bit)) != 0) {
                    continue;
                }
                inUse++;
                NamespaceLabel label = label(area, g, slot, v12, region, problems);
                if (label != null) {
                    labels.add(label);
                }
            }
        }
        crossCheck(labels, problems);

        LabelReading reading = new LabelReading(dev, g.configSize(), version, List.of(b0, b1), current, scan,
                scan - inUse, labels, problems.toList());
        return new ParsedArea(g, reading, reading.problems(), scan, false);
    }

    /** The label in an in-use slot, or null when Linux would skip it (wrong slot field, bad checksum). */
    private static NamespaceLabel label(byte[] area, LabelGeometry g, int slot, boolean v12, RegionInfo region,
            ProblemList problems) {
        int off = g.slotOffset(slot);
        String where = "slot " + slot;
        long storedSlot = LabelCodec.storedSlot(area, off);
        if (storedSlot != slot) {
            problems.add(LabelProblem.error(where, "slot", Integer.toString(slot), Long.toString(storedSlot)));
            return null;
        }
        if (v12) {
            long sum = LabelCodec.checksum(area, off);
            long stored = LabelCodec.storedChecksum(area, off);
            if (sum != stored) {
                problems.add(LabelProblem.error(where, "checksum", Bytes.hex(sum), Bytes.hex(stored)));
                return null;
            }
        }
        NamespaceLabel l = LabelCodec.decode(area, off, g.version(), slot);
        if (l.uuid().equals(NIL)) {
            problems.add(LabelProblem.error(where, "uuid", "a non-nil namespace uuid", l.uuid().toString()));
        }
        if (v12) {
            if (!NamespaceLabel.PMEM_TYPE_GUID.equals(l.typeGuid())) {
                problems.add(LabelProblem.error(where, "type_guid", NamespaceLabel.PMEM_TYPE_GUID + " (pmem)",
                        l.typeGuid().toString()));
            }
            if (Abstraction.of(l.abstractionGuid()).isEmpty()) {
                problems.add(LabelProblem.warning(where, "abstraction_guid", "none, btt, btt2, pfn or dax",
                        l.abstractionGuid().toString()));
            }
        }
        if (l.updating()) {
            problems.add(LabelProblem.warning(where, "flags", "UPDATING (0x8) clear: a create or update of "
                    + l.uuid() + " did not finish", Bytes.hex(Integer.toUnsignedLong(l.flags()))));
        }
        int nlabel = region == null ? 1 : region.nlabel();
        int position = region == null ? 0 : region.position();
        if (l.nlabel() != nlabel) {
            problems.add(LabelProblem.error(where, "nlabel", Integer.toString(nlabel), Integer.toString(l.nlabel())));
        }
        if (l.position() != position) {
            problems.add(LabelProblem.error(where, "position", Integer.toString(position),
                    Integer.toString(l.position())));
        }
        if (region != null && l.isetCookie() != region.cookie(g.version())) {
            long cookie = region.cookie(g.version());
            problems.add(LabelProblem.error(where, "isetcookie", Bytes.hex(cookie) + " (" + region.dev() + "'s "
                    + (g.version() == LabelVersion.V1_1 ? "cookie1" : "cookie2")
                    + (cookie == 0 ? ", 0 because the card's serial reads 0" : "") + ")",
                    Bytes.hex(l.isetCookie())));
        }
        if (l.dpa() % ALIGN != 0) {
            problems.add(LabelProblem.error(where, "dpa", "a multiple of 4 KiB", Bytes.hex(l.dpa())));
        }
        if (l.rawSize() == 0 || l.rawSize() % ALIGN != 0) {
            problems.add(LabelProblem.error(where, "rawsize", "a positive multiple of 4 KiB",
                    Long.toUnsignedString(l.rawSize())));
        }
        boolean overflows = Long.compareUnsigned(l.dpa() + l.rawSize(), l.dpa()) < 0;
        if (overflows) {
            problems.add(LabelProblem.error(where, "rawsize", "dpa + rawsize below 2^64",
                    Bytes.hex(l.dpa()) + " + " + Bytes.hex(l.rawSize())));
        } else if (region != null && (Long.compareUnsigned(l.dpa(), region.start()) < 0
                || Long.compareUnsigned(l.dpa() + l.rawSize(), region.end()) > 0)) {
            problems.add(LabelProblem.error(where, "dpa", "a range within " + region.dev() + "'s extent "
                    + Bytes.hex(region.start()) + "-" + Bytes.hex(region.end()),
                    Bytes.hex(l.dpa()) + "-" + Bytes.hex(l.dpa() + l.rawSize())));
        }
        return l;
    }

    /** Two labels for one namespace, and namespaces whose DPA ranges overlap. */
    private static void crossCheck(List<NamespaceLabel> labels, ProblemList problems) {
        Map<UUID, Integer> slotOf = new HashMap<>(labels.size() * 2);
        for (NamespaceLabel l : labels) {
            Integer other = slotOf.putIfAbsent(l.uuid(), l.slot());
            if (other != null) {
                problems.add(LabelProblem.error("slot " + l.slot(), "uuid",
                        "a namespace no other label claims", l.uuid() + ", also in slot " + other));
            }
        }
        NamespaceLabel[] byDpa = labels.stream()
                .filter(l -> Long.compareUnsigned(l.dpa() + l.rawSize(), l.dpa()) > 0)
                .toArray(NamespaceLabel[]::new);
        Arrays.sort(byDpa, Comparator.comparing(NamespaceLabel::dpa, Long::compareUnsigned));
        NamespaceLabel reach = null;
        for (NamespaceLabel l : byDpa) {
            if (reach != null && Long.compareUnsigned(l.dpa(), reach.dpa() + reach.rawSize()) < 0) {
                problems.add(LabelProblem.error("slot " + l.slot(), "dpa",
                        "at or after " + Bytes.hex(reach.dpa() + reach.rawSize()) + ", the end of slot "
                                + reach.slot() + "'s namespace",
                        Bytes.hex(l.dpa()) + " (overlapping it)"));
            }
            if (reach == null || Long.compareUnsigned(l.dpa() + l.rawSize(), reach.dpa() + reach.rawSize()) > 0) {
                reach = l;
            }
        }
    }
}
