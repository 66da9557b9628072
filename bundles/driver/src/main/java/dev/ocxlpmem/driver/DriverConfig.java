package dev.ocxlpmem.driver;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the ocxlpmem driver (PID {@link #PID}). */
@ObjectClassDefinition(
        name = "OpenCAPI persistent memory driver",
        description = "Binds OpenCAPI SCM cards (IBM 0x0625) and registers them with the nvdimm bus")
public @interface DriverConfig {

    String PID = "dev.ocxlpmem.driver";

    /** 16 MiB: one ppc64 memory section, the same on every host so a card reads the same anywhere. */
    long DEFAULT_LABEL_AREA_SIZE = 16L << 20;

    @AttributeDefinition(
            name = "Label area size",
            description = "Bytes reserved at the start of LPC memory for namespace labels. Keep the default "
                    + "(16 MiB) for real cards: another size makes the labels unreadable on other hosts. "
                    + "Smaller values suit small test cards. A multiple of 4096, at least 4096.")
    long labelAreaSize() default DEFAULT_LABEL_AREA_SIZE;
}
