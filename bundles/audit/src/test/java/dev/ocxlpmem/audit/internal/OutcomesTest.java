package dev.ocxlpmem.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** Which failures are refusals, and whose. */
class OutcomesTest {
    private static final String SERVICE = "to enable region0 needs the manager role; user 'vera' has the roles viewer";

    @Test
    void jmx() {
        assertEquals("ok", Outcomes.jmx(null));
        assertEquals("refused: Insufficient roles/credentials for operation (jmx.acl)",
                Outcomes.jmx(new SecurityException("Insufficient roles/credentials for operation")));
        assertEquals("refused: " + SERVICE, Outcomes.jmx(new RuntimeMBeanException(new SecurityException(SERVICE))));
        assertEquals("failed: the disk is gone", Outcomes.jmx(new MBeanException(new IOException("the disk is gone"))));
        assertEquals("failed: NullPointerException",
                Outcomes.jmx(new ReflectionException(new RuntimeMBeanException(new NullPointerException()))));
    }

    @Test
    void console() {
        assertEquals("ok", Outcomes.console(null, "ndctl:list", true));
        assertEquals("refused: ndctl:disable-region is not permitted (command ACL)",
                Outcomes.console(new CommandNotFoundException("ndctl:disable-region"), "ndctl:disable-region", true));
        assertEquals("failed: Command not found: ndctl:nonsense",
                Outcomes.console(new CommandNotFoundException("ndctl:nonsense"), "ndctl:nonsense", false));
        assertEquals("refused: Insufficient credentials. (command ACL)",
                Outcomes.console(new SecurityException("Insufficient credentials."), "config:edit", true));
        assertEquals("refused: " + SERVICE, Outcomes.console(new CommandException(SERVICE), "ndctl:enable-region", true));
        assertEquals("failed: no such region: region9",
                Outcomes.console(new CommandException("no such region: region9"), "ndctl:enable-region", true));
    }
}
