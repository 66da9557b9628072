package dev.ocxlpmem.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.console.Session;

import dev.ocxlpmem.ndctl.Progress;

/**
 * A progress bar on standard error, redrawn in place ({@code \r}) when the percentage moves and
 * ended with a newline when done: {@code nmem0: updating firmware [#########           ]  45%}.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;

    private final String label;
    private final Session session;
    private final PrintStream out = System.err;
    private int shown = -1;

    ProgressBar(String label, Session session) {
        this.label = label;
        this.session = session;
    }

    @Override
    public void update(long done, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", percent));
        if (percent == 100) {
            out.println();
        }
        SessionStreams.flush(session);
    }

    /** Ends a bar that stopped short (a failure), so that the next message starts on a line of its own. */
    void abandon() {
        if (shown >= 0 && shown < 100) {
            out.println();
            SessionStreams.flush(session);
        }
    }
}
