package dev.ocxlpmem.emulator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the emulator as a whole, configuration {@link #PID} (an admin's to change, as every
 * dev.ocxlpmem PID): where cards' image files may be. A card runs as the Karaf process, root on an
 * appliance, and creates, maps and writes its image: only admins choose where that may be.
 */
@ObjectClassDefinition(
        name = "OpenCAPI SCM card emulator",
        description = "Settings of all emulated cards")
public @interface EmulatorConfig {

    String PID = "dev.ocxlpmem.emulator";

    @AttributeDefinition(
            name = "Image directories",
            description = "Directories besides ${karaf.data}/ocxlpmem where a card's image file may be "
                    + "(comma-separated). A card whose image is elsewhere, after links and .. are resolved, does "
                    + "not come up.")
    String[] imageDirectories() default {};
}
