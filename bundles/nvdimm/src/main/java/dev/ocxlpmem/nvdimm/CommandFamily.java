package dev.ocxlpmem.nvdimm;

/** {@code ND_CMD_CALL} families (Linux {@code include/uapi/linux/ndctl.h}). */
public final class CommandFamily {
    public static final int INTEL = 0;
    public static final int HPE1 = 1;
    public static final int HPE2 = 2;
    public static final int MSFT = 3;
    public static final int HYPERV = 4;
    public static final int PAPR = 5;
    /** Proposed by the OpenCAPI SCM series for its SMART and admin commands. */
    public static final int OCXL = 6;

    private static final String[] NAMES = {"INTEL", "HPE1", "HPE2", "MSFT", "HYPERV", "PAPR", "OCXL"};

    private CommandFamily() {
    }

    /** E.g. {@code 6 (NVDIMM_FAMILY_OCXL)}, or just the number for a family this code does not know. */
    public static String describe(int family) {
        return family >= 0 && family < NAMES.length ? family + " (NVDIMM_FAMILY_" + NAMES[family] + ")"
                : Integer.toString(family);
    }
}
