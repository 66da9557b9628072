package dev.ocxlpmem.jolokia;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Jolokia's HTTP endpoint (PID {@link #PID}). */
@ObjectClassDefinition(
        name = "Jolokia held to jmx.acl",
        description = "JMX over HTTP with Karaf's JAAS login and the jmx.acl rules of the JMX RMI connector")
public @interface JolokiaConfig {

    String PID = "dev.ocxlpmem.jolokia";

    @AttributeDefinition(name = "Alias", description = "The path Jolokia answers at")
    String alias() default "/jolokia";

    @AttributeDefinition(name = "Realm", description = "The JAAS realm users log in to (HTTP Basic)")
    String realm() default "karaf";

    @AttributeDefinition(
            name = "Allowed origins",
            description = "Web origins (scheme://host[:port]) whose pages may call Jolokia from a browser with "
                    + "the user's credentials (CORS). None by default: a request a browser sends for a page of "
                    + "another origin is refused.")
    String[] allowedOrigins() default {};

    @AttributeDefinition(
            name = "Largest request",
            description = "The most bytes a POSTed request may have; a larger one is refused (413). JMX over RMI "
                    + "carries large arguments (writeLabels, updateFirmware) better.")
    long maxRequestBytes() default 1L << 20;
}
