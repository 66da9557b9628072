package dev.ocxlpmem.driver.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.Device;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.BusRegistry;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.DimmRegistration;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * Function 1 of a card, probed: its LPC memory split into the label area and one pmem region,
 * registered with the nvdimm bus (the seed's {@code struct ocxlpmem} and {@code probe}).
 */
public final class OcxlPmemDevice {
    static final String PROVIDER = "ocxlpmem";
    private static final Logger LOG = LoggerFactory.getLogger(OcxlPmemDevice.class);
    private static final Set<NdCommand> COMMANDS = EnumSet.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA,
            NdCommand.SET_CONFIG_DATA, NdCommand.CALL);

    private final String location;
    private final Teardown teardown;
    private final Bus bus;

    private OcxlPmemDevice(String location, Teardown teardown, Bus bus) {
        this.location = location;
        this.teardown = teardown;
        this.bus = bus;
    }

    Bus bus() {
        return bus;
    }

    /** {@link Device#probe}: the driver's probe outside OSGi. */
    public static Device standalone(OcxlFunction function, BusRegistry nvdimm, long labelAreaSize,
            Consumer<ScmEvent> events) throws NvdimmException {
        OcxlPmemDevice device;
        try {
            device = probe(function, nvdimm, labelAreaSize, events, CommandTimeouts.documented());
        } catch (ProbeException e) {
            throw new NvdimmException(e.getMessage(), e);
        }
        return new Device() {
            @Override
            public Bus bus() {
                return device.bus();
            }

            @Override
            public void close() {
                device.remove();
            }
        };
    }

    /** A probe whose controller events go nowhere, with the documented timeouts. */
    static OcxlPmemDevice probe(OcxlFunction function, BusRegistry nvdimm, long labelAreaSize) throws ProbeException {
        return probe(function, nvdimm, labelAreaSize, event -> { }, CommandTimeouts.documented());
    }

    /**
     * Probes; on failure everything already done is undone and the exception names the step (and,
     * for the controller, the register state). Waits for the controller within CCAP0's timeouts.
     * The controller's events go to {@code events}, from its interrupt thread.
     */
    static OcxlPmemDevice probe(OcxlFunction function, BusRegistry nvdimm, long labelAreaSize,
            Consumer<ScmEvent> events, CommandTimeouts timeouts) throws ProbeException {
        String location = function.location();
        Teardown teardown = new Teardown();
        String step = "open function";
        try {
            OpenFunction open = function.open();
            teardown.push("close function", open::close);

            step = "fetch AFU 0";
            Afu afu = open.fetchAfu(0);

            step = "allocate context";
            Context context = afu.allocateContext();
            teardown.push("free context", context::close);

            step = "attach context";
            context.attach();
            teardown.push("detach context", context::detach);

            step = "start controller";
            DeviceEvents listener = new DeviceEvents(location, events);
            ScmController controller = ScmController.start(location, afu, context, listener, timeouts);
            teardown.push("shut down controller", controller::close);
            FamilyCommands family = new FamilyCommands(controller);

            step = "map LPC memory";
            Mapping lpc = afu.mapLpcMemory();
            // Nothing may reach the memory once it is unmapped, so the unmap comes after every other release.
            teardown.last("unmap LPC memory", lpc::close);

            step = "reserve label area";
            if (lpc.size() <= labelAreaSize) {
                throw new IllegalStateException("LPC memory of " + lpc.size() + " bytes leaves nothing after the "
                        + labelAreaSize + "-byte label area");
            }
            Mapping labelArea = lpc.slice(0, labelAreaSize);
            long serial = function.config().serial();

            step = "register bus";
            DeviceCommands commands = new DeviceCommands(new ConfigDataCommands(labelArea), family);
            BusRegistration registration = nvdimm.register(new BusDescriptor(PROVIDER, Set.of(CommandFamily.OCXL)),
                    commands);
            Bus bus = registration.bus();
            teardown.push("unregister bus " + bus.dev(), registration::unregister);

            step = "create DIMM";
            DimmRegistration dimm = registration.createDimm(new DimmDescriptor(
                    String.format("%04x-%016x", function.vendor(), serial), EnumSet.of(DimmFlag.LABELING), COMMANDS,
                    List.of(commands.functions())));
            listener.registered(registration, dimm, lpc.size());
            dimm.setEnableCheck(() -> listener.enableCheck(controller));

            step = "check DIMM count";
            registration.checkDimmCount(1);

            step = "create region";
            long pmemSize = lpc.size() - labelAreaSize;
            // DPA 0 is the first byte after the label area, so labels do not depend on where the card is
            // mapped. The seed declares no persistence-domain flag (ndctl shows "unknown").
            Region region = registration.createRegion(new RegionDescriptor(labelAreaSize,
                    lpc.slice(labelAreaSize, pmemSize), List.of(new RegionMapping(dimm.dimm(), 0, pmemSize, 0)),
                    new InterleaveSet(serial, serial), RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));

            if (serial == 0) {
                LOG.warn("ocxlpmem {}: the card's serial number reads 0, so {} cannot hold namespace labels "
                        + "(its interleave-set cookie would be 0)", location, region.dev());
            }
            LOG.info("ocxlpmem {}: onlining {} MB of persistent memory as {} on {}; {} speaks family {} functions {}",
                    location, pmemSize >> 20, region.dev(), bus.dev(), dimm.dimm().dev(), CommandFamily.OCXL,
                    commands.functions().functions().stream().sorted().toList());
            return new OcxlPmemDevice(location, teardown, bus);
        } catch (Exception e) {
            teardown.run(LOG, location);
            throw new ProbeException(location, step, e);
        }
    }

    /**
     * Undoes the probe: bus (regions, DIMM: no command reaches the card after it), the controller
     * (SHUTDOWN, so the card records a clean shutdown), context, function, and the mapping last.
     */
    void remove() {
        teardown.run(LOG, location);
        LOG.info("ocxlpmem {}: removed", location);
    }
}
