package dev.ocxlpmem.nvdimm.internal;

import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmRegistration;
import dev.ocxlpmem.nvdimm.CommandRefusedException;

/** The provider's handle on a DIMM: kept apart from the DIMM, so no client can cast its way to it. */
final class DimmHandle implements DimmRegistration {
    private final NvdimmDimm dimm;

    DimmHandle(NvdimmDimm dimm) {
        this.dimm = dimm;
    }

    @Override
    public Dimm dimm() {
        return dimm;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        dimm.setReadOnly(readOnly);
    }

    @Override
    public void setEnabled(boolean enabled) {
        dimm.setEnabled(enabled);
    }

    @Override
    public void setEnableCheck(EnableCheck check) {
        dimm.setEnableCheck(check);
    }

    @Override
    public void setInOverwrite(boolean inOverwrite) throws CommandRefusedException {
        dimm.setInOverwrite(inOverwrite);
    }
}
