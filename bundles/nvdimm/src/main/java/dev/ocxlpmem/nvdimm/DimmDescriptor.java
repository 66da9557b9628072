package dev.ocxlpmem.nvdimm;

import java.util.Objects;
import java.util.Set;

/**
 * What a provider passes to {@link Bus#createDimm} ({@code nvdimm_create}).
 *
 * @param id a unique ID shown as {@code id} by {@code ndctl list -D} (e.g. vendor and serial)
 * @param flags the DIMM's flags
 * @param commands the DIMM's command mask: what the bus lets through to the provider
 * @param family the command family of the DIMM's {@code ND_CMD_CALL} commands, or -1 for none
 */
public record DimmDescriptor(String id, Set<DimmFlag> flags, Set<NdCommand> commands, int family) {
    public DimmDescriptor {
        Objects.requireNonNull(id, "id");
        flags = Set.copyOf(flags);
        commands = Set.copyOf(commands);
    }
}
