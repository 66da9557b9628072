package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.ChiBit;

final class EmulatedAfu implements Afu {
    private final EmulatedFunction function;
    private final AfuConfig config;
    private final List<EmulatedContext> contexts = new ArrayList<>();
    private volatile boolean released;

    EmulatedAfu(EmulatedFunction function, AfuConfig config) {
        this.function = function;
        this.config = config;
    }

    @Override
    public AfuConfig config() {
        return config;
    }

    @Override
    public synchronized Context allocateContext() throws OcxlException {
        requireOpen();
        EmulatedContext context = new EmulatedContext(this);
        contexts.add(context);
        return context;
    }

    synchronized void freed(EmulatedContext context) {
        contexts.remove(context);
    }

    /** The host's view: accesses counted for the controller's statistics, poison read as media errors. */
    @Override
    public Mapping mapLpcMemory() throws OcxlException {
        Controller controller = function.controller();
        synchronized (this) {
            requireOpen();
            if (contexts.stream().noneMatch(EmulatedContext::isAttached)) {
                throw new OcxlException(name() + ": attach a context before mapping LPC memory");
            }
            if (!controller.memoryAvailable()) {
                throw new OcxlException(name() + ": LPC memory is not available (" + ChiBit.describe(controller.chi())
                        + ", MA clear); wait for CHI.MA");
            }
        }
        try {
            Mapping lpc = function.memory().map(function.image(), config.lpcMemoryOffset(), config.lpcMemorySize());
            return new CountedMapping(lpc, 0, controller.counters, controller.poison);
        } catch (IOException e) {
            throw new OcxlException(name() + ": cannot map LPC memory from " + function.image() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public GlobalMmio mapGlobalMmio() throws OcxlException {
        requireOpen();
        return new EmulatedGlobalMmio(this, function.controller());
    }

    InterruptTable interrupts() {
        return function.interrupts();
    }

    synchronized void release() {
        released = true;
        new ArrayList<>(contexts).forEach(EmulatedContext::close);
    }

    boolean isReleased() {
        return released;
    }

    private void requireOpen() throws OcxlException {
        if (released) {
            throw new OcxlException(name() + " was released");
        }
    }

    String name() {
        return function.location() + " AFU " + config.index();
    }
}
