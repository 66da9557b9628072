package dev.ocxlpmem.management;

import java.util.List;

/** A DIMM ({@code ndctl list -D}). */
public interface DimmMXBean {
    String getDev();

    String getBus();

    String getId();

    int getHandle();

    List<String> getFlags();

    /** The commands the DIMM accepts, as ndctl.h names them. */
    List<String> getCommands();

    /** The label area's size, asked of the DIMM with ND_CMD_GET_CONFIG_SIZE through its bus. */
    long getLabelAreaSize();
}
