package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider passes to {@link BusRegistration#createDimm} ({@code nvdimm_create}).
 *
 * @param id a unique ID shown as {@code id} by {@code ndctl list -D} (e.g. vendor and serial);
 *     no two DIMMs of a core may share one
 * @param flags the DIMM's flags
 * @param commands the DIMM's command mask: what the bus lets through to the provider
 * @param families the command families of the DIMM's {@code ND_CMD_CALL} commands with their
 *     function masks; empty for none
 */
public record DimmDescriptor(String id, Set<DimmFlag> flags, Set<NdCommand> commands, List<FamilyFunctions> families) {
    public DimmDescriptor {
        Objects.requireNonNull(id, "id");
        flags = Set.copyOf(flags);
        commands = Set.copyOf(commands);
        families = List.copyOf(families);
        if (families.stream().map(FamilyFunctions::family).distinct().count() != families.size()) {
            throw new IllegalArgumentException(id + ": a command family is listed twice in " + families);
        }
    }
}
