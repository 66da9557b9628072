package dev.ocxlpmem.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.Namespace;

/**
 * Issue 17, item 6, as it was met: both index blocks of the card's label area damaged in its image,
 * then enable-region, and create-namespace -e ... -f by a manager. The region must stay disabled
 * and say why (console, bin/client's exit status, JMX), nothing may re-initialise the labels or
 * write over the namespace's data, and init-labels -f keeps the damaged area. Then one flipped
 * byte in the current index block, which Linux silently reads one update older: reported.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LabelDamageIT extends OcxlpmemTestSupport {
    static final int LABEL_AREA = 16 << 20;
    /** A version 1.2 index block of the 16 MiB area (LabelsIT): block 1 starts here. */
    static final int INDEX_SIZE = 8448;
    static final long MARKER = 0x6f63786c706d656dL;
    static final ObjectName REGION = objectName("dev.ocxlpmem:type=Region,name=region0");
    static final ObjectName DIMM = objectName("dev.ocxlpmem:type=Dimm,name=nmem0");
    static final String[] MANAGER = {"manager", "viewer"};

    @Inject
    protected BundleContext bundleContext;

    private File image() throws Exception {
        Configuration[] cards = configurationAdmin.listConfigurations("(service.factoryPid=" + CARD_FACTORY_PID + ")");
        return new File(String.valueOf(cards[0].getProperties().get("image")));
    }

    private byte[] bytes(long offset, int length) throws Exception {
        byte[] out = new byte[length];
        try (RandomAccessFile f = new RandomAccessFile(image(), "r")) {
            f.seek(offset);
            f.readFully(out);
        }
        return out;
    }

    /** One bit of a label-area byte flipped in the image, as media damage would. */
    private void flip(long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x04);
        }
    }

    private static boolean contains(byte[] bytes, long value) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= bytes.length; i += 8) {
            if (b.getLong(i) == value) {
                return true;
            }
        }
        return false;
    }

    private long dpaOf(String name) {
        String out = executeCommand("ndctl:read-labels -j nmem0");
        Map<String, Object> area = Json.object(Json.array(Json.parse(out.substring(0, out.lastIndexOf("read 1 nmem"))),
                "read-labels").get(0), "nmem0");
        for (Object l : Json.array(area.get("label"), "label")) {
            Map<String, Object> label = Json.object(l, "label");
            if (name.equals(label.get("name")) && Long.valueOf(0).equals(label.get("flags"))) {
                return (Long) label.get("dpa");
            }
        }
        throw new AssertionError("no label named " + name + " in:\n" + out);
    }

    @Test
    public void a_bothIndexBlocksDamagedLeaveTheRegionDisabledAndNothingIsWrittenImplicitly() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        initialiseLabels();
        executeCommand("ndctl:create-namespace -r region0 -m fsdax -s 128M -n db", MANAGER);
        ServiceReference<Namespace> ref = bundleContext.getServiceReferences(Namespace.class, "(name=db)").iterator()
                .next();
        try {
            Mapping data = bundleContext.getService(ref).data();
            data.putLong(0, MARKER);
            data.persist(0, 8);
        } finally {
            bundleContext.ungetService(ref);
        }
        long dpa = dpaOf("db");
        executeCommand("ndctl:disable-region region0");
        int backups = executeCommand("ndctl:list-label-backups nmem0").split("init-labels", -1).length;

        flip(0x100);
        flip(INDEX_SIZE + 0x100);
        byte[] labels = bytes(0, LABEL_AREA);
        byte[] namespace = bytes(LABEL_AREA + dpa, 8 << 20);
        assertTrue("the data written through the namespace", contains(namespace, MARKER));

        String refused = failure("ndctl:enable-region region0", MANAGER);
        assertTrue(refused, refused.contains("region0 stays disabled: nmem0 has no valid namespace index block "
                + "(index block 0: checksum: expected 0x"));
        assertTrue(refused, refused.contains("but the area is not blank: it is damaged"));
        assertTrue(refused, refused.contains("ndctl:init-labels -f nmem0"));
        assertTrue(refused, refused.contains("enabled 0 regions"));
        ClientResult client = client("karaf", "karaf", "ndctl:enable-region region0");
        assertEquals(client.output(), 1, client.status());
        assertTrue(client.output(), client.output().contains("region0 stays disabled"));
        assertFalse(client.output(), client.output().contains("\tat "));
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            try {
                mbs.invoke(REGION, "enableRegion", new Object[0], new String[0]);
                throw new AssertionError("enableRegion over JMX did not fail");
            } catch (Exception e) {
                assertTrue(String.valueOf(e), String.valueOf(e).contains("region0 stays disabled: nmem0 has no valid "
                        + "namespace index block"));
            }
            assertEquals("DAMAGED", mbs.getAttribute(DIMM, "LabelState"));
            assertEquals("disabled", mbs.getAttribute(REGION, "State"));
        }
        assertTrue(executeCommand("ndctl:list -R -i").contains("\"state\":\"disabled\""));
        assertEquals("no namespace over the old one's data", "", executeCommand("ndctl:list -N -i").strip());

        String reconfigure = failure("ndctl:create-namespace -e namespace0.0 -m fsdax -f", MANAGER);
        assertTrue(reconfigure, reconfigure.contains("failed to reconfigure namespace"));
        String init = failure("ndctl:init-labels nmem0");
        assertTrue(init, init.contains("nmem0's label area is damaged, not blank") && init.contains("use -f"));
        String check = failure("ndctl:check-labels nmem0", MANAGER);
        assertTrue(check, check.contains("nmem0: index block 0: checksum: expected")
                && check.contains("nmem0's label area has 2 errors"));
        assertEquals("no backup: nothing was replaced", backups,
                executeCommand("ndctl:list-label-backups nmem0").split("init-labels", -1).length);
        assertArrayEquals("the labels as they were", labels, bytes(0, LABEL_AREA));
        assertArrayEquals("the namespace's info block and data as they were", namespace,
                bytes(LABEL_AREA + dpa, 8 << 20));

        // the admin's way out: init-labels -f, which keeps the damaged area
        executeCommand("ndctl:init-labels -f -V 1.2 nmem0");
        String listed = executeCommand("ndctl:list-label-backups nmem0");
        assertEquals(listed, backups + 1, listed.split("init-labels", -1).length);
        assertTrue(executeCommand("ndctl:enable-region region0").contains("enabled 1 region"));
    }

    @Test
    public void b_aDamagedCurrentIndexBlockIsReportedWhereLinuxSaysNothing() throws Exception {
        initialiseLabels();
        executeCommand("ndctl:create-namespace -r region0 -m raw -s 64M -n kept", MANAGER);
        String gone = Json.object(Json.parse(executeCommand("ndctl:create-namespace -r region0 -m raw -s 64M -n "
                + "destroyed", MANAGER)), "created").get("dev").toString();
        executeCommand("ndctl:destroy-namespace -f " + gone, MANAGER);
        executeCommand("ndctl:disable-region region0");
        Map<String, Object> area = Json.object(Json.array(Json.parse(executeCommand("ndctl:read-labels -j nmem0")
                .replace("read 1 nmem", "")), "read-labels").get(0), "nmem0");
        List<Object> index = Json.array(area.get("index"), "index");
        long seq0 = (Long) Json.object(index.get(0), "index0").get("seq");
        long seq1 = (Long) Json.object(index.get(1), "index1").get("seq");
        int current = seq1 == seq0 % 3 + 1 ? 1 : 0; // seq runs 1, 2, 3, 1: the newer one is current
        assertTrue(executeCommand("ndctl:check-labels nmem0").contains("successfully verified 1 nmem label"));

        flip((long) current * INDEX_SIZE + 0x100);

        String enabled = executeCommand("ndctl:enable-region region0", MANAGER);
        assertTrue(enabled, enabled.contains("enabled 1 region"));
        assertTrue(enabled, enabled.contains("nmem0: warning: index block " + current + ": generation: expected index "
                + "block " + current + " current"));
        assertTrue(enabled, enabled.contains("a namespace destroyed or changed in the lost update reads as before it"));
        String check = failure("ndctl:check-labels nmem0", MANAGER);
        assertTrue(check, check.contains("fell back one generation"));
        assertTrue(check, check.contains("nmem0's current index block is damaged"));
        ClientResult client = client("karaf", "karaf", "ndctl:check-labels nmem0");
        assertEquals(client.output(), 1, client.status());
        try (JMXConnector connector = jmxConnect()) {
            assertEquals("DAMAGED", connector.getMBeanServerConnection().getAttribute(REGION, "LabelState"));
        }
        assertTrue("as under Linux, the destroyed namespace is back",
                executeCommand("ndctl:list -N").contains("\"name\":\"destroyed\""));
    }
}
