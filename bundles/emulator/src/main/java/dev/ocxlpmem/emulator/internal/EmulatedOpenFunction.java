package dev.ocxlpmem.emulator.internal;

import java.util.HashMap;
import java.util.Map;

import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;

final class EmulatedOpenFunction implements OpenFunction {
    private final EmulatedFunction function;
    private final Map<Integer, EmulatedAfu> afus = new HashMap<>();
    private boolean closed;

    EmulatedOpenFunction(EmulatedFunction function) {
        this.function = function;
    }

    @Override
    public OcxlFunction function() {
        return function;
    }

    @Override
    public synchronized Afu fetchAfu(int index) throws OcxlException {
        if (closed) {
            throw new OcxlException(function.location() + " was closed");
        }
        AfuConfig config = function.afus().stream().filter(a -> a.index() == index).findFirst()
                .orElseThrow(() -> new OcxlException(function.location() + " has no AFU " + index
                        + " (highest AFU index: " + function.config().maxAfuIndex() + ")"));
        return afus.computeIfAbsent(index, i -> new EmulatedAfu(function, config));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            afus.values().forEach(EmulatedAfu::release);
            function.closed(this);
        }
    }
}
