package dev.ocxlpmem.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Enumeration;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;

/**
 * A servlet request and response as the client's scrape handler takes them: what
 * {@code prometheus-metrics-exporter-servlet-javax} does, which Maven Central does not serve at 1.10.0.
 */
final class ServletExchange implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {
    private final HttpServletRequest request;
    private final HttpServletResponse response;

    ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
        return this;
    }

    @Override
    public PrometheusHttpResponse getResponse() {
        return this;
    }

    @Override
    public String getQueryString() {
        return request.getQueryString();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return request.getHeaders(name);
    }

    @Override
    public String getMethod() {
        return request.getMethod();
    }

    @Override
    public String getRequestPath() {
        return request.getRequestURI();
    }

    @Override
    public void setHeader(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) throws IOException {
        if (contentLength > 0) {
            response.setContentLength(contentLength);
        }
        response.setStatus(statusCode);
        return response.getOutputStream();
    }

    @Override
    public void handleException(IOException e) throws IOException {
        throw e; // the container answers 500 and logs it
    }

    @Override
    public void handleException(RuntimeException e) {
        throw e;
    }

    @Override
    public void close() {
        // the container closes the response
    }
}
