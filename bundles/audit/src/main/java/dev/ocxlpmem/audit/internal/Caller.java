package dev.ocxlpmem.audit.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * Who did it and how they came, from the subject EventAdmin adds to events it is given
 * ({@code org.apache.felix.eventadmin.AddSubject}, set by Karaf's eventadmin feature): the user, and
 * the ClientPrincipal Karaf's ssh and JMX logins (and the Jolokia gate) add.
 */
record Caller(String user, String method, String address) {

    /** The caller of {@code subject}, or null for none: the product itself, which is not audited. */
    static Caller of(Object subject) {
        if (!(subject instanceof Subject s)) {
            return null;
        }
        List<String> users = new ArrayList<>();
        String method = null;
        String address = null;
        for (Principal p : s.getPrincipals()) {
            if (p instanceof UserPrincipal) {
                users.add(p.getName());
            } else if (p instanceof ClientPrincipal c && method == null) {
                method = c.getMethod();
                address = c.getAddress();
            }
        }
        return new Caller(users.isEmpty() ? "-" : String.join(",", users), method, address);
    }

    /** {@code console (ssh /127.0.0.1:40242)}, {@code jmx (127.0.0.1)}, {@code jolokia (127.0.0.1)}. */
    String path(String kind) {
        if (method == null) {
            return kind + " (in-process)";
        }
        if (kind.equals("jmx") && (method.equals("jmx") || method.equals("jolokia"))) {
            return method + " (" + address + ")";
        }
        return kind + " (" + method + (address == null || address.equals("localhost") ? "" : " " + address) + ")";
    }
}
