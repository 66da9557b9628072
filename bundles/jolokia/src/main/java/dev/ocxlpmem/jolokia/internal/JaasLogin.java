package dev.ocxlpmem.jolokia.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.osgi.service.http.HttpContext;

/**
 * Who may use Jolokia: no page of another origin ({@link Origins}); a user of the JAAS realm (HTTP
 * Basic); and one with a role, as Karaf's JMX RMI connector lets in only users with a role
 * (management/server JaasAuthenticator). The subject, marked as coming through Jolokia from the
 * client's address as Karaf marks RMI's and ssh's, is handed to Jolokia, which runs the request as
 * it.
 */
final class JaasLogin implements HttpContext {
    /** Where Jolokia's AgentServlet takes the subject to run a request as (ConfigKey.JAAS_SUBJECT_REQUEST_ATTRIBUTE). */
    static final String SUBJECT = "org.jolokia.jaasSubject";

    private final String realm;
    private final Origins origins;

    JaasLogin(String realm, Origins origins) {
        this.realm = realm;
        this.origins = origins;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getMethod().equals("OPTIONS")) {
            return true; // a CORS preflight carries no credentials; the gate answers it with headers only
        }
        String foreign = origins.refusal(request);
        if (foreign != null) {
            Replies.refuse(response, HttpServletResponse.SC_FORBIDDEN, foreign);
            return false;
        }
        String[] credentials = credentials(request.getHeader("Authorization"));
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("jolokia", request.getRemoteAddr()));
        try {
            if (credentials == null) {
                throw new LoginException("no credentials");
            }
            new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(credentials[0]);
                    } else if (callback instanceof PasswordCallback password) {
                        password.setPassword(credentials[1].toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            }).login();
        } catch (LoginException e) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
            Replies.refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "log in with a user of realm " + realm);
            return false;
        }
        boolean hasRole = false;
        for (Principal p : subject.getPrincipals()) {
            hasRole |= p instanceof RolePrincipal;
        }
        if (!hasRole) {
            Replies.refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "user '" + Replies.bounded(credentials[0]) + "' has no role");
            return false;
        }
        request.setAttribute(REMOTE_USER, credentials[0]);
        request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        request.setAttribute(SUBJECT, subject);
        return true;
    }

    /** User and password of an HTTP Basic {@code Authorization} header; null for none or another scheme. */
    static String[] credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    @Override
    public URL getResource(String name) {
        return null;
    }

    @Override
    public String getMimeType(String name) {
        return null;
    }
}
