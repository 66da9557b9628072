package dev.ocxlpmem.driver.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.ocxlpmem.emulator.Card;
import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OpenFunction;
import dev.ocxlpmem.scm.Opcode;

/**
 * An emulated card on a real image file (through the emulator's exported {@link Card}), function 1
 * opened and a context attached, as probe has them when it starts the controller.
 */
final class ScmCard implements AutoCloseable {
    static final long LPC = 8L << 20;

    final Card card;
    final CardFaults faults;
    final OpenFunction open;
    final Afu afu;
    final Context context;
    final RecordingListener events = new RecordingListener();
    ScmController controller;

    private ScmCard(Card card) throws OcxlException {
        this.card = card;
        this.faults = card.faults();
        this.open = card.functions().get(1).open();
        this.afu = open.fetchAfu(0);
        this.context = afu.allocateContext();
        context.attach();
    }

    static ScmCard plug(Path dir, ControllerSettings settings) throws IOException, OcxlException {
        return new ScmCard(Cards.plug(MmapMemory.provider(), Cards.config("", LPC, 0x0C0FFEE, "0006:00:00"),
                settings, dir));
    }

    static ScmCard started(Path dir) throws Exception {
        ScmCard card = plug(dir, ControllerSettings.DEFAULTS);
        card.start(CommandTimeouts.documented());
        return card;
    }

    ScmController start(CommandTimeouts timeouts) throws ControllerStartException {
        controller = ScmController.start("0006:00:00.1", afu, context, events, timeouts);
        return controller;
    }

    /** Every opcode's timeout set to {@code timeout}. */
    static CommandTimeouts all(Duration timeout) {
        CommandTimeouts t = CommandTimeouts.documented();
        for (Opcode op : Opcode.values()) {
            t = t.with(op, timeout);
        }
        return t;
    }

    @Override
    public void close() throws ControllerCommandException {
        try {
            if (controller != null) {
                controller.close();
            }
        } finally {
            context.close();
            open.close();
        }
    }
}
