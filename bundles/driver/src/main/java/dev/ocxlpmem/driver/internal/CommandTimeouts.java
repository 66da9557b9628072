package dev.ocxlpmem.driver.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.ocxlpmem.scm.Opcode;

/** How long the host waits for each opcode's response: the documented timeouts unless a test shortens them. */
record CommandTimeouts(Map<Opcode, Duration> timeouts) {

    CommandTimeouts {
        timeouts = Map.copyOf(timeouts);
    }

    static CommandTimeouts documented() {
        Map<Opcode, Duration> map = new EnumMap<>(Opcode.class);
        for (Opcode op : Opcode.values()) {
            map.put(op, op.timeout());
        }
        return new CommandTimeouts(map);
    }

    /** The timeout of {@code opcode}, {@link Opcode#DEFAULT_TIMEOUT} for one the enum does not know. */
    Duration of(int opcode) {
        return Opcode.of(opcode).map(timeouts::get).orElse(Opcode.DEFAULT_TIMEOUT);
    }

    CommandTimeouts with(Opcode opcode, Duration timeout) {
        Map<Opcode, Duration> map = new EnumMap<>(timeouts);
        map.put(opcode, timeout);
        return new CommandTimeouts(map);
    }
}
