package dev.ocxlpmem.shell.internal;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareVersion;

/**
 * Writes a firmware image in the emulated card's format ({@link FirmwareImage}) with a payload of
 * random bytes, for {@code ndctl:update-firmware}: there is no vendor to ship one.
 */
@Service
@Command(scope = "ocxl", name = "firmware-image",
        description = "Write a firmware image for the emulated card (for ndctl:update-firmware)")
public class OcxlFirmwareImageCommand implements Action {

    @Option(name = "-V", aliases = "--version", description = "the image's firmware version (1-8 printable characters)",
            required = true)
    String version;

    @Option(name = "-s", aliases = "--size", description = "the payload's size in bytes, a multiple of 8 (default 65536)")
    int size = 65536;

    @Option(name = "-o", aliases = "--output", description = "the file to write (a new one unless -f), in the server's "
            + "files directory ${karaf.data}/ocxlpmem/files (admin only)", required = true)
    @Completion(FileNameCompleter.class)
    String output;

    @Option(name = "-f", aliases = "--force", description = "overwrite the file if it exists")
    boolean force;

    @Reference
    ServerFiles files;

    @Override
    public Object execute() throws Exception {
        checkSize();
        files.output(output, "-o", force);
        FirmwareImage image;
        try {
            byte[] payload = new byte[size];
            new SecureRandom().nextBytes(payload);
            image = new FirmwareImage(new FirmwareVersion(version), payload);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        byte[] bytes = image.toBytes();
        Path file = files.write(output, "-o", force, out -> ServerFiles.chunks(out, bytes));
        System.out.println("wrote " + image + " to " + file + " (" + bytes.length + " bytes)");
        return null;
    }

    /** Before anything is allocated or written: the payload must fit the card's staging area ({@link FirmwareImage}). */
    private void checkSize() throws CommandException {
        int largest = FirmwareImage.MAX_SIZE - FirmwareImage.HEADER;
        if (size < 0 || size % 8 != 0 || size > largest) {
            throw new CommandException("-s " + size + ": the payload size must be a multiple of 8 from 0 to " + largest
                    + " bytes");
        }
    }
}
