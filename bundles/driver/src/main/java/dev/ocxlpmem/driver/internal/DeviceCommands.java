package dev.ocxlpmem.driver.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.Status;

/**
 * The bus's command handler for one card: the config-data commands on the label area, and
 * {@code ND_CMD_CALL} of family 6 on the card's controller. A controller command that fails
 * becomes a {@link CommandException}: a refusal (without a cause) when the caller's input or the
 * card's state is the reason — a bad image, an update blocked, a function the card lacks — a fault
 * keeping the controller's exception otherwise (a timeout, a wrong id, a failure status). Either
 * way the controller takes the next command.
 */
final class DeviceCommands implements CommandHandler {
    /**
     * Functions that change nothing on the DIMM's media: a read-only DIMM still answers them. A
     * SMART injection changes only what the sensors report, and is how an injected fatal state
     * (which makes the DIMM read-only) is taken back.
     */
    private static final Set<OcxlCommand> QUERIES = EnumSet.of(OcxlCommand.SMART, OcxlCommand.HEALTH,
            OcxlCommand.ERROR_LOG, OcxlCommand.CONTROLLER_STATS, OcxlCommand.FIRMWARE_UPDATE_STATUS,
            OcxlCommand.CONTROLLER_DUMP, OcxlCommand.HEARTBEAT, OcxlCommand.OVERWRITE_STATUS,
            OcxlCommand.INJECT_SMART, OcxlCommand.INJECT_ERROR_STATUS);
    /** Statuses that say the request cannot be carried out as asked, rather than that the card failed. */
    private static final Set<Integer> REFUSALS = Set.of(Status.MEMORY_UNAVAILABLE.code(), Status.BLOCKED.code(),
            Status.BAD_OPCODE.code(), Status.BAD_REQUEST_PARAMETER.code(), Status.BAD_DATA_PARAMETER.code(),
            Status.DEBUG_BLOCKED.code());

    private final ConfigDataCommands configData;
    private final FamilyCommands family;

    DeviceCommands(ConfigDataCommands configData, FamilyCommands family) {
        this.configData = configData;
        this.family = family;
    }

    /** The DIMM's function mask for family 6: what the card's CMD_CAPS supports. */
    FamilyFunctions functions() {
        Set<OcxlCommand> offered = family.functions();
        return new FamilyFunctions(OcxlCommand.FAMILY, numbers(offered),
                numbers(offered.stream().filter(QUERIES::contains).collect(Collectors.toSet())));
    }

    private static Set<Integer> numbers(Set<OcxlCommand> commands) {
        return commands.stream().map(OcxlCommand::number).collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
        if (!(command instanceof DimmCommand.Call call)) {
            return configData.execute(dimm, command);
        }
        if (call.family() != OcxlCommand.FAMILY) {
            throw new CommandRefusedException(dimm.dev() + ": ocxlpmem speaks command family " + OcxlCommand.FAMILY
                    + " only, not " + call.family());
        }
        try {
            return (R) family.call(call.function(), call.input());
        } catch (ControllerCommandException e) {
            String message = dimm.dev() + ": " + e.getMessage();
            boolean refusal = e.reason() == Reason.INPUT
                    || e.reason() == Reason.STATUS && REFUSALS.contains(e.status());
            throw refusal ? new CommandRefusedException(message) : new CommandException(message, e);
        }
    }
}
