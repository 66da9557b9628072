package dev.ocxlpmem.jolokia.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;

/**
 * Which requests a browser sent for a page of another origin, and which of those origins may call:
 * a page elsewhere must not use the credentials the browser keeps for this server (cross-site
 * request forgery), nor read the answers. Browsers say where a request comes from with
 * {@code Origin} (CORS, the Fetch standard), else {@code Referer}, and {@code Sec-Fetch-Site};
 * clients that are not browsers send none of them.
 */
final class Origins {
    private final Set<String> allowed;

    /** @param allowed origins as {@code scheme://host[:port]}, each entry one or several separated by commas */
    Origins(String... allowed) {
        this.allowed = Arrays.stream(allowed).flatMap(s -> Arrays.stream(s.split(","))).map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean isAllowed(String origin) {
        return origin != null && allowed.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** Why {@code request} is refused as coming from a page of another origin; null if it is not. */
    String refusal(HttpServletRequest request) {
        String self = (request.getScheme() + "://" + request.getHeader("Host")).toLowerCase(Locale.ROOT);
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return origin.toLowerCase(Locale.ROOT).equals(self) || isAllowed(origin) ? null
                    : "requests from pages of " + Replies.bounded(origin) + " are not allowed (allowedOrigins)";
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            String from = of(referer);
            return from != null && (from.equals(self) || isAllowed(from)) ? null
                    : "requests from pages of " + from + " are not allowed (allowedOrigins)";
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equals(site) || "same-site".equals(site)) {
            return "requests from pages of other sites are not allowed (allowedOrigins)";
        }
        return null;
    }

    /** {@code scheme://host[:port]} of a URL, lower case; null if it has none. */
    private static String of(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return (uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                    .toLowerCase(Locale.ROOT);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
