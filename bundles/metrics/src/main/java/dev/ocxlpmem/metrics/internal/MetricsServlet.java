package dev.ocxlpmem.metrics.internal;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or OpenMetrics when the
 * {@code Accept} header asks for {@code application/openmetrics-text} (the client's negotiation);
 * {@code ?name[]=...} picks metrics by name, {@code ?debug=text} shows the text in a browser.
 */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PrometheusScrapeHandler handler;

    MetricsServlet(PrometheusRegistry registry, PrometheusProperties properties) {
        this.handler = new PrometheusScrapeHandler(properties, registry);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.handleRequest(new ServletExchange(request, response));
    }
}
