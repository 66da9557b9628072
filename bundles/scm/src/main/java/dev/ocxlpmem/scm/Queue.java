package dev.ocxlpmem.scm;

/** The controller's two command queues, each with its descriptor, doorbell and response bit. */
public enum Queue {
    ADMIN("admin", Registers.ACMA, HciBit.ACRW, ChiBit.ACRA),
    NEAR_STORAGE("near-storage", Registers.NSCMA, HciBit.NSCRW, ChiBit.NSCRA);

    private final String label;
    private final int descriptor;
    private final HciBit doorbell;
    private final ChiBit responseAvailable;

    Queue(String label, int descriptor, HciBit doorbell, ChiBit responseAvailable) {
        this.label = label;
        this.descriptor = descriptor;
        this.doorbell = doorbell;
        this.responseAvailable = responseAvailable;
    }

    /** Offset of the descriptor's word 0 ({@link QueueDescriptor}). */
    public int descriptor() {
        return descriptor;
    }

    /** The HCI bit the host sets once the request is written. */
    public HciBit doorbell() {
        return doorbell;
    }

    /** The CHI bit the controller sets once the response is written, and the host clears through CHIC. */
    public ChiBit responseAvailable() {
        return responseAvailable;
    }

    @Override
    public String toString() {
        return label;
    }
}
