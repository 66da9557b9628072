package dev.ocxlpmem.ndctl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;
import dev.ocxlpmem.namespaces.NamespaceOptions.Size;
import dev.ocxlpmem.ndctl.NamespaceArguments;

/** create-namespace's options read as ndctl 76 reads them, for the console and the MBeans alike. */
class NamespaceArgumentParserTest {
    static final long MIB = 1L << 20;

    static NamespaceArguments a() {
        return NamespaceArguments.none();
    }

    static String refusal(NamespaceArguments a) {
        NamespaceException e = assertThrows(NamespaceException.class, () -> NamespaceArgumentParser.parse(a));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void sizesAsNdctlReadsThem() throws Exception {
        assertEquals(new Size(128 * MIB, MIB), SizeArgument.parse("128M", "size"), "the unit typed is kept");
        assertEquals(new Size(1L << 40, 1L << 40), SizeArgument.parse("1t", "size"));
        assertEquals(new Size(3 * MIB, MIB), SizeArgument.parse("3m", "size"));
        assertEquals(Size.of(0x1000), SizeArgument.parse("0x1000", "size"));
        assertEquals(Size.of(8), SizeArgument.parse("010", "size"), "C's octal");
        assertEquals(Size.of(0), SizeArgument.parse("0", "size"));
        for (String bad : new String[] {"", "M", "12MB", "08", "1.5G", "0x", "16777216T"}) {
            assertThrows(NamespaceException.class, () -> SizeArgument.parse(bad, "size"), bad);
        }
    }

    @Test
    void whatWasTypedBecomesTypedOptions() throws Exception {
        UUID uuid = UUID.fromString("11111111-2222-3333-4444-555555555555");
        NamespaceArguments typed = new NamespaceArguments("fsdax", "512M", "db", "1G", uuid.toString(), "dev", "4096",
                true, false);
        assertEquals(new NamespaceOptions(NamespaceMode.FSDAX, new Size(512 * MIB, MIB), "db", 1L << 30, uuid,
                MapLocation.DEV, 4096L, true, false), NamespaceArgumentParser.parse(typed));
        assertEquals(NamespaceOptions.none(), NamespaceArgumentParser.parse(a()), "nothing given, nothing set");
        assertEquals(NamespaceMode.FSDAX, NamespaceArgumentParser.mode("Memory"));
        assertEquals(NamespaceMode.SECTOR, NamespaceArgumentParser.mode("safe"));
        assertEquals(NamespaceMode.DEVDAX, NamespaceArgumentParser.mode("dax"));
        assertEquals(NamespaceMode.RAW, NamespaceArgumentParser.mode("RAW"));
        assertEquals(MapLocation.MEM, NamespaceArgumentParser.parse(a().withMap("mem")).map(),
                "mem is read; the lifecycle refuses it");
        assertEquals(new UUID(0, 0), NamespaceArgumentParser.parse(a().withUuid("00000000-0000-0000-0000-000000000000"))
                .uuid(), "a nil uuid is read; the lifecycle refuses it");
    }

    /**
     * What ndctl refuses while it reads, in its words: Linux's, in the namespaces bundle's
     * linux-peer/recfg.txt, begin ours.
     */
    @Test
    void refusalsQuoteWhatWasTyped() {
        assertEquals("invalid mode 'foo': use raw, sector, fsdax or devdax", refusal(a().withMode("foo")));
        assertEquals("align must be a power-of-2 greater than 4096, not '3M'", refusal(a().withAlign("3M")));
        assertEquals("align must be a power-of-2 greater than 4096, not '2K'", refusal(a().withAlign("2K")));
        assertEquals("invalid map location 'foo': use dev", refusal(a().withMap("foo")));
        assertEquals("failed to parse uuid: 'not-a-uuid'", refusal(a().withUuid("not-a-uuid")));
        assertEquals("failed to parse namespace size '12Q'", refusal(a().withSize("12Q")));
        assertEquals("failed to parse namespace size '-16M'", refusal(a().withSize("-16M")));
        assertEquals("failed to parse namespace size '99999999999999999999'", refusal(a().withSize("99999999999999999999")));
        assertEquals("namespace size '8388608T' is too large", refusal(a().withSize("8388608T")));
        assertEquals("failed to parse namespace alignment 'lots'", refusal(a().withAlign("lots")));
        assertEquals("invalid sector size: lots", refusal(a().withSectorSize("lots")));
    }
}
