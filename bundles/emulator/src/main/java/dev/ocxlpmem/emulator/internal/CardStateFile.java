package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.ocxlpmem.scm.FirmwareVersion;

/**
 * The card's state beside its image ({@code <image>.state}). A write goes to a temporary file,
 * is synced, renamed over the old one and the directory synced: a crash at any point leaves the
 * old state or the new one, never a mix, and a state that was stored stays stored.
 */
final class CardStateFile {
    private final Path file;
    private final Path temporary;

    CardStateFile(Path image) {
        this.file = image.resolveSibling(image.getFileName() + ".state");
        this.temporary = image.resolveSibling(image.getFileName() + ".state.tmp");
    }

    Path path() {
        return file;
    }

    /** The stored state, or a fresh one with {@code firmware} when the card has none yet. */
    CardState load(FirmwareVersion firmware) throws IOException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return CardState.fresh(firmware);
        }
        try {
            return CardState.decode(data, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + ". Delete it to start the card afresh; its dirty shutdown count, "
                    + "firmware version and poisoned ranges are then forgotten", e);
        }
    }

    void store(CardState state) throws IOException {
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer data = ByteBuffer.wrap(state.encode());
            while (data.hasRemaining()) {
                out.write(data);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
