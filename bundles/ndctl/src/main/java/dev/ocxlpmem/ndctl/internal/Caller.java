package dev.ocxlpmem.ndctl.internal;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

import javax.security.auth.Subject;

import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.Role;

/**
 * Who is calling, as the JAAS subject the call runs under says: Karaf runs console commands, JMX
 * requests (RMI and Jolokia with JAAS authentication) under the user's subject. The service checks
 * roles itself as well as the command ACLs and jmx.acl do: in-process clients bypass those. Code
 * that calls without any subject is the product itself or another bundle, and is trusted, as
 * Karaf's own services trust it.
 */
final class Caller {
    /** Karaf's {@code org.apache.karaf.jaas.boot.principal.RolePrincipal}, by name: no dependency on it. */
    private static final String ROLE_PRINCIPAL = "RolePrincipal";
    private static final String USER_PRINCIPAL = "UserPrincipal";

    private Caller() {
    }

    /** Refuses unless the caller has {@code role} or a higher one; {@code what} reads "rewrite nmem0's labels". */
    @SuppressWarnings("removal") // the JAAS subject of the calling context: Karaf 4.4 on Java 17 still sets it so
    static void require(Role role, String what) throws NotPermittedException {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return;
        }
        Set<String> roles = new TreeSet<>();
        String user = null;
        for (Principal p : subject.getPrincipals()) {
            String type = p.getClass().getSimpleName();
            if (type.equals(ROLE_PRINCIPAL)) {
                roles.add(p.getName());
            } else if (type.equals(USER_PRINCIPAL)) {
                user = p.getName();
            }
        }
        for (Role granted : Role.values()) {
            if (granted.compareTo(role) >= 0 && roles.contains(granted.karafName())) {
                return;
            }
        }
        throw new NotPermittedException("to " + what + " needs the " + role.karafName() + " role; "
                + (user == null ? "the caller" : "user '" + user + "'") + " has "
                + (roles.isEmpty() ? "no role" : "the roles " + String.join(", ", roles)));
    }
}
