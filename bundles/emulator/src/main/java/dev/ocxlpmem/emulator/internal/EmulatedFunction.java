package dev.ocxlpmem.emulator.internal;

import java.nio.file.Path;
import java.util.List;

import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.FunctionConfig;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;

/** One PCI function of an emulated card. Like a PCI function, it can be opened by one driver at a time. */
public final class EmulatedFunction implements OcxlFunction {
    private final String location;
    private final FunctionConfig config;
    private final List<AfuConfig> afus;
    private final MemoryProvider memory;
    private final Path image;
    /** The SCM controller behind the function's AFU; null for function 0, which has none. */
    private final Controller controller;
    private final InterruptTable interrupts;
    private EmulatedOpenFunction open;

    EmulatedFunction(String location, FunctionConfig config, List<AfuConfig> afus, MemoryProvider memory, Path image,
            Controller controller, InterruptTable interrupts) {
        this.location = location;
        this.config = config;
        this.afus = List.copyOf(afus);
        this.memory = memory;
        this.image = image;
        this.controller = controller;
        this.interrupts = interrupts;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public int vendor() {
        return EmulatedCard.IBM;
    }

    @Override
    public int device() {
        return EmulatedCard.SCM_DEVICE;
    }

    @Override
    public int functionNumber() {
        return Character.digit(location.charAt(location.length() - 1), 16);
    }

    @Override
    public FunctionConfig config() {
        return config;
    }

    @Override
    public List<AfuConfig> afus() {
        return afus;
    }

    Path image() {
        return image;
    }

    MemoryProvider memory() {
        return memory;
    }

    Controller controller() {
        return controller;
    }

    InterruptTable interrupts() {
        return interrupts;
    }

    /** Opening resets the function's controller, as the function-level reset at a driver's bind does. */
    @Override
    public synchronized OpenFunction open() throws OcxlException {
        if (open != null) {
            throw new OcxlException(location + " is already open");
        }
        open = new EmulatedOpenFunction(this);
        if (controller != null) {
            controller.attach();
        }
        return open;
    }

    synchronized void closed(EmulatedOpenFunction function) {
        if (open == function) {
            open = null;
            if (controller != null) {
                controller.detach();
            }
        }
    }

    @Override
    public String toString() {
        return location + " " + String.format("%04x:%04x", vendor(), device());
    }
}
