package dev.ocxlpmem.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The endpoint's configuration, PID {@code dev.ocxlpmem.metrics} ({@code etc/dev.ocxlpmem.metrics.cfg}). */
@ObjectClassDefinition(name = "ocxlpmem metrics", description = "GET /metrics on Karaf's HTTP port, for Prometheus")
@interface MetricsConfig {

    @AttributeDefinition(name = "Unauthenticated from localhost", description = "Serve scrapes from 127.0.0.1 "
            + "and ::1 without a login (a Prometheus on the appliance itself); every other address still needs one")
    boolean allowUnauthenticatedLocalhost() default false;

    @AttributeDefinition(name = "JAAS realm", description = "Where scrapers' logins (HTTP basic auth) are checked")
    String realm() default "karaf";

    @AttributeDefinition(name = "Roles", description = "A login needs one of these roles to scrape")
    String[] roles() default {"metrics", "viewer", "manager", "admin"};

    @AttributeDefinition(name = "gzip", description = "Compress a scrape when the scraper accepts gzip (Prometheus "
            + "does): a tenth of the bytes on the network, for about as much of the appliance's CPU again as "
            + "writing the scrape (bench/README.md, Metrics)")
    boolean gzip() default false;

    @AttributeDefinition(name = "Poll interval (s)", description = "How often the DIMMs' health, firmware, error "
            + "log and statistics and the devices are read again in the background, besides on every event", min = "1")
    int pollSeconds() default 15;
}
