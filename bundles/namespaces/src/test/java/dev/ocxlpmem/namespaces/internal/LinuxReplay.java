package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;

/**
 * Replays a linux-peer transcript on a {@link ReplaySubject}, the model alone or the lifecycle on a
 * card: each create, reconfigure, destroy, enable and disable, and after each step a check that it
 * says what Linux said: where a namespace landed, its size, name and mode, the free space and the
 * seed. Refusals are checked against Linux's message.
 */
final class LinuxReplay implements AutoCloseable {
    /** When Linux's stderr says the first, our refusal says the second. */
    private static final String[][] SAME_REFUSAL = {
        {"set_uuid failed", "set_uuid failed"},
        {"set_size failed", "set_size failed"},
        {"is active, specify --force for re-configuration", "is active, specify --force for re-configuration"},
        {"alt name overflow", "alt name overflow"},
        {"is misaligned", "is misaligned"},
        {"unsupported align: 8M", "unsupported align: 8M"},
        {"raw mode does not support setting an alignment", "raw mode does not support setting an alignment"},
        {"sector mode does not support setting an alignment", "sector mode does not support setting an alignment"},
        {"--map only valid", "--map only valid"},
        {"No space left on device", "No space left on device"},
        {"No such device or address", "No such device or address"},
        {"does not support namespace sector_size 1024", "does not support namespace sector_size 1024"},
        {"Legacy / label-less namespaces do not support sub-dividing a region",
            "Legacy / label-less namespaces do not support sub-dividing a region"},
        {"did you intend", "did you intend"},
    };
    /**
     * What ndctl refuses while it reads its command line, before any rule: the ndctl service's part
     * (its NamespaceArgumentParserTest checks our words against these).
     */
    private static final List<String> READING_REFUSALS = List.of("invalid mode 'foo'",
            "align must be a power-of-2 greater than 4096", "invalid map location 'foo'",
            "failed to parse uuid: 'not-a-uuid'");
    private static final Pattern ST_REGION = Pattern.compile(
            "region available_size (\\d+) max_available_extent (\\d+) seed namespace0\\.(\\d+)");
    private static final Pattern ST_NAMESPACE = Pattern.compile(
            "namespace0\\.(\\d+) dpa (\\d+) size (\\d+) uuid \\S+ name '(.*)' mode (\\w+)");

    final ReplaySubject subject;
    /** Namespaces Linux left half-reconfigured after a failure we refused up front. */
    final Set<Integer> halfFailed = new HashSet<>();
    /** Namespaces Linux made with --map=mem, which we made with --map=dev. */
    final Set<Integer> mapMem = new HashSet<>();
    /** Steps where we deliberately differ from Linux, with why. */
    final List<String> differences = new ArrayList<>();
    int checks;
    /** Steps whose options ndctl refused while reading them. */
    int readingRefusals;

    LinuxReplay(ReplaySubject subject) {
        this.subject = subject;
    }

    void replay(PeerTranscript t) throws Exception {
        replay(t, t.steps.size());
    }

    /** The first {@code count} steps. */
    void replay(PeerTranscript t, int count) throws Exception {
        for (PeerTranscript.Step step : t.steps.subList(0, count)) {
            step = substituted(step);
            String c = step.command();
            if (c.startsWith("ndctl create-namespace -e ")) {
                reconfigure(step);
            } else if (c.startsWith("ndctl create-namespace")) {
                create(step);
            } else if (c.startsWith("ndctl destroy-namespace")) {
                destroy(step);
            } else if (c.equals("ndctl enable-region all")) {
                subject.enableRegion();
            } else if (c.equals("ndctl init-labels -f -V 1.2 all")) {
                subject.initLabels();
            } else if (c.startsWith("ndctl disable-namespace namespace0.")) {
                subject.disable(id(c.substring(c.lastIndexOf(' ') + 1)));
            } else if (c.startsWith("ndctl enable-namespace namespace0.")) {
                subject.enable(id(c.substring(c.lastIndexOf(' ') + 1)));
            } else if (c.matches("cat \\S+/available_size \\S+/max_available_extent")) {
                assertEquals(Long.parseLong(step.out().get(0)), subject.availableSize(), c + " at step " + step.index());
                assertEquals(Long.parseLong(step.out().get(1)), subject.maxAvailableExtent(),
                        c + " at step " + step.index());
                checks++;
            } else if (c.equals("st")) {
                checkState(step);
            } else if (c.startsWith("ndctl list")) {
                checkListing(step);
            }
        }
    }

    private static final Pattern LABEL_UUID = Pattern.compile(
            "^(\\w+)=\\$\\(cat /sys/bus/nd/devices/namespace0\\.(\\d+)/uuid\\); (ndctl .*)$");
    private static final Pattern CLAIM_UUID = Pattern.compile("^H=\\$\\(cat /sys/bus/nd/devices/namespace0\\.(\\d+)/holder\\);"
            + " U=\\$\\(cat /sys/bus/nd/devices/\\$H/uuid\\); echo [^;]*; (ndctl .*)$");

    /**
     * A command that read a uuid from sysfs into a shell variable, with the variable replaced by
     * the uuid the subject has: the label's ({@code namespace0.N/uuid}) or the claim's
     * ({@code $holder/uuid}).
     */
    private PeerTranscript.Step substituted(PeerTranscript.Step step) throws NamespaceException {
        Matcher m = LABEL_UUID.matcher(step.command());
        String command = null;
        if (m.matches()) {
            UUID uuid = subject.labelUuid(Integer.parseInt(m.group(2)));
            command = m.group(3).replace("$" + m.group(1), uuid.toString());
        }
        m = CLAIM_UUID.matcher(step.command());
        if (m.matches()) {
            command = m.group(2).replace("$U", subject.listing(Integer.parseInt(m.group(1))).uuid().toString());
        }
        return command == null ? step : new PeerTranscript.Step(step.index(), command, step.out(), step.err(), step.exit());
    }

    private void create(PeerTranscript.Step step) throws Exception {
        Optional<NamespaceOptions> typed = Regions.options(step);
        if (typed.isEmpty()) {
            refusedReading(step);
            return;
        }
        NamespaceOptions o = typed.get();
        NamespaceListing made;
        try {
            made = subject.create(o);
        } catch (NamespaceException e) {
            assertRefusedAsLinux(step, e);
            if (!step.ok()) {
                return;
            }
            // Linux made it with its page metadata in host memory: follow with --map=dev
            mapMem.add(id(subject.create(o.withMap(MapLocation.DEV)).dev()));
            return;
        }
        if (!step.ok()) {
            fail(step.command() + ": Linux refused (" + step.stderr() + ") but we made " + made);
        }
        if (o.map() == MapLocation.MEM) {
            fail("map=mem must be refused");
        }
        assertCreatedAsLinux(step, made);
    }

    private void reconfigure(PeerTranscript.Step step) throws Exception {
        int id = id(step.option("-e").orElseThrow());
        Optional<NamespaceOptions> typed = Regions.options(step);
        if (typed.isEmpty()) {
            refusedReading(step);
            return;
        }
        NamespaceOptions o = typed.get();
        NamespaceListing made;
        try {
            made = subject.reconfigure(id, o);
        } catch (NamespaceException e) {
            assertRefusedAsLinux(step, e);
            if (step.stderr().contains("set_uuid failed") || step.stderr().contains("set_size failed")) {
                halfFailed.add(id);
                differences.add(step.command() + ": Linux cleared the info block and then failed; we refused first");
            }
            return;
        }
        if (!step.ok()) {
            fail(step.command() + ": Linux refused (" + step.stderr() + ") but we made " + made);
        }
        halfFailed.remove(id);
        mapMem.remove(id);
        assertCreatedAsLinux(step, made);
    }

    /** Options ndctl could not read: Linux refused them with one of {@link #READING_REFUSALS}. */
    private void refusedReading(PeerTranscript.Step step) {
        assertFalse(step.ok(), step.command() + ": Linux took what we cannot type");
        assertTrue(READING_REFUSALS.stream().anyMatch(step.stderr()::contains), step.command() + ": " + step.stderr());
        readingRefusals++;
    }

    private void destroy(PeerTranscript.Step step) throws Exception {
        String target = step.command().substring(step.command().lastIndexOf(' ') + 1);
        boolean force = step.flag("-f");
        List<Integer> ids = new ArrayList<>();
        if (target.equals("all")) {
            for (ReplaySubject.Row r : subject.namespaces()) {
                if (r.size() > 0) {
                    ids.add(r.id());
                }
            }
        } else {
            ids.add(id(target));
        }
        for (int id : ids) {
            try {
                subject.destroy(id, force);
            } catch (NamespaceException e) {
                assertRefusedAsLinux(step, e);
                return;
            }
            checks++;
        }
        assertTrue(step.ok(), step.command() + ": Linux refused: " + step.stderr());
        assertTrue(step.stderr().contains("destroyed " + ids.size() + " namespace"), step.stderr());
    }

    private void assertRefusedAsLinux(PeerTranscript.Step step, NamespaceException e) {
        if (step.ok()) {
            if ("mem".equals(step.option("-M").orElse(null))) {
                assertTrue(e.getMessage().startsWith("--map=mem is not supported"), e.getMessage());
                differences.add(step.command() + ": Linux puts the page metadata in host memory; we refuse --map=mem");
                return;
            }
            fail(step.command() + ": Linux accepted it, we refused: " + e.getMessage());
        }
        for (String[] pair : SAME_REFUSAL) {
            if (step.stderr().contains(pair[0])) {
                assertTrue(e.getMessage().contains(pair[1]), step.command() + ": Linux said " + step.stderr()
                        + "\n we said " + e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
                checks++;
                return;
            }
        }
        fail(step.command() + ": no known refusal in Linux's " + step.stderr() + "; we said " + e.getMessage());
    }

    private void assertCreatedAsLinux(PeerTranscript.Step step, NamespaceListing l) {
        assertEquals(step.json("dev").orElseThrow(), l.dev(), step.command());
        assertEquals(step.json("mode").orElseThrow(), l.mode().text(), step.command());
        assertEquals(step.jsonLong("size"), l.size(), step.command());
        assertEquals(step.json("name").orElse(""), l.name(), step.command());
        assertEquals(step.json("blockdev").orElse(null), l.blockdev(), step.command());
        assertEquals(step.json("sector_size").map(Integer::parseInt).orElse(0), l.sectorSize(), step.command());
        assertEquals(step.json("map").orElse(null), l.map(), step.command());
        checks++;
    }

    /** The {@code st} lines against the subject. */
    private void checkState(PeerTranscript.Step step) {
        Matcher r = ST_REGION.matcher(step.out().get(0));
        assertTrue(r.matches(), step.out().get(0));
        String where = "before step " + step.index() + " (" + step.out() + ")";
        if (subject.labelLess()) {
            assertEquals(0, subject.availableSize(), where);
        } else {
            assertEquals(Long.parseLong(r.group(1)), subject.availableSize(), "available_size " + where);
            assertEquals(Long.parseLong(r.group(2)), subject.maxAvailableExtent(), "max_available_extent " + where);
            if (subject.seed() >= 0) {
                assertEquals(Integer.parseInt(r.group(3)), subject.seed(), "seed " + where);
            }
        }
        Map<Integer, ReplaySubject.Row> ours = new LinkedHashMap<>();
        for (ReplaySubject.Row row : subject.namespaces()) {
            ours.put(row.id(), row);
        }
        for (String line : step.out().subList(1, step.out().size())) {
            Matcher n = ST_NAMESPACE.matcher(line);
            if (!n.matches()) {
                int id = Integer.parseInt(line.replaceAll("namespace0\\.(\\d+) size 0", "$1"));
                ReplaySubject.Row s = ours.remove(id);
                assertNotNull(s, "namespace0." + id + " " + where);
                assertEquals(0, s.size(), line + " " + where);
                continue;
            }
            int id = Integer.parseInt(n.group(1));
            ReplaySubject.Row s = ours.remove(id);
            assertNotNull(s, line + " " + where);
            assertEquals(Long.parseLong(n.group(2)), s.dpa(), line);
            assertEquals(Long.parseLong(n.group(3)), s.size(), line);
            assertEquals(n.group(4), s.name(), line);
            if (!halfFailed.contains(id)) {
                assertEquals(n.group(5), s.kernelMode(), line);
            }
            checks++;
        }
        assertTrue(ours.isEmpty(), "namespaces Linux does not have: " + ours.keySet() + " " + where);
    }

    /** {@code ndctl list -N...} namespaces against our listings, and the region's free space with -R. */
    private void checkListing(PeerTranscript.Step step) throws NamespaceException {
        if (step.command().matches("ndctl list -\\w*R\\w*.*")) {
            assertEquals(step.jsonLong("available_size"), subject.availableSize(), step.command() + " available_size");
            assertEquals(step.jsonLong("max_available_extent"), subject.maxAvailableExtent(),
                    step.command() + " max_available_extent");
            checks++;
        }
        for (Map<String, String> theirs : ListedObjects.namespaces(step.out())) {
            int id = id(theirs.get("dev"));
            if (halfFailed.contains(id)) {
                continue;
            }
            boolean verbose = step.command().matches("ndctl list -\\w*v\\w*.*");
            Map<String, Object> ours = subject.listing(id).fields(verbose, 0);
            for (String key : List.of("dev", "mode", "map", "size", "sector_size", "align", "blockdev", "state", "name",
                    "chardev")) {
                if (mapMem.contains(id) && (key.equals("map") || key.equals("size"))) {
                    continue;
                }
                Object mine = ours.get(key);
                assertEquals(theirs.get(key), mine == null ? null : mine.toString(), step.command() + " " + key
                        + " of " + theirs);
            }
            assertEquals(theirs.containsKey("uuid"), ours.containsKey("uuid"), "uuid of " + theirs);
            assertEquals(theirs.containsKey("raw_uuid"), ours.containsKey("raw_uuid"), "raw_uuid of " + theirs);
            checks++;
        }
    }

    static int id(String dev) {
        assertTrue(dev.startsWith("namespace0."), dev);
        return Integer.parseInt(dev.substring("namespace0.".length()));
    }

    @Override
    public void close() {
        subject.close();
    }
}
