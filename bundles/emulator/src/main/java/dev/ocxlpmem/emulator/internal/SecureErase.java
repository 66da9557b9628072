package dev.ocxlpmem.emulator.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.SecureEraseResult;
import dev.ocxlpmem.scm.Status;

/**
 * The near-storage SECURE_ERASE, on a thread of its own: every byte of LPC memory zeroed and made
 * durable a MiB at a time, poison cleared as its pages are rewritten, progress in CSTS, and the
 * response (with the page counts of {@link SecureEraseResult}) when it ends.
 */
final class SecureErase {
    private static final Logger LOG = LoggerFactory.getLogger(SecureErase.class);
    private static final long CHUNK = 1 << 20;

    private final Controller controller;
    private final Mapping media;
    private final int id;
    private final long generation;
    private final Thread thread;
    private volatile boolean cancelled;

    SecureErase(Controller controller, Mapping media, int id, long generation) {
        this.controller = controller;
        this.media = media;
        this.id = id;
        this.generation = generation;
        this.thread = new Thread(this::run, "ocxl-scm " + controller.location() + " secure erase");
        thread.setDaemon(true);
    }

    long generation() {
        return generation;
    }

    void start() {
        thread.start();
    }

    void cancel() {
        cancelled = true;
    }

    private void run() {
        long size = media.size();
        long pages = (size + SecureEraseResult.PAGE - 1) / SecureEraseResult.PAGE;
        long defective = 0;
        Status status = Status.SUCCESS;
        try {
            for (long page = 0; page < pages; page++) {
                if (controller.poison.firstPoisoned(page * SecureEraseResult.PAGE, SecureEraseResult.PAGE) >= 0) {
                    defective++;
                }
            }
            for (long at = 0; at < size && !cancelled; at += CHUNK) {
                long length = Math.min(CHUNK, size - at);
                media.fill(at, length, (byte) 0);
                media.persist(at, length);
                controller.poison.clear(at, length);
                controller.counters.mediaWrites.add(MediaCounters.lines(at, length));
                controller.eraseProgress(this, (int) ((at + length) * 100 / size));
            }
        } catch (RuntimeException e) {
            LOG.error("Emulated card {}: secure erase failed: {}", controller.location(), e.getMessage(), e);
            status = Status.FAILURE;
        } finally {
            media.close();
        }
        if (cancelled) {
            return;
        }
        long done = status == Status.SUCCESS ? pages : 0;
        long defectiveDone = status == Status.SUCCESS ? defective : 0;
        controller.eraseEnded(this, new Response(status, id,
                new SecureEraseResult(done - defectiveDone, pages - defective, defectiveDone, defective).results()));
    }
}
