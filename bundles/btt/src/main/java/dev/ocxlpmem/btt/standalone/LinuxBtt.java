package dev.ocxlpmem.btt.standalone;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.internal.LinuxBttDriver;

/**
 * The BTT driver outside OSGi, for tests, tools and benchmarks on a plain class path; in OSGi it is
 * the {@link BttDriver} service. Not exported.
 */
public final class LinuxBtt {
    private LinuxBtt() {
    }

    /** Linux's BTT layout: what the service is. */
    public static BttDriver driver() {
        return new LinuxBttDriver();
    }
}
