package dev.ocxlpmem.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.namespaces.Namespace;

/**
 * Namespaces in the distribution, as an operator and an application use them: the console session
 * of issue 9 on the emulated card, the namespace services an application reaches, the MBeans and
 * their notifications over the JMX RMI connector, the card removed and added back, and the card
 * image Linux wrote (bundles/namespaces/src/test/resources/linux-namespaces) plugged as a second
 * emulated card.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class NamespacesIT extends OcxlpmemTestSupport {
    static final ObjectName NVDIMM = name("dev.ocxlpmem:type=Nvdimm");
    static final ObjectName REGION = name("dev.ocxlpmem:type=Region,name=region0");
    static final long MIB = 1L << 20;

    @Inject
    protected BundleContext bundleContext;

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        String fixture = System.getProperty("ocxlpmem.namespaces.fixture",
                "../bundles/namespaces/src/test/resources/linux-namespaces/card-image-4ns.bin.gz");
        options.add(systemProperty("ocxlpmem.namespaces.fixture").value(new File(fixture).getAbsolutePath()));
        return options.toArray(new Option[0]);
    }

    @Test
    public void a_theSessionOfTheIssue() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        assertEquals("a label-less region: one raw namespace over all of it", "raw",
                namespace(Json.parse(executeCommand("ndctl:list -N")), "namespace0.0").get("mode"));
        String refused = failure("ndctl:create-namespace -s 64M");
        assertTrue(refused, refused.contains("Legacy / label-less namespaces do not support sub-dividing a region"));

        executeCommand("ndctl:disable-region region0");
        assertTrue(executeCommand("ndctl:init-labels -f -V 1.2 nmem0").contains("initialized 1 nmem"));
        executeCommand("ndctl:enable-region region0");

        Map<String, Object> db = Json.object(Json.parse(executeCommand(
                "ndctl:create-namespace -r region0 -m fsdax -s 128M -n db")), "create-namespace");
        assertEquals("namespace0.0", db.get("dev"));
        assertEquals("fsdax", db.get("mode"));
        assertEquals("dev", db.get("map"));
        assertEquals(130023424L, db.get("size"));
        assertEquals(512L, db.get("sector_size"));
        assertEquals(2097152L, db.get("align"));
        assertEquals("pmem0", db.get("blockdev"));
        assertEquals("db", db.get("name"));
        Map<String, Object> dax = Json.object(Json.parse(executeCommand("ndctl:create-namespace -m devdax -s 64M")),
                "devdax");
        assertEquals("namespace0.1", dax.get("dev"));
        assertEquals(65011712L, dax.get("size"));
        assertEquals("dax0.1", Json.object(Json.array(Json.object(dax.get("daxregion"), "daxregion").get("devices"),
                "devices").get(0), "device").get("chardev"));
        Map<String, Object> scratch = Json.object(Json.parse(executeCommand(
                "ndctl:create-namespace -m raw -s 32M -n scratch")), "raw");
        assertEquals("namespace0.2", scratch.get("dev"));
        assertEquals(33554432L, scratch.get("size"));

        List<Object> listed = Json.array(Json.parse(executeCommand("ndctl:list -N")), "list -N");
        assertEquals(3, listed.size());
        Map<String, Object> region = Json.object(Json.array(Json.object(Json.parse(executeCommand("ndctl:list -RN")),
                "list -RN").get("regions"), "regions").get(0), "region0");
        assertEquals((1024L - 224) * MIB, region.get("available_size"));
        assertEquals(3, Json.array(region.get("namespaces"), "namespaces").size());
        Map<String, Object> seed = namespace(Json.parse(executeCommand("ndctl:list -Ni")), "namespace0.3");
        assertEquals("disabled", seed.get("state"));

        String active = failure("ndctl:create-namespace -e namespace0.2 -m fsdax");
        assertTrue(active, active.contains("namespace0.2 is active, specify --force for re-configuration"));
        Map<String, Object> recfg = Json.object(Json.parse(executeCommand(
                "ndctl:create-namespace -e namespace0.2 -m fsdax -f")), "reconfigure");
        assertEquals("fsdax", recfg.get("mode"));
        assertEquals("scratch", recfg.get("name"));
        assertEquals(30 * MIB, recfg.get("size"));

        assertTrue(executeCommand("ndctl:disable-namespace namespace0.1").contains("disabled 1 namespace"));
        assertTrue(executeCommand("ndctl:destroy-namespace -f namespace0.1").contains("destroyed 1 namespace"));
        assertTrue(executeCommand("ndctl:disable-namespace namespace0.0").contains("disabled 1 namespace"));
        String block = executeCommand("ndctl:read-infoblock -j namespace0.0");
        assertTrue(block, block.contains("read 1 infoblock"));
        Map<String, Object> pfn = Json.object(Json.array(Json.parse(block.substring(0, block.lastIndexOf("read 1"))),
                "read-infoblock").get(0), "info block");
        assertEquals("NVDIMM_PFN_INFO", pfn.get("signature"));
        assertEquals(db.get("uuid"), pfn.get("uuid"));
        assertEquals(4194304L, pfn.get("dataoff"));
        assertEquals(31744L, pfn.get("npfns"));
        String check = executeCommand("ndctl:check-namespace namespace0.0");
        assertTrue(check, check.contains("namespace0.0: NVDIMM_PFN_INFO (fsdax) valid"));
        assertTrue(check, check.contains("checked 1 namespace"));
        assertTrue(executeCommand("ndctl:enable-namespace namespace0.0").contains("enabled 1 namespace"));
        String bad = failure("ndctl:create-namespace -m fsdax -s 20M");
        assertTrue(bad, bad.contains("is misaligned"));
        bad = failure("ndctl:create-namespace -m raw -s 16M -n " + "n".repeat(64));
        assertTrue(bad, bad.contains("alt name overflow"));
    }

    @Test
    public void b_anApplicationReachesItsNamespaceAsAService() throws Exception {
        Collection<ServiceReference<Namespace>> refs = bundleContext.getServiceReferences(Namespace.class,
                "(name=db)");
        assertEquals(1, refs.size());
        ServiceReference<Namespace> ref = refs.iterator().next();
        assertEquals("namespace0.0", ref.getProperty(Namespace.DEV));
        assertEquals("fsdax", ref.getProperty(Namespace.MODE));
        assertEquals(130023424L, ref.getProperty(Namespace.SIZE));
        assertEquals("region0", ref.getProperty(Namespace.REGION));
        Namespace db = bundleContext.getService(ref);
        try {
            Mapping data = db.data();
            byte[] record = "a record".getBytes(StandardCharsets.UTF_8);
            data.copyAndPersist(0, record, 0, record.length);
            byte[] back = new byte[record.length];
            data.get(0, back, 0, back.length);
            assertArrayEquals(record, back);
            executeCommand("ndctl:disable-namespace namespace0.0");
            assertTrue("withdrawn when disabled", bundleContext.getServiceReferences(Namespace.class, "(name=db)")
                    .isEmpty());
            try {
                data.getLong(0);
                fail("a closed namespace's mapping read");
            } catch (MappingClosedException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("namespace0.0 is closed"));
            }
            executeCommand("ndctl:enable-namespace namespace0.0");
            Namespace again = bundleContext.getService(bundleContext.getServiceReferences(Namespace.class, "(name=db)")
                    .iterator().next());
            again.data().get(0, back, 0, back.length);
            assertArrayEquals("persisted", record, back);
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    @Test
    public void c_theMBeansOverRmi() throws Exception {
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            List<Notification> notifications = new CopyOnWriteArrayList<>();
            NotificationListener listener = (n, handback) -> notifications.add(n);
            mbs.addNotificationListener(NVDIMM, listener, null, null);
            String json = (String) mbs.invoke(REGION, "createNamespace", new Object[] {"raw", "16M", "jmx", "", ""},
                    new String[] {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String",
                        "java.lang.String"});
            String dev = (String) Json.object(Json.parse(json), "createNamespace").get("dev");
            ObjectName ns = name("dev.ocxlpmem:type=Namespace,name=" + dev);
            awaitCondition(() -> mbs.isRegistered(ns), ns + " registered");
            assertEquals("raw", mbs.getAttribute(ns, "Mode"));
            assertEquals(16 * MIB, mbs.getAttribute(ns, "Size"));
            assertEquals("jmx", mbs.getAttribute(ns, "Name"));
            assertEquals("enabled", mbs.getAttribute(ns, "State"));
            assertEquals(REGION, mbs.getAttribute(ns, "Region"));
            ObjectName db = name("dev.ocxlpmem:type=Namespace,name=namespace0.0");
            assertEquals("fsdax", mbs.getAttribute(db, "Mode"));
            assertEquals(4194304L, mbs.getAttribute(db, "DataOffset"));
            assertEquals("pmem0", mbs.getAttribute(db, "Blockdev"));
            assertTrue(Arrays.asList((ObjectName[]) mbs.getAttribute(REGION, "Namespaces")).contains(ns));
            try {
                mbs.invoke(ns, "destroy", new Object[] {false}, new String[] {"boolean"});
                fail("destroyed while enabled");
            } catch (Exception e) {
                String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                assertTrue(message, message.contains("is active, specify --force"));
            }
            mbs.invoke(ns, "disable", new Object[0], new String[0]);
            assertEquals("disabled", mbs.getAttribute(ns, "State"));
            mbs.invoke(ns, "destroy", new Object[] {true}, new String[] {"boolean"});
            awaitCondition(() -> !mbs.isRegistered(ns), ns + " unregistered");
            awaitCondition(() -> notifications.size() >= 3, "3 notifications, got " + notifications);
            List<String> types = notifications.stream().map(Notification::getType).toList();
            assertEquals(List.of("dev.ocxlpmem.namespace.created", "dev.ocxlpmem.namespace.disabled",
                    "dev.ocxlpmem.namespace.destroyed"), types);
            mbs.removeNotificationListener(NVDIMM, listener);
        }
    }

    @Test
    public void d_theCardRemovedAndAddedBackKeepsItsNamespaces() throws Exception {
        String before = executeCommand("ndctl:list -N");
        org.osgi.service.cm.Configuration card = configurationAdmin.listConfigurations(
                "(service.factoryPid=" + CARD_FACTORY_PID + ")")[0];
        Dictionary<String, Object> properties = userProperties(card.getProperties());
        card.delete();
        awaitCommand("ndctl:list -N", String::isBlank, "no namespace", SETTLE_TIMEOUT_MS);
        configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?").update(properties);
        String after = awaitCommand("ndctl:list -N", o -> o.contains("namespace0.0"), "namespaces", SETTLE_TIMEOUT_MS);
        assertEquals(identities(before), identities(after));
    }

    /** What the namespaces are, whatever Linux's numbering made of them when the region came back. */
    private static List<String> identities(String listed) {
        Object parsed = Json.parse(listed);
        List<Object> all = parsed instanceof List ? Json.array(parsed, "namespaces") : List.of(parsed);
        List<String> ids = new ArrayList<>();
        for (Object o : all) {
            Map<String, Object> ns = Json.object(o, "namespace");
            ids.add(ns.get("uuid") + " " + ns.get("name") + " " + ns.get("mode") + " " + ns.get("size"));
        }
        Collections.sort(ids);
        return ids;
    }

    @Test
    public void e_theCardImageLinuxWroteListsAsItsReadme() throws Exception {
        Path image = Path.of(System.getProperty("karaf.data"), "ocxlpmem", "linux-fixture.img");
        unpackSparse(Path.of(System.getProperty("ocxlpmem.namespaces.fixture")), image);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("image", image.toString());
        properties.put("lpcMemorySize", 1090519040L);
        properties.put("serial", 52512752653219036L); // the interleave-set cookie Linux put in the labels
        properties.put("location", "0007:00:00");
        org.osgi.service.cm.Configuration card = configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?");
        card.update(properties);
        try {
            awaitCommand("ndctl:list -R -i", o -> o.contains("\"dev\":\"region1\""), "region1", SETTLE_TIMEOUT_MS);
            // the region is listed (-i) from its registration on; its namespaces once its driver read them
            String out = awaitCommand("ndctl:list -r region1 -N -v", o -> o.contains("\"dev\":\"namespace1.3\""),
                    "region1's namespaces", SETTLE_TIMEOUT_MS);
            Object listed = Json.parse(out);
            Map<String, Object> fsdax = namespace(listed, "namespace1.0");
            assertEquals("fsdax", fsdax.get("mode"));
            assertEquals(130023424L, fsdax.get("size"));
            assertEquals("16953000-0cb3-4787-afef-21da1abc7824", fsdax.get("uuid"));
            assertEquals("9adbdc12-fa83-4b1a-a5fa-239c43c686c7", fsdax.get("raw_uuid"));
            assertEquals("fsdaxns", fsdax.get("name"));
            assertEquals("pmem1", fsdax.get("blockdev"));
            Map<String, Object> devdax = namespace(listed, "namespace1.1");
            assertEquals("devdax", devdax.get("mode"));
            assertEquals(65011712L, devdax.get("size"));
            assertEquals("a988152f-13f8-4d1a-b957-8c111e1085da", devdax.get("uuid"));
            assertEquals("devdaxns", devdax.get("name"));
            Map<String, Object> sector = namespace(listed, "namespace1.2");
            assertEquals("sector", sector.get("mode"));
            assertEquals(65966080L, sector.get("size"));
            assertEquals("5d03ca09-1c03-47a1-81e7-dde3a149471c", sector.get("uuid"));
            assertEquals("f0feef0f-cbb2-4dcb-a24b-72ab098e880c", sector.get("raw_uuid"));
            assertEquals(4096L, sector.get("sector_size"));
            assertEquals("pmem1.2s", sector.get("blockdev"));
            assertEquals("sectorns", sector.get("name"));
            Map<String, Object> raw = namespace(listed, "namespace1.3");
            assertEquals("raw", raw.get("mode"));
            assertEquals(33554432L, raw.get("size"));
            assertEquals("24265b70-763a-426f-a26f-6de8b95f4843", raw.get("uuid"));
            assertEquals("rawns", raw.get("name"));
            Map<String, Object> region = Json.object(Json.array(Json.parse(executeCommand("ndctl:list -R -r region1")),
                    "region1").get(0), "region1");
            assertEquals(771751936L, region.get("available_size"));
            assertEquals(771751936L, region.get("max_available_extent"));

            Namespace rawns = bundleContext.getService(bundleContext.getServiceReferences(Namespace.class,
                    "(name=rawns)").iterator().next());
            byte[] text = new byte[11];
            rawns.data().get(MIB, text, 0, text.length);
            assertEquals("raw-at-1MiB", new String(text, StandardCharsets.US_ASCII));
            Namespace sectorns = bundleContext.getService(bundleContext.getServiceReferences(Namespace.class,
                    "(&(name=sectorns)(mode=sector))").iterator().next());
            byte[] three = new byte[4096];
            sectorns.sectors().read(3, three, 0, three.length);
            assertEquals("sector-three-of-sectorns", new String(three, 0, 24, StandardCharsets.US_ASCII));
            assertEquals("padded with zeros", 0, three[24]);
            executeCommand("ndctl:disable-namespace namespace1.2");
            assertTrue(executeCommand("ndctl:check-namespace namespace1.2").contains("checked 1 namespace"));

            executeCommand("ndctl:disable-namespace namespace1.0");
            String block = executeCommand("ndctl:read-infoblock -j namespace1.0");
            Map<String, Object> pfn = Json.object(Json.array(Json.parse(block.substring(0, block.lastIndexOf("read 1"))),
                    "read-infoblock").get(0), "info block");
            assertEquals("NVDIMM_PFN_INFO", pfn.get("signature"));
            assertEquals("9adbdc12-fa83-4b1a-a5fa-239c43c686c7", pfn.get("parent_uuid"));
            assertEquals(4194304L, pfn.get("dataoff"));
            assertEquals(31744L, pfn.get("npfns"));
            assertEquals("1.4", pfn.get("version"));
        } finally {
            card.delete();
            awaitCommand("ndctl:list -R -i", o -> !o.contains("region1"), "region1 gone", SETTLE_TIMEOUT_MS);
            Files.deleteIfExists(image);
        }
    }

    /** Issue 10's session: a sector namespace made, written through its service, reconfigured, checked. */
    @Test
    public void f_sectorMode() throws Exception {
        Map<String, Object> wal = Json.object(Json.parse(executeCommand(
                "ndctl:create-namespace -r region0 -m sector -l 4096 -s 64M -n wal")), "create-namespace");
        assertEquals("sector", wal.get("mode"));
        assertEquals(65966080L, wal.get("size"));
        assertEquals(4096L, wal.get("sector_size"));
        assertEquals("wal", wal.get("name"));
        String dev = (String) wal.get("dev");
        assertEquals("pmem0." + dev.substring("namespace0.".length()) + "s", wal.get("blockdev"));
        awaitCondition(() -> bundleContext.getServiceReferences(Namespace.class, "(name=wal)").size() == 1,
                "the wal namespace's service");
        Namespace service = bundleContext.getService(bundleContext.getServiceReferences(Namespace.class, "(name=wal)")
                .iterator().next());
        byte[] record = Arrays.copyOf("wal record 1".getBytes(StandardCharsets.US_ASCII), 4096);
        service.sectors().write(0, record, 0, record.length);

        Map<String, Object> small = Json.object(Json.parse(executeCommand(
                "ndctl:create-namespace -e " + dev + " -m sector -l 512 -f")), "reconfigure");
        assertEquals(512L, small.get("sector_size"));
        assertEquals("Linux's size for -s 64M -l 512", 66428928L, small.get("size"));
        executeCommand("ndctl:disable-namespace " + dev);
        String checked = executeCommand("ndctl:check-namespace -R " + dev);
        assertTrue(checked, checked.contains("checked 1 namespace"));
        executeCommand("ndctl:enable-namespace " + dev);
        assertTrue(executeCommand("ndctl:destroy-namespace -f " + dev).contains("destroyed 1 namespace"));
    }

    // ------------------------------------------------------------------ helpers

    /** The namespace {@code dev} in a list -N output: an array, or a lone object. */
    private static Map<String, Object> namespace(Object listed, String dev) {
        List<Object> all = listed instanceof List ? Json.array(listed, "namespaces") : List.of(listed);
        for (Object o : all) {
            Map<String, Object> ns = Json.object(o, "namespace");
            if (dev.equals(ns.get("dev"))) {
                return ns;
            }
        }
        throw new AssertionError("no " + dev + " in " + listed);
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
        assertNotNull("card configuration has no image property: " + copy, copy.get("image"));
        return copy;
    }

    /** Unpacks the gzipped image into a sparse file: only its non-zero blocks are written. */
    private static void unpackSparse(Path gz, Path image) throws Exception {
        Files.createDirectories(image.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
                FileChannel out = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
            byte[] block = new byte[1 << 16];
            long position = 0;
            int n;
            while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (block[i] != 0) {
                        out.write(ByteBuffer.wrap(block, 0, n), position);
                        break;
                    }
                }
                position += n;
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(1090519040L);
        }
    }
}
