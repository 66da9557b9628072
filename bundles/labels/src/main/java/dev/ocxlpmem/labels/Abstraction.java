package dev.ocxlpmem.labels;

import java.util.Optional;
import java.util.UUID;

/**
 * Address abstractions a version 1.2 label can name in {@code abstraction_guid}
 * (Linux {@code nd.h} / {@code label.c}: the namespace's claim class).
 */
public enum Abstraction {
    /** No abstraction: a raw namespace (all-zero GUID). */
    NONE(new UUID(0, 0)),
    /** BTT of UEFI 2.7 ({@code sector} mode). */
    BTT(UUID.fromString("8aed63a2-29a2-4c66-8b12-f05d15d3922a")),
    /** BTT as Linux wrote it before UEFI 2.7. */
    BTT2(UUID.fromString("18633bfc-1735-4217-8ac9-17239282d3f8")),
    /** Page-frame info block: {@code fsdax}. */
    PFN(UUID.fromString("266400ba-fb9f-4677-bcb0-968f11d0d225")),
    /** Device DAX: {@code devdax}. */
    DAX(UUID.fromString("97a86d9c-3cdd-4eda-986f-5068b4f80088"));

    private final UUID guid;

    Abstraction(UUID guid) {
        this.guid = guid;
    }

    public UUID guid() {
        return guid;
    }

    public static Optional<Abstraction> of(UUID guid) {
        for (Abstraction a : values()) {
            if (a.guid.equals(guid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
