package dev.ocxlpmem.management;

import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

/** A DIMM ({@code ndctl list -D}) and its label area ({@code ndctl *-labels}). */
@Description("A DIMM (ndctl list -D), the operations on its label area (ndctl init/zero/read/write/check-labels), "
        + "its health and firmware, and its controller's log, statistics, firmware update and overwrite; notifications "
        + "of its controller's events (dev.ocxlpmem.scm.<health.changed|error.logged|fatal|dump.available|overwrite.ended>)")
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

    @Description("Whether an overwrite runs on the DIMM or one did not complete (ndctl's security: overwrite): its "
            + "region stays disabled until an overwrite completes")
    boolean isInOverwrite();

    @Description("ndctl enable-dimm: enables the DIMM once its controller can be trusted again (out of a fatal state)")
    void enableDimm();

    @Description("ndctl disable-dimm: refused while its region is enabled; its region cannot be enabled meanwhile")
    void disableDimm();

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

    @Description("The DIMM's health (ndctl list -DH), read now; none when the DIMM reports no health")
    HealthData getHealth();

    @Description("Where the DIMM's firmware stands (ndctl list -DF); none when it has no firmware commands")
    FirmwareData getFirmware();

    @Description("ndctl update-firmware: sends the image, has the card check and arm it, and with activate resets "
            + "the controller into it; a bad image or a blocked update is refused with the card's reason (admin)")
    FirmwareData updateFirmware(@Description(name = "image", value = "the firmware image file's bytes") byte[] image,
            @Description(name = "activate", value = "activate at once; otherwise at the card's next reset")
            boolean activate);

    @Description("ndctl sanitize-dimm --overwrite: overwrites all of the media, labels included, and waits for the "
            + "end; the DIMM's region must be disabled (admin). Returns SUCCEEDED")
    String sanitize();

    @Description("The card controller's error log as the driver has read it, oldest first (ocxl:error-log)")
    List<ErrorLogEntryData> errorLog();

    @Description("The card controller's statistics, read now (ocxl:stats): counts, durations in ns, percentages")
    Map<String, Long> statistics();
}
