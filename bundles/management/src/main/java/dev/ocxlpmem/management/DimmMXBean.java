package dev.ocxlpmem.management;

import java.util.List;

import javax.management.ObjectName;

/** A DIMM ({@code ndctl list -D}) and its label area ({@code ndctl *-labels}). */
@Description("A DIMM (ndctl list -D) and the operations on its label area (ndctl init/zero/read/write/check-labels)")
public interface DimmMXBean {
    @Description("The device name, nmemN")
    String getDev();

    @Description("The DIMM's bus")
    ObjectName getBus();

    @Description("The provider's unique id (vendor and serial number)")
    String getId();

    @Description("The DIMM's index on its bus (ndctl's handle and phys_id)")
    int getHandle();

    @Description("enabled or disabled")
    String getState();

    @Description("The DIMM's flags: LABELING (carries namespace labels), LOCKED, UNARMED")
    List<String> getFlags();

    @Description("Whether the provider made the DIMM read-only: commands that change it are refused")
    boolean isReadOnly();

    @Description("The commands the DIMM accepts, as ndctl.h names them")
    List<String> getCommands();

    @Description("The label area's size in bytes (ND_CMD_GET_CONFIG_SIZE, asked once)")
    long getLabelAreaSize();

    @Description("What the label area holds, read now: VALID, BLANK (label-less until initLabels), DAMAGED or NONE")
    String getLabelState();

    @Description("ndctl init-labels: a fresh label area; the DIMM's region must be disabled")
    void initLabels(@Description(name = "version", value = "label version: 1.1 or 1.2") String version,
            @Description(name = "force", value = "initialise even over a valid index, losing its namespaces")
            boolean force);

    @Description("ndctl zero-labels: zeroes the label area; the DIMM's region must be disabled")
    void zeroLabels();

    @Description("ndctl check-labels -v: every problem found, errors and warnings; empty when clean")
    List<LabelProblemData> checkLabels();

    @Description("ndctl read-labels -j: the label area as ndctl's JSON")
    String readLabels();

    @Description("The label areas saved before a zero-, write- or restoreLabels or initLabels with force, newest first")
    List<LabelBackupData> listLabelBackups();

    @Description("Writes a saved label area back (see listLabelBackups); the region must be disabled")
    void restoreLabels(@Description(name = "backup", value = "the backup's name, e.g. 20261201-203015.123")
            String backup);

    @Description("ndctl write-labels: writes a saved label area (exactly its size) as is; the region must be disabled")
    void writeLabels(@Description(name = "area", value = "the label area's bytes, e.g. from read-labels -o")
            byte[] area);
}
