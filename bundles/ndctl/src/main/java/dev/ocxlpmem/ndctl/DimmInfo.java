package dev.ocxlpmem.ndctl;

import java.util.List;
import java.util.Set;

import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NdCommand;

/**
 * A DIMM as {@code ndctl list -D} shows it, and what else an operator may ask of it.
 *
 * @param dev {@code nmemN}
 * @param bus its bus, {@code ndbusN}
 * @param id the provider's unique id
 * @param handle its index on the bus ({@code handle}, and {@code phys_id} here)
 * @param enabled whether it is enabled
 * @param readOnly whether its provider made it read-only
 * @param inOverwrite whether an overwrite runs on it or one did not complete: its regions stay
 *     disabled until one completes ({@code "security":"overwrite"})
 * @param flags its flags
 * @param commands its command mask
 * @param families its command families with their function masks
 * @param labelAreaSize the label area's size, or -1 when the DIMM could not say
 */
public record DimmInfo(String dev, String bus, String id, int handle, boolean enabled, boolean readOnly,
        boolean inOverwrite, Set<DimmFlag> flags, Set<NdCommand> commands, List<FamilyFunctions> families,
        long labelAreaSize) {
    public DimmInfo {
        flags = Set.copyOf(flags);
        commands = Set.copyOf(commands);
        families = List.copyOf(families);
    }

    /** The number in {@code nmemN}. */
    public int number() {
        return Integer.parseInt(dev.substring("nmem".length()));
    }
}
