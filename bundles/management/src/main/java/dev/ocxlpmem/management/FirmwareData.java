package dev.ocxlpmem.management;

import java.beans.ConstructorProperties;

/** Where a DIMM's firmware stands, as an open-type composite ({@code ndctl list -DF}). */
public final class FirmwareData {
    private final String currentVersion;
    private final String nextVersion;
    private final String activateState;
    private final boolean canUpdate;

    @ConstructorProperties({"currentVersion", "nextVersion", "activateState", "canUpdate"})
    public FirmwareData(String currentVersion, String nextVersion, String activateState, boolean canUpdate) {
        this.currentVersion = currentVersion;
        this.nextVersion = nextVersion;
        this.activateState = activateState;
        this.canUpdate = canUpdate;
    }

    /** The running firmware's version, as FWVER shows it. */
    public String getCurrentVersion() {
        return currentVersion;
    }

    /** The armed image's version, active at the next controller reset; empty when none is armed. */
    public String getNextVersion() {
        return nextVersion;
    }

    /** idle, armed or busy. */
    public String getActivateState() {
        return activateState;
    }

    public boolean isCanUpdate() {
        return canUpdate;
    }
}
