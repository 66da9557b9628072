package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * {@code ndctl inject-error} (ndctl 76 ndctl/inject-error.c), through the command family of the
XX
 * {@code -n} 512-byte blocks from block {@code -B}, so that reads there fail; with notify (the
 * default) the card reports them and they become the region's bad blocks, which ndctl waits for and
 * prints. ndctl names a namespace; until namespaces exist this takes their region, blocks counted
 * from its start. {@code -d} un-injects (the bad blocks stay until written, as ndctl warns),
 * {@code -t} lists what is injected.
 */
@Service
@Command(scope = "ndctl", name = "inject-error",
        description = "Inject media errors into a region, list or un-inject them (ndctl inject-error)")
public class InjectErrorCommand implements Action {
    /** How long ndctl waits for the scrub that follows a notified injection. */
    private static final long WAIT_MILLIS = 30_000;

    @Argument(index = 0, name = "region", description = "the region: regionN or N", required = true)
    @Completion(RegionNameCompleter.class)
    String name;

    @Option(name = "-B", aliases = "--block", description = "the first block (512 bytes) to (un)inject, from the region's start")
    String block;

    @Option(name = "-n", aliases = "--count", description = "the number of blocks to (un)inject")
    String count;

    @Option(name = "-d", aliases = "--uninject", description = "un-inject a previously injected error")
    boolean uninject;

    @Option(name = "-t", aliases = "--status", description = "list the injected errors")
    boolean status;

    @Option(name = "-N", aliases = "--no-notify", description = "the firmware should not notify the OS")
    boolean noNotify;

    @Option(name = "-u", aliases = "--human", description = "use human friendly number formats")
    boolean human;

    @Reference
    Ndctl ndctl;

    @Override
    public Object execute() throws Exception {
        if (status && (uninject || block != null || count != null)) {
            throw new CommandException("status is invalid with inject or uninject");
        }
        RegionInfo region;
        try {
            region = ndctl.region(name);
        } catch (NvdimmException e) {
            throw new CommandException(name + ": error injection not supported: " + e.getMessage());
        }
        if (status) {
            status(region);
            return null;
        }
        if (block == null || count == null) {
            throw new CommandException("block and count required for inject/uninject");
        }
        long first = number(block, "block");
        long blocks = number(count, "count");
        try {
            if (uninject) {
                ndctl.uninjectError(region.dev(), first, blocks);
                System.out.println("Warning: Un-injecting previously injected errors here will");
                System.out.println("not cause the kernel to 'forget' its badblock entries. Those");
                System.out.println("have to be cleared through the normal process of writing");
                System.out.println("the affected blocks");
                System.out.println();
            } else {
                ndctl.injectError(region.dev(), first, blocks, !noNotify);
                if (!noNotify) {
                    awaitBadBlocks(region, new BadBlock(first, blocks));
                }
            }
        } catch (NotPermittedException e) {
            throw new CommandException(e.getMessage());
        } catch (NvdimmException e) {
            throw new CommandException(region.dev() + ": error injection not supported: " + e.getMessage());
        }
        Map<String, Object> json = NdctlJson.withBadBlocks(NdctlJson.region(region, null, human),
                ndctl.badBlocks(region.dev()), true, List.of(region.mappings().get(0).dimm()));
        System.out.println(NdctlJson.write(json));
        return null;
    }

    /** ndctl waits for the scrub the notification starts; here, for the bad blocks to show. */
    private void awaitBadBlocks(RegionInfo region, BadBlock injected) throws Exception {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (ndctl.badBlocks(region.dev()).stream().noneMatch(b -> b.overlaps(injected.offset(), injected.length()))) {
            if (System.nanoTime() > deadline) {
                throw new CommandException(region.dev() + ": the card did not report the injected error within "
                        + WAIT_MILLIS / 1000 + " s");
            }
            Thread.sleep(20);
        }
    }

    /** {@code injection_status}: the injected ranges in the region, as {@code block} and {@code count}. */
    private void status(RegionInfo region) throws CommandException {
        List<BadBlock> injected;
        try {
            injected = ndctl.injectedErrors(region.dev());
        } catch (NotPermittedException e) {
            throw new CommandException(e.getMessage());
        } catch (NvdimmException e) {
            throw new CommandException(region.dev() + ": error injection not supported: " + e.getMessage());
        }
        List<Object> records = new ArrayList<>();
        for (BadBlock b : injected) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("block", b.sector());
            j.put("count", b.count());
            records.add(j);
        }
        if (!records.isEmpty()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("badblocks", records);
            System.out.println(NdctlJson.write(json));
        }
    }

    /** ndctl's {@code parse_size64}: decimal, 0x hex, or with a k/m/g suffix. */
    private static long number(String value, String what) throws CommandException {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandException("Invalid " + what + ": " + value);
        }
    }
}
