package dev.ocxlpmem.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

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
 * Cards that must not come up, as an operator meets them: a second configuration on the image of
 * the running card, or at its PCI location, an image outside the cards' directories, and a card
 * whose image went missing. Each is refused,
 * and ocxl:list and JMX say why and what to do, not only the log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class CardProblemsIT extends OcxlpmemTestSupport {

    private String image() throws Exception {
        Configuration[] cards = configurationAdmin.listConfigurations("(service.factoryPid=" + CARD_FACTORY_PID + ")");
        String image = String.valueOf(cards[0].getProperties().get("image"));
        return new File(image).getCanonicalPath();
    }

    private Configuration card(String location, String image) throws Exception {
        return card(location, image, 1090519040L);
    }

    private Configuration card(String location, String image, long lpcMemorySize) throws Exception {
        Configuration c = configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("location", location);
        p.put("image", image);
        p.put("lpcMemorySize", lpcMemorySize);
        p.put("serial", 74566L);
        c.update(p);
        return c;
    }

    @Test
    public void a_aSecondCardOnTheSameImageIsRefusedAndSaysWhy() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        String image = image();
        Configuration twin = card("0006:01:00", image);
        try {
            String list = awaitCommand("ocxl:list", o -> o.contains("0006:01:00"), "the refused card", SETTLE_TIMEOUT_MS);
            assertTrue(list, list.contains("0006:01:00: emulator failed at 'claim PCI location and image': image "
                    + image + " is used by the card at 0006:00:00"));
            assertTrue(list, list.contains("what to do: give configuration"));
            try (JMXConnector connector = jmxConnect()) {
                MBeanServerConnection mbs = connector.getMBeanServerConnection();
                ObjectName card = new ObjectName("dev.ocxlpmem:type=Card,name=" + ObjectName.quote("0006:01:00"));
                awaitCondition(() -> mbs.isRegistered(card), card + " registered");
                assertEquals("failed", mbs.getAttribute(card, "State"));
                assertEquals("claim PCI location and image", mbs.getAttribute(card, "Step"));
                assertTrue(String.valueOf(mbs.getAttribute(card, "Reason")).contains("two cards on one image"));
            }
            assertTrue("the first card still works", executeCommand("ndctl:list -R").contains("\"dev\":\"region0\""));
            assertFalse("no second bus", executeCommand("ndctl:list -B").contains("ndbus1"));
        } finally {
            twin.delete();
        }
        awaitCommand("ocxl:list", o -> !o.contains("0006:01:00"), "the refused card gone", SETTLE_TIMEOUT_MS);
    }

    @Test
    public void b_aSecondCardAtTheSameLocationIsRefused() throws Exception {
        File other = new File(new File(image()).getParentFile(), "other.img");
        Configuration twin = card("0006:00:00", other.getPath());
        try {
            String list = awaitCommand("ocxl:list", o -> o.contains("is taken by"), "the refusal", SETTLE_TIMEOUT_MS);
            assertTrue(list, list.contains("PCI location 0006:00:00 is taken by the card of configuration"));
            assertFalse("nothing created for the refused card", other.exists());
        } finally {
            twin.delete();
        }
    }

    /**
     * An image outside ${karaf.data}/ocxlpmem, even an admin's, is refused before anything is
     * created or opened, until an admin adds its directory to configuration dev.ocxlpmem.emulator.
     */
    @Test
    public void b2_anImageOutsideTheCardsDirectoriesIsRefusedAndNothingIsTouched() throws Exception {
        File outside = new File(System.getProperty("karaf.home"), "outside").getCanonicalFile();
        assertTrue(outside.mkdirs());
        File existing = new File(outside, "precious.bin");
        byte[] content = "not a card image\n".getBytes(StandardCharsets.UTF_8);
        Files.write(existing.toPath(), content);
        File fresh = new File(outside, "new/card.img");
        Configuration emulator = configurationAdmin.getConfiguration("dev.ocxlpmem.emulator", null);
        for (File image : List.of(existing, fresh)) {
            Configuration card = card("0006:02:00", image.getPath());
            try {
                String list = awaitCommand("ocxl:list", o -> o.contains("0006:02:00: emulator failed"), "the refusal",
                        SETTLE_TIMEOUT_MS);
                assertTrue(list, list.contains("0006:02:00: emulator failed at 'check configuration': image " + image
                        + " is outside the directories card images may be in: "
                        + new File(System.getProperty("karaf.data"), "ocxlpmem").getCanonicalPath()));
                assertTrue(list, list.contains("imageDirectories of configuration dev.ocxlpmem.emulator"));
            } finally {
                card.delete();
            }
            awaitCommand("ocxl:list", o -> !o.contains("0006:02:00"), "the refused card gone", SETTLE_TIMEOUT_MS);
        }
        assertArrayEquals("the file outside is as it was", content, Files.readAllBytes(existing.toPath()));
        assertFalse("nothing created outside", fresh.getParentFile().exists());
        Dictionary<String, Object> allowed = new Hashtable<>();
        allowed.put("imageDirectories", outside.getPath());
        emulator.update(allowed);
        Configuration card = card("0006:02:00", fresh.getPath(), 33554432L);
        try {
            awaitCommand("ndctl:list -B", o -> o.contains("ndbus1"), "the second card's bus", SETTLE_TIMEOUT_MS);
            assertEquals(33554432L, fresh.length());
        } finally {
            card.delete();
            emulator.delete();
        }
        awaitCommand("ndctl:list -B", o -> !o.contains("ndbus1"), "the second card gone", SETTLE_TIMEOUT_MS);
    }

    @Test
    public void c_aMissingImageIsNotReplacedByABlankOne() throws Exception {
        Configuration[] cards = configurationAdmin.listConfigurations("(service.factoryPid=" + CARD_FACTORY_PID + ")");
        Configuration card = cards[0];
        Dictionary<String, Object> properties = card.getProperties();
        File image = new File(image());
        card.delete();
        awaitCommand("ndctl:list -B", String::isBlank, "no bus", SETTLE_TIMEOUT_MS);
        File moved = new File(image.getPath() + ".moved");
        assertTrue(image.renameTo(moved));
        try {
            Configuration again = configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?");
            Hashtable<String, Object> copy = new Hashtable<>();
            for (var keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!key.startsWith("service.") && !key.startsWith("felix.fileinstall.")) {
                    copy.put(key, properties.get(key));
                }
            }
            again.update(copy);
            String list = awaitCommand("ocxl:list", o -> o.contains("is missing"), "the refusal", SETTLE_TIMEOUT_MS);
            assertTrue(list, list.contains("image " + image.getPath() + " is missing, but a card used it"));
            assertFalse("no blank image made", image.exists());
            again.delete();
            awaitCommand("ocxl:list", o -> !o.contains("is missing"), "the refusal gone", SETTLE_TIMEOUT_MS);
            assertTrue(moved.renameTo(image));
            configurationAdmin.createFactoryConfiguration(CARD_FACTORY_PID, "?").update(copy);
            awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0 back", SETTLE_TIMEOUT_MS);
        } finally {
            if (moved.exists()) {
                moved.renameTo(image);
            }
        }
    }
}
