package dev.ocxlpmem.driver.internal;

import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.HciBit;

/** The host's access to a controller's registers, with the register state every failure message carries. */
final class ControllerRegisters {
    private final GlobalMmio mmio;

    ControllerRegisters(GlobalMmio mmio) {
        this.mmio = mmio;
    }

    GlobalMmio mmio() {
        return mmio;
    }

    long read(long offset) throws OcxlException {
        return mmio.read64(offset);
    }

    void write(long offset, long value) throws OcxlException {
        mmio.write64(offset, value);
    }

    long chi() throws OcxlException {
        return mmio.read64(dev.ocxlpmem.scm.Registers.CHI);
    }

    /** {@code CHI=0x50 [CRDY MA], HCI=0x0 [], CSTS=0x0}, or why it cannot be read. */
    String state() {
        try {
            return ChiBit.describe(mmio.read64(dev.ocxlpmem.scm.Registers.CHI)) + ", "
                    + HciBit.describe(mmio.read64(dev.ocxlpmem.scm.Registers.HCI)) + ", "
                    + String.format("CSTS=0x%x", mmio.read64(dev.ocxlpmem.scm.Registers.CSTS));
        } catch (OcxlException e) {
            return "registers unreadable: " + e.getMessage();
        }
    }
}
