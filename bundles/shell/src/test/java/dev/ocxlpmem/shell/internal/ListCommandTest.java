package dev.ocxlpmem.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.internal.NvdimmCore;

class ListCommandTest {
    private final NvdimmCore nvdimm = new NvdimmCore();
    private Region region;

    @BeforeEach
    void oneCard() throws Exception {
        Bus bus = nvdimm.registerBus(new BusDescriptor("ocxlpmem", new NoCommands(), Set.of()));
        Dimm dimm = bus.createDimm(new DimmDescriptor("1014-0000000000012345", Set.of(DimmFlag.LABELING),
                EnumSet.of(NdCommand.GET_CONFIG_SIZE), -1));
        region = bus.createPmemRegion(new RegionDescriptor(16 << 20, 1L << 30,
                List.of(new RegionMapping(dimm, 0, 1L << 30, 0)), new InterleaveSet(0x12345, 0x12345), -1));
    }

    private static final class NoCommands implements dev.ocxlpmem.nvdimm.CommandHandler {
        @Override
        public <R> R execute(Dimm dimm, dev.ocxlpmem.nvdimm.DimmCommand<R> command) throws CommandException {
            throw new CommandException("not used");
        }
    }

    private String run(String... args) {
        ListCommand list = new ListCommand(nvdimm);
        list.parse(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void busesWithDimmsAndRegionsAsNdctlPrintsThem() {
        assertEquals("""
                {
                  "provider":"ocxlpmem",
                  "dev":"ndbus0",
                  "dimms":[
                    {
                      "dev":"nmem0",
                      "id":"1014-0000000000012345",
                      "handle":0
                    }
                  ],
                  "regions":[
                    {
                      "dev":"region0",
                      "size":1073741824,
                      "align":16777216,
                      "available_size":1073741824,
                      "max_available_extent":1073741824,
                      "type":"pmem",
                      "iset_id":74565,
                      "persistence_domain":"unknown"
                    }
                  ]
                }
                """, run("-BDR"));
    }

    @Test
    void dimmsAndRegionsWithoutBusesAreGroupedAndHumanSizesReadLikeNdctls() {
        String out = run("--dimms", "-RMu");
        assertEquals(true, out.startsWith("{\n  \"dimms\":[\n"), out);
        assertEquals(true, out.contains("\"size\":\"1024.00 MiB (1073.74 MB)\""), out);
        assertEquals(true, out.contains("\"iset_id\":\"0x12345\""), out);
        assertEquals(true, out.contains("\"mappings\":[\n        {\n          \"dimm\":\"nmem0\""), out);
    }

    @Test
    void optionsFollowGetoptsRules() {
        assertEquals(run("-B", "-D", "-R"), run("-BDR"));
        assertEquals(run("-R", "-r", "region0"), run("-Rrregion0"));
        assertEquals(run("-R", "--region=region0"), run("--regions", "--region", "region0"));
        assertEquals("", run("-R", "-r", "region9"));
        assertEquals("", run("-BDR", "--bus=ndbus7"));
        for (List<String> bad : List.of(List.of("-BDX"), List.of("--all"), List.of("-r"), List.of("region0"),
                List.of("--idle=yes"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ListCommand(nvdimm).parse(bad));
            assertTrue(e.getMessage().startsWith("ndctl:list: "), e.getMessage());
        }
    }

    @Test
    void disabledRegionsShowOnlyWithIdle() {
        region.disable();
        assertEquals("", run("-R"));
        String idle = run("-Ri");
        assertEquals(true, idle.contains("\"state\":\"disabled\""), idle);
    }
}
