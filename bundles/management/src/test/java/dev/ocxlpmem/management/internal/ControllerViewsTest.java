package dev.ocxlpmem.management.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.testing.card.OneCard;

/** A DIMM's health, firmware and controller operations over JMX, on an emulated card probed by the real driver. */
class ControllerViewsTest {
    private final RegisteredViews views = new RegisteredViews();
    private final MBeanServer server = views.server;
    private final OneCard card = OneCard.plug();
    private final Ndctl ndctl = LibNdctl.over(card.core(), ConfigDataLabels.store());
    private final DimmView dimm = new DimmView(ndctl, "nmem0");
    private final NvdimmView core = new NvdimmView(ndctl);

    @AfterEach
    void unregister() throws Exception {
        views.unregisterAll();
        card.close();
    }

    private ObjectName register(DescribedView view) {
        return views.register(view);
    }

    @Test
    void healthAndFirmwareAreAttributesAndTheControllerOperationsWork() throws Exception {
        ObjectName name = register(dimm);
        CompositeData health = (CompositeData) server.getAttribute(name, "Health");
        assertEquals("ok", health.get("healthState"));
        assertEquals(35.0, health.get("temperatureCelsius"));
        assertEquals("clean", health.get("shutdownState"));
        CompositeData firmware = (CompositeData) server.getAttribute(name, "Firmware");
        assertEquals("1.0.0", firmware.get("currentVersion"));

        byte[] image = new FirmwareImage(new FirmwareVersion("3.1.4"), new byte[4096]).toBytes();
        CompositeData updated = (CompositeData) server.invoke(name, "updateFirmware", new Object[] {image, true},
                new String[] {"[B", "boolean"});
        assertEquals("3.1.4", updated.get("currentVersion"));
        image[image.length - 1] ^= 1;
        RuntimeMBeanException bad = org.junit.jupiter.api.Assertions.assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "updateFirmware", new Object[] {image, true}, new String[] {"[B", "boolean"}));
        assertTrue(bad.getCause() instanceof IllegalArgumentException, "a refusal: " + bad.getCause());
        assertTrue(bad.getCause().getMessage().contains("firmware image invalid"), bad.getCause().getMessage());

        card.faults().logError(ErrorLogType.GENERAL, Set.of(), "from the test");
        Thread.sleep(100);
        CompositeData[] log = (CompositeData[]) server.invoke(name, "errorLog", new Object[0], new String[0]);
        assertEquals("from the test", log[log.length - 1].get("text"));
        TabularData stats = (TabularData) server.invoke(name, "statistics", new Object[0], new String[0]);
        assertEquals(100L, stats.get(new Object[] {"life_remaining_percentage"}).get("value"));

        RuntimeMBeanException busy = org.junit.jupiter.api.Assertions.assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "sanitize", new Object[0], new String[0]));
        assertTrue(busy.getCause().getMessage().contains("region0 is enabled"), busy.getCause().getMessage());
        ndctl.disableRegion("region0");
        assertEquals("SUCCEEDED", server.invoke(name, "sanitize", new Object[0], new String[0]));
    }

    @Test
    void everyControllerEventIsANotificationOfTheDimmAndTheCore() throws Exception {
        ObjectName dimmName = register(dimm);
        ObjectName coreName = register(core);
        BlockingQueue<Notification> atDimm = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> atCore = new LinkedBlockingQueue<>();
        server.addNotificationListener(dimmName, (n, h) -> atDimm.add(n), null, null);
        server.addNotificationListener(coreName, (n, h) -> atCore.add(n), null, null);
        // what NvdimmMBeans does with each EventAdmin event
        card.onEvent(e -> {
            core.notify(e);
            dimm.notify(e);
        });
        card.faults().smart(card.faults().smart().withSpares(3));
        List<String> types = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!types.contains("dev.ocxlpmem.scm.health.changed") && System.nanoTime() < deadline) {
            Notification n = atDimm.poll(100, TimeUnit.MILLISECONDS);
            if (n != null) {
                types.add(n.getType());
                assertEquals("nmem0", n.getUserData());
                assertEquals(dimmName, n.getSource());
            }
        }
        assertTrue(types.containsAll(List.of("dev.ocxlpmem.scm.error.logged", "dev.ocxlpmem.scm.health.changed")),
                types.toString());
        Notification n = atCore.poll(1, TimeUnit.SECONDS);
        assertTrue(n.getMessage().startsWith("nmem0 (0006:00:00.1): "), n.getMessage());
        assertTrue(Arrays.stream(server.getMBeanInfo(dimmName).getNotifications())
                .anyMatch(i -> Arrays.asList(i.getNotifTypes()).contains("dev.ocxlpmem.scm.overwrite.ended")));
    }

    @Test
    void aDimmWithoutAControllerHasNoHealth() throws Exception {
        try (dev.ocxlpmem.nvdimm.testing.OneDimmBus plain = dev.ocxlpmem.nvdimm.testing.OneDimmBus.blank(16384, 1)) {
            DimmView view = new DimmView(LibNdctl.over(plain.core(), ConfigDataLabels.store()), "nmem0");
            assertNull(view.getHealth());
            assertNull(view.getFirmware());
        }
    }
}
