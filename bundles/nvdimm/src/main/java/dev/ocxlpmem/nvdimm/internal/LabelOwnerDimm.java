package dev.ocxlpmem.nvdimm.internal;

import java.util.List;
import java.util.Set;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A DIMM as an enabled region's driver sees it: the same DIMM, whose label writes the gate lets
 * through while the driver's attachment lasts. Equal to nothing but itself; {@link #id()} names
 * the DIMM for anyone keeping per-DIMM state.
 */
final class LabelOwnerDimm implements Dimm {
    private final NvdimmDimm dimm;
    private final Attachment attachment;

    LabelOwnerDimm(NvdimmDimm dimm, Attachment attachment) {
        this.dimm = dimm;
        this.attachment = attachment;
    }

    NvdimmDimm dimm() {
        return dimm;
    }

    Attachment attachment() {
        return attachment;
    }

    @Override
    public String dev() {
        return dimm.dev();
    }

    @Override
    public Bus bus() {
        return dimm.bus();
    }

    @Override
    public String id() {
        return dimm.id();
    }

    @Override
    public int handle() {
        return dimm.handle();
    }

    @Override
    public Set<DimmFlag> flags() {
        return dimm.flags();
    }

    @Override
    public Set<NdCommand> commands() {
        return dimm.commands();
    }

    @Override
    public List<FamilyFunctions> families() {
        return dimm.families();
    }

    @Override
    public boolean isEnabled() {
        return dimm.isEnabled();
    }

    @Override
    public boolean isReadOnly() {
        return dimm.isReadOnly();
    }

    @Override
    public boolean inOverwrite() {
        return dimm.inOverwrite();
    }

    @Override
    public void enable() throws NvdimmException {
        dimm.enable();
    }

    @Override
    public void disable() throws NvdimmException {
        dimm.disable();
    }

    @Override
    public ConfigSize configSize() throws NvdimmException {
        return dimm.configSize(this);
    }

    @Override
    public byte[] readConfig(long offset, int length) throws NvdimmException {
        return dimm.readConfig(this, offset, length);
    }

    @Override
    public void writeConfig(long offset, byte[] data) throws NvdimmException {
        dimm.writeConfig(this, offset, data);
    }

    @Override
    public String toString() {
        return dimm.dev() + " (owned by " + attachment.region().dev() + "'s driver)";
    }
}
