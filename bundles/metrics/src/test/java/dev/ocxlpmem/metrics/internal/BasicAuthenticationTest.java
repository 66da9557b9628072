package dev.ocxlpmem.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * Who may scrape, decided as the servlet's context decides it before each request: logins checked
 * by a JAAS login module, roles as Karaf names them, and the localhost switch by the request's
 * address. (Over real HTTP in Karaf: MetricsIT.)
 */
class BasicAuthenticationTest {
    private static final String[] ROLES = {"metrics", "viewer", "manager", "admin"};

    /** Karaf's role principal is recognised by its class's simple name. */
    public record RolePrincipal(String getName) implements Principal {
    }

    /** vera/vera is a viewer, prom/prom has only metrics, ssh/ssh only ssh. */
    public static final class Users implements LoginModule {
        private static final Map<String, String> ROLE = Map.of("vera", "viewer", "prom", "metrics", "ssh", "ssh");
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!ROLE.containsKey(name.getName()) || !name.getName().equals(new String(password.getPassword()))) {
                throw new FailedLoginException("no");
            }
            user = name.getName();
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new RolePrincipal(ROLE.get(user)));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    private static final Configuration JAAS = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return name.equals("test") ? new AppConfigurationEntry[] {new AppConfigurationEntry(Users.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())} : null;
        }
    };

    /** What the context answered. */
    private record Answer(boolean passed, int status, Map<String, String> headers, String body) {
    }

    private static Answer ask(boolean allowLocalhost, String address, String authorization) throws Exception {
        return ask(new BasicAuthentication("test", ROLES, allowLocalhost, JAAS), address, authorization);
    }

    private static Answer ask(BasicAuthentication context, String address, String authorization) throws Exception {
        Map<String, String> headers = new HashMap<>();
        int[] status = {200};
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> address;
                    case "getHeader" -> args[0].equals("Authorization") ? authorization : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "getWriter" -> {
                            return writer;
                        }
                        case "setContentType", "flushBuffer" -> writer.flush();
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        boolean passed = context.handleSecurity(request, response);
        writer.flush();
        return new Answer(passed, status[0], headers, body.toString().trim());
    }

    private static ClassLoader getLoader() {
        return BasicAuthenticationTest.class.getClassLoader();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoginWithOneOfTheRolesIsNeeded() throws Exception {
        Answer none = ask(false, "192.0.2.7", null);
        assertFalse(none.passed());
        assertEquals(401, none.status());
        assertTrue(none.headers().get("WWW-Authenticate").startsWith("Basic realm="), none.headers().toString());
        assertEquals("a login is needed: HTTP basic authentication (Prometheus: basic_auth) with a user of realm test",
                none.body());

        Answer wrong = ask(false, "192.0.2.7", basic("vera", "nope"));
        assertEquals(401, wrong.status());
        assertEquals("login of user 'vera' to realm test failed", wrong.body());
        assertEquals(401, ask(false, "192.0.2.7", "Basic %%%").status());
        assertEquals(401, ask(false, "192.0.2.7", "Basic " + Base64.getEncoder().encodeToString("vera".getBytes(
                StandardCharsets.UTF_8))).status());

        Answer ssh = ask(false, "192.0.2.7", basic("ssh", "ssh"));
        assertFalse(ssh.passed());
        assertEquals(403, ssh.status());
        assertEquals("user 'ssh' may not scrape: that needs one of the roles metrics, viewer, manager, admin; it has "
                + "ssh", ssh.body());

        assertTrue(ask(false, "192.0.2.7", basic("vera", "vera")).passed());
        assertTrue(ask(false, "192.0.2.7", basic("prom", "prom")).passed());
    }

    @Test
    void rolesAsAConfigurationFileGivesThemAreSplitAtCommas() throws Exception {
        BasicAuthentication context = new BasicAuthentication("test", new String[] {"metrics, manager", " admin"},
                false, JAAS);
        assertTrue(ask(context, "192.0.2.7", basic("prom", "prom")).passed());
        Answer vera = ask(context, "192.0.2.7", basic("vera", "vera"));
        assertEquals(403, vera.status());
        assertEquals("user 'vera' may not scrape: that needs one of the roles metrics, manager, admin; it has viewer",
                vera.body());
    }

    @Test
    void theSwitchLetsOnlyLoopbackAddressesInWithoutALogin() throws Exception {
        assertEquals(401, ask(false, "127.0.0.1", null).status(), "off by default");
        assertTrue(ask(true, "127.0.0.1", null).passed());
        assertTrue(ask(true, "0:0:0:0:0:0:0:1", null).passed());
        assertTrue(ask(true, "127.3.4.5", null).passed());
        Answer remote = ask(true, "192.0.2.7", null);
        assertFalse(remote.passed());
        assertEquals(401, remote.status());
        assertTrue(ask(true, "192.0.2.7", basic("prom", "prom")).passed(), "a login still works from elsewhere");
    }
}
