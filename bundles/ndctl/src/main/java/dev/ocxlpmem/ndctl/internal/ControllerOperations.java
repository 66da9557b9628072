package dev.ocxlpmem.ndctl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.ocxlpmem.ndctl.DimmEvent;
import dev.ocxlpmem.ndctl.DimmEventType;
import dev.ocxlpmem.ndctl.Monitor;
import dev.ocxlpmem.ndctl.Progress;
import dev.ocxlpmem.nvdimm.AddressRange;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.FamilyRequest;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareBlock;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.OcxlRequest;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * What the service asks of a DIMM's controller, through the bus with the OCXL family's codec:
 * health, firmware, the overwrite, logs, statistics, dumps, and the monitors that follow the
 * controllers' events. The role checks are the service's.
 */
final class ControllerOperations {
    /** How often an overwrite's progress is asked. */
    private static final long OVERWRITE_POLL_MILLIS = 100;

    private final List<DimmMonitor> monitors = new CopyOnWriteArrayList<>();
    private final Families families;

    ControllerOperations(Families families) {
        this.families = families;
    }

    /** Empty when no family of the DIMM offers health: ndctl then prints none. */
    Optional<DimmHealth> health(Dimm dimm) throws NvdimmException {
        Optional<FamilyRequest<DimmHealth>> request = families.offered(dimm, FamilyCodec::health);
        return request.isPresent() ? Optional.of(Families.call(dimm, request.get())) : Optional.empty();
    }

    Optional<FirmwareState> firmware(Dimm dimm) throws NvdimmException {
        return OcxlFamily.offers(dimm, OcxlCommand.FIRMWARE_UPDATE_STATUS)
                ? Optional.of(OcxlFamily.call(dimm, OcxlRequest.firmwareStatus())) : Optional.empty();
    }

    /** ndctl's update sequence (ndctl/dimm.c {@code update_firmware}): start, send, finish; then activate. */
    FirmwareState updateFirmware(Dimm dimm, byte[] image, boolean activate, Progress progress)
            throws NvdimmException {
        OcxlRequest<Void> start;
        try {
            start = OcxlRequest.firmwareStart(image.length);
        } catch (IllegalArgumentException e) {
            throw new NvdimmException(dimm.dev() + ": " + e.getMessage() + "; nothing was sent");
        }
        OcxlFamily.call(dimm, start);
        progress.update(0, image.length);
        for (int at = 0; at < image.length; at += FirmwareBlock.MAX_SIZE) {
            byte[] block = Arrays.copyOfRange(image, at, Math.min(image.length, at + FirmwareBlock.MAX_SIZE));
            OcxlFamily.call(dimm, OcxlRequest.firmwareSend(at, block));
            progress.update(at + block.length, image.length);
        }
        FirmwareState armed = OcxlFamily.call(dimm, OcxlRequest.firmwareFinish());
        return activate ? OcxlFamily.call(dimm, OcxlRequest.firmwareActivate()) : armed;
    }

    /**
     * Refused while a region on the DIMM is enabled, as Linux refuses an overwrite of an active
     * DIMM: its driver would read media being rewritten.
     */
    OverwriteState sanitize(Dimm dimm, List<Region> regions, Progress progress) throws NvdimmException {
        for (Region r : regions) {
            if (r.isEnabled() && r.mappings().stream().map(RegionMapping::dimm).anyMatch(dimm::equals)) {
                throw new NvdimmException(dimm.dev() + ": " + r.dev() + " is enabled: an overwrite destroys its data "
                        + "and labels; disable it first (ndctl:disable-region " + r.dev() + ")");
            }
        }
        OcxlFamily.call(dimm, OcxlRequest.overwrite());
        while (true) {
            OverwriteState state = OcxlFamily.call(dimm, OcxlRequest.overwriteStatus());
            progress.update(state.percentDone(), 100);
            switch (state.state()) {
                case SUCCEEDED:
                    return state;
                case FAILED:
                    throw new CommandException(dimm.dev() + ": the overwrite failed at " + state.percentDone()
                            + "%: " + state.result(), new IllegalStateException(state.toString()));
                default:
                    break;
            }
            try {
                Thread.sleep(OVERWRITE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NvdimmException(dimm.dev() + ": stopped waiting at " + state.percentDone()
                        + "%; the overwrite goes on in the card (ndctl:list -DH shows when it is done)");
            }
        }
    }

    List<ErrorLogEntry> errorLog(Dimm dimm) throws NvdimmException {
        return OcxlFamily.call(dimm, OcxlRequest.errorLog()).entries();
    }

    ControllerStats statistics(Dimm dimm) throws NvdimmException {
        return OcxlFamily.call(dimm, OcxlRequest.statistics());
    }

    byte[] controllerDump(Dimm dimm) throws NvdimmException {
        return OcxlFamily.call(dimm, OcxlRequest.controllerDump());
    }

    void injectSmart(Dimm dimm, SmartInjection injection) throws NvdimmException {
        try {
            families.call(dimm, "inject SMART values", codec -> codec.injectSmart(injection));
        } catch (IllegalArgumentException e) {
            throw new NvdimmException(dimm.dev() + ": " + e.getMessage() + "; nothing was injected");
        }
    }

    /**
     * Media errors go to the region's DIMM, at the region's address on the card (as ndctl's
     * inject-error adds the namespace's offset to its region's resource).
     */
    void injectError(Region region, long block, long count, boolean notify) throws NvdimmException {
        checkBlocks(region, block, count);
        long offset = region.start() + block * BadBlock.SECTOR_SIZE;
        families.call(region.mappings().get(0).dimm(), "inject media errors",
                codec -> codec.injectError(offset, count * BadBlock.SECTOR_SIZE, notify));
    }

    void uninjectError(Region region, long block, long count) throws NvdimmException {
        checkBlocks(region, block, count);
        long offset = region.start() + block * BadBlock.SECTOR_SIZE;
        families.call(region.mappings().get(0).dimm(), "inject media errors",
                codec -> codec.clearError(offset, count * BadBlock.SECTOR_SIZE));
    }

    /** The injected ranges that fall in the region, as blocks from its start. */
    List<BadBlock> injectedErrors(Region region) throws NvdimmException {
        List<BadBlock> blocks = new ArrayList<>();
        for (AddressRange r : families.call(region.mappings().get(0).dimm(), "inject media errors",
                FamilyCodec::injectedErrors)) {
            long from = Math.max(r.offset(), region.start());
            long to = Math.min(r.end(), region.start() + region.size());
            if (from < to) {
                long first = (from - region.start()) / BadBlock.SECTOR_SIZE;
                blocks.add(new BadBlock(first, (to - region.start() + BadBlock.SECTOR_SIZE - 1) / BadBlock.SECTOR_SIZE
                        - first));
            }
        }
        return blocks;
    }

    private static void checkBlocks(Region region, long block, long count) throws NvdimmException {
        long blocks = region.size() / BadBlock.SECTOR_SIZE;
        if (block < 0 || count <= 0 || block > blocks - count) {
            throw new NvdimmException(region.dev() + ": blocks " + block + "+" + count + " are outside its " + blocks
                    + " blocks");
        }
    }

    Monitor monitor(List<Dimm> dimms, Set<DimmEventType> events, int pollSeconds, Consumer<DimmEvent> sink)
            throws NvdimmException {
        List<Dimm> healthy = dimms.stream().filter(d -> families.offered(d, FamilyCodec::health).isPresent()).toList();
        if (healthy.isEmpty()) {
            throw new NvdimmException("no dimms to monitor: " + (dimms.isEmpty() ? "none matched"
                    : dimms.stream().map(Dimm::dev).toList() + " report no health"));
        }
        if (pollSeconds < 0) {
            throw new IllegalArgumentException("poll interval " + pollSeconds + " s is negative");
        }
        DimmMonitor[] self = new DimmMonitor[1];
        self[0] = new DimmMonitor(healthy, this::health, events, pollSeconds, sink, () -> monitors.remove(self[0]));
        monitors.add(self[0]);
        return self[0];
    }

    /** A controller's event, from EventAdmin: each monitor of its DIMM takes a look. */
    void event(ScmEvent event) {
        monitors.forEach(m -> m.event(event));
    }
}
