package dev.ocxlpmem.connector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.Query;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The forwarder in front of a real MBean server, called as the RMI connector calls it: inside Subject.doAs. */
class GuardingForwarderTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<Event> posted = new ArrayList<>();
    private final GuardingForwarder handler = GuardingForwarder.create(() -> new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            posted.add(event);
        }
    });
    private final MBeanServerForwarder forwarder = handler.asForwarder();

    GuardingForwarderTest() {
        forwarder.setMBeanServer(server);
    }

    private static Subject user(String name, String... roles) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(name));
        for (String role : roles) {
            s.getPrincipals().add(new RolePrincipal(role));
        }
        return s;
    }

    @SuppressWarnings("removal")
    private static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        try {
            return Subject.doAs(subject, action);
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    @Test
    void aViewerAndAManagerCreateUnregisterListenAndQueryNothing() throws Exception {
        ObjectName timer = new ObjectName("t:type=Timer");
        server.createMBean("javax.management.timer.Timer", timer);
        for (Subject s : List.of(user("vera", "viewer"), user("max", "manager", "viewer"))) {
            SecurityException e = assertThrows(SecurityException.class,
                    () -> as(s, () -> forwarder.createMBean("javax.management.timer.Timer", new ObjectName("t:type=Other"))));
            assertTrue(e.getMessage().startsWith("to create an MBean over JMX needs the admin role; user '"), e.getMessage());
            assertThrows(SecurityException.class, () -> as(s, () -> {
                forwarder.unregisterMBean(timer);
                return null;
            }));
            assertThrows(SecurityException.class, () -> as(s, () -> {
                forwarder.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, timer, null, null);
                return null;
            }));
            assertThrows(SecurityException.class, () -> as(s, () -> forwarder.queryNames(null,
                    Query.eq(Query.attr("Active"), Query.value(false)))));
            // what jmx.acl judges, and reads by name, pass
            assertTrue(as(s, () -> forwarder.queryNames(new ObjectName("t:*"), null)).contains(timer));
            assertEquals(Boolean.FALSE, as(s, () -> forwarder.getAttribute(timer, "Active")));
        }
        assertTrue(server.isRegistered(timer));
        assertFalse(server.isRegistered(new ObjectName("t:type=Other")));
        assertEquals(8, posted.size());
        assertEquals("javax/management/MBeanServer/CREATEMBEAN", posted.get(0).getTopic());
        assertEquals("connector", posted.get(0).getProperty("guard"));
        assertEquals("vera has the roles viewer", "vera has the roles "
                + ((SecurityException) posted.get(0).getProperty("error")).getMessage().replaceAll(".*has the roles ", ""));
    }

    @Test
    void anAdminCreatesAndUnregistersButNoClassLoader() throws Exception {
        Subject admin = user("karaf", "admin", "manager", "viewer");
        ObjectName timer = new ObjectName("t:type=Timer");
        as(admin, () -> forwarder.createMBean("javax.management.timer.Timer", timer));
        assertTrue(server.isRegistered(timer));
        ObjectName mlet = new ObjectName("t:type=MLet");
        SecurityException e = assertThrows(SecurityException.class, () -> as(admin, () -> forwarder.createMBean(
                "javax.management.loading.MLet", mlet, new Object[] {new URL[0]}, new String[] {URL[].class.getName()})));
        assertEquals("no class loader MBean (javax.management.loading.MLet) is created over JMX: code comes into Karaf "
                + "as bundles", e.getMessage());
        assertThrows(SecurityException.class, () -> as(admin, () -> forwarder.createMBean("x.Y", new ObjectName("t:type=Y"),
                timer)));
        assertFalse(server.isRegistered(mlet));
        as(admin, () -> {
            forwarder.unregisterMBean(timer);
            return null;
        });
        assertFalse(server.isRegistered(timer));
    }

    @Test
    void aRetiredForwarderPassesCallsOnForTheOneInFrontOfIt() throws Exception {
        handler.retire();
        ObjectName timer = new ObjectName("t:type=Timer");
        as(user("vera", "viewer"), () -> forwarder.createMBean("javax.management.timer.Timer", timer));
        assertTrue(server.isRegistered(timer));
        assertTrue(posted.isEmpty());
    }

    @Test
    void theConnectorsOwnCallsWithoutASubjectPass() throws Exception {
        assertFalse(forwarder.queryNames(null, Query.isInstanceOf(Query.value("javax.management.NotificationBroadcaster")))
                .isEmpty());
        assertTrue(posted.isEmpty());
    }
}
