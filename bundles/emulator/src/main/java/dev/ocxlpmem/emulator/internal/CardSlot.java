package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A configured card's hold on its PCI location and its image file, for as long as the card is
 * plugged: no second card may take the same location or the same image (two writers on one image
 * mix their bytes), in this Karaf or, through a lock on the file, in another process.
 */
final class CardSlot implements AutoCloseable {
    private static final Map<String, CardSlot> BY_LOCATION = new HashMap<>();
    private static final Map<Path, CardSlot> BY_IMAGE = new HashMap<>();

    private final String location;
    private final Path image;
    private final String owner;
    private FileChannel channel;
    private FileLock lock;

    private CardSlot(String location, Path image, String owner) {
        this.location = location;
        this.image = image;
        this.owner = owner;
    }

    /**
     * Claims {@code location} and {@code image} for the card configured by {@code owner}.
     *
     * @throws IllegalStateException naming the card that holds either
     */
    static synchronized CardSlot claim(String location, Path image, String owner) {
        Path key = image.toAbsolutePath().normalize();
        CardSlot atLocation = BY_LOCATION.get(location);
        if (atLocation != null) {
            throw new IllegalStateException("PCI location " + location + " is taken by the card of configuration "
                    + atLocation.owner + " (image " + atLocation.image + ")");
        }
        CardSlot onImage = BY_IMAGE.get(key);
        if (onImage != null) {
            throw new IllegalStateException("image " + key + " is used by the card at " + onImage.location
                    + " (configuration " + onImage.owner + "): two cards on one image would mix their writes");
        }
        CardSlot slot = new CardSlot(location, key, owner);
        BY_LOCATION.put(location, slot);
        BY_IMAGE.put(key, slot);
        return slot;
    }

    /** Locks the image file (which must exist now) against every other process. */
    void lockImage() throws IOException {
        channel = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            channel = null;
            throw new IllegalStateException("image " + image + " is locked by another process (another Karaf "
                    + "running a card on it?)");
        }
    }

    Path image() {
        return image;
    }

    @Override
    public void close() {
        synchronized (CardSlot.class) {
            BY_LOCATION.remove(location, this);
            BY_IMAGE.remove(image, this);
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        }
    }
}
