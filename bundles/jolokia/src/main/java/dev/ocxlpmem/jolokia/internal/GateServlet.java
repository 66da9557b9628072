package dev.ocxlpmem.jolokia.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.jolokia.osgi.servlet.JolokiaServlet;

/**
 * Jolokia's servlet behind the checks it lacks: a CORS preflight is answered here, for allowed
 * origins only; JSONP ({@code callback}), which would let any page read the answers, is refused; a
 * POSTed request is read whole up to {@code maxRequestBytes} and nested at most {@link #MAX_DEPTH}
 * deep; and the answer repeats at most {@link Replies#ECHO} characters of any string outside the
 * value asked for ({@link BoundedEcho}). The user was let in by {@link JaasLogin}.
 */
final class GateServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Deeper than any request Jolokia takes; a 5,000-deep array is refused before it is parsed. */
    static final int MAX_DEPTH = 64;

    private final transient JolokiaServlet jolokia;
    private final transient Origins origins;
    private final long maxRequestBytes;

    GateServlet(JolokiaServlet jolokia, Origins origins, long maxRequestBytes) {
        this.jolokia = jolokia;
        this.origins = origins;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        // Jolokia finds its detectors as resources of the context class loader: its own
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JolokiaServlet.class.getClassLoader());
        try {
            jolokia.init(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void destroy() {
        jolokia.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("OPTIONS")) {
            preflight(request, response);
            return;
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            Replies.refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Jolokia takes GET and POST");
            return;
        }
        GateRequest checked;
        try {
            checked = new GateRequest(request, method.equals("POST") ? body(request) : new byte[0]);
        } catch (IllegalArgumentException e) {
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST, "a malformed query string");
            return;
        } catch (TooLarge e) {
            Replies.refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, e.getMessage());
            return;
        }
        if (checked.getParameter("callback") != null) {
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST,
                    "JSONP (callback) is not served: it would let pages of any origin read the answers");
            return;
        }
        int depth = depth(checked.body());
        if (depth > MAX_DEPTH) {
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST,
                    "a request nested " + depth + " deep; at most " + MAX_DEPTH);
            return;
        }
        jolokia.service(checked, new BoundedResponse(response));
    }

    /** A CORS preflight: the headers that let an allowed origin's page send its request, none for others. */
    private void preflight(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        if (!origins.isAllowed(origin)) {
            Replies.refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "requests from pages of " + Replies.bounded(String.valueOf(origin)) + " are not allowed (allowedOrigins)");
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.setHeader("Access-Control-Allow-Methods", "GET, POST");
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        response.setHeader("Access-Control-Max-Age", "3600");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("a request of more than " + max + " bytes; JMX over RMI carries large arguments");
        }
    }

    /** The POSTed body, refused beyond {@code maxRequestBytes} before more is read. */
    private byte[] body(HttpServletRequest request) throws IOException, TooLarge {
        if (request.getContentLengthLong() > maxRequestBytes) {
            throw new TooLarge(maxRequestBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                body.write(buffer, 0, n);
                if (body.size() > maxRequestBytes) {
                    throw new TooLarge(maxRequestBytes);
                }
            }
        }
        return body.toByteArray();
    }

    /** How deep arrays and objects nest in {@code json}, brackets within strings aside. */
    static int depth(byte[] json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return deepest;
    }

    /** The response with its body passed through {@link BoundedEcho}; its length is known only at the end. */
    private static final class BoundedResponse extends HttpServletResponseWrapper {
        private ServletOutputStream stream;
        private PrintWriter writer;

        BoundedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                BoundedEcho echo = new BoundedEcho(new BufferedOutputStream(super.getOutputStream()));
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        echo.write(b);
                    }

                    @Override
                    public void flush() throws IOException {
                        echo.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        echo.close();
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new IllegalStateException("Jolokia writes its answer at once");
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }
    }
}
