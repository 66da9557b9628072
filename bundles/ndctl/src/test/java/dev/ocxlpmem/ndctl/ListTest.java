package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** {@code ndctl list} on a real one-DIMM bus, against the layout ndctl 76 prints. */
class ListTest {
    private final OneDimmBus card = OneDimmBus.blank(131072, 0x12345);
    private final Ndctl ndctl = LibNdctl.over(card.core(), ConfigDataLabels.store());

    @AfterEach
    void close() {
        card.close();
    }

    private String run(String... args) throws NvdimmException {
        return ndctl.list(ListRequest.parse(List.of(args))).json();
    }

    private static final String REGION = """
              {
                "dev":"region0",
                "size":1073741824,
                "align":16777216,
                "available_size":1073741824,
                "max_available_extent":1073741824,
                "type":"pmem",
                "iset_id":74565,
            %s    "persistence_domain":"unknown"
              }""";

    @Test
    void busesWithDimmsAndRegionsAsNdctlPrintsThem() throws Exception {
        String expected = """
                [
                  {
                    "provider":"test",
                    "dev":"ndbus0",
                    "dimms":[
                      {
                        "dev":"nmem0",
                        "id":"0x1014-12345",
                        "handle":0,
                        "phys_id":0
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
                        "mappings":[
                          {
                            "dimm":"nmem0",
                            "offset":0,
                            "length":1073741824,
                            "position":0
                          }
                        ],
                        "persistence_domain":"unknown"
                      }
                    ]
                  }
                ]""";
        assertEquals(expected, run("-BDR"));
        assertEquals(expected, run("-B", "-D", "-R"));
        assertEquals(expected, run("--buses", "--dimms", "--regions"));
    }

    @Test
    void regionsAloneAreAnArrayAndWithHumanUnitsTheLoneOneIsNot() throws Exception {
        assertEquals("[\n" + REGION.formatted("") + "\n]", run("-R"));
        String human = run("-Ru");
        assertTrue(human.startsWith("{\n  \"dev\":\"region0\",\n  \"size\":\"1024.00 MiB (1073.74 MB)\""), human);
        assertTrue(human.contains("\"iset_id\":\"0x12345\""), human);
    }

    @Test
    void aFilterAloneListsThatKindAndNumbersAreNames() throws Exception {
        assertEquals(run("-R"), run("-r", "region0"));
        assertEquals(run("-R"), run("-r", "0"));
        assertEquals(run("-R"), run("-r0"));
        assertEquals(run("-R"), run("--region=region0"));
        assertEquals(run("-D"), run("-d", "nmem0"));
        assertTrue(run("-b", "test").contains("\"provider\":\"test\""));
        assertEquals(run("-b", "ndbus0"), run("-b", "0"));
        NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class, () -> run("-r", "region9"));
        assertEquals("no region 'region9': there is region0", e.getMessage());
    }

    @Test
    void dimmsAndRegionsWithoutBusesShareOneObject() throws Exception {
        String out = run("-DR");
        assertTrue(out.startsWith("{\n  \"dimms\":[\n    {\n      \"dev\":\"nmem0\""), out);
        assertTrue(out.contains("\n  \"regions\":[\n    {\n      \"dev\":\"region0\""), out);
        assertTrue(out.contains("\"mappings\""), "-D with -R shows mappings:\n" + out);
        assertTrue(!run("-R", "-M").contains("mappings"), "-M is media errors, not mappings");
    }

    @Test
    void disabledRegionsNeedIdle() throws Exception {
        card.region().disable();
        assertEquals("", run("-R"));
        String idle = run("-Ri");
        assertTrue(idle.contains("\"state\":\"disabled\",\n    \"persistence_domain\""), idle);
        assertTrue(run("-r", "region0").isEmpty(), "ndctl: a filter does not show a disabled region");
    }

    @Test
    void aLineOfFlagsIsTheSameRequestAsItsWords() throws Exception {
        assertEquals(ListRequest.parse(List.of("-BDR", "-r", "0", "--human")), ListRequest.parse(" -BDR -r 0\t--human "));
        assertEquals(run("-Ru"), ndctl.list(ListRequest.parse("-r 0 -u")).json());
        assertEquals(run(), ndctl.list(ListRequest.parse("")).json());
        assertEquals(ListRequest.parse(List.of()), ListRequest.parse((String) null));
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertEquals("ndctl:list: unknown option -Q; see ndctl:list --help",
                assertThrows(IllegalArgumentException.class, () -> run("-BQ")).getMessage());
        assertEquals("ndctl:list: -r needs a value",
                assertThrows(IllegalArgumentException.class, () -> run("-r")).getMessage());
        assertEquals("ndctl:list: --buses takes no value",
                assertThrows(IllegalArgumentException.class, () -> run("--buses=1")).getMessage());
        assertEquals("ndctl:list: unknown parameter \"region0\"; see ndctl:list --help",
                assertThrows(IllegalArgumentException.class, () -> run("region0")).getMessage());
    }
}
