package dev.ocxlpmem.jolokia.internal;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.jolokia.restrictor.Restrictor;
import org.jolokia.util.HttpMethod;
import org.jolokia.util.RequestType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia's restrictor. It sees no argument values, so it leaves the jmx.acl rules to the
 * {@link GuardedServer}, and lets a request through only while that server is the one Jolokia asks
 * first: were its holder MBean unregistered (over JMX RMI any user may unregister an MBean), Jolokia
 * would fall back to the platform MBean server, unguarded. Then it refuses the request and puts the
 * holder back. It also says which origins get CORS headers.
 */
final class GuardedRestrictor implements Restrictor {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedRestrictor.class);

    private final MBeanServer platform;
    private final ObjectName name;
    private final ServerHolder holder;
    private final Origins origins;

    GuardedRestrictor(MBeanServer platform, ObjectName name, ServerHolder holder, Origins origins) {
        this.platform = platform;
        this.name = name;
        this.holder = holder;
        this.origins = origins;
    }

    /** Jolokia asks this of every request it handles (JsonRequestHandler.checkHttpMethod), before any MBean server. */
    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return guarded();
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return guarded();
    }

    private boolean guarded() {
        try {
            if (platform.getAttribute(name, "JolokiaMBeanServer") == holder.getJolokiaMBeanServer()) {
                return true;
            }
        } catch (JMException e) {
            // not there
        }
        LOG.warn("{} was not the jmx.acl-guarded MBean server: request refused, holder registered again", name);
        try {
            platform.registerMBean(holder, name);
        } catch (JMException e) {
            LOG.warn("{} cannot be registered again: Jolokia refuses every request ({})", name, e.toString());
        }
        return false;
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return true;
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return true;
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return true;
    }

    /** Jolokia asks before it answers anyone; who may connect is pax-web's listening address. */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true;
    }

    /**
     * With {@code strict}, Jolokia asks whether to refuse the request: the gate did, for origins it
     * does not allow ({@link Origins}). Without, whether to answer with CORS headers for
     * {@code origin}: only for an allowed one.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strict) {
        return strict || origins.isAllowed(origin);
    }
}
