package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * The walking skeleton as a user meets it: the distribution boots with one emulated card
 * (etc/dev.ocxlpmem.emulator.card-default.cfg), which shows up in the console as OpenCAPI functions
 * and as an nvdimm bus, DIMM and region, and over JMX as MBeans; deleting the card's configuration
 * takes it all down and adding it back brings it back. One Karaf boot for the whole class; the
 * methods run in name order and the one that removes the card runs last and puts it back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class EmulatedCardIT extends OcxlpmemTestSupport {

    /** LPC memory 1 GiB + 16 MiB, less the 16 MiB label area. */
    static final long REGION_SIZE = 1L << 30;

    static final String LIST_BDR = "ndctl:list -B -D -R";

    static final String BUS_MBEAN = "dev.ocxlpmem:type=Bus,name=ndbus0";
    static final String DIMM_MBEAN = "dev.ocxlpmem:type=Dimm,name=nmem0";
    static final String REGION_MBEAN = "dev.ocxlpmem:type=Region,name=region0";
    static final String NVDIMM_MBEAN = "dev.ocxlpmem:type=Nvdimm";

    private static final Set<String> BUNDLES = Set.of("memory", "ocxl", "emulator", "nvdimm", "labels", "driver",
            "shell", "management");

    @Test
    public void a0_distributionBootsWithTheOcxlpmemFeatureAndItsBundlesActive() {
        String features = executeCommand("feature:list -i");
        assertTrue("feature ocxlpmem not installed:\n" + features,
                features.lines().anyMatch(l -> l.startsWith("ocxlpmem ") && l.contains("Started")));
        String bundles = executeCommand("bundle:list -s");
        List<String> missing = new ArrayList<>();
        for (String bundle : BUNDLES) {
            String symbolicName = "dev.ocxlpmem." + bundle;
            boolean active = bundles.lines().map(String::strip)
                    .anyMatch(l -> l.endsWith(" " + symbolicName) && l.contains("Active"));
            if (!active) {
                missing.add("dev.ocxlpmem." + bundle);
            }
        }
        assertTrue("bundles not Active: " + missing + "\n" + bundles, missing.isEmpty());
    }

    @Test
    public void a1_ndctlListShowsTheCardsBusDimmAndRegion() throws Exception {
        awaitRegion();
        // the command exactly as a user types it, flags clustered as with ndctl
        String out = executeCommand("ndctl:list -BDR");
        Map<String, Object> bus = ocxlpmemBus(out);
        assertEquals("bus dev", "ndbus0", bus.get("dev"));

        List<Object> dimms = Json.array(bus.get("dimms"), "bus.dimms");
        assertEquals("one DIMM on the bus:\n" + out, 1, dimms.size());
        assertEquals("DIMM dev", "nmem0", Json.object(dimms.get(0), "bus.dimms[0]").get("dev"));

        List<Object> regions = Json.array(bus.get("regions"), "bus.regions");
        assertEquals("one region on the bus:\n" + out, 1, regions.size());
        Map<String, Object> region = Json.object(regions.get(0), "bus.regions[0]");
        assertEquals("region dev", "region0", region.get("dev"));
        assertEquals("region size = LPC memory - 16 MiB label area", REGION_SIZE, region.get("size"));
        assertEquals("region type", "pmem", region.get("type"));

        // ndctl's layout: an array of buses, "key":value with no space after the colon, two spaces of
        // indent per level.
        assertTrue("not ndctl's JSON layout:\n" + out, out.startsWith("[\n  {\n    \"provider\":\"ocxlpmem\""));
        assertTrue("not ndctl's JSON layout:\n" + out, out.contains("\n        \"dev\":\"region0\""));
        assertTrue("not ndctl's JSON layout:\n" + out, out.contains("\"size\":1073741824"));
    }

    @Test
    public void a2_ocxlListShowsBothFunctionsOfTheCard() throws Exception {
        String out = awaitCommand("ocxl:list", o -> o.contains("0006:00:00.1"), "function 0006:00:00.1",
                SETTLE_TIMEOUT_MS);
        assertTrue("function 0 missing:\n" + out, out.contains("0006:00:00.0"));
        assertTrue("function 1 missing:\n" + out, out.contains("0006:00:00.1"));
        assertTrue("IBM 0x0625 (1014:0625) missing:\n" + out, out.contains("1014:0625"));
    }

    @Test
    public void b_mbeansOverTheJmxRmiConnector() throws Exception {
        awaitRegion();
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            for (String name : List.of(NVDIMM_MBEAN, BUS_MBEAN, DIMM_MBEAN, REGION_MBEAN)) {
                assertTrue(name + " not registered; dev.ocxlpmem MBeans: "
                        + mbs.queryNames(new ObjectName("dev.ocxlpmem:*"), null),
                        mbs.isRegistered(new ObjectName(name)));
            }
            assertEquals("Region Size", REGION_SIZE, mbs.getAttribute(new ObjectName(REGION_MBEAN), "Size"));
            assertEquals("Region Type", "pmem", mbs.getAttribute(new ObjectName(REGION_MBEAN), "Type"));
            assertEquals("Bus Provider", "ocxlpmem", mbs.getAttribute(new ObjectName(BUS_MBEAN), "Provider"));
            // a blank label area: one label-less raw namespace over the whole region, which Linux shows full
            assertEquals("Region AvailableSize", 0L, mbs.getAttribute(new ObjectName(REGION_MBEAN),
                    "AvailableSize"));
            assertEquals("Bus Dimms are ObjectNames", new ObjectName(DIMM_MBEAN),
                    ((ObjectName[]) mbs.getAttribute(new ObjectName(BUS_MBEAN), "Dimms"))[0]);
        }
    }

    @Test
    public void c_deletingTheCardsConfigurationRemovesItAndAddingItBackRestoresIt() throws Exception {
        awaitRegion();
        Configuration card = theCardConfiguration();
        Dictionary<String, Object> properties = userProperties(card.getProperties());
        boolean restored = false;
        try {
            card.delete();

            String gone = awaitCommand(LIST_BDR, String::isBlank, "no bus (empty output)",
                    SETTLE_TIMEOUT_MS);
            assertEquals("", gone.strip());
            String functions = awaitCommand("ocxl:list", o -> !o.contains("0006:00:00"),
                    "no function at 0006:00:00", SETTLE_TIMEOUT_MS);
            assertFalse(functions.contains("0006:00:00"));
            try (JMXConnector connector = jmxConnect()) {
                MBeanServerConnection mbs = connector.getMBeanServerConnection();
                awaitCondition(() -> !mbs.isRegistered(new ObjectName(REGION_MBEAN)), REGION_MBEAN + " unregistered");
                assertFalse(BUS_MBEAN + " still registered", mbs.isRegistered(new ObjectName(BUS_MBEAN)));
                assertFalse(DIMM_MBEAN + " still registered", mbs.isRegistered(new ObjectName(DIMM_MBEAN)));
            }

            Configuration again = configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?");
            again.update(properties);
            restored = true;

            String back = awaitRegion();
            Map<String, Object> bus = ocxlpmemBus(back);
            assertEquals("bus dev after re-adding", "ndbus0", bus.get("dev"));
            Map<String, Object> region = Json.object(Json.array(bus.get("regions"), "bus.regions").get(0), "region");
            assertEquals("region dev after re-adding", "region0", region.get("dev"));
            assertEquals("region size after re-adding", REGION_SIZE, region.get("size"));
            String functions2 = awaitCommand("ocxl:list", o -> o.contains("0006:00:00.1"),
                    "function 0006:00:00.1", SETTLE_TIMEOUT_MS);
            assertTrue(functions2.contains("0006:00:00.0"));
        } finally {
            if (!restored && configurationAdmin.listConfigurations(cardFilter()) == null) {
                configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?").update(properties);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Waits for region0 to be listed (the card comes up asynchronously after boot) and returns the
     * listing. Flags given one by one, so that the other tests do not depend on flag clustering,
     * which a1 checks.
     */
    private String awaitRegion() throws InterruptedException {
        // once the card failed to come up in one test, the others fail fast instead of waiting again
        long timeout = cardNeverCameUp ? 2_000 : SETTLE_TIMEOUT_MS;
        try {
            return awaitCommand(LIST_BDR, o -> o.contains("\"dev\":\"region0\""), "region0", timeout);
        } catch (AssertionError e) {
            cardNeverCameUp = true;
            throw e;
        }
    }

    /** Static: the class stays loaded in the container across the test methods of one boot. */
    private static volatile boolean cardNeverCameUp;

    /** The bus whose provider is ocxlpmem, whether ndctl printed one object or an array of buses. */
    private static Map<String, Object> ocxlpmemBus(String out) {
        Object top = Json.parse(out);
        List<Object> buses = top instanceof List ? Json.array(top, "top level") : List.of(top);
        for (Object b : buses) {
            Map<String, Object> bus = Json.object(b, "bus");
            if ("ocxlpmem".equals(bus.get("provider"))) {
                return bus;
            }
        }
        throw new AssertionError("no bus with \"provider\":\"ocxlpmem\":\n" + out);
    }

    private static String cardFilter() {
        return "(service.factoryPid=" + CARD_FACTORY_PID + ")";
    }

    private Configuration theCardConfiguration() throws Exception {
        Configuration[] cards = configurationAdmin.listConfigurations(cardFilter());
        assertNotNull("no configuration of " + CARD_FACTORY_PID + " (etc/dev.ocxlpmem.emulator.card-default.cfg)",
                cards);
        assertEquals("configured cards", 1, cards.length);
        return cards[0];
    }

    /** The properties a user wrote, without those Config Admin and fileinstall add. */
    private static Dictionary<String, Object> userProperties(Dictionary<String, Object> all) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (var keys = all.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!key.startsWith("service.") && !key.startsWith("felix.fileinstall.")) {
                copy.put(key, all.get(key));
            }
        }
        assertTrue("card configuration has no image property: " + copy, copy.containsKey("image"));
        return copy;
    }
}
