package dev.ocxlpmem.emulator.internal;

import java.util.List;

import dev.ocxlpmem.emulator.Card;
import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.ocxl.OcxlFunction;

/** A powered card's functions and faults. */
public final class PluggedCard implements Card {
    private final List<EmulatedFunction> functions;
    private final InjectedFaults faults;

    PluggedCard(List<EmulatedFunction> functions, InjectedFaults faults) {
        this.functions = List.copyOf(functions);
        this.faults = faults;
    }

    @Override
    public List<OcxlFunction> functions() {
        return List.copyOf(functions);
    }

    public List<EmulatedFunction> emulatedFunctions() {
        return functions;
    }

    @Override
    public CardFaults faults() {
        return faults;
    }
}
