package dev.ocxlpmem.labels.standalone;

import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.internal.ConfigDataLabelStore;

/**
 * The label store outside OSGi, for tests, tools and benchmarks on a plain class path; in OSGi it
 * is the {@link LabelStore} service. Not exported.
 */
public final class ConfigDataLabels {
    private ConfigDataLabels() {
    }

    /** Labels kept through each DIMM's config-data commands: what the service is. */
    public static LabelStore store() {
        return new ConfigDataLabelStore();
    }
}
