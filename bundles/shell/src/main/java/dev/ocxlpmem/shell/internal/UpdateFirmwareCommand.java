package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareState;

/**
 * {@code ndctl update-firmware -f image} (ndctl 76 ndctl/dimm.c {@code action_update}): sends the
 * image with a progress bar, has the card check and arm it, and then (unless {@code -D}) activates
 * it at once by resetting the controller, where ndctl leaves that to {@code activate-firmware}.
 * Prints each DIMM with its firmware, then {@code updated N nmem.} as ndctl does. A bad image or a
 * blocked update is refused with the card's reason, and the running firmware stays.
 */
@Service
@Command(scope = "ndctl", name = "update-firmware",
        description = "Update the firmware of DIMMs from an image file, then activate it (ndctl update-firmware)")
public class UpdateFirmwareCommand extends DimmsCommand {

    @Option(name = "-f", aliases = "--firmware", description = "firmware image file in the server's files directory "
            + "${karaf.data}/ocxlpmem/files (admin only)", required = true)
    @Completion(FileNameCompleter.class)
    String firmware;

    @Reference
    ServerFiles files;

    @Option(name = "-D", aliases = "--disarm", description = "leave the image armed, active at the card's next reset")
    boolean disarm;

    @Option(name = "-A", aliases = "--arm", description = "arm and activate the image now (the default)")
    boolean arm;

    private byte[] image;
    private final List<Object> updated = new ArrayList<>();

    @Override
    public Object execute() throws Exception {
        if (arm && disarm) {
            throw refusal("--arm and --disarm exclude each other");
        }
        image = files.readAtMost(firmware, "-f", "a firmware image", FirmwareImage.MAX_SIZE);
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        ProgressBar bar = new ProgressBar(dimm.dev() + ": uploading firmware", session);
        FirmwareState state;
        try {
            state = ndctl.updateFirmware(dimm.dev(), image, !disarm, bar);
        } finally {
            bar.abandon();
        }
        Map<String, Object> json = NdctlJson.dimm(dimm, false);
        json.put("firmware", NdctlJson.firmware(state, false));
        updated.add(json);
    }

    @Override
    void finish() {
        if (!updated.isEmpty()) {
            System.out.println(NdctlJson.display(updated, false));
        }
    }

    @Override
    String summary(int done) {
        return "updated " + nmems(done) + ".";
    }
}
