package dev.ocxlpmem.nvdimm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.nvdimm.CallObserver.Outcome;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** The gate tells its observers of every call, answered, refused or failed, and an observer's fault stays its own. */
class CallObserverTest {
    private static final long COOKIE = 0xc0ffee;

    private record Seen(Bus bus, Dimm dimm, NdCommand command, Outcome outcome, long nanos) {
    }

    private static final class Recorder implements CallObserver {
        final List<Seen> seen = new ArrayList<>();

        @Override
        public synchronized void called(Bus bus, Dimm dimm, DimmCommand<?> command, Outcome outcome, long nanos) {
            seen.add(new Seen(bus, dimm, command.type(), outcome, nanos));
        }
    }

    @Test
    void eachCallIsToldWithItsOutcomeAndDuration() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(16384);
        try (OneDimmBus t = new OneDimmBus(card, COOKIE)) {
            t.dimm().configSize(); // asked once and kept: not a call any more below
            Recorder recorder = new Recorder();
            t.core().addCallObserver(recorder);

            t.dimm().readConfig(0, 16);
            assertThrows(CommandRefusedException.class, () -> t.dimm().writeConfig(0, new byte[8])); // region enabled
            t.region().disable();
            card.failWritesAfter(0);
            CommandException failed = assertThrows(CommandException.class, () -> t.dimm().writeConfig(0, new byte[8]));
            assertTrue(!(failed instanceof CommandRefusedException), failed.toString());

            assertEquals(List.of(NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA),
                    recorder.seen.stream().map(Seen::command).toList());
            assertEquals(List.of(Outcome.OK, Outcome.REFUSED, Outcome.FAILED),
                    recorder.seen.stream().map(Seen::outcome).toList());
            for (Seen s : recorder.seen) {
                assertSame(t.bus(), s.bus());
                assertEquals("nmem0", s.dimm().dev());
                assertTrue(s.nanos() > 0, "a duration: " + s);
            }

            t.core().removeCallObserver(recorder);
            t.dimm().readConfig(0, 16);
            assertEquals(3, recorder.seen.size(), "a removed observer hears nothing more");
        }
    }

    @Test
    void anObserverThatThrowsDoesNotChangeTheCallNorSilenceTheOthers() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(16384);
        try (OneDimmBus t = new OneDimmBus(card, COOKIE).disabled()) {
            t.dimm().configSize();
            Recorder after = new Recorder();
            t.core().addCallObserver((bus, dimm, command, outcome, nanos) -> {
                throw new IllegalStateException("a broken metrics observer");
            });
            t.core().addCallObserver(after);
            t.dimm().writeConfig(0, new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, t.dimm().readConfig(0, 3));
            assertEquals(List.of(Outcome.OK, Outcome.OK), after.seen.stream().map(Seen::outcome).toList());
        }
    }
}
