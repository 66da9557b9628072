package dev.ocxlpmem.jolokia.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.jolokia.osgi.servlet.JolokiaServlet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.http.HttpService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.jolokia.JolokiaConfig;

/**
 * Jolokia at {@code /jolokia}, held to jmx.acl as the JMX RMI connector is. Karaf's jolokia feature
 * registers the agent with its own login and no rules (turned off here); its servlet is registered
 * instead, behind {@link JaasLogin} and {@link GateServlet}, with
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
    /** Jolokia's own configuration, and its switch for registering the agent by itself (JolokiaActivator). */
    private static final String AGENT_PID = "org.jolokia.osgi";
    private static final String LISTEN = "org.jolokia.listenForHttpService";
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaGate.class);

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
        agentsOwnRegistrationOff(configAdmin);
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
     * Turns off Jolokia's own registration of its agent, which has no rules: etc/org.jolokia.osgi.cfg
     * says so, but an older copy kept by {@code ./start} would not, and the agent would then hold
     * {@code /jolokia} first. Jolokia reads the setting as it starts, so it is restarted if it was on.
     */
    private static void agentsOwnRegistrationOff(ConfigurationAdmin configAdmin) throws IOException, BundleException {
        Configuration settings = configAdmin.getConfiguration(AGENT_PID, null);
        Dictionary<String, Object> properties = settings.getProperties() != null ? settings.getProperties()
                : new Hashtable<>();
        if ("false".equals(String.valueOf(properties.get(LISTEN)))) {
            return;
        }
        LOG.warn("{} had {} on: Jolokia's agent would answer at its own registration, without jmx.acl; "
                + "turned off, Jolokia restarted", AGENT_PID, LISTEN);
        properties.put(LISTEN, "false");
        settings.update(properties);
        Bundle agent = FrameworkUtil.getBundle(JolokiaServlet.class);
        if (agent.getState() == Bundle.ACTIVE) {
            agent.stop(Bundle.STOP_TRANSIENT);
            agent.start(Bundle.START_TRANSIENT);
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
