package dev.ocxlpmem.emulator.internal;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.ocxl.AfuInterrupt;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.testing.ocxl.OcxlBackendContract;

/** The emulated card, held to the ocxl API's contract: a new card on a real image file for each test. */
class EmulatedOcxlContractTest extends OcxlBackendContract {
    @TempDir
    Path dir;

    @Override
    protected List<OcxlFunction> functions() throws Exception {
        return TestCard.plug(dir, ControllerSettings.DEFAULTS).functions();
    }

    /**
     * As an SCM card raises interrupt 0: the handle in IMA0_OHP, ACRA enabled in CHIE, a HEARTBEAT on
     * the admin queue; its response sets ACRA, which raises the interrupt (docs/scm-controller.md).
     */
    @Override
    protected void raise(GlobalMmio mmio, AfuInterrupt interrupt) throws Exception {
        mmio.write64(Registers.IMA0_OHP, interrupt.handle());
        mmio.write64(Registers.CHIE, ChiBit.ACRA.mask());
        ControllerProtocolTest.command(mmio, Opcode.HEARTBEAT.code(), 1);
    }

    /** IMA0_CFP: interrupt 0's flags, the host's to write; the controller only keeps them. */
    @Override
    protected long scratchRegister() {
        return Registers.IMA0_CFP;
    }
}
