package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivilegedExceptionAction;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** The service checks the caller's Karaf roles itself, as in-process JMX clients bypass the ACLs. */
class RolesTest {

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    @SuppressWarnings("removal")
    private static void as(String user, Call call, String... roles) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Void>) () -> {
                call.run();
                return null;
            });
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    @Test
    void viewersReadManagersOperateAdminsRewrite() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = LibNdctl.over(t.core(), ConfigDataLabels.store());
            as("vera", () -> {
                assertEquals("region0", ndctl.region("0").dev());
                assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
                NotPermittedException e = assertThrows(NotPermittedException.class, () -> ndctl.disableRegion("0"));
                assertEquals("to disable 0 needs the manager role; user 'vera' has the roles viewer", e.getMessage());
                assertFalse(e.isFault());
                assertEquals("to disable nmem0 needs the manager role; user 'vera' has the roles viewer",
                        assertThrows(NotPermittedException.class, () -> ndctl.disableDimm("nmem0")).getMessage());
            }, "viewer");
            assertTrue(t.region().isEnabled(), "a refusal changes nothing");
            as("max", () -> {
                ndctl.disableRegion("region0");
                ndctl.disableDimm("nmem0");
                ndctl.enableDimm("nmem0");
                NotPermittedException e = assertThrows(NotPermittedException.class,
                        () -> ndctl.initLabels("nmem0", LabelVersion.V1_2, false));
                assertEquals("to initialise the labels of nmem0 needs the admin role; user 'max' has the roles manager",
                        e.getMessage());
            }, "manager");
            assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
            as("nobody", () -> assertThrows(NotPermittedException.class, () -> ndctl.readLabels("nmem0")), "ssh");
            as("ada", () -> ndctl.initLabels("nmem0", LabelVersion.V1_2, false), "admin");
            ndctl.zeroLabels("nmem0"); // code with no subject is the product itself
            assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
        }
    }
}
