package dev.ocxlpmem.scm;

/**
 * Offsets of the controller's 64-bit little-endian registers in the AFU's global MMIO area
 * (the series' {@code ocxlpmem.h}, "Add register addresses &amp; status values"; docs/scm-controller.md).
 * Everything from {@link #END} on belongs to the queues' request, response and data buffers,
 * wherever the queue descriptors place them.
 */
public final class Registers {
    /** Controller health / interrupt status; bits in {@link ChiBit}. Read only. */
    public static final int CHI = 0x000;
    /** Write 1s to clear CHI bits. */
    public static final int CHIC = 0x008;
    /** Write 1s to enable CHI bits as interrupts; reads the enabled mask. */
    public static final int CHIE = 0x010;
    /** Write 1s to disable CHI interrupts. */
    public static final int CHIEC = 0x018;
    /** Host doorbells; bits in {@link HciBit}. Writing sets bits; the controller clears what it consumed. */
    public static final int HCI = 0x020;
    /** Write 1s to clear HCI bits. */
    public static final int HCIC = 0x028;
    /** Interrupt 0 (informational: responses, error log, dump): the host's interrupt handle. */
    public static final int IMA0_OHP = 0x040;
    /** Interrupt 0 flags. */
    public static final int IMA0_CFP = 0x048;
    /** Interrupt 1 (fatal states): the host's interrupt handle. */
    public static final int IMA1_OHP = 0x050;
    /** Interrupt 1 flags. */
    public static final int IMA1_CFP = 0x058;
    /** Admin queue descriptor, two words ({@link QueueDescriptor}). */
    public static final int ACMA = 0x100;
    /** Near-storage queue descriptor, two words. */
    public static final int NSCMA = 0x120;
    /** Controller status ({@link ControllerStatus}). */
    public static final int CSTS = 0x140;
    /** Firmware version, 8 ASCII bytes ({@link FirmwareVersion}). */
    public static final int FWVER = 0x148;
    /** Capabilities 0 ({@link Ccap0}). */
    public static final int CCAP0 = 0x160;
    /** Capabilities 1 ({@link Ccap1}). */
    public static final int CCAP1 = 0x168;
    /** The first byte after the register block. */
    public static final int END = 0x170;

    private Registers() {
    }

    /** The register's name for messages, e.g. {@code CHI}, or the offset in hex when it is none. */
    public static String name(long offset) {
        return switch ((int) offset) {
            case CHI -> "CHI";
            case CHIC -> "CHIC";
            case CHIE -> "CHIE";
            case CHIEC -> "CHIEC";
            case HCI -> "HCI";
            case HCIC -> "HCIC";
            case IMA0_OHP -> "IMA0_OHP";
            case IMA0_CFP -> "IMA0_CFP";
            case IMA1_OHP -> "IMA1_OHP";
            case IMA1_CFP -> "IMA1_CFP";
            case ACMA -> "ACMA word 0";
            case ACMA + 8 -> "ACMA word 1";
            case NSCMA -> "NSCMA word 0";
            case NSCMA + 8 -> "NSCMA word 1";
            case CSTS -> "CSTS";
            case FWVER -> "FWVER";
            case CCAP0 -> "CCAP0";
            case CCAP1 -> "CCAP1";
            default -> String.format("0x%x", offset);
        };
    }
}
