package dev.ocxlpmem.ocxl;

/** What runs when the AFU raises an interrupt ({@code ocxl_irq_set_handler}). */
@FunctionalInterface
public interface InterruptHandler {

    /**
     * Called on the context's interrupt thread, one interrupt at a time per context, never on the
     * thread that made the AFU raise it. The handler may block and may access the AFU's global
     * MMIO. An exception it throws is logged and the next interrupt is still delivered.
     */
    void interrupted(AfuInterrupt interrupt);
}
