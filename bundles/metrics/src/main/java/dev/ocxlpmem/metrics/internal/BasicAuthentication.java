package dev.ocxlpmem.metrics.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.http.HttpContext;

/**
 * Who may scrape: HTTP basic authentication (Prometheus' {@code basic_auth}) checked against a JAAS
 * realm, Karaf's {@code etc/users.properties} by default, and one of the allowed roles; with
 * {@code allowLocalhost}, requests from a loopback address pass without a login. The servlet's
 * context asks it before every request (OSGi HTTP Service, {@code HttpContext.handleSecurity}).
 */
final class BasicAuthentication implements HttpContext {
    /** Karaf's {@code org.apache.karaf.jaas.boot.principal.RolePrincipal}, by name, as the ndctl service checks it. */
    private static final String ROLE_PRINCIPAL = "RolePrincipal";
    private static final String CHALLENGE = "Basic realm=\"ocxlpmem metrics\", charset=\"UTF-8\"";

    private final String realm;
    private final List<String> roles;
    private final boolean allowLocalhost;
    private final Configuration jaas;

    /**
     * @param roles as configured: each may hold several, separated by commas (a .cfg file's
     *     {@code roles = metrics,viewer} is one string)
     * @param jaas where the realm is configured; null for the JVM's (in Karaf, its JAAS realms)
     */
    BasicAuthentication(String realm, String[] roles, boolean allowLocalhost, Configuration jaas) {
        this.realm = realm;
        this.roles = Arrays.stream(roles).flatMap(r -> Arrays.stream(r.split(","))).map(String::trim)
                .filter(r -> !r.isEmpty()).toList();
        this.allowLocalhost = allowLocalhost;
        this.jaas = jaas;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (allowLocalhost && InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            return true; // an IP literal: no name lookup
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "a login is needed: HTTP basic authentication (Prometheus: basic_auth) with a user of realm "
                            + realm);
        }
        String user;
        String password;
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                        "the Authorization header holds no user:password");
            }
            user = pair.substring(0, colon);
            password = pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "the Authorization header is not base64");
        }
        Set<String> granted;
        try {
            granted = rolesOf(login(user, password));
        } catch (LoginException e) {
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "login of user '" + user + "' to realm " + realm + " failed");
        }
        if (roles.stream().noneMatch(granted::contains)) {
            return refuse(response, HttpServletResponse.SC_FORBIDDEN, "user '" + user + "' may not scrape: that "
                    + "needs one of the roles " + String.join(", ", roles) + "; it has "
                    + (granted.isEmpty() ? "none" : String.join(", ", granted)));
        }
        return true;
    }

    private Subject login(String user, String password) throws LoginException {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // LoginContext loads the realm's login modules through the context class loader; Karaf's
        // (org.apache.karaf.jaas.boot.ProxyLoginModule) is on the launcher's class path, lib/boot.
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password),
                    jaas);
            context.login();
            return subject;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void answer(Callback[] callbacks, String user, String password) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password.toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback); // e.g. a public key: not over HTTP
            }
        }
    }

    private static Set<String> rolesOf(Subject subject) {
        Set<String> granted = new TreeSet<>();
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getSimpleName().equals(ROLE_PRINCIPAL)) {
                granted.add(p.getName());
            }
        }
        return granted;
    }

    private static boolean refuse(HttpServletResponse response, int status, String why) throws IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().println(why);
        response.flushBuffer(); // committed: Pax Web answers 403 to a refusal it may still change
        return false;
    }

    @Override
    public URL getResource(String name) {
        return null; // a servlet only: no resources
    }

    @Override
    public String getMimeType(String name) {
        return null;
    }
}
