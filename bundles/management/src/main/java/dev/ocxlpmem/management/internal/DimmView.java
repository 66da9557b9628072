package dev.ocxlpmem.management.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.management.DimmMXBean;
import dev.ocxlpmem.management.LabelBackupData;
import dev.ocxlpmem.management.ErrorLogEntryData;
import dev.ocxlpmem.management.FirmwareData;
import dev.ocxlpmem.management.HealthData;
import dev.ocxlpmem.management.LabelProblemData;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.Progress;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.FirmwareState;

/** A DIMM's MBean: each attribute and operation a call of the same service the console uses. */
final class DimmView extends DescribedView implements DimmMXBean {
    private final Ndctl ndctl;
    private final String dev;

    DimmView(Ndctl ndctl, String dev) {
        super(DimmMXBean.class, ObjectNames.of(ObjectNames.dimm(dev)), NvdimmEvent.Kind.DIMM);
        this.ndctl = ndctl;
        this.dev = dev;
    }

    private DimmInfo dimm() {
        try {
            return ndctl.dimm(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String getDev() {
        return dev;
    }

    @Override
    public ObjectName getBus() {
        return ObjectNames.of(ObjectNames.bus(dimm().bus()));
    }

    @Override
    public String getId() {
        return dimm().id();
    }

    @Override
    public int getHandle() {
        return dimm().handle();
    }

    @Override
    public String getState() {
        return dimm().enabled() ? "enabled" : "disabled";
    }

    @Override
    public List<String> getFlags() {
        return dimm().flags().stream().map(Enum::name).sorted().toList();
    }

    @Override
    public boolean isReadOnly() {
        return dimm().readOnly();
    }

    @Override
    public boolean isInOverwrite() {
        return dimm().inOverwrite();
    }

    @Override
    public void enableDimm() {
        try {
            ndctl.enableDimm(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void disableDimm() {
        try {
            ndctl.disableDimm(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public List<String> getCommands() {
        return dimm().commands().stream().sorted().map(NdCommand::ndName).toList();
    }

    @Override
    public long getLabelAreaSize() {
        return dimm().labelAreaSize();
    }

    @Override
    public String getLabelState() {
        try {
            return ndctl.labelState(dev).name();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void initLabels(String version, boolean force) {
        LabelVersion v;
        try {
            v = LabelVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        try {
            ndctl.initLabels(dev, v, force);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void zeroLabels() {
        try {
            ndctl.zeroLabels(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public List<LabelProblemData> checkLabels() {
        try {
            return ndctl.checkLabels(dev).stream().map(DimmView::data).toList();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    private static LabelProblemData data(LabelProblem p) {
        return new LabelProblemData(p.severity().name(), p.where(), p.field(), p.expected(), p.found(), p.toString());
    }

    @Override
    public String readLabels() {
        try {
            return NdctlJson.write(List.of(NdctlJson.labels(ndctl.readLabels(dev), false)));
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public List<LabelBackupData> listLabelBackups() {
        try {
            return ndctl.labelBackups(dev).stream()
                    .map(b -> new LabelBackupData(b.name(), b.saved().toString(), b.before(), b.size())).toList();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void restoreLabels(String backup) {
        try {
            ndctl.restoreLabels(dev, backup);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void writeLabels(byte[] area) {
        if (area == null) {
            throw new IllegalArgumentException("no label area given");
        }
        try {
            ndctl.writeLabels(dev, area);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    // ---------------------------------------------------------------- the card's controller

    @Override
    public HealthData getHealth() {
        try {
            return ndctl.health(dev).map(DimmView::data).orElse(null);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    private static HealthData data(DimmHealth h) {
        return new HealthData(h.healthState().ndctlName(), h.temperatureCelsius(), h.controllerTemperatureCelsius(),
                h.sparesPercentage(), h.alarmTemperature(), h.alarmControllerTemperature(), h.alarmSpares(),
                h.temperatureThreshold(), h.controllerTemperatureThreshold(), h.sparesThreshold(),
                h.lifeUsedPercentage(), h.shutdownState(), h.shutdownCount());
    }

    @Override
    public FirmwareData getFirmware() {
        try {
            return ndctl.firmware(dev).map(DimmView::data).orElse(null);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    private static FirmwareData data(FirmwareState f) {
        return new FirmwareData(f.currentVersion(), f.nextVersion(), f.state().activateState(), f.canUpdate());
    }

    @Override
    public FirmwareData updateFirmware(byte[] image, boolean activate) {
        if (image == null) {
            throw new IllegalArgumentException("no firmware image given");
        }
        try {
            return data(ndctl.updateFirmware(dev, image, activate, Progress.NONE));
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String sanitize() {
        try {
            return ndctl.sanitize(dev, Progress.NONE).state().name();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public List<ErrorLogEntryData> errorLog() {
        try {
            return ndctl.errorLog(dev).stream().map(e -> new ErrorLogEntryData(e.logId(), e.type().text(),
                    e.programReferenceCode(), e.actions().stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(",")), e.powerOnSeconds(), e.firmwareRevision(),
                    e.mediaError().map(m -> m + ": ").orElse("") + e.additionalText())).toList();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public Map<String, Long> statistics() {
        try {
            Map<String, Long> stats = new LinkedHashMap<>();
            NdctlJson.statistics(ndctl.statistics(dev)).forEach((k, v) -> stats.put(k, ((Number) v).longValue()));
            return stats;
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }
}
