package dev.ocxlpmem.jolokia.internal;

import javax.management.MBeanServer;

/** Hands Jolokia the {@link GuardedServer}. */
public final class ServerHolder implements ServerHolderMBean {
    private final MBeanServer server;

    ServerHolder(MBeanServer server) {
        this.server = server;
    }

    @Override
    public MBeanServer getJolokiaMBeanServer() {
        return server;
    }
}
