package dev.ocxlpmem.emulator;

/** The controller's fatal states: CHI.CFFS and CHI.CHFS. */
public enum FatalState {
    FIRMWARE,
    HARDWARE
}
