package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * The sizes, data offsets and page counts of fsdax and devdax namespaces against what Linux 6.1 and
 * ndctl 76 made of the same requests on a 4 GiB region (linux-peer/arith.txt: each namespace created,
 * its info block read with {@code read-infoblock -j}, destroyed).
 */
class PfnArithmeticTest {

    @Test
    void everyCreateOfTheTranscriptComputesAsLinuxDid() throws Exception {
        PeerTranscript t = PeerTranscript.load("arith.txt");
        List<String> checked = new ArrayList<>();
        for (PeerTranscript.Step step : t.steps) {
            if (!step.command().startsWith("ndctl create-namespace")) {
                continue;
            }
            EnabledRegion region = Regions.empty(4 * Regions.GIB);
            NamespaceOptions options = Regions.options(step).orElseThrow();
            if (step.ok()) {
                NamespacePlan plan = region.planCreate(options, Regions.counting());
                PeerTranscript.Step info = t.steps.get(step.index() + 2);
                assertTrue(info.command().startsWith("ndctl read-infoblock"), info.command());
                PfnInfoBlock b = plan.infoBlock();
                String what = step.command();
                assertEquals(step.jsonLong("size"), plan.listedSize(), what + ": size");
                assertEquals(step.jsonLong("align"), plan.align(), what + ": align");
                assertEquals(info.jsonLong("dataoff"), b.dataoff(), what + ": dataoff");
                assertEquals(info.jsonLong("npfns"), b.npfns(), what + ": npfns");
                assertEquals(info.jsonLong("start_pad"), b.startPad(), what + ": start_pad");
                assertEquals(info.jsonLong("end_trunc"), b.endTrunc(), what + ": end_trunc");
                assertEquals(info.jsonLong("align"), b.align(), what + ": info block align");
                assertEquals(info.jsonLong("mode"), b.mode(), what + ": mode");
                assertEquals(info.jsonLong("page_size"), b.pageSize(), what + ": page_size");
                assertEquals(info.jsonLong("page_struct_size"), b.pageStructSize(), what + ": page_struct_size");
                assertEquals(info.json("version").orElseThrow(), b.versionMajor() + "." + b.versionMinor());
                assertEquals(info.json("signature").orElseThrow(), b.kind().text());
                assertEquals(options.mode() == NamespaceMode.FSDAX ? "NVDIMM_PFN_INFO" : "NVDIMM_DAX_INFO", b.kind().text());
                checked.add(what);
            } else {
                NamespaceException e = assertThrows(NamespaceException.class,
                        () -> region.planCreate(options, Regions.counting()), step.command());
                if (step.stderr().contains("did you intend")) {
                    String advice = step.stderr().replaceAll("(?s).*(did you intend --size=\\S+\\?).*", "$1");
                    assertTrue(e.getMessage().contains(advice), e.getMessage() + " vs Linux's " + advice);
                    assertTrue(e.getMessage().contains("'--size=' must align to interleave-width: 1 and alignment: "
                            + (1L << 30)), e.getMessage());
                } else {
                    // Linux accepted the request and its nd_pfn_init failed ("failed to enable")
                    assertTrue(step.stderr().contains("failed to enable"), step.stderr());
                    assertTrue(e.getMessage().startsWith("unable to satisfy requested alignment"), e.getMessage());
                }
                checked.add(what(step) + " (refused)");
            }
        }
        assertEquals(54, checked.size(), "creates in the transcript: " + checked);
    }

    private static String what(PeerTranscript.Step step) {
        return step.command();
    }

    @Test
    void theFixturesNamespacesComputeAsTheReadmeLists() throws Exception {
        PfnLayout fsdax = PfnLayout.compute(0, 128 * Regions.MIB, PfnInfoBlock.MODE_PMEM, 2 * Regions.MIB,
                PfnPlatform.X86_64);
        assertEquals(4194304, fsdax.dataoff());
        assertEquals(31744, fsdax.npfns());
        assertEquals(130023424, fsdax.dataSize());
        PfnLayout devdax = PfnLayout.compute(0x8000000, 64 * Regions.MIB, PfnInfoBlock.MODE_PMEM, 2 * Regions.MIB,
                PfnPlatform.X86_64);
        assertEquals(2097152, devdax.dataoff());
        assertEquals(15872, devdax.npfns());
        assertEquals(65011712, devdax.dataSize());
    }

    /** linux-peer/misc1.txt: a 2 GiB namespace at 272 MiB with {@code -a 1G} lists 1 GiB. */
    @Test
    void aGigabyteAlignedNamespaceOffTheGigabyteCutsBothEnds() throws Exception {
        PfnLayout l = PfnLayout.compute(272 * Regions.MIB, 2 * Regions.GIB, PfnInfoBlock.MODE_PMEM, Regions.GIB,
                PfnPlatform.X86_64);
        assertEquals(Regions.GIB - 272 * Regions.MIB, l.dataoff());
        assertEquals(272 * Regions.MIB, l.endTrunc());
        assertEquals(1073741824, l.dataSize());
        assertEquals(Regions.GIB / 4096, l.npfns());
        // the same with QEMU's region base of 4 GiB: a multiple of 1 GiB changes nothing
        assertEquals(l, PfnLayout.compute(4 * Regions.GIB + 272 * Regions.MIB, 2 * Regions.GIB, PfnInfoBlock.MODE_PMEM,
                Regions.GIB, PfnPlatform.X86_64));
    }

    @Test
    void mapMemKeepsOnlyTheReserve() throws Exception {
        PfnLayout l = PfnLayout.compute(0, 48 * Regions.MIB, PfnInfoBlock.MODE_RAM, 2 * Regions.MIB, PfnPlatform.X86_64);
        assertEquals(2 * Regions.MIB, l.dataoff());
        assertEquals(46 * Regions.MIB, l.dataSize());
    }

    @Test
    void refusalsSayWhy() {
        PfnPlatform p = PfnPlatform.X86_64;
        assertEquals("namespace start 0x1000 is misaligned to 0x200000: Linux creates no info block there",
                assertThrows(NamespaceException.class, () -> PfnLayout.compute(4096, 64 * Regions.MIB,
                        PfnInfoBlock.MODE_PMEM, 2 * Regions.MIB, p)).getMessage());
        assertTrue(assertThrows(NamespaceException.class, () -> PfnLayout.compute(0, Regions.GIB,
                PfnInfoBlock.MODE_PMEM, Regions.GIB, p)).getMessage().startsWith("unable to satisfy requested alignment"));
        assertTrue(assertThrows(NamespaceException.class, () -> PfnLayout.compute(16 * Regions.MIB, Regions.GIB,
                PfnInfoBlock.MODE_PMEM, Regions.GIB, p)).getMessage().contains("keeps no data"));
        assertEquals("alignment 8388608 is not one Linux supports here [4096, 2097152, 1073741824]",
                assertThrows(NamespaceException.class, () -> PfnLayout.compute(0, 64 * Regions.MIB,
                        PfnInfoBlock.MODE_PMEM, 8 * Regions.MIB, p)).getMessage());
        assertEquals("info block mode 3 is neither 1 (map=mem) nor 2 (map=dev)",
                assertThrows(NamespaceException.class, () -> PfnLayout.compute(0, 64 * Regions.MIB, 3,
                        2 * Regions.MIB, p)).getMessage());
    }
}
