package dev.ocxlpmem.nvdimm;

import java.util.Objects;
import java.util.Set;

/**
 * What a provider registers ({@code struct nvdimm_bus_descriptor}).
 *
 * @param providerName shown by {@code ndctl list} as the bus's {@code provider}
 * @param dimmFamilies the {@code ND_CMD_CALL} command families the bus lets through to its DIMMs
 *     (Linux's {@code dimm_family_mask}); empty for none
 */
public record BusDescriptor(String providerName, Set<Integer> dimmFamilies) {
    public BusDescriptor {
        Objects.requireNonNull(providerName, "providerName");
        dimmFamilies = Set.copyOf(dimmFamilies);
    }
}
