package dev.ocxlpmem.ndctl;

import java.util.Locale;

/**
 * Karaf's roles, as this product uses them: a {@code viewer} lists and reads, a {@code manager}
 * also operates (enable, disable, namespaces), an {@code admin} also does what can destroy data
 * (rewrite labels, sanitize, update firmware). Each role includes the ones before it.
 */
public enum Role {
    VIEWER, MANAGER, ADMIN;

    /** As Karaf's JAAS realm names it: {@code viewer}, {@code manager}, {@code admin}. */
    public String karafName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
