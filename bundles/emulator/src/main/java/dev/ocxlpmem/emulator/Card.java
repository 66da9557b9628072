package dev.ocxlpmem.emulator;

import java.util.List;

import dev.ocxlpmem.ocxl.OcxlFunction;

/**
 * One emulated card outside OSGi: its two functions and its fault injection. Inside Karaf a
 * factory configuration of {@link EmulatedCardConfig#PID} does the same and registers both; on a
 * plain class path {@code dev.ocxlpmem.emulator.standalone.Cards} plugs one.
 */
public interface Card {

    /** Functions 0 and 1 of IBM 0x0625, in that order. */
    List<OcxlFunction> functions();

    CardFaults faults();
}
