package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.file.Path;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.EmulatedCardConfig;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OpenFunction;

/** A card on a real image file with function 1 open, an attached context and global MMIO mapped. */
final class TestCard implements AutoCloseable {
    static final long LPC = 4L << 20;
    static final long SERIAL = 0x5ca1ab1e;

    final PluggedCard card;
    final InjectedFaults faults;
    final Controller controller;
    final OpenFunction open;
    final Afu afu;
    final Context context;
    final GlobalMmio mmio;

    private TestCard(PluggedCard card) throws OcxlException {
        this.card = card;
        this.faults = (InjectedFaults) card.faults();
        this.controller = card.emulatedFunctions().get(1).controller();
        this.open = card.emulatedFunctions().get(1).open();
        this.afu = open.fetchAfu(0);
        this.context = afu.allocateContext();
        context.attach();
        this.mmio = afu.mapGlobalMmio();
    }

    static PluggedCard plug(Path dir, ControllerSettings settings) throws IOException {
        return EmulatedCard.plug(MmapMemory.provider(), config(), settings, dir);
    }

    static TestCard open(Path dir, ControllerSettings settings) throws IOException, OcxlException {
        return new TestCard(plug(dir, settings));
    }

    static EmulatedCardConfig config() {
        return Cards.config("", LPC, SERIAL, "0006:00:00");
    }

    @Override
    public void close() {
        mmio.close();
        context.close();
        open.close();
    }
}
