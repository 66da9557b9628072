package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;

/** The kept state's overlap search and free-slot bookkeeping against brute force. */
class AreaStateTest {

    static NamespaceLabel label(int slot, UUID uuid, long dpa, long size) {
        return new NamespaceLabel(slot, uuid, "", 0, 1, 0, 1, 512, dpa, size, 0, null, null);
    }

    @Test
    void overlapSearchAgreesWithBruteForce() {
        Random random = new Random(42);
        LabelGeometry g = LabelGeometry.of(1 << 20, LabelVersion.V1_1);
        AreaState s = AreaState.fresh(g, IndexBlockCodec.fresh(g, 0, 3), IndexBlockCodec.fresh(g, 1, 2));
        List<NamespaceLabel> live = new ArrayList<>();
        long cursor = 0;
        for (int i = 0; i < 400; i++) {
            cursor += random.nextInt(4) * 4096L; // gaps, or none
            long size = (1 + random.nextInt(8)) * 4096L;
            NamespaceLabel l = label(s.lowestFree(), new UUID(1, i), cursor, size);
            s.committed(s.nextIndex(l.slot(), -1), l, null);
            live.add(l);
            cursor += size;
        }
        assertEquals(g.nslot() - 400, s.freeSlots());
        for (int q = 0; q < 20_000; q++) {
            long dpa = random.nextInt((int) (cursor / 4096) + 4) * 4096L;
            long end = dpa + (1 + random.nextInt(12)) * 4096L;
            UUID except = random.nextBoolean() ? live.get(random.nextInt(live.size())).uuid() : null;
            NamespaceLabel expected = null;
            for (NamespaceLabel l : live) {
                if (!l.uuid().equals(except) && l.dpa() < end && dpa < l.dpa() + l.rawSize()) {
                    expected = l;
                }
            }
            NamespaceLabel found = s.overlapping(dpa, end, except);
            assertEquals(expected == null, found == null, dpa + "-" + end + " except " + except);
            if (found != null) {
                assertEquals(true, found.dpa() < end && dpa < found.dpa() + found.rawSize());
            }
        }
        // freeing and taking keeps the lowest-free search and the count right
        NamespaceLabel gone = live.get(17);
        s.committed(s.nextIndex(-1, gone.slot()), null, gone);
        assertEquals(gone.slot(), s.lowestFree());
        assertEquals(g.nslot() - 399, s.freeSlots());
    }
}
