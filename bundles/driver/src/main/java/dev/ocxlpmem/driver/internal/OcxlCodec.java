package dev.ocxlpmem.driver.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;

import dev.ocxlpmem.nvdimm.AddressRange;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.FamilyRequest;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.nvdimm.SmartInjection.Field;
import dev.ocxlpmem.scm.ErrorInject;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.InjectedErrors;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.SmartInject;

/**
 * The codec of family 6 ({@code NVDIMM_FAMILY_OCXL}), which this driver answers: the packages of
 * {@link OcxlCommand} in and out of the nvdimm API's family-neutral records. Registered as a service
 * so that consumers never import the family's formats (as libndctl's {@code dimm_ops} per family).
 */
@Component(service = FamilyCodec.class, property = FamilyCodec.FAMILY + ":Integer=" + OcxlCommand.FAMILY)
public final class OcxlCodec implements FamilyCodec {
    private static final byte[] NONE = new byte[0];

    @Override
    public int family() {
        return OcxlCommand.FAMILY;
    }

    @Override
    public Optional<FamilyRequest<DimmHealth>> health() {
        return request(OcxlCommand.HEALTH, NONE, output -> health(Health.fromPackage(output)));
    }

    /** The HEALTH package fills every field ndctl prints. */
    static DimmHealth health(Health h) {
        return new DimmHealth(EnumSet.allOf(DimmHealth.Field.class), DimmHealth.State.valueOf(h.healthState().name()),
                h.temperatureCelsius(), h.controllerTemperatureCelsius(), h.sparesPercentage(), h.alarmTemperature(),
                h.alarmControllerTemperature(), h.alarmSpares(), h.alarmEnabledMediaTemperature(),
                h.temperatureThreshold(), h.alarmEnabledCtrlTemperature(), h.controllerTemperatureThreshold(),
                h.alarmEnabledSpares(), h.sparesThreshold(), h.lifeUsedPercentage(), h.dirtyShutdown(),
                h.shutdownCount(), Map.of());
    }

    @Override
    public Optional<FamilyRequest<Void>> injectSmart(SmartInjection injection) {
        return request(OcxlCommand.INJECT_SMART, smartInject(injection).toPackage(), OcxlCodec::nothing);
    }

    @Override
    public Optional<FamilyRequest<Void>> injectError(long offset, long length, boolean notify) {
        return request(OcxlCommand.INJECT_ERROR,
                new ErrorInject(ErrorInject.Action.INJECT, offset, length, notify).toPackage(), OcxlCodec::nothing);
    }

    @Override
    public Optional<FamilyRequest<Void>> clearError(long offset, long length) {
        return request(OcxlCommand.INJECT_ERROR_CLEAR,
                new ErrorInject(ErrorInject.Action.CLEAR, offset, length, false).toPackage(), OcxlCodec::nothing);
    }

    @Override
    public Optional<FamilyRequest<java.util.List<AddressRange>>> injectedErrors() {
        return request(OcxlCommand.INJECT_ERROR_STATUS, NONE, output -> InjectedErrors.fromPackage(output).ranges()
                .stream().map(r -> new AddressRange(r.offset(), r.length())).toList());
    }

    private static <R> Optional<FamilyRequest<R>> request(OcxlCommand command, byte[] input,
            Function<byte[], R> decoder) {
        return Optional.of(new FamilyRequest<>(OcxlCommand.FAMILY, command.number(), input, output -> {
            try {
                return decoder.apply(output);
            } catch (MalformedPayloadException e) {
                throw new IllegalArgumentException("the answer to " + command + " is malformed: " + e.getMessage(),
                        e);
            }
        }));
    }

    private static Void nothing(byte[] output) {
        if (output.length != 0) {
            throw new MalformedPayloadException("a function without output returned " + output.length + " bytes");
        }
        return null;
    }

    /**
     * ndctl's inject-smart fields as {@link SmartInject} carries them.
     *
     * @throws IllegalArgumentException for a value the package cannot carry
     */
    static SmartInject smartInject(SmartInjection injection) {
        int set = 0;
        int uninject = 0;
        int alarms = 0;
        int[] v = new int[Field.values().length];
        for (Map.Entry<Field, Double> e : injection.set().entrySet()) {
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
        for (Field f : injection.uninject()) {
            uninject |= bit(f);
        }
        return new SmartInject(set, uninject, v[Field.MEDIA_TEMPERATURE.ordinal()],
                v[Field.CONTROLLER_TEMPERATURE.ordinal()], v[Field.MEDIA_TEMPERATURE_THRESHOLD.ordinal()],
                v[Field.CONTROLLER_TEMPERATURE_THRESHOLD.ordinal()], v[Field.SPARES.ordinal()],
                v[Field.SPARES_THRESHOLD.ordinal()], alarms);
    }

    private static String name(Field field) {
        return field.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static int bit(Field field) {
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
}
