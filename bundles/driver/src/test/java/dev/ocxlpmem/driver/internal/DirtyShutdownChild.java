package dev.ocxlpmem.driver.internal;

import java.nio.file.Path;

/**
 * Probes the controller of the card in {@code args[0]} and says so on stdout, then either waits
 * to be killed ({@code args[1]} = "wait") or removes it properly ("remove": SHUTDOWN) and exits.
 */
public final class DirtyShutdownChild {
    private DirtyShutdownChild() {
    }

    public static void main(String[] args) throws Exception {
        ScmCard card = ScmCard.started(Path.of(args[0]));
        System.out.println("probed " + card.controller.health().shutdownCount());
        System.out.flush();
        if (args[1].equals("remove")) {
            card.close();
            return;
        }
        Thread.sleep(60_000);
    }
}
