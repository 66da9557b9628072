package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.OcxlException;

final class EmulatedAfu implements Afu {
    private final EmulatedFunction function;
    private final AfuConfig config;
    private final List<EmulatedContext> contexts = new ArrayList<>();
    private boolean released;

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

    @Override
    public Mapping mapLpcMemory() throws OcxlException {
        synchronized (this) {
            requireOpen();
            if (contexts.stream().noneMatch(EmulatedContext::isAttached)) {
                throw new OcxlException(function.location() + " AFU " + config.index()
                        + ": attach a context before mapping LPC memory");
            }
        }
        try {
            return function.memory().map(function.image(), config.lpcMemoryOffset(), config.lpcMemorySize());
        } catch (IOException e) {
            throw new OcxlException(function.location() + " AFU " + config.index() + ": cannot map LPC memory from "
                    + function.image() + ": " + e.getMessage(), e);
        }
    }

    synchronized void release() {
        released = true;
    }

    private void requireOpen() throws OcxlException {
        if (released) {
            throw new OcxlException(function.location() + " AFU " + config.index() + " was released");
        }
    }

    String name() {
        return function.location() + " AFU " + config.index();
    }
}
