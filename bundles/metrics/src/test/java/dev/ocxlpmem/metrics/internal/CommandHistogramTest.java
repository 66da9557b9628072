package dev.ocxlpmem.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.testing.card.OneCard;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Every Bus.call of a real card's bus lands in the histogram, by command, family, function and outcome. */
class CommandHistogramTest {

    @Test
    void answeredRefusedAndFailedCallsAreCountedApart() throws Exception {
        CommandHistogram commands = new CommandHistogram();
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(commands.histogram());
        try (OneCard card = OneCard.plug()) {
            card.core().addCallObserver(commands);
            Ndctl ndctl = LibNdctl.over(card.core(), dev.ocxlpmem.labels.standalone.ConfigDataLabels.store());
            ndctl.health("nmem0");
            ndctl.health("nmem0");
            card.dimm().readConfig(0, 64);
            assertThrows(CommandRefusedException.class,
                    () -> card.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 63, new byte[0])));
            assertThrows(CommandRefusedException.class,
                    () -> card.dimm().call(new DimmCommand.Call(99, 1, new byte[0])));
            card.faults().wrongResponseIds(1);
            CommandException failed = assertThrows(CommandException.class, () -> ndctl.health("nmem0"));
            assertTrue(!(failed instanceof CommandRefusedException), failed.toString());

            Scrape s = Scrape.of(registry::scrape);
            String health = "ocxlpmem_bus_command_duration_seconds_count{bus=\"ndbus0\",command=\"ND_CMD_CALL\","
                    + "family=\"6\",function=\"12\",outcome=\"";
            assertEquals(2, s.value(health + "ok\"}"), s.text());
            assertEquals(1, s.value(health + "failed\"}"));
            assertEquals(1, s.value("ocxlpmem_bus_command_duration_seconds_count{bus=\"ndbus0\","
                    + "command=\"ND_CMD_CALL\",family=\"6\",function=\"63\",outcome=\"refused\"}"));
            assertEquals(1, s.value("ocxlpmem_bus_command_duration_seconds_count{bus=\"ndbus0\","
                    + "command=\"ND_CMD_CALL\",family=\"other\",function=\"other\",outcome=\"refused\"}"));
            assertEquals(1, s.value("ocxlpmem_bus_command_duration_seconds_count{bus=\"ndbus0\","
                    + "command=\"ND_CMD_GET_CONFIG_DATA\",family=\"\",function=\"\",outcome=\"ok\"}"));
            assertTrue(s.value("ocxlpmem_bus_command_duration_seconds_sum{bus=\"ndbus0\",command=\"ND_CMD_CALL\","
                    + "family=\"6\",function=\"12\",outcome=\"ok\"}") > 0);
            assertEquals(2, s.value("ocxlpmem_bus_command_duration_seconds_bucket{bus=\"ndbus0\","
                    + "command=\"ND_CMD_CALL\",family=\"6\",function=\"12\",outcome=\"ok\",le=\"+Inf\"}"));
        }
    }
}
