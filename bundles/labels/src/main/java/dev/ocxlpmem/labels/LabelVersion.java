package dev.ocxlpmem.labels;

/**
 * Label area versions. The version is a property of the index blocks (major 1, minor 1 or 2);
 * it fixes the label size (UEFI 2.7 §13.19, Linux {@code label.h}).
 */
public enum LabelVersion {
    /** 128-byte labels, as Linux writes them by default ({@code ndctl init-labels}). */
    V1_1(1, 128),
    /** 256-byte labels with type and abstraction GUIDs and a per-label checksum. */
    V1_2(2, 256);

    private final int minor;
    private final int labelSize;

    LabelVersion(int minor, int labelSize) {
        this.minor = minor;
        this.labelSize = labelSize;
    }

    public int major() {
        return 1;
    }

    public int minor() {
        return minor;
    }

    /** Bytes per label slot. */
    public int labelSize() {
        return labelSize;
    }

    /** {@code 1.1} or {@code 1.2}. */
    public String text() {
        return "1." + minor;
    }

    /**
     * Parses {@code 1.1}, {@code v1.1}, {@code 1.2} or {@code v1.2}, as ndctl's {@code -V} does.
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static LabelVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        for (LabelVersion v : values()) {
            if (v.text().equals(t)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a label version: use 1.1 or 1.2");
    }

    @Override
    public String toString() {
        return text();
    }
}
