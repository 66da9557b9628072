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
 * first: were its holder MBean unregistered, Jolokia would fall back to the platform MBean server,
 * unguarded. It also says which origins get CORS headers.
 */
final class GuardedRestrictor implements Restrictor {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedRestrictor.class);

    private final MBeanServer platform;
    private final ObjectName holder;
    private final MBeanServer guarded;
    private final Origins origins;

    GuardedRestrictor(MBeanServer platform, ObjectName holder, MBeanServer guarded, Origins origins) {
        this.platform = platform;
        this.holder = holder;
        this.guarded = guarded;
        this.origins = origins;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        try {
            if (platform.getAttribute(holder, "JolokiaMBeanServer") == guarded) {
                return true;
            }
        } catch (JMException e) {
            // not there
        }
        LOG.warn("{} is not the jmx.acl-guarded MBean server: Jolokia refuses every request until "
                + "the dev.ocxlpmem.jolokia bundle is restarted", holder);
        return false;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return true;
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
