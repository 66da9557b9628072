package dev.ocxlpmem.namespaces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A namespace as {@code ndctl list -N} prints it (ndctl v76 {@code ndctl/json.c
 * util_namespace_to_json}, without the {@code daxregion} detail).
 *
 * @param dev {@code namespaceR.M}
 * @param mode the mode Linux finds it in (a disabled namespace lists as {@code raw}: its claim is gone)
 * @param map {@code dev} or {@code mem} for fsdax and devdax, {@code null} otherwise
 * @param size bytes an application can use: after the info block and page metadata for fsdax
 *     and devdax, the BTT's capacity for sector, the whole namespace for raw
 * @param uuid the info block's uuid for fsdax, devdax and sector, the label's for raw;
 *     {@code null} for a label-less namespace, which has none
 * @param rawUuid the label's uuid when {@code uuid} is an info block's, else {@code null}
 * @param chardev {@code daxR.M} for an enabled devdax namespace, else {@code null}
 * @param sectorSize 512 or 4096; 0 for devdax, which has none
 * @param align the mapping alignment of fsdax and devdax, 0 for the others
 * @param blockdev {@code pmemR[.M][s]} for enabled raw, fsdax and sector namespaces, else {@code null}
 * @param enabled whether it is enabled ({@code "state":"disabled"} when not)
 * @param name the label's name, empty for none
 */
public record NamespaceListing(
        String dev,
        NamespaceMode mode,
        String map,
        long size,
        UUID uuid,
        UUID rawUuid,
        String chardev,
        int sectorSize,
        long align,
        String blockdev,
        boolean enabled,
        String name) {

    /**
     * The JSON object's members in ndctl's order, absent members left out as ndctl leaves them
     * out. With {@code verbose} (ndctl's {@code -v}) {@code raw_uuid} is shown, and a devdax
     * namespace's device is described in a {@code daxregion} object instead of {@code chardev}, as
     * {@code -v} and {@code create-namespace} show it (a map of {@code id}, {@code size},
     * {@code align} and {@code devices}, a list of one map of {@code chardev}, {@code size},
     * {@code align} and {@code mode}).
     *
     * @param region the {@code R} of {@code regionR}, the dax region's id
     */
    public Map<String, Object> fields(boolean verbose, int region) {
        return fields(verbose, verbose, region);
    }

    /**
     * The same, with the {@code daxregion} object chosen on its own: {@code create-namespace}
     * prints it ({@code UTIL_JSON_DAX}) without {@code -v}'s {@code raw_uuid}.
     */
    public Map<String, Object> fields(boolean verbose, boolean daxRegion, int region) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dev", dev);
        f.put("mode", mode.text());
        if (map != null) {
            f.put("map", map);
        }
        f.put("size", size);
        if (uuid != null) {
            f.put("uuid", uuid.toString());
        }
        if (verbose && rawUuid != null) {
            f.put("raw_uuid", rawUuid.toString());
        }
        if (chardev != null && !daxRegion) {
            f.put("chardev", chardev);
        } else if (chardev != null) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("chardev", chardev);
            device.put("size", size);
            device.put("align", align);
            device.put("mode", mode.text());
            Map<String, Object> daxregion = new LinkedHashMap<>();
            daxregion.put("id", region);
            daxregion.put("size", size);
            daxregion.put("align", align);
            daxregion.put("devices", List.of(device));
            f.put("daxregion", daxregion);
        }
        if (sectorSize != 0) {
            f.put("sector_size", sectorSize);
        }
        if (align != 0) {
            f.put("align", align);
        }
        if (blockdev != null) {
            f.put("blockdev", blockdev);
        }
        if (!enabled) {
            f.put("state", "disabled");
        }
        if (name != null && !name.isEmpty()) {
            f.put("name", name);
        }
        return f;
    }
}
