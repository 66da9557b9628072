package dev.ocxlpmem.ndctl.internal;

import java.util.Locale;
import java.util.Map;

import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.OcxlRequest;
import dev.ocxlpmem.scm.SmartInject;

/**
 * The OpenCAPI SCM family's requests through the bus, as libndctl's {@code dimm_ops} of a family
 * send theirs: built and read with the scm codec. A second family (PAPR's, say) would be a second
 * class like this, chosen by the DIMM's families.
 */
final class OcxlFamily {
    private OcxlFamily() {
    }

    /** Whether the DIMM offers {@code command}: it speaks the family and its function mask has it. */
    static boolean offers(Dimm dimm, OcxlCommand command) {
        return dimm.bus().families().contains(CommandFamily.OCXL) && dimm.family(CommandFamily.OCXL)
                .map(FamilyFunctions::functions).filter(f -> f.contains(command.number())).isPresent();
    }

    /**
     * ndctl's inject-smart fields as the family's package carries them.
     *
     * @throws IllegalArgumentException for a value the package cannot carry
     */
    static SmartInject smartInject(SmartInjection injection) {
        int set = 0;
        int uninject = 0;
        int alarms = 0;
        int[] v = new int[SmartInjection.Field.values().length];
        for (Map.Entry<SmartInjection.Field, Double> e : injection.set().entrySet()) {
            set |= bit(e.getKey());
            double value = e.getValue();
            switch (e.getKey()) {
                case MEDIA_TEMPERATURE, CONTROLLER_TEMPERATURE -> {
                    if (!(value >= -273 && value <= 1000)) {
                        throw new IllegalArgumentException(name(e.getKey()) + " " + value
                                + " °C is not a temperature a card reports");
                    }
                    v[e.getKey().ordinal()] = (int) Math.round(value * 16);
                }
                case MEDIA_TEMPERATURE_ALARM -> alarms |= value != 0 ? SmartInject.MEDIA_ALARM : 0;
                case CONTROLLER_TEMPERATURE_ALARM -> alarms |= value != 0 ? SmartInject.CONTROLLER_ALARM : 0;
                case SPARES_ALARM -> alarms |= value != 0 ? SmartInject.SPARES_ALARM : 0;
                default -> {
                    if (value != Math.rint(value)) {
                        throw new IllegalArgumentException(name(e.getKey()) + " " + value + " is not a whole number");
                    }
                    v[e.getKey().ordinal()] = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, value));
                }
            }
        }
        for (SmartInjection.Field f : injection.uninject()) {
            uninject |= bit(f);
        }
        return new SmartInject(set, uninject, v[SmartInjection.Field.MEDIA_TEMPERATURE.ordinal()],
                v[SmartInjection.Field.CONTROLLER_TEMPERATURE.ordinal()],
                v[SmartInjection.Field.MEDIA_TEMPERATURE_THRESHOLD.ordinal()],
                v[SmartInjection.Field.CONTROLLER_TEMPERATURE_THRESHOLD.ordinal()],
                v[SmartInjection.Field.SPARES.ordinal()], v[SmartInjection.Field.SPARES_THRESHOLD.ordinal()], alarms);
    }

    private static String name(SmartInjection.Field field) {
        return field.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static int bit(SmartInjection.Field field) {
        return switch (field) {
            case MEDIA_TEMPERATURE -> SmartInject.MEDIA_TEMPERATURE_BIT;
            case MEDIA_TEMPERATURE_THRESHOLD -> SmartInject.MEDIA_TEMPERATURE_THRESHOLD_BIT;
            case MEDIA_TEMPERATURE_ALARM -> SmartInject.MEDIA_TEMPERATURE_ALARM_BIT;
            case CONTROLLER_TEMPERATURE -> SmartInject.CONTROLLER_TEMPERATURE_BIT;
            case CONTROLLER_TEMPERATURE_THRESHOLD -> SmartInject.CONTROLLER_TEMPERATURE_THRESHOLD_BIT;
            case CONTROLLER_TEMPERATURE_ALARM -> SmartInject.CONTROLLER_TEMPERATURE_ALARM_BIT;
            case SPARES -> SmartInject.SPARES_BIT;
            case SPARES_THRESHOLD -> SmartInject.SPARES_THRESHOLD_BIT;
            case SPARES_ALARM -> SmartInject.SPARES_ALARM_BIT;
            case FATAL -> SmartInject.FATAL_BIT;
            case UNSAFE_SHUTDOWN -> SmartInject.UNSAFE_SHUTDOWN_BIT;
        };
    }

    /**
     * Sends {@code request} through {@link dev.ocxlpmem.nvdimm.Bus#call} and decodes the answer; the
     * gate refuses a function the DIMM does not offer, naming what it does.
     */
    static <R> R call(Dimm dimm, OcxlRequest<R> request) throws NvdimmException {
        byte[] output = dimm.call(new DimmCommand.Call(CommandFamily.OCXL, request.function(), request.input()));
        try {
            return request.decode(output);
        } catch (MalformedPayloadException e) {
            throw new CommandException(dimm.dev() + ": the answer to " + request.command() + " is malformed: "
                    + e.getMessage(), e);
        }
    }
}
