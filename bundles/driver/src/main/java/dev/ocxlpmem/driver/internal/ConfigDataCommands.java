package dev.ocxlpmem.driver.internal;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.memory.MediaErrorException;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;

/**
 * The bus's command handler for one card: the three config-data commands over the label area
 * at the start of LPC memory (ndctl.h {@code nd_cmd_get_config_size}, {@code nd_cmd_get_config_data_hdr},
 * {@code nd_cmd_set_config_hdr}).
 */
final class ConfigDataCommands implements CommandHandler {
    /** The ppc64 page size the original driver reported; labels are written in pieces this large. */
    static final int MAX_XFER = 64 * 1024;

    private final Mapping labelArea;

    ConfigDataCommands(Mapping labelArea) {
        this.labelArea = labelArea;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
        if (command instanceof DimmCommand.GetConfigSize) {
            return (R) new ConfigSize(labelArea.size(), MAX_XFER);
        }
        if (command instanceof DimmCommand.GetConfigData get) {
            checkRange(dimm, get.offset(), get.length());
            try {
                labelArea.get(get.offset(), get.destination());
            } catch (MediaErrorException e) {
                throw new CommandException(dimm.dev() + ": media error reading the label area at offset "
                        + e.offset(), e);
            } catch (MappingClosedException e) {
                throw new CommandException(dimm.dev() + ": the card went away", e);
            }
            return null;
        }
        if (command instanceof DimmCommand.SetConfigData set) {
            int length = set.length();
            checkRange(dimm, set.offset(), length);
            try {
                // straight from the caller's buffer: no copy on the heap
                labelArea.put(set.offset(), set.data());
                labelArea.persist(set.offset(), length);
            } catch (MediaErrorException e) {
                throw new CommandException(dimm.dev() + ": media error writing the label area at offset "
                        + e.offset(), e);
            } catch (MappingClosedException e) {
                throw new CommandException(dimm.dev() + ": the card went away", e);
            }
            return null;
        }
        throw new CommandException(dimm.dev() + ": " + command.type() + " is not implemented by ocxlpmem");
    }

    /** In 64-bit arithmetic, so that offset + length cannot wrap past the end of the area. */
    private void checkRange(Dimm dimm, long offset, int length) throws CommandException {
        if (length < 0 || length > MAX_XFER) {
            throw new CommandException(dimm.dev() + ": config-data transfer of " + length
                    + " bytes; the limit (max_xfer) is " + MAX_XFER);
        }
        if (offset < 0 || offset > labelArea.size() - length) {
            throw new CommandException(dimm.dev() + ": config-data transfer of " + length + " bytes at offset "
                    + offset + " is outside the " + labelArea.size() + "-byte label area");
        }
    }
}
