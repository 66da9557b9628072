package dev.ocxlpmem.ndctl.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.FamilyRequest;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A DIMM's operations through the codec of a command family it speaks, as libndctl picks a DIMM's
 * {@code dimm_ops} by its family; the codecs are the providers' ({@link dev.ocxlpmem.nvdimm.Nvdimm#codec}),
 * and what they build goes through {@link Dimm#call}, the bus's gate.
 */
final class Families {
    private final IntFunction<Optional<FamilyCodec>> codecs;

    Families(IntFunction<Optional<FamilyCodec>> codecs) {
        this.codecs = codecs;
    }

    /** The operation's request in the first family the DIMM and its bus speak whose codec has it. */
    <R> Optional<FamilyRequest<R>> request(Dimm dimm, Function<FamilyCodec, Optional<FamilyRequest<R>>> operation) {
        for (FamilyFunctions f : dimm.families()) {
            if (dimm.bus().families().contains(f.family())) {
                Optional<FamilyRequest<R>> request = codecs.apply(f.family()).flatMap(operation);
                if (request.isPresent()) {
                    return request;
                }
            }
        }
        return Optional.empty();
    }

    /** The request, if the DIMM's function mask offers it: a read it can answer. */
    <R> Optional<FamilyRequest<R>> offered(Dimm dimm, Function<FamilyCodec, Optional<FamilyRequest<R>>> operation) {
        return request(dimm, operation).filter(r -> dimm.family(r.family())
                .map(f -> f.functions().contains(r.function())).orElse(false));
    }

    /**
     * Sends the operation, refused when none of the DIMM's families has it; a function outside
     * the DIMM's mask is refused by the bus, naming what it offers.
     */
    <R> R call(Dimm dimm, String what, Function<FamilyCodec, Optional<FamilyRequest<R>>> operation)
            throws NvdimmException {
        FamilyRequest<R> request = request(dimm, operation).orElseThrow(() -> new CommandRefusedException(dimm.dev()
                + ": none of its command families (" + String.join(", ", dimm.families().stream()
                        .map(f -> CommandFamily.describe(f.family())).toList()) + ") can " + what));
        return call(dimm, request);
    }

    static <R> R call(Dimm dimm, FamilyRequest<R> request) throws NvdimmException {
        byte[] output = dimm.call(request.command());
        try {
            return request.decode(output);
        } catch (IllegalArgumentException e) {
            throw new CommandException(dimm.dev() + ": " + e.getMessage(), e);
        }
    }
}
