package dev.ocxlpmem.management.internal;

/**
 * What a JMX operation that changes namespaces does before it returns: the namespace MBeans made
 * to match the namespaces there are, so that a client finds a new namespace's MBean, and no
 * longer finds a destroyed one's, the moment the operation returns.
 */
interface NamespaceMBeans {
    /** For views outside the product's registry (tests): nothing to keep in line. */
    NamespaceMBeans NONE = new NamespaceMBeans() {
        @Override
        public void sync(String dev) {
        }

        @Override
        public void syncAll() {
        }
    };

    /** The MBean of namespace {@code dev} there if the namespace has space now, gone otherwise. */
    void sync(String dev);

    /** Every namespace's MBean in line. */
    void syncAll();
}
