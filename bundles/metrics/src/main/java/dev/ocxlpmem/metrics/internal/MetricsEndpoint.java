package dev.ocxlpmem.metrics.internal;

import javax.servlet.ServletException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;
import org.osgi.service.metatype.annotations.Designate;

import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import io.prometheus.metrics.config.ExporterHttpServerProperties;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /metrics} on Karaf's HTTP port: the devices through the {@link Ndctl} service, the bus
 * commands' latency and the JVM's own metrics, behind basic authentication. The devices are read
 * in the background, on every nvdimm, namespace and controller event and every poll interval. A
 * new configuration ({@code dev.ocxlpmem.metrics}) restarts it.
 */
@Component(service = EventHandler.class, immediate = true, configurationPid = MetricsEndpoint.PID, property = {
        EventConstants.EVENT_TOPIC + "=" + NvdimmEvent.TOPIC_ALL,
        EventConstants.EVENT_TOPIC + "=" + NamespaceEvent.TOPIC_ROOT + "/*",
        EventConstants.EVENT_TOPIC + "=" + DimmSampler.EVENT_TOPIC})
@Designate(ocd = MetricsConfig.class)
public final class MetricsEndpoint implements EventHandler {
    static final String PID = "dev.ocxlpmem.metrics";
    static final String PATH = "/metrics";

    private final HttpService http;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Refresher refresher;

    @Activate
    public MetricsEndpoint(@Reference Ndctl ndctl, @Reference HttpService http, @Reference CommandHistogram commands,
            MetricsConfig config) throws ServletException, NamespaceException {
        this.http = http;
        JvmMetrics.builder().register(registry);
        registry.register(commands.histogram());
        DeviceMetrics devices = new DeviceMetrics(ndctl, System::nanoTime);
        registry.register(devices);
        refresher = new Refresher(devices, Math.max(1, config.pollSeconds()));
        PrometheusProperties properties = PrometheusProperties.builder().exporterHttpServerProperties(
                ExporterHttpServerProperties.builder().preferUncompressedResponse(!config.gzip()).build()).build();
        try {
            http.registerServlet(PATH, new MetricsServlet(registry, properties), null,
                    new BasicAuthentication(config.realm(), config.roles(),
                            config.allowUnauthenticatedLocalhost(), null));
        } catch (ServletException | NamespaceException | RuntimeException e) {
            refresher.close();
            throw e;
        }
    }

    @Deactivate
    void stop() {
        try {
            http.unregister(PATH);
        } finally {
            refresher.close();
            registry.clear(); // the JVM metrics keep a reference to the registry they were given
        }
    }

    @Override
    public void handleEvent(Event event) {
        refresher.soon();
    }
}
