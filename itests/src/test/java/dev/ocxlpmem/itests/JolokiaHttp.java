package dev.ocxlpmem.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * JMX over HTTP as a client outside the JVM calls it: {@code http://localhost:<port>/jolokia}, HTTP
 * Basic with the user's name as password (the test users' convention), GET paths and POSTed JSON.
 * Java's HTTP client, which, unlike {@code HttpURLConnection}, sends the {@code Origin} and
 * {@code Referer} headers a browser would.
 */
final class JolokiaHttp {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    JolokiaHttp(String port) {
        this.base = "http://localhost:" + port + "/jolokia";
    }

    /** A reply: the HTTP status, the response headers and the body. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (name.equalsIgnoreCase(h.getKey())) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }

        /** Jolokia's own status in the JSON of a single request; the HTTP status when there is none. */
        long jolokiaStatus() {
            if (status != 200) {
                return status;
            }
            Object status = Json.object(Json.parse(body), body).get("status");
            return status instanceof Long l ? l : -1;
        }
    }

    /** GET {@code path} (after /jolokia/) as {@code user} (null: no credentials), with extra header pairs. */
    Reply get(String user, String path, String... headers) throws IOException {
        return send("GET", base + "/" + path, user, null, headers);
    }

    /** POST {@code json} as {@code user}, with extra header pairs. */
    Reply post(String user, String json, String... headers) throws IOException {
        return send("POST", base, user, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    Reply post(String user, byte[] body, String... headers) throws IOException {
        return send("POST", base, user, body, headers);
    }

    Reply options(String... headers) throws IOException {
        return send("OPTIONS", base, null, null, headers);
    }

    private Reply send(String method, String url, String user, byte[] body, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> reply = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(reply.statusCode(), reply.headers().map(), reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + url, e);
        }
    }

    /**
     * The status line of the answer to a POST announcing {@code contentLength} bytes, none of which
     * is sent: the gate refuses an oversized request by its Content-Length unread (413) and Jetty
     * closes the connection, so a client still writing the body may meet "Broken pipe" instead of
     * the answer (the JDK's client did, one run in a few, on a loaded machine).
     */
    String statusOfAnnounced(String user, long contentLength) throws IOException {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                    .getBytes(StandardCharsets.UTF_8)) + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + contentLength + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A Java value (string, number, boolean, null) as a JSON literal. */
    static String literal(Object value) {
        return value instanceof String s ? quote(s) : String.valueOf(value);
    }
}
