package dev.ocxlpmem.ndctl;

import java.util.List;
import java.util.Set;

/**
 * A bus as {@code ndctl list -B} shows it, with its DIMMs and regions.
 *
 * @param dev {@code ndbusN}
 * @param provider the provider's name
 * @param families the command families the bus passes to its DIMMs
 */
public record BusInfo(String dev, String provider, Set<Integer> families, List<DimmInfo> dimms, List<RegionInfo> regions) {
    public BusInfo {
        families = Set.copyOf(families);
        dimms = List.copyOf(dimms);
        regions = List.copyOf(regions);
    }

    /** The number in {@code ndbusN}. */
    public int id() {
        return Integer.parseInt(dev.substring("ndbus".length()));
    }
}
