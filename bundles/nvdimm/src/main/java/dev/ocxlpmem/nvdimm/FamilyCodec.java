package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Optional;

/**
 * What one {@code ND_CMD_CALL} family's packages mean, as libndctl keeps {@code dimm_ops} per
 * family ({@code ndctl/lib/intel.c}, {@code papr.c}, {@code msft.c}, {@code hpe1.c}): it builds the
 * request for a family-neutral operation and decodes the answer into family-neutral records. The
 * provider of a family registers its codec as a service with {@link #FAMILY}; the nvdimm core keeps
 * them ({@link Nvdimm#codec}), and consumers send what a codec builds through {@link Bus#call},
 * which still checks the DIMM's function mask. An operation the family does not have is empty.
 */
public interface FamilyCodec {
    /** Service property: the family number (Integer), e.g. {@link CommandFamily#OCXL}. */
    String FAMILY = "nvdimm.family";

    int family();

    /** {@code ndctl list -H}: the DIMM's health. */
    Optional<FamilyRequest<DimmHealth>> health();

    /**
     * {@code ndctl inject-smart}: values, thresholds, a fatal state or an unsafe shutdown set or
     * taken back.
     *
     * @throws IllegalArgumentException for a value the family's package cannot carry
     */
    Optional<FamilyRequest<Void>> injectSmart(SmartInjection injection);

    /**
     * {@code ndctl inject-error}: the DIMM's media at {@code [offset, offset + length)} (the
     * provider's addresses, as a region's {@code start}) poisoned; with {@code notify} the DIMM
     * reports it as a media error.
     */
    Optional<FamilyRequest<Void>> injectError(long offset, long length, boolean notify);

    /** {@code ndctl inject-error -d}: the poison under the range taken back. */
    Optional<FamilyRequest<Void>> clearError(long offset, long length);

    /** {@code ndctl inject-error -t}: the ranges injected, in the provider's addresses. */
    Optional<FamilyRequest<List<AddressRange>>> injectedErrors();
}
