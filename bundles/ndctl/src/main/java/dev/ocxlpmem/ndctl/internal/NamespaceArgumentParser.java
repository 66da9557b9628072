package dev.ocxlpmem.ndctl.internal;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;
import dev.ocxlpmem.namespaces.NamespaceOptions.Size;
import dev.ocxlpmem.ndctl.NamespaceArguments;

/**
 * Reads {@code ndctl create-namespace}'s options as ndctl 76 does ({@code ndctl/namespace.c}
 * {@code set_defaults}, {@code util/size.c}, {@code util/filter.c util_nsmode}), once for the
 * console and the MBeans: what a user typed becomes the lifecycle's typed options, or one line
 * quoting what could not be read. What depends on the region (which alignments, sizes and sector
 * sizes it takes) the lifecycle checks.
 */
final class NamespaceArgumentParser {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * {@code set_defaults} wants an alignment of at least {@code sysconf(_SC_PAGE_SIZE)}: the 4 KiB
     * pages of x86-64, the platform whose info blocks the namespaces bundle writes.
     */
    private static final long PAGE_SIZE = 4096;

    private NamespaceArgumentParser() {
    }

    static NamespaceOptions parse(NamespaceArguments a) throws NamespaceException {
        NamespaceMode mode = a.mode() == null ? null : mode(a.mode());
        MapLocation map = a.map() == null ? null : map(a.map());
        Size size = a.size() == null ? null : SizeArgument.parse(a.size(), "namespace size");
        Long align = null;
        if (a.align() != null) {
            long bytes = SizeArgument.parse(a.align(), "namespace alignment").bytes();
            if (Long.bitCount(bytes) != 1 || bytes < PAGE_SIZE) {
                throw new NamespaceException("align must be a power-of-2 greater than " + PAGE_SIZE + ", not '"
                        + a.align() + "'");
            }
            align = bytes;
        }
        UUID uuid = null;
        if (a.uuid() != null) {
            if (!UUID_TEXT.matcher(a.uuid()).matches()) {
                throw new NamespaceException("failed to parse uuid: '" + a.uuid() + "'");
            }
            uuid = UUID.fromString(a.uuid());
        }
        Long sectorSize = null;
        if (a.sectorSize() != null) {
            try {
                sectorSize = SizeArgument.parse(a.sectorSize(), "sector size").bytes();
            } catch (NamespaceException e) {
                throw new NamespaceException("invalid sector size: " + a.sectorSize());
            }
        }
        return new NamespaceOptions(mode, size, a.name(), align, uuid, map, sectorSize, a.force(), a.autolabel());
    }

    /**
     * A mode as {@code ndctl create-namespace -m} and {@code ndctl list -m} read one:
     * {@code raw}, {@code sector}, {@code fsdax}, {@code devdax} and the older names {@code safe},
     * {@code memory} and {@code dax}, in any case.
     */
    static NamespaceMode mode(String text) throws NamespaceException {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "raw":
                return NamespaceMode.RAW;
            case "sector":
            case "safe":
                return NamespaceMode.SECTOR;
            case "fsdax":
            case "memory":
                return NamespaceMode.FSDAX;
            case "devdax":
            case "dax":
                return NamespaceMode.DEVDAX;
            default:
                throw new NamespaceException("invalid mode '" + text + "': use raw, sector, fsdax or devdax");
        }
    }

    private static MapLocation map(String text) throws NamespaceException {
        switch (text) {
            case "dev":
                return MapLocation.DEV;
            case "mem":
                return MapLocation.MEM;
            default:
                throw new NamespaceException("invalid map location '" + text + "': use dev");
        }
    }
}
