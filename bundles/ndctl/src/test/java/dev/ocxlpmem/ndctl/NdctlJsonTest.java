package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.nvdimm.PersistenceDomain;

/**
 * The JSON against what ndctl 76 printed on Linux 6.1 for a 1 GiB QEMU NVDIMM (linux-peer:
 * {@code ndctl list -DR}, {@code -RDu}, {@code -Du}), with this region's iset_id added.
 */
class NdctlJsonTest {
    private static final DimmInfo DIMM = new DimmInfo("nmem0", "ndbus0", "8680-56341200", 1, true, false, false,
            Set.of(), Set.of(), List.of(), 131072);
    private static final RegionInfo REGION = new RegionInfo("region0", "ndbus0", 1L << 30, 16 << 20, 0, 0, "pmem",
            74565, List.of(new MappingInfo("nmem0", 0, 1L << 30, 0)), PersistenceDomain.UNKNOWN, true, false, 0, -1);

    @Test
    void aDimmAsNdctlPrintsIt() {
        assertEquals("""
                [
                  {
                    "dev":"nmem0",
                    "id":"8680-56341200",
                    "handle":1,
                    "phys_id":1
                  }
                ]""", NdctlJson.display(List.of(NdctlJson.dimm(DIMM, false)), false));
        assertEquals("""
                {
                  "dev":"nmem0",
                  "id":"8680-56341200",
                  "handle":"0x1",
                  "phys_id":"0x1"
                }""", NdctlJson.display(List.of(NdctlJson.dimm(DIMM, true)), true));
    }

    @Test
    void aRegionWithItsMappingsInHumanUnits() {
        assertEquals("""
                {
                  "dev":"region0",
                  "size":"1024.00 MiB (1073.74 MB)",
                  "align":"16.00 MiB (16.78 MB)",
                  "available_size":0,
                  "max_available_extent":0,
                  "type":"pmem",
                  "iset_id":"0x12345",
                  "mappings":[
                    {
                      "dimm":"nmem0",
                      "offset":"0",
                      "length":"0x40000000",
                      "position":0
                    }
                  ],
                  "persistence_domain":"unknown"
                }""", NdctlJson.display(List.of(NdctlJson.region(REGION, REGION.mappings(), true)), true));
    }

    @Test
    void aDisabledRegionSaysSoBeforeItsPersistenceDomain() {
        RegionInfo disabled = new RegionInfo("region0", "ndbus0", 1L << 30, 16 << 20, 1L << 30, 1L << 30, "pmem", 74565,
                List.of(), PersistenceDomain.UNKNOWN, false, false, 0, -1);
        assertEquals("""
                [
                  {
                    "dev":"region0",
                    "size":1073741824,
                    "align":16777216,
                    "available_size":1073741824,
                    "max_available_extent":1073741824,
                    "type":"pmem",
                    "iset_id":74565,
                    "state":"disabled",
                    "persistence_domain":"unknown"
                  }
                ]""", NdctlJson.display(List.of(NdctlJson.region(disabled, null, false)), false));
    }

    @Test
    void humanSizesRoundAsNdctlDoes() {
        assertEquals(4096L, NdctlJson.size(4096, true));
        assertEquals(5119999L, NdctlJson.size(5119999, true));
        assertEquals("4.88 MiB (5.12 MB)", NdctlJson.size(5120000, true));
        assertEquals("2.00 GiB (2.15 GB)", NdctlJson.humanSize(2L << 30));
        assertEquals("2.00 TiB (2.20 TB)", NdctlJson.humanSize(2L << 40));
        assertEquals("0xffffffffffffffff", NdctlJson.hex(-1, true));
        assertEquals(new java.math.BigInteger("18446744073709551615"), NdctlJson.hex(-1, false));
    }
}
