package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.testing.PaprHealthCodec;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;

/**
 * A second command family comes with its provider's codec and nothing else: a DIMM speaking PAPR's
 * family shows its health through the unchanged service, as {@code ndctl list -DH} prints it, and
 * what its family does not have is refused, naming the family.
 */
class SecondFamilyTest {
    private final NvdimmCore core = LibNvdimm.core();
    private final AtomicReference<byte[]> answer = new AtomicReference<>(PaprHealthCodec.encode(true, 2, 25, 3));
    private final BusRegistration bus;

    SecondFamilyTest() throws NvdimmException {
        core.addFamilyCodec(new PaprHealthCodec());
        bus = core.register(new BusDescriptor("papr_scm", Set.of(PaprHealthCodec.FAMILY)), this::execute);
        bus.createDimm(new DimmDescriptor("papr-8f3c", Set.of(), Set.of(NdCommand.CALL), List.of(new FamilyFunctions(
                PaprHealthCodec.FAMILY, Set.of(PaprHealthCodec.PDSM_HEALTH), Set.of(PaprHealthCodec.PDSM_HEALTH)))));
    }

    /** What papr_scm answers: PAPR_PDSM_HEALTH, and nothing else. */
    @SuppressWarnings("unchecked")
    private <R> R execute(dev.ocxlpmem.nvdimm.Dimm dimm, DimmCommand<R> command) throws CommandRefusedException {
        if (command instanceof DimmCommand.Call call && call.family() == PaprHealthCodec.FAMILY
                && call.function() == PaprHealthCodec.PDSM_HEALTH) {
            return (R) answer.get();
        }
        throw new CommandRefusedException(dimm.dev() + ": papr_scm does not answer " + command);
    }

    @AfterEach
    void close() {
        core.shutdown();
    }

    @Test
    void itsHealthShowsAsNdctlPrintsPaprs() throws Exception {
        Ndctl ndctl = LibNdctl.over(core, ConfigDataLabels.store());
        DimmHealth health = ndctl.health("nmem0").orElseThrow();
        assertEquals(DimmHealth.State.CRITICAL, health.healthState());
        assertEquals(Map.of("dimm_unarmed", false, "dimm_bad_restore", false, "dimm_locked", false), health.vendor());
        assertEquals("{\"health_state\":\"critical\",\"life_used_percentage\":75,\"shutdown_state\":\"dirty\","
                + "\"shutdown_count\":3}", NdctlJson.writePlain(NdctlJson.health(health)));

        answer.set(PaprHealthCodec.encode(false, 0, 100, 3));
        assertEquals("{\"health_state\":\"ok\",\"life_used_percentage\":0,\"shutdown_state\":\"clean\","
                + "\"shutdown_count\":3}", NdctlJson.writePlain(NdctlJson.health(ndctl.health("nmem0").orElseThrow())));
    }

    @Test
    void whatItsFamilyDoesNotHaveIsRefusedNamingTheFamily() {
        Ndctl ndctl = LibNdctl.over(core, ConfigDataLabels.store());
        NvdimmException refused = assertThrows(NvdimmException.class, () -> ndctl.injectSmart("nmem0",
                new SmartInjection(Map.of(SmartInjection.Field.MEDIA_TEMPERATURE, 90.0), Set.of())));
        assertEquals("nmem0: none of its command families (5 (NVDIMM_FAMILY_PAPR)) can inject SMART values",
                refused.getMessage());
    }

    @Test
    void withoutItsCodecTheDimmHasNoHealth() throws Exception {
        core.removeFamilyCodec(new PaprHealthCodec());
        Ndctl ndctl = LibNdctl.over(core, ConfigDataLabels.store());
        assertTrue(ndctl.health("nmem0").isPresent(), "another instance of the codec is not the one registered");
        core.codec(PaprHealthCodec.FAMILY).ifPresent(core::removeFamilyCodec);
        assertTrue(ndctl.health("nmem0").isEmpty());
    }
}
