package dev.ocxlpmem.btt;

/**
 * The two BTT layouts Linux uses, fixed by the namespace's label version (Linux
 * {@code drivers/nvdimm/btt_devs.c}, {@code nd_btt_version}): the version decides where in the
 * namespace the BTT starts and what its info blocks say.
 */
public enum BttVersion {
    /** BTT 1.1, starting 4 KiB into the namespace: namespaces with v1.1 labels (claim class none or BTT). */
    V1_1(1, 1, 4096),
    /** BTT 2.0, starting at byte 0 of the namespace: v1.2 labels with the BTT2 abstraction GUID. */
    V2_0(2, 0, 0);

    private final int major;
    private final int minor;
    private final long offset;

    BttVersion(int major, int minor, long offset) {
        this.major = major;
        this.minor = minor;
        this.offset = offset;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** Where the BTT (its first arena's info block) starts in the namespace. */
    public long offset() {
        return offset;
    }

    /** The version an info block's {@code version_major}/{@code version_minor} name, or null. */
    public static BttVersion of(int major, int minor) {
        for (BttVersion v : values()) {
            if (v.major == major && v.minor == minor) {
                return v;
            }
        }
        return null;
    }

    /** {@code 1.1} or {@code 2.0}, as {@code ndctl read-infoblock} prints it. */
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
