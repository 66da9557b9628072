package dev.ocxlpmem.nvdimm;

import java.util.Objects;
import java.util.Set;

/**
 * What a provider registers ({@code struct nvdimm_bus_descriptor}).
 *
 * @param providerName shown by {@code ndctl list} as the bus's {@code provider}
 * @param handler answers the DIMM commands the bus lets through
 * @param families the {@code ND_CMD_CALL} command families the bus lets through (its family mask)
 */
public record BusDescriptor(String providerName, CommandHandler handler, Set<Integer> families) {
    public BusDescriptor {
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(handler, "handler");
        families = Set.copyOf(families);
    }
}
