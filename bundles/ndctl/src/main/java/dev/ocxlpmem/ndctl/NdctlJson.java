package dev.ocxlpmem.ndctl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ocxlpmem.labels.IndexBlock;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.namespaces.NamespaceInfo;

/**
 * ndctl's JSON (ndctl 76 {@code ndctl/json.c}, {@code ndctl/list.c}, {@code util/json.c}): the
 * objects with ndctl's field names in its order, and json-c's pretty layout — two-space indent,
 * {@code "key":value} without a space, one member per line. Objects are {@code Map}s in insertion
 * order, arrays {@code List}s. With {@code human} ({@code -u}) sizes read as
 * {@code 1024.00 MiB (1073.74 MB)} and ids, offsets and cookies as hex strings, as ndctl does.
 */
public final class NdctlJson {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;

    private NdctlJson() {
    }

    // ------------------------------------------------------------------ objects

    public static Map<String, Object> bus(BusInfo bus) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", bus.provider());
        json.put("dev", bus.dev());
        return json;
    }

    /**
     * {@code util_dimm_to_json}: {@code state} only when disabled, and {@code security} only for a
     * DIMM in overwrite ({@code "overwrite"}, as Linux's nvdimm {@code security} attribute reads while
     * {@code NDD_SECURITY_OVERWRITE} is set): the DIMMs here have no other security state.
     */
    public static Map<String, Object> dimm(DimmInfo dimm, boolean human) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dev", dimm.dev());
        json.put("id", dimm.id());
        json.put("handle", hex(dimm.handle(), human));
        json.put("phys_id", hex(dimm.handle(), human));
        if (!dimm.enabled()) {
            json.put("state", "disabled");
        }
        if (dimm.inOverwrite()) {
            json.put("security", "overwrite");
        }
        return json;
    }

    /**
     * {@code region_to_json}: {@code mappings} are the ones given (ndctl shows them with
     * {@code -D}); null or empty for none.
     */
    public static Map<String, Object> region(RegionInfo region, List<MappingInfo> mappings, boolean human) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dev", region.dev());
        json.put("size", size(region.size(), human));
        json.put("align", size(region.align(), human));
        json.put("available_size", size(region.availableSize(), human));
        json.put("max_available_extent", size(region.maxAvailableExtent(), human));
        json.put("type", region.type());
        json.put("iset_id", hex(region.isetId(), human));
        if (mappings != null && !mappings.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (MappingInfo m : mappings) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("dimm", m.dimm());
                j.put("offset", hex(m.offset(), human));
                j.put("length", hex(m.length(), human));
                j.put("position", m.position());
                list.add(j);
            }
            json.put("mappings", list);
        }
        if (!region.enabled()) {
            json.put("state", "disabled");
        }
        json.put("persistence_domain", region.persistenceDomain().ndctlName());
        return json;
    }

    /**
     * {@code util_namespace_to_json}: {@code verbose} ({@code -v}) adds {@code raw_uuid},
     * {@code daxRegion} describes a devdax namespace's device in a {@code daxregion} object (as
     * {@code -v} and {@code create-namespace} print it); with {@code human} sizes read as ndctl's.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> namespace(NamespaceInfo n, boolean verbose, boolean daxRegion, boolean human) {
        int region = Integer.parseInt(n.region().substring("region".length()));
        Map<String, Object> json = n.listing().fields(verbose, daxRegion, region);
        if (human) {
            json.put("size", size(n.listing().size(), true));
            if (json.get("daxregion") instanceof Map<?, ?> dax) {
                ((Map<String, Object>) dax).put("size", size(n.listing().size(), true));
                for (Object device : (List<Object>) dax.get("devices")) {
                    ((Map<String, Object>) device).put("size", size(n.listing().size(), true));
                }
            }
        }
        return json;
    }

    /** {@code ndctl read-labels -j} of one DIMM ({@code ndctl/dimm.c}: index blocks, then labels). */
    public static Map<String, Object> labels(LabelReading r, boolean human) {
        Map<String, Object> dimm = new LinkedHashMap<>();
        dimm.put("dev", r.dev());
        List<Object> index = new ArrayList<>();
        for (IndexBlock b : r.indexBlocks()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("signature", b.signature());
            j.put("major", b.major());
            j.put("minor", b.minor());
            j.put("labelsize", b.labelSize());
            j.put("seq", b.seq());
            j.put("nslot", b.nslot());
            index.add(j);
        }
        dimm.put("index", index);
        List<Object> labels = new ArrayList<>();
        for (NamespaceLabel l : r.labels()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("uuid", l.uuid().toString());
            j.put("name", l.name());
            j.put("slot", l.slot());
            j.put("position", l.position());
            j.put("nlabel", l.nlabel());
            j.put("flags", hex(Integer.toUnsignedLong(l.flags()), human));
            j.put("isetcookie", hex(l.isetCookie(), human));
            j.put("lbasize", u64(l.lbaSize()));
            j.put("dpa", hex(l.dpa(), human));
            j.put("rawsize", size(l.rawSize(), human));
            if (r.version() == LabelVersion.V1_2) {
                j.put("type_guid", l.typeGuid().toString());
                j.put("abstraction_guid", l.abstractionGuid().toString());
            }
            labels.add(j);
        }
        dimm.put("label", labels);
        return dimm;
    }

    /**
     * {@code util_dimm_health_to_json} (ndctl 76 ndctl/json-smart.c): the SMART fields, then the
     * thresholds ({@code smart_threshold_to_json}: each alarm's enable, and its threshold when
     * enabled), then life used and the shutdown state and count; each as the family reports it.
     */
    public static Map<String, Object> health(DimmHealth h) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (h.reports(DimmHealth.Field.HEALTH_STATE)) {
            json.put("health_state", h.healthState().ndctlName());
        }
        if (h.reports(DimmHealth.Field.MEDIA_TEMPERATURE)) {
            json.put("temperature_celsius", h.temperatureCelsius());
        }
        if (h.reports(DimmHealth.Field.CONTROLLER_TEMPERATURE)) {
            json.put("controller_temperature_celsius", h.controllerTemperatureCelsius());
        }
        if (h.reports(DimmHealth.Field.SPARES)) {
            json.put("spares_percentage", h.sparesPercentage());
        }
        if (h.reports(DimmHealth.Field.ALARMS)) {
            json.put("alarm_temperature", h.alarmTemperature());
            json.put("alarm_controller_temperature", h.alarmControllerTemperature());
            json.put("alarm_spares", h.alarmSpares());
        }
        if (h.reports(DimmHealth.Field.THRESHOLDS)) {
            json.put("alarm_enabled_media_temperature", h.alarmEnabledMediaTemperature());
            if (h.alarmEnabledMediaTemperature()) {
                json.put("temperature_threshold", h.temperatureThreshold());
            }
            json.put("alarm_enabled_ctrl_temperature", h.alarmEnabledCtrlTemperature());
            if (h.alarmEnabledCtrlTemperature()) {
                json.put("controller_temperature_threshold", h.controllerTemperatureThreshold());
            }
            json.put("alarm_enabled_spares", h.alarmEnabledSpares());
            if (h.alarmEnabledSpares()) {
                json.put("spares_threshold", h.sparesThreshold());
            }
        }
        if (h.reports(DimmHealth.Field.LIFE_USED)) {
            json.put("life_used_percentage", h.lifeUsedPercentage());
        }
        if (h.reports(DimmHealth.Field.SHUTDOWN_STATE)) {
            json.put("shutdown_state", h.shutdownState());
        }
        if (h.reports(DimmHealth.Field.SHUTDOWN_COUNT)) {
            json.put("shutdown_count", h.shutdownCount());
        }
        return json;
    }

    /** What ndctl prints for a DIMM whose health command failed. */
    public static Map<String, Object> unknownHealth() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("health_state", "unknown");
        return json;
    }

    /**
     * {@code util_dimm_firmware_to_json}: the running version (the FWVER word, as ndctl prints a
     * u64), whether it can be updated, and, when an image is armed, its version and the activate
     * state.
     */
    public static Map<String, Object> firmware(FirmwareState f, boolean human) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("current_version", hex(new FirmwareVersion(f.currentVersion()).encode(), human));
        json.put("can_update", f.canUpdate());
        if (!f.nextVersion().isEmpty()) {
            json.put("next_version", hex(new FirmwareVersion(f.nextVersion()).encode(), human));
            json.put("activate_state", f.state().activateState());
        }
        return json;
    }

    /**
     * A region's JSON with its bad blocks as {@code region_to_json} adds them, after {@code state}:
     * {@code badblock_count} when there are any, and with {@code mediaErrors} ({@code -M}) the
     * {@code badblocks} themselves, each on the given DIMMs.
     */
    public static Map<String, Object> withBadBlocks(Map<String, Object> region, List<BadBlock> badBlocks,
            boolean mediaErrors, List<String> dimms) {
        if (badBlocks.isEmpty()) {
            return region;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : region.entrySet()) {
            if (e.getKey().equals("persistence_domain")) {
                json.put("badblock_count", badBlocks.stream().mapToLong(BadBlock::count).sum());
                if (mediaErrors) {
                    json.put("badblocks", badBlocks(badBlocks, dimms));
                }
            }
            json.put(e.getKey(), e.getValue());
        }
        return json;
    }

    /** {@code util_region_badblocks_to_json}'s records: offset and length in 512-byte blocks, and the DIMMs. */
    public static List<Object> badBlocks(List<BadBlock> badBlocks, List<String> dimms) {
        List<Object> list = new ArrayList<>();
        for (BadBlock b : badBlocks) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("offset", b.sector());
            j.put("length", b.count());
            j.put("dimms", dimms);
            list.add(j);
        }
        return list;
    }

    /**
     * One line of {@code ndctl monitor} ({@code notify_dimm_event}): the time as
     * {@code "%10ld.%09ld"}, the pid, each watched event with whether it fired, and the DIMM with
     * its health. This product adds {@code error_log} when entries came with the event.
     */
    public static Map<String, Object> monitorEvent(DimmEvent e, long pid) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", String.format("%10d.%09d", e.timestamp().getEpochSecond(), e.timestamp().getNano()));
        json.put("pid", pid);
        Map<String, Object> events = new LinkedHashMap<>();
        for (DimmEventType t : DimmEventType.values()) {
            if (e.watched().contains(t)) {
                events.put(t.ndctlName(), e.fired().contains(t));
            }
        }
        json.put("event", events);
        Map<String, Object> dimm = dimm(e.dimm(), false);
        dimm.put("health", e.health().map(NdctlJson::health).orElseGet(NdctlJson::unknownHealth));
        json.put("dimm", dimm);
        if (!e.entries().isEmpty()) {
            json.put("error_log", e.entries().stream().map(NdctlJson::errorLogEntry).toList());
        }
        return json;
    }

    /** An entry of the card's error log ({@code ocxl:error-log -j}). */
    public static Map<String, Object> errorLogEntry(ErrorLogEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("log_id", e.logId());
        json.put("type", e.type().text());
        json.put("program_reference_code", String.format("0x%x", e.programReferenceCode()));
        json.put("actions", e.actions().stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT)).toList());
        json.put("power_on_seconds", e.powerOnSeconds());
        json.put("timestamp", e.timestamp());
        json.put("wwid", e.wwid());
        json.put("firmware_revision", e.firmwareRevision());
        e.mediaError().ifPresent(m -> {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("offset", m.offset());
            range.put("length", m.length());
            json.put("media_error", range);
        });
        json.put("text", e.additionalText());
        return json;
    }

    /** The controller's statistics ({@code ocxl:stats -j}), with the series' names in snake case. */
    public static Map<String, Object> statistics(ControllerStats s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reset_count", s.resetCount());
        json.put("reset_uptime", s.resetUptimeSeconds());
        json.put("power_on_uptime", s.powerOnUptimeSeconds());
        json.put("life_remaining_percentage", s.lifeRemainingPercent());
        json.put("critical_resource_utilization_percentage", s.criticalResourceUtilizationPercent());
        json.put("host_load_count", u64(s.hostLoadCount()));
        json.put("host_store_count", u64(s.hostStoreCount()));
        json.put("host_load_duration_ns", u64(s.hostLoadDurationNanos()));
        json.put("host_store_duration_ns", u64(s.hostStoreDurationNanos()));
        json.put("media_read_count", u64(s.mediaReadCount()));
        json.put("media_write_count", u64(s.mediaWriteCount()));
        json.put("media_read_duration_ns", u64(s.mediaReadDurationNanos()));
        json.put("media_write_duration_ns", u64(s.mediaWriteDurationNanos()));
        json.put("cache_read_hit_count", u64(s.cacheReadHitCount()));
        json.put("cache_write_hit_count", u64(s.cacheWriteHitCount()));
        json.put("fast_write_count", u64(s.fastWriteCount()));
        return json;
    }

    // ------------------------------------------------------------------ values

    /** {@code util_json_object_size}: bytes, or with {@code human} ndctl's form from 5000 KiB up. */
    public static Object size(long bytes, boolean human) {
        return human && Long.compareUnsigned(bytes, 5000 * KIB) >= 0 ? humanSize(bytes) : u64(bytes);
    }

    /** {@code util_json_object_hex}: the number, or with {@code human} {@code "%#llx"}: {@code 0x1f}, {@code 0}. */
    public static Object hex(long value, boolean human) {
        if (!human) {
            return u64(value);
        }
        return value == 0 ? "0" : "0x" + Long.toUnsignedString(value, 16);
    }

    /**
     * ndctl's {@code display_size} (after mdadm's {@code human_size_brief}): MiB/MB below 2 GiB, GiB/GB
     * below 2 TiB, TiB/TB above, each to hundredths, rounded half up; e.g. {@code 1024.00 MiB (1073.74 MB)}.
     */
    public static String humanSize(long bytes) {
        String binary;
        String decimal;
        if (Long.compareUnsigned(bytes, 2 * GIB) < 0) {
            binary = hundredths(bytes, MIB) + " MiB";
            decimal = hundredths(bytes, 1_000_000L) + " MB";
        } else if (Long.compareUnsigned(bytes, 2 * TIB) < 0) {
            binary = hundredths(bytes, GIB) + " GiB";
            decimal = hundredths(bytes, 1_000_000_000L) + " GB";
        } else {
            binary = hundredths(bytes, TIB) + " TiB";
            decimal = hundredths(bytes, 1_000_000_000_000L) + " TB";
        }
        return binary + " (" + decimal + ")";
    }

    private static String hundredths(long bytes, long unit) {
        BigInteger twice = new BigInteger(Long.toUnsignedString(bytes)).multiply(BigInteger.valueOf(200))
                .divide(BigInteger.valueOf(unit));
        long c = twice.add(BigInteger.ONE).shiftRight(1).longValueExact();
        return String.format("%d.%02d", c / 100, c % 100);
    }

    private static Number u64(long v) {
        return v >= 0 ? (Number) v : new BigInteger(Long.toUnsignedString(v));
    }

    // ------------------------------------------------------------------ text

    /**
     * {@code util_display_json_array}: the array as it is, except that with {@code human} a lone
     * element is printed without its array, as ndctl 76 does.
     */
    public static String display(List<?> elements, boolean human) {
        return write(human && elements.size() == 1 ? elements.get(0) : elements);
    }

    /** json-c's {@code JSON_C_TO_STRING_PLAIN}: all on one line, no spaces, as ndctl monitor logs. */
    public static String writePlain(Object value) {
        StringBuilder out = new StringBuilder();
        writePlain(out, value);
        return out.toString();
    }

    private static void writePlain(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                string(out, entry.getKey().toString());
                out.append(':');
                writePlain(out, entry.getValue());
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object element : list) {
                out.append(separator);
                writePlain(out, element);
                separator = ",";
            }
            out.append(']');
        } else {
            write(out, value, 0);
        }
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "\n";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                indent(out, depth + 1);
                string(out, entry.getKey().toString());
                out.append(':');
                write(out, entry.getValue(), depth + 1);
                separator = ",\n";
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "\n";
            for (Object element : list) {
                out.append(separator);
                indent(out, depth + 1);
                write(out, element, depth + 1);
                separator = ",\n";
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            string(out, value.toString());
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
