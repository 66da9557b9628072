package dev.ocxlpmem.emulator.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.scm.FirmwareVersion;

/**
 * What an emulated card keeps across power cycles, as a controller keeps it in its own flash:
 * the active and armed firmware, the dirty shutdown count and the last shutdown's kind, whether
 * the controller was running (set when memory becomes available, cleared by SHUTDOWN: found set at
 * power-on, it means the power went without a SHUTDOWN), the poisoned media, and an overwrite
 * that has not completed (set when it starts, with how far it came in steps of
 * {@link #OVERWRITE_STEP} percent, cleared when it completes: found set when none runs, it was cut off).
 *
 * <p>Encoded little-endian: "OCXLSCMS", u32 format (1), u32 body length, the body (firmware and
 * armed firmware as FWVER words, 0 for none armed; u64 dirty shutdowns; u32 flags, bit 0 last
 * shutdown dirty, bit 1 running, bit 2 overwrite not completed, bits 15:8 its percent done; u32
 * poisoned range count; each range's u64 offset and length), then a CRC-32 of everything before it.
 */
record CardState(FirmwareVersion firmware, FirmwareVersion armedFirmware, long dirtyShutdowns,
        boolean lastShutdownDirty, boolean running, List<MediaRange> poison, boolean overwriteIncomplete,
        int overwritePercent) {
    /** How often an overwrite's progress is stored: each store is a synced write of the state file. */
    static final int OVERWRITE_STEP = 5;
    private static final byte[] MAGIC = "OCXLSCMS".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int FIXED_BODY = 32;

    CardState {
        poison = List.copyOf(poison);
        if (overwritePercent < 0 || overwritePercent > 100) {
            throw new IllegalArgumentException("overwrite progress " + overwritePercent + "% is outside 0..100");
        }
    }

    static CardState fresh(FirmwareVersion firmware) {
        return new CardState(firmware, null, 0, false, false, List.of(), false, 0);
    }

    CardState withFirmware(FirmwareVersion active, FirmwareVersion armed) {
        return new CardState(active, armed, dirtyShutdowns, lastShutdownDirty, running, poison, overwriteIncomplete,
                overwritePercent);
    }

    CardState withRunning(boolean value) {
        return new CardState(firmware, armedFirmware, dirtyShutdowns, lastShutdownDirty, value, poison,
                overwriteIncomplete, overwritePercent);
    }

    CardState withPoison(List<MediaRange> ranges) {
        return new CardState(firmware, armedFirmware, dirtyShutdowns, lastShutdownDirty, running, ranges,
                overwriteIncomplete, overwritePercent);
    }

    /** An overwrite started, or came {@code percent} far; {@link #withOverwriteCompleted()} when it is done. */
    CardState withOverwriteAt(int percent) {
        return new CardState(firmware, armedFirmware, dirtyShutdowns, lastShutdownDirty, running, poison, true,
                percent);
    }

    CardState withOverwriteCompleted() {
        return new CardState(firmware, armedFirmware, dirtyShutdowns, lastShutdownDirty, running, poison, false, 0);
    }

    /** The state after a power-on: a card found running lost its power without SHUTDOWN. */
    CardState poweredOn() {
        return running
                ? new CardState(firmware, armedFirmware, dirtyShutdowns + 1, true, false, poison, overwriteIncomplete,
                        overwritePercent)
                : new CardState(firmware, armedFirmware, dirtyShutdowns, false, false, poison, overwriteIncomplete,
                        overwritePercent);
    }

    CardState withDirtyShutdown() {
        return new CardState(firmware, armedFirmware, dirtyShutdowns + 1, true, running, poison, overwriteIncomplete,
                overwritePercent);
    }

    byte[] encode() {
        int body = FIXED_BODY + 16 * poison.size();
        ByteBuffer b = ByteBuffer.allocate(16 + body + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(FORMAT).putInt(body);
        b.putLong(firmware.encode()).putLong(armedFirmware == null ? 0 : armedFirmware.encode());
        b.putLong(dirtyShutdowns).putInt((lastShutdownDirty ? 1 : 0) | (running ? 2 : 0)
                | (overwriteIncomplete ? 4 : 0) | overwritePercent << 8).putInt(poison.size());
        for (MediaRange r : poison) {
            b.putLong(r.offset()).putLong(r.length());
        }
        b.putInt((int) crc(b.array(), b.position()));
        return b.array();
    }

    /** Refuses anything but a whole, undamaged state; the message says what is wrong. */
    static CardState decode(byte[] data, String name) {
        if (data.length < 16 + FIXED_BODY + 4 || !Arrays.equals(data, 0, 8, MAGIC, 0, 8)) {
            throw new IllegalArgumentException(name + " is not a card state file (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int format = b.getInt(8);
        long body = Integer.toUnsignedLong(b.getInt(12));
        if (format != FORMAT) {
            throw new IllegalArgumentException(name + " has format " + format + "; this emulator reads format "
                    + FORMAT);
        }
        if (16 + body + 4 != data.length) {
            throw new IllegalArgumentException(name + " announces a " + body + "-byte body but is " + data.length
                    + " bytes long: it is truncated or damaged");
        }
        long stored = Integer.toUnsignedLong(b.getInt(data.length - 4));
        if (stored != crc(data, data.length - 4)) {
            throw new IllegalArgumentException(String.format("%s fails its checksum (0x%08x stored, 0x%08x computed): "
                    + "it is damaged", name, stored, crc(data, data.length - 4)));
        }
        long armed = b.getLong(24);
        int flags = b.getInt(40);
        long count = Integer.toUnsignedLong(b.getInt(44));
        if (body != FIXED_BODY + 16 * count) {
            throw new IllegalArgumentException(name + " lists " + count + " poisoned ranges in a " + body
                    + "-byte body");
        }
        List<MediaRange> poison = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            poison.add(new MediaRange(b.getLong(48 + 16 * i), b.getLong(56 + 16 * i)));
        }
        return new CardState(FirmwareVersion.decode(b.getLong(16)), armed == 0 ? null : FirmwareVersion.decode(armed),
                b.getLong(32), (flags & 1) != 0, (flags & 2) != 0, poison, (flags & 4) != 0, (flags >>> 8) & 0xFF);
    }

    private static long crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue();
    }
}
