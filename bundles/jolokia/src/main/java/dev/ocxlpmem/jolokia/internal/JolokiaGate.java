package dev.ocxlpmem.jolokia.internal;

import java.lang.management.ManagementFactory;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.jolokia.osgi.servlet.JolokiaServlet;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.http.HttpService;
import org.osgi.service.metatype.annotations.Designate;

import dev.ocxlpmem.jolokia.JolokiaConfig;

/**
 * Jolokia at {@code /jolokia}, held to jmx.acl as the JMX RMI connector is. Karaf's jolokia feature
 * registers the agent with its own login and no rules (etc/org.jolokia.osgi.cfg turns that off);
 * here its servlet is registered instead, behind {@link JaasLogin} and {@link GateServlet}, with
 * the {@link GuardedServer} as the first MBean server it asks and {@link GuardedRestrictor} making
 * sure it stays so. The guarded server judges every call with Karaf's own KarafMBeanServerGuard, the
 * code the RMI connector uses, so the two paths read the same jmx.acl files the same way, argument
 * rules included; Jolokia's restrictor could not, as it sees no argument values. If this component
 * is not active, nothing answers at {@code /jolokia}.
 */
@Component(configurationPid = JolokiaConfig.PID, immediate = true)
@Designate(ocd = JolokiaConfig.class)
public final class JolokiaGate {
    /** Where Jolokia 1.7 takes an MBean server to ask first (org.jolokia.backend.MBeanServers). */
    static final String HOLDER = "jolokia:type=MBeanServer";

    private final HttpService http;
    private final String alias;
    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName holder = new ObjectName(HOLDER);

    @Activate
    public JolokiaGate(BundleContext context, JolokiaConfig config, @Reference HttpService http,
            @Reference MBeanServer server, @Reference ConfigurationAdmin configAdmin, @Reference EventAdmin events)
            throws Exception {
        this.http = http;
        this.alias = config.alias();
        MBeanServer guarded = GuardedServer.over(server, configAdmin, new Refusals(events));
        Origins origins = new Origins(config.allowedOrigins());
        ServerHolder serverHolder = new ServerHolder(guarded);
        platform.registerMBean(serverHolder, holder);
        try {
            JolokiaServlet jolokia = new JolokiaServlet(context, new GuardedRestrictor(platform, holder, serverHolder, origins));
            http.registerServlet(alias, new GateServlet(jolokia, origins, config.maxRequestBytes()), settings(),
                    new JaasLogin(config.realm(), origins));
        } catch (Exception | Error e) {
            platform.unregisterMBean(holder);
            throw e;
        }
    }

    /**
     * Jolokia's settings, fixed: no stack traces or serialized exceptions in answers, whatever a
     * request asks (HttpRequestHandler.addErrorInfo), no multicast discovery, answers streamed.
     */
    private static Dictionary<String, String> settings() {
        Hashtable<String, String> settings = new Hashtable<>();
        settings.put("allowErrorDetails", "false");
        settings.put("includeStackTrace", "false");
        settings.put("serializeException", "false");
        settings.put("discoveryEnabled", "false");
        settings.put("streaming", "true");
        return settings;
    }

    @Deactivate
    void deactivate() throws JMException {
        http.unregister(alias);
        platform.unregisterMBean(holder);
    }
}
