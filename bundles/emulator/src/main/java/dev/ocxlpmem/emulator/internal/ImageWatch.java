package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a running card's image file: deleted, replaced or truncated under the card, its memory
 * is no longer the file an operator will find after a restart (a deleted file lives on, unlinked,
 * until unmapped; a truncated one faults). That is reported once, as what it is, rather than
 * surfacing later as media errors or as labels that vanish at the next start.
 */
final class ImageWatch implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ocxlpmem image watch");
        t.setDaemon(true);
        return t;
    });

    private final Path image;
    private final long size;
    private final Object fileKey;
    private final Consumer<String> lost;
    private final ScheduledFuture<?> task;
    private volatile boolean reported;

    /** Checks {@code image} every {@code periodMillis}; calls {@code lost} once with what happened to it. */
    ImageWatch(Path image, long size, long periodMillis, Consumer<String> lost) throws IOException {
        this.image = image;
        this.size = size;
        this.fileKey = Files.readAttributes(image, BasicFileAttributes.class).fileKey();
        this.lost = lost;
        this.task = TIMER.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void check() {
        if (reported) {
            return;
        }
        String what = null;
        try {
            BasicFileAttributes now = Files.readAttributes(image, BasicFileAttributes.class);
            if (!Objects.equals(now.fileKey(), fileKey)) {
                what = "image " + image + " was replaced by another file while the card used it: the card still "
                        + "writes to the old one, which is gone from the directory";
            } else if (now.size() < size) {
                what = "image " + image + " was truncated to " + now.size() + " of " + size
                        + " bytes while the card used it: reads past its end fail";
            }
        } catch (NoSuchFileException e) {
            what = "image " + image + " was deleted while the card used it: writes since go to a file that is gone "
                    + "from the directory and will be lost when the card stops";
        } catch (IOException e) {
            what = "image " + image + " cannot be checked any more: " + e.getMessage();
        }
        if (what != null) {
            reported = true;
            lost.accept(what);
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
