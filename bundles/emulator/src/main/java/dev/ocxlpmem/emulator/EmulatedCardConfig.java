package dev.ocxlpmem.emulator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One emulated card. Each factory configuration of {@link #PID} is one card in one PCI slot. */
@ObjectClassDefinition(
        name = "Emulated OpenCAPI SCM card",
        description = "A software OpenCAPI Storage Class Memory card (IBM 0x0625) whose LPC memory is an image file")
public @interface EmulatedCardConfig {

    String PID = "dev.ocxlpmem.emulator.card";

    @AttributeDefinition(
            name = "Image file",
            description = "File holding the card's LPC memory. Empty: ${karaf.data}/ocxlpmem/<location>.img. "
                    + "Created fully allocated on first use; kept when the card is removed.")
    String image() default "";

    @AttributeDefinition(
            name = "LPC memory size",
            description = "Bytes of LPC memory: the label area (16 MiB unless the driver says otherwise) "
                    + "plus the pmem region. A multiple of 4096.")
    long lpcMemorySize() default 1090519040L;

    @AttributeDefinition(
            name = "Serial number",
            description = "PCI Device Serial Number. It is also the interleave-set cookie of the card's "
                    + "labels, so 0 leaves the card unable to hold namespaces.")
    long serial() default 0x0C0FFEE0625L;

    @AttributeDefinition(
            name = "PCI location",
            description = "domain:bus:device of the card; its functions are .0 and .1")
    String location() default "0006:00:00";
}
