package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttGeometry;
import dev.ocxlpmem.btt.BttVersion;

/**
 * The sizes Linux prints for sector namespaces: {@code ndctl create-namespace -m sector -s S -l L}
 * run by linux-peer (transcripts in src/test/resources/linux-btt: sizes12.out with v1.2 labels,
 * BTT 2.0; sizes11.out with v1.1 labels, BTT 1.1).
 */
class BttGeometryTest {
    static final long MIB = 1L << 20;

    record Run(long namespaceSize, int lbaSize, String output) {
    }

    /** Each create-namespace of a transcript with what it printed. */
    static List<Run> runs(String transcript) throws IOException {
        String text;
        try (InputStream in = BttGeometryTest.class.getResourceAsStream("/linux-btt/" + transcript)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Run> runs = new ArrayList<>();
        Matcher m = Pattern.compile("\\$ ndctl create-namespace -m sector -s (\\d+)M(?: -l (\\d+))?\\n(.*?)(?=\\n\\$ |\\z)",
                Pattern.DOTALL).matcher(text);
        while (m.find()) {
            runs.add(new Run(Long.parseLong(m.group(1)) * MIB, m.group(2) == null ? 4096 : Integer.parseInt(m.group(2)),
                    m.group(3)));
        }
        return runs;
    }

    @ParameterizedTest
    @CsvSource({"sizes12.out, V2_0, 17", "sizes11.out, V1_1, 7"})
    void sizesAreLinuxs(String transcript, BttVersion version, int expectedRuns) throws IOException {
        List<Run> runs = runs(transcript);
        assertEquals(expectedRuns + (version == BttVersion.V2_0 ? 3 : 0), runs.size(), "create-namespace runs in "
                + transcript);
        int compared = 0;
        for (Run r : runs) {
            Matcher size = Pattern.compile("\"size\":(\\d+)").matcher(r.output());
            if (size.find()) {
                Matcher sector = Pattern.compile("\"sector_size\":(\\d+)").matcher(r.output());
                assertTrue(sector.find());
                assertEquals(r.lbaSize(), Integer.parseInt(sector.group(1)));
                BttGeometry g = BTT.geometry(r.namespaceSize(), r.lbaSize(), version);
                assertEquals(Long.parseLong(size.group(1)), g.size(), r.namespaceSize() / MIB + "M -l " + r.lbaSize());
                assertEquals(1, g.arenas());
                compared++;
            } else if (r.output().contains("failed to enable")) {
                // Linux's BTT needs 16 MiB after its offset: a 16M namespace is too small for BTT 1.1
                assertThrows(IllegalArgumentException.class, () -> BTT.geometry(r.namespaceSize(), r.lbaSize(),
                        version));
                compared++;
            }
        }
        assertEquals(expectedRuns, compared);
    }

    @Test
    void arenasAre512GiBAndTheLastAtLeast16MiB() {
        long gib = 1L << 30;
        assertEquals(1, BTT.geometry(512 * gib, 4096, BttVersion.V2_0).arenas());
        assertEquals(2, BTT.geometry(512 * gib + 16 * MIB, 4096, BttVersion.V2_0).arenas());
        BttGeometry dropped = BTT.geometry(512 * gib + 16 * MIB - 1, 4096, BttVersion.V2_0);
        assertEquals(1, dropped.arenas(), "a last piece under 16 MiB is left unused, as create_arenas does");
        assertEquals(BTT.geometry(512 * gib, 4096, BttVersion.V2_0).sectorCount(), dropped.sectorCount());
        BttGeometry two = BTT.geometry(1024 * gib + 64 * MIB, 512, BttVersion.V1_1);
        assertEquals(3, two.arenas());
        assertEquals(512, two.sectorSize());
    }

    @Test
    void refusesWhatLinuxRefuses() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> BTT.geometry(16 * MIB, 4096, BttVersion.V1_1));
        assertEquals("a BTT 1.1 needs a namespace of at least 16781312 bytes (16 MiB after its offset of 4096); this "
                + "one has 16777216", small.getMessage());
        IllegalArgumentException lba = assertThrows(IllegalArgumentException.class,
                () -> BTT.geometry(64 * MIB, 1024, BttVersion.V2_0));
        assertEquals("sector size 1024 is not supported by a BTT: use one of [512, 520, 528, 4096, 4104, 4160, 4224]",
                lba.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BTT.geometry(-1, 4096, BttVersion.V2_0));
        assertThrows(IllegalArgumentException.class, () -> BTT.geometry(Long.MIN_VALUE, 4096, BttVersion.V1_1));
    }
}
