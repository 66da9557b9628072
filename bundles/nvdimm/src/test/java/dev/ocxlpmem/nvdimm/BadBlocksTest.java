package dev.ocxlpmem.nvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Bad ranges a provider reports become its regions' bad blocks in 512-byte units, widened to whole
 * blocks and merged as Linux's badrange code does; a region driver's write clears whole blocks only.
 */
class BadBlocksTest {
    /** Where OneDimmBus puts its region in the provider's address space. */
    private static final long START = 0x2000_0000_0000L;

    @Test
    void rangesInTheRegionAreItsBadBlocksWidenedToWholeSectors() {
        try (OneDimmBus t = OneDimmBus.blank(16384, 1)) {
            BusRegistration bus = t.registration();
            assertEquals(List.of(), t.region().badBlocks());
            bus.addBadRange(START + 4096, 100);
            assertEquals(List.of(new BadBlock(8, 1)), t.region().badBlocks());
            bus.addBadRange(START + 4096 + 500, 30); // crosses into the next block
            assertEquals(List.of(new BadBlock(8, 2)), t.region().badBlocks());
            bus.addBadRange(START + 1024 * 1024, 4096);
            assertEquals(List.of(new BadBlock(8, 2), new BadBlock(2048, 8)), t.region().badBlocks());
            bus.addBadRange(START - 100, 200); // before the region: only its part inside counts
            assertEquals(new BadBlock(0, 1), t.region().badBlocks().get(0));
            bus.addBadRange(START + OneDimmBus.REGION_SIZE, 4096); // after it: none
            assertEquals(3, t.region().badBlocks().size());
            bus.clearBadRange(START - 100, 200);
            bus.clearBadRange(START + 1024 * 1024, 4096);
            assertEquals(List.of(new BadBlock(8, 2)), t.region().badBlocks());
        }
    }

    @Test
    void aDriversWriteClearsTheBlocksItCoveredWhole() {
        try (OneDimmBus t = OneDimmBus.blank(16384, 1)) {
            t.registration().addBadRange(START + 4096, 3 * 512);
            t.enabledRegion().clearBadBlocks(4096 + 100, 512); // covers no block whole
            assertEquals(List.of(new BadBlock(8, 3)), t.region().badBlocks());
            t.enabledRegion().clearBadBlocks(4096 + 512, 512);
            assertEquals(List.of(new BadBlock(8, 1), new BadBlock(10, 1)), t.region().badBlocks());
            t.enabledRegion().clearBadBlocks(0, 8192);
            assertEquals(List.of(), t.region().badBlocks());
            assertThrows(IllegalArgumentException.class,
                    () -> t.enabledRegion().clearBadBlocks(OneDimmBus.REGION_SIZE - 8, 16));
            assertThrows(IllegalArgumentException.class, () -> t.enabledRegion().clearBadBlocks(-1, 16));
            EnabledRegion held = t.enabledRegion();
            t.region().disable();
            assertThrows(IllegalStateException.class, () -> held.clearBadBlocks(0, 512));
        } catch (NvdimmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badInputIsRefusedAndRecordsNothing() {
        try (OneDimmBus t = OneDimmBus.blank(16384, 1)) {
            assertThrows(IllegalArgumentException.class, () -> t.registration().addBadRange(-1, 10));
            assertThrows(IllegalArgumentException.class, () -> t.registration().addBadRange(START, 0));
            assertThrows(IllegalArgumentException.class, () -> t.registration().addBadRange(Long.MAX_VALUE - 4, 10));
            assertEquals(List.of(), t.region().badBlocks());
        }
    }
}
