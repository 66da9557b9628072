package dev.ocxlpmem.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ocxlpmem.nvdimm.AddressRange;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.FamilyRequest;
import dev.ocxlpmem.nvdimm.SmartInjection;

/**
 * A second command family's codec, minimal but faithful to a real one: PAPR's
 * ({@code NVDIMM_FAMILY_PAPR}, Linux {@code arch/powerpc/include/uapi/asm/papr_pdsm.h}), whose one
 * function here, {@code PAPR_PDSM_HEALTH} (1), answers {@code struct nd_papr_pdsm_health}:
 * u32 extension flags, u8 dimm_unarmed, dimm_bad_shutdown, dimm_bad_restore, dimm_scrubbed,
 * dimm_locked, dimm_encrypted, u16 dimm_health (0 healthy, 1 unhealthy, 2 critical, 3 fatal), u16
 * dimm_fuel_gauge (with extension flag 1), u64 dimm_dsc (with extension flag 2, at +0x10). As
 * ndctl's {@code ndctl/lib/papr.c} reads it: the state, the shutdown state, life used as 100 less
 * the fuel gauge and the dirty shutdown count, nothing else. For tests that prove a family is added
 * without touching the consumers.
 */
public final class PaprHealthCodec implements FamilyCodec {
    public static final int FAMILY = CommandFamily.PAPR;
    public static final int PDSM_HEALTH = 1;
    public static final int HEALTH_BYTES = 24;
    public static final int FUEL_GAUGE_VALID = 1;
    public static final int DSC_VALID = 2;

    @Override
    public int family() {
        return FAMILY;
    }

    @Override
    public Optional<FamilyRequest<DimmHealth>> health() {
        return Optional.of(new FamilyRequest<>(FAMILY, PDSM_HEALTH, new byte[0], PaprHealthCodec::decode));
    }

    /** {@code struct nd_papr_pdsm_health}'s bytes, for a DIMM that answers PAPR_PDSM_HEALTH. */
    public static byte[] encode(boolean badShutdown, int health, int fuelGauge, long dirtyShutdowns) {
        return ByteBuffer.allocate(HEALTH_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(FUEL_GAUGE_VALID | DSC_VALID).put((byte) 0).put((byte) (badShutdown ? 1 : 0)).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).putShort((short) health).putShort((short) fuelGauge)
                .putShort((short) 0).putLong(dirtyShutdowns).array();
    }

    static DimmHealth decode(byte[] output) {
        if (output.length != HEALTH_BYTES) {
            throw new IllegalArgumentException("nd_papr_pdsm_health is " + HEALTH_BYTES + " bytes, not " + output.length);
        }
        ByteBuffer b = ByteBuffer.wrap(output).order(ByteOrder.LITTLE_ENDIAN);
        int flags = b.getInt(0);
        int health = b.getShort(10) & 0xFFFF;
        if (health > 3) {
            throw new IllegalArgumentException("dimm_health " + health + " is none of PAPR's (0..3)");
        }
        Set<DimmHealth.Field> valid = EnumSet.of(DimmHealth.Field.HEALTH_STATE, DimmHealth.Field.SHUTDOWN_STATE);
        if ((flags & FUEL_GAUGE_VALID) != 0) {
            valid.add(DimmHealth.Field.LIFE_USED);
        }
        if ((flags & DSC_VALID) != 0) {
            valid.add(DimmHealth.Field.SHUTDOWN_COUNT);
        }
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("dimm_unarmed", b.get(4) != 0);
        vendor.put("dimm_bad_restore", b.get(6) != 0);
        vendor.put("dimm_locked", b.get(8) != 0);
        return new DimmHealth(valid, DimmHealth.State.values()[health], 0, 0, 0, false, false, false, false, 0, false,
                0, false, 0, 100 - Math.min(100, b.getShort(12) & 0xFFFF), b.get(5) != 0, b.getLong(16), vendor);
    }

    @Override
    public Optional<FamilyRequest<Void>> injectSmart(SmartInjection injection) {
        return Optional.empty();
    }

    @Override
    public Optional<FamilyRequest<Void>> injectError(long offset, long length, boolean notify) {
        return Optional.empty();
    }

    @Override
    public Optional<FamilyRequest<Void>> clearError(long offset, long length) {
        return Optional.empty();
    }

    @Override
    public Optional<FamilyRequest<List<AddressRange>>> injectedErrors() {
        return Optional.empty();
    }
}
