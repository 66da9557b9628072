package dev.ocxlpmem.ndctl.internal;

import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.OcxlRequest;

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
