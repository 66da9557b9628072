package dev.ocxlpmem.namespaces;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A PFN or DAX info block as {@code ndctl read-infoblock -j} prints it (ndctl v76
 * {@code ndctl/namespace.c pfn_parse}): the fields in ndctl's order, under ndctl's names.
 *
 * @param dev the namespace it was read from ({@code namespace0.0})
 * @param signature {@code NVDIMM_PFN_INFO} or {@code NVDIMM_DAX_INFO}
 * @param uuid the info block's uuid: the namespace's {@code uuid} in {@code ndctl list}
 * @param parentUuid the uuid of the namespace label it belongs to (nil for a label-less namespace)
 * @param flags always 0 as Linux writes it
 * @param version {@code major.minor}, {@code 1.4} as Linux 6.1 writes it
 * @param dataoff where the data starts, from the start of the namespace
 * @param npfns pages of data the block describes
 * @param mode where the page metadata lives: 1 host memory ({@code map=mem}), 2 the device ({@code map=dev})
 * @param startPad deprecated padding at the start, 0 as Linux writes it now
 * @param endTrunc bytes cut off the end to keep the end aligned
 * @param align the mapping alignment the namespace was created with
 * @param pageSize the page size the block was written for
 * @param pageStructSize bytes of page metadata reserved per page
 */
public record InfoBlockReport(
        String dev,
        String signature,
        UUID uuid,
        UUID parentUuid,
        long flags,
        String version,
        long dataoff,
        long npfns,
        int mode,
        long startPad,
        long endTrunc,
        long align,
        long pageSize,
        int pageStructSize) {

    /**
     * The JSON object's members in ndctl's order. Numbers are {@link Long}s ({@code mode} an
     * {@link Integer}); with {@code human} (ndctl's {@code -u}) the numbers ndctl prints in hex
     * are strings such as {@code "0x400000"}, and {@code "0"} for zero, as C's {@code %#llx} prints.
     */
    public Map<String, Object> fields(boolean human) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dev", dev);
        f.put("signature", signature);
        f.put("uuid", uuid.toString());
        f.put("parent_uuid", parentUuid.toString());
        f.put("flags", hex(flags, human));
        f.put("version", version);
        f.put("dataoff", hex(dataoff, human));
        f.put("npfns", hex(npfns, human));
        f.put("mode", mode);
        f.put("start_pad", hex(startPad, human));
        f.put("end_trunc", hex(endTrunc, human));
        f.put("align", hex(align, human));
        f.put("page_size", hex(pageSize, human));
        f.put("page_struct_size", hex(pageStructSize, human));
        return f;
    }

    private static Object hex(long value, boolean human) {
        if (!human) {
            return value;
        }
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }
}
