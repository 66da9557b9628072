package dev.ocxlpmem.namespaces.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;
import dev.ocxlpmem.namespaces.NamespaceOptions.Size;

/** Regions as the peer's QEMU NVDIMM has them: one DIMM, region align 16 MiB, v1.2 cookie. */
final class Regions {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** The interleave-set cookie Linux put in the fixture's and the peer's v1.2 labels. */
    static final long COOKIE = 0xba90120012b4dcL;

    private Regions() {
    }

    static RegionScan.Region facts(long size) {
        return new RegionScan.Region(0, 0, size, 16 * MIB, COOKIE, COOKIE, 0);
    }

    /** A region right after {@code init-labels}: labels, no namespaces. */
    static EnabledRegion empty(long size) throws Exception {
        return EnabledRegion.enable(facts(size), List.of(), LabelVersion.V1_2, ns -> Claim.raw(), PfnPlatform.X86_64);
    }

    /** A region with a blank label area. */
    static EnabledRegion labelLess(long size) throws Exception {
        return EnabledRegion.enable(facts(size), List.of(), null, ns -> Claim.raw(), PfnPlatform.X86_64);
    }

    /** Uuids 00000000-0000-4000-8000-00000000000N, N counting up. */
    static Supplier<UUID> counting() {
        long[] n = {0};
        return () -> new UUID(0x4000L, 0x8000_0000_0000_0000L | ++n[0]);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMGT]?)");
    private static final Pattern UUID_TEXT = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

    /** A size as the tests and the transcripts write it: digits and a K, M, G or T, kept in that unit. */
    static Size size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        long unit = m.group(2).isEmpty() ? 1 : 1L << (10 * (1 + "KMGT".indexOf(m.group(2))));
        return new Size(Long.parseLong(m.group(1)) * unit, unit);
    }

    /** A mode by the name ndctl prints. */
    static NamespaceMode mode(String text) {
        for (NamespaceMode m : NamespaceMode.values()) {
            if (m.text().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a mode: " + text);
    }

    /**
     * The options of an {@code ndctl create-namespace} command line, typed; empty when ndctl's own
     * reading of the text refuses them (a mode, map location or uuid it cannot read, an alignment
     * that is no power of two of at least 4 KiB). Reading the text is the ndctl service's part:
     * its tests check those refusals' words against these transcripts'.
     */
    static Optional<NamespaceOptions> options(PeerTranscript.Step step) {
        NamespaceOptions o = NamespaceOptions.none();
        try {
            Optional<String> mode = step.option("-m");
            if (mode.isPresent()) {
                o = o.withMode(mode(mode.get()));
            }
            Optional<String> size = step.option("-s");
            if (size.isPresent()) {
                o = o.withSize(size(size.get()));
            }
            o = o.withName(step.option("-n").orElse(null));
            Optional<String> align = step.option("-a");
            if (align.isPresent()) {
                long bytes = size(align.get()).bytes();
                if (Long.bitCount(bytes) != 1 || bytes < 4096) {
                    return Optional.empty();
                }
                o = o.withAlign(bytes);
            }
            Optional<String> uuid = step.option("-u");
            if (uuid.isPresent()) {
                if (!UUID_TEXT.matcher(uuid.get()).matches()) {
                    return Optional.empty();
                }
                o = o.withUuid(UUID.fromString(uuid.get()));
            }
            Optional<String> map = step.option("-M");
            if (map.isPresent()) {
                o = o.withMap(MapLocation.valueOf(map.get().toUpperCase(Locale.ROOT)));
            }
            Optional<String> sectorSize = step.option("-l");
            if (sectorSize.isPresent()) {
                o = o.withSectorSize(Long.parseLong(sectorSize.get()));
            }
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        if (step.flag("-f")) {
            o = o.forced();
        }
        if (step.flag("--no-autolabel")) {
            o = o.withoutAutolabel();
        }
        return Optional.of(o);
    }
}
