package dev.ocxlpmem.scm;

import java.util.EnumSet;
import java.util.Set;

/** Bits of the CHI register (controller health / interrupt status). */
public enum ChiBit {
    /** Admin response available. */
    ACRA(0),
    /** Near-storage response available. */
    NSCRA(1),
    /** Controller ready. */
    CRDY(4),
    /** Controller firmware fatal. */
    CFFS(5),
    /** Memory available. */
    MA(6),
    /** Error log available. */
    ELA(7),
    /** Controller dump available. */
    CDA(8),
    /** Controller hardware fatal. */
    CHFS(9);

    private final int bit;

    ChiBit(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public long mask() {
        return 1L << bit;
    }

    public boolean isSet(long chi) {
        return (chi & mask()) != 0;
    }

    public static long mask(ChiBit... bits) {
        long mask = 0;
        for (ChiBit b : bits) {
            mask |= b.mask();
        }
        return mask;
    }

    /** Every defined bit. */
    public static long all() {
        return mask(values());
    }

    public static Set<ChiBit> decode(long chi) {
        Set<ChiBit> set = EnumSet.noneOf(ChiBit.class);
        for (ChiBit b : values()) {
            if (b.isSet(chi)) {
                set.add(b);
            }
        }
        return set;
    }

    /** For messages: {@code CHI=0x50 [CRDY MA]}. */
    public static String describe(long chi) {
        return Le.describe("CHI", chi, decode(chi));
    }
}
