package dev.ocxlpmem.emulator.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.ocxl.OcxlFunction;

/**
 * Finds the emulator's fault injection of a card, by its PCI location ({@code 0006:00:00}) or by
 * the DIMM the driver made of it: the DIMM's id ends in the card's serial, which the card's
 * OpenCAPI functions carry as {@link OcxlFunction#SERIAL}; their location less the function number
 * is the card's {@link CardFaults#LOCATION}. A card that is no emulated one has no
 * {@link CardFaults}, and the command says so.
 */
final class EmulatedCards {
    private EmulatedCards() {
    }

    static CardFaults byLocation(BundleContext context, String location) throws IllegalArgumentException {
        List<String> known = new ArrayList<>();
        for (ServiceReference<CardFaults> ref : references(context, CardFaults.class)) {
            Object card = ref.getProperty(CardFaults.LOCATION);
            if (location.equalsIgnoreCase(String.valueOf(card))) {
                return context.getService(ref);
            }
            known.add(String.valueOf(card));
        }
        throw new IllegalArgumentException("no emulated card at " + location + ": "
                + (known.isEmpty() ? "there is none" : "there " + (known.size() == 1 ? "is " : "are ")
                        + String.join(", ", known)));
    }

    /** The emulated card behind {@code dimm}. */
    static CardFaults of(BundleContext context, Dimm dimm) throws IllegalArgumentException {
        return byLocation(context, location(context, dimm));
    }

    /** The PCI location ({@code dddd:bb:dd}) of the card behind {@code dimm}. */
    static String location(BundleContext context, Dimm dimm) throws IllegalArgumentException {
        String id = dimm.id();
        int dash = id.lastIndexOf('-');
        long serial;
        try {
            serial = Long.parseUnsignedLong(id.substring(dash + 1), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(dimm.dev() + " (id " + id + ") is not an OpenCAPI SCM card's DIMM");
        }
        for (ServiceReference<OcxlFunction> ref : references(context, OcxlFunction.class)) {
            if (ref.getProperty(OcxlFunction.SERIAL) instanceof Long s && s == serial
                    && ref.getProperty(OcxlFunction.LOCATION) instanceof String location) {
                return location.substring(0, location.lastIndexOf('.'));
            }
        }
        throw new IllegalArgumentException(dimm.dev() + ": no OpenCAPI card with serial "
                + String.format("0x%x", serial) + " is present");
    }

    private static <T> Collection<ServiceReference<T>> references(BundleContext context, Class<T> type) {
        try {
            return context.getServiceReferences(type, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
    }
}
