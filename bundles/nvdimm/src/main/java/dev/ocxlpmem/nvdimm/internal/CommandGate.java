package dev.ocxlpmem.nvdimm.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NdCommand;

/**
 * The checks every DIMM command passes before the provider sees it, in one place (Linux
 * {@code drivers/nvdimm/bus.c}: {@code __nd_ioctl}'s command and family masks and read-only test,
 * {@code nd_cmd_clear_to_send}; the per-family function mask as {@code acpi_nfit_ctl} applies
 * {@code dsm_mask}). Each refusal names what was asked and what would be allowed.
 */
final class CommandGate {
    /** Commands that change a DIMM; refused while it, or a region on it, is read-only. */
    private static final Set<NdCommand> CHANGING = EnumSet.of(NdCommand.SET_CONFIG_DATA, NdCommand.VENDOR);

    private CommandGate() {
    }

    static void check(NvdimmBus bus, NvdimmDimm dimm, DimmCommand<?> command, Attachment owner)
            throws CommandRefusedException {
        NdCommand type = command.type();
        if (!dimm.supports(type)) {
            throw new CommandRefusedException(dimm.dev() + " does not support " + type + "; it supports "
                    + commands(dimm.commands()));
        }
        boolean changes = CHANGING.contains(type);
        if (command instanceof DimmCommand.Call call) {
            FamilyFunctions functions = functions(bus, dimm, call);
            changes = !functions.queries().contains(call.function());
        }
        if (changes) {
            checkWritable(bus, dimm, describe(command));
        }
        if (type == NdCommand.SET_CONFIG_DATA) {
            if (owner == null) {
                checkNoRegionEnabled(bus, dimm);
            } else if (!owner.isActive()) {
                throw new CommandRefusedException(dimm.dev() + ": label write refused: " + owner.region().dev()
                        + " was disabled, and its driver no longer owns the labels");
            }
        }
    }

    private static FamilyFunctions functions(NvdimmBus bus, NvdimmDimm dimm, DimmCommand.Call call)
            throws CommandRefusedException {
        if (!bus.families().contains(call.family())) {
            throw new CommandRefusedException(bus.dev() + " does not pass command family "
                    + CommandFamily.describe(call.family()) + " to its DIMMs; it passes " + families(bus.families()));
        }
        FamilyFunctions functions = dimm.family(call.family()).orElse(null);
        if (functions == null) {
            throw new CommandRefusedException(dimm.dev() + " does not speak command family "
                    + CommandFamily.describe(call.family()) + "; it speaks "
                    + families(dimm.families().stream().map(FamilyFunctions::family).toList()));
        }
        if (!functions.functions().contains(call.function())) {
            throw new CommandRefusedException(dimm.dev() + " does not offer function " + call.function()
                    + " of command family " + CommandFamily.describe(call.family()) + "; it offers "
                    + sorted(functions.functions()));
        }
        return functions;
    }

    private static void checkWritable(NvdimmBus bus, NvdimmDimm dimm, String what) throws CommandRefusedException {
        if (dimm.isReadOnly()) {
            throw new CommandRefusedException(dimm.dev() + " is read-only: " + what
                    + " refused; commands that only read it are still answered");
        }
        for (PmemRegion region : bus.pmemRegions()) {
            if (region.maps(dimm) && region.isReadOnly()) {
                throw new CommandRefusedException(region.dev() + " is read-only: " + what + " to " + dimm.dev()
                        + " refused; make " + region.dev() + " writable first");
            }
        }
    }

    /** {@code nd_cmd_clear_to_send}: an enabled region's driver owns the labels of its DIMMs. */
    static void checkNoRegionEnabled(NvdimmBus bus, NvdimmDimm dimm) throws CommandRefusedException {
        for (PmemRegion region : bus.pmemRegions()) {
            if (region.maps(dimm) && region.isEnabled()) {
                throw new CommandRefusedException(dimm.dev() + ": regions active, abort label write: "
                        + region.dev() + " is enabled and owns the labels; disable it first (ndctl:disable-region "
                        + region.dev() + ")");
            }
        }
    }

    private static String describe(DimmCommand<?> command) {
        if (command instanceof DimmCommand.Call call) {
            return "ND_CMD_CALL function " + call.function() + " of family " + CommandFamily.describe(call.family());
        }
        return command.type().ndName();
    }

    private static String commands(Set<NdCommand> commands) {
        return commands.isEmpty() ? "none" : commands.stream().sorted().map(NdCommand::toString)
                .collect(Collectors.joining(", "));
    }

    private static String families(Collection<Integer> families) {
        return families.isEmpty() ? "none" : families.stream().sorted().map(CommandFamily::describe)
                .collect(Collectors.joining(", "));
    }

    private static String sorted(Set<Integer> functions) {
        return functions.isEmpty() ? "none" : functions.stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
