package dev.ocxlpmem.peer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;

/**
 * The BTT round trips of {@code bundles/namespaces/src/test/resources/linux-btt} (its README): this
 * project's label store writes the labels and its BTT formats each namespace's range, with no
 * namespace lifecycle in between, so that the BTTs and labels are exactly what the scenario says
 * (a BTT 1.1 under a v1.2 label without abstraction GUID, damage Linux must cope with). The card
 * image has a 128 KiB label area, as the runs' QEMU NVDIMM had.
 *
 * <pre>
 * PeerBtt IMAGE prepare 1.2|1.1    labels and BTTs of btt-a..btt-d (v1.2) or btt-e, btt-f (v1.1),
 *                                  sectors 0, 1, 5 and the last written, their md5s printed
 * PeerBtt IMAGE check 1.2|1.1      after Linux: each BTT checked, Linux's sectors 2 and n-2 read
 * PeerBtt IMAGE damage             dmg-x, dmg-y, dmg-z: an interrupted write, error flags, a bad info block
 * PeerBtt IMAGE recheck            after Linux: the damaged BTTs checked again, and dmg-y's log
 *                                  entries whose old map entry has the error flag
 * </pre>
 */
public final class PeerBtt {
    private static final BttDriver BTT = LinuxBtt.driver();
    static final long MIB = 1L << 20;
    static final long LABEL_SIZE = 128 << 10;

    record Ns(String name, long dpa, long size, int lbaSize, BttVersion btt, Abstraction abstraction, UUID uuid,
            UUID bttUuid) {
    }

    static List<Ns> plan(String version) {
        if (version.equals("1.2")) {
            return List.of(
                    new Ns("btt-a", 0, 64 * MIB, 4096, BttVersion.V2_0, Abstraction.BTT2, u("a", 'a'), u("b", 'a')),
                    new Ns("btt-b", 64 * MIB, 32 * MIB, 512, BttVersion.V2_0, Abstraction.BTT2, u("a", 'b'), u("b", 'b')),
                    new Ns("btt-c", 96 * MIB, 32 * MIB, 4160, BttVersion.V2_0, Abstraction.BTT2, u("a", 'c'), u("b", 'c')),
                    // no abstraction GUID: Linux then probes a BTT 1.1 at 4 KiB
                    new Ns("btt-d", 128 * MIB, 32 * MIB, 4096, BttVersion.V1_1, Abstraction.NONE, u("a", 'd'), u("b", 'd')));
        }
        return List.of(
                new Ns("btt-e", 0, 64 * MIB, 4096, BttVersion.V1_1, Abstraction.NONE, u("a", 'e'), u("b", 'e')),
                new Ns("btt-f", 64 * MIB, 32 * MIB, 512, BttVersion.V1_1, Abstraction.NONE, u("a", 'f'), u("b", 'f')));
    }

    /** {@code a0000000-0000-4000-8000-00000000000e} for ("a", 'e'). */
    static UUID u(String first, char last) {
        return UUID.fromString(first + "0000000-0000-4000-8000-00000000000" + last);
    }

    /** What this side writes into a sector: its name and number, then a pattern. */
    static byte[] ours(String name, long lba, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (lba * 31 + i);
        }
        byte[] text = ("ocxlpmem-btt " + name + " sector " + lba + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, b, 0, text.length);
        return b;
    }

    /** What the guest's {@code printf linux-wrote-NAME-sector-LBA | dd conv=sync} leaves in a sector. */
    static byte[] linux(String name, long lba, int size) {
        byte[] b = new byte[size];
        byte[] text = ("linux-wrote-" + name + "-sector-" + lba).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, b, 0, text.length);
        return b;
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PeerBtt IMAGE prepare|check 1.2|1.1, or PeerBtt IMAGE damage|recheck");
            System.exit(2);
        }
        System.out.println("# " + String.join(" ", List.of(args).subList(1, args.length)));
        try (CardImage card = new CardImage(Path.of(args[0]), LABEL_SIZE)) {
            switch (args[1]) {
                case "prepare" -> prepare(card, args[2]);
                case "check" -> check(card, args[2]);
                case "damage" -> damage(card);
                case "recheck" -> recheck(card);
                default -> throw new IllegalArgumentException(args[1]);
            }
        }
    }

    static void prepare(CardImage card, String version) throws Exception {
        LabelStore store = ConfigDataLabels.store();
        card.region.disable();
        store.init(card.dimm, version.equals("1.2") ? LabelVersion.V1_2 : LabelVersion.V1_1, true);
        for (Ns ns : plan(version)) {
            store.create(card.dimm, new NamespaceSpec(ns.uuid(), ns.name(), ns.dpa(), ns.size(),
                    ns.lbaSize() >= 4096 ? 4096 : 512, ns.abstraction()));
            try (Mapping m = card.map(ns.dpa(), ns.size());
                    Btt btt = BTT.format(m, new BttSpec(ns.bttUuid(), ns.uuid(), ns.lbaSize(), ns.btt()))) {
                int ss = btt.sectorSize();
                long last = btt.sectorCount() - 1;
                System.out.println(ns.name() + ": BTT " + btt.version() + " uuid " + btt.uuid() + " size "
                        + btt.size() + " sector_size " + btt.lbaSize() + " sectors " + btt.sectorCount());
                for (long lba : new long[] {0, 1, 5, last}) {
                    byte[] b = ours(ns.name(), lba, ss);
                    btt.write(lba, b, 0, ss);
                    System.out.println("  sector " + lba + " md5 " + md5(b));
                }
            }
        }
        for (NamespaceLabel l : store.read(card.dimm).labels()) {
            System.out.println("label slot " + l.slot() + " " + l.uuid() + " " + l.name() + " dpa " + l.dpa() + " size "
                    + l.rawSize() + " lbasize " + l.lbaSize() + " abstraction " + l.abstractionGuid());
        }
    }

    static void check(CardImage card, String version) throws Exception {
        for (Ns ns : plan(version)) {
            try (Mapping m = card.map(ns.dpa(), ns.size())) {
                BttCheckResult r = BTT.check(m, ns.uuid(), false);
                System.out.println(ns.name() + ": check " + (r.clean() ? "clean" : r.problems()) + ", BTT " + r.version());
                try (Btt btt = BTT.open(m, ns.uuid(), ns.btt())) {
                    int ss = btt.sectorSize();
                    long last = btt.sectorCount() - 1;
                    byte[] b = new byte[ss];
                    for (long lba : new long[] {2, last - 1}) {
                        btt.read(lba, b, 0, ss);
                        System.out.println("  sector " + lba + (Arrays.equals(b, linux(ns.name(), lba, ss))
                                ? " reads as Linux wrote it: " : " DIFFERS: ")
                                + new String(b, 0, 40, StandardCharsets.US_ASCII).replace('\0', '.'));
                    }
                    for (long lba : new long[] {0, 1, 5, last}) {
                        btt.read(lba, b, 0, ss);
                        System.out.println("  sector " + lba + (Arrays.equals(b, ours(ns.name(), lba, ss))
                                ? " still ours" : " DIFFERS"));
                    }
                }
            }
        }
    }

    static final String[] DAMAGED = {"dmg-x", "dmg-y", "dmg-z"};
    static final long[] DAMAGED_DPA = {0, 64 * MIB, 96 * MIB};
    static final long[] DAMAGED_SIZE = {64 * MIB, 32 * MIB, 32 * MIB};

    static void damage(CardImage card) throws Exception {
        LabelStore store = ConfigDataLabels.store();
        card.region.disable();
        store.init(card.dimm, LabelVersion.V1_2, true);
        int[] lbas = {4096, 4096, 512};
        for (int i = 0; i < 3; i++) {
            UUID parent = u("c", (char) ('0' + i));
            store.create(card.dimm, new NamespaceSpec(parent, DAMAGED[i], DAMAGED_DPA[i], DAMAGED_SIZE[i], lbas[i],
                    Abstraction.BTT2));
            try (Mapping m = card.map(DAMAGED_DPA[i], DAMAGED_SIZE[i])) {
                BttInfo info;
                try (Btt btt = BTT.format(m, new BttSpec(u("d", (char) ('0' + i)), parent, lbas[i], BttVersion.V2_0))) {
                    info = btt.arenas().get(0);
                    for (long lba = 0; lba < 10; lba++) {
                        btt.write(lba, ours(DAMAGED[i], lba, btt.sectorSize()), 0, btt.sectorSize());
                    }
                }
                if (i == 0) {
                    int before = m.getInt(info.mapOff() + 9 * 4);
                    try (Btt btt = BTT.open(m, parent, BttVersion.V2_0)) {
                        btt.write(9, linux("ours-again", 9, 4096), 0, 4096);
                    }
                    m.putInt(info.mapOff() + 9 * 4, before); // the new map entry never reached the media
                    m.persist(info.mapOff() + 9 * 4, 4);
                    System.out.println("dmg-x: sector 9's second write interrupted before its map entry");
                } else if (i == 1) {
                    for (int lba : new int[] {4, 6}) {
                        long at = info.mapOff() + lba * 4L;
                        m.putInt(at, (m.getInt(at) & 0x3fffffff) | 0x40000000); // btt.h: BTT_ERROR_FLAG
                        m.persist(at, 4);
                    }
                    try (Btt btt = BTT.open(m, parent, BttVersion.V2_0)) {
                        btt.write(6, linux("ours-after-error", 6, 4096), 0, 4096);
                    }
                    System.out.println("dmg-y: sectors 4 and 6 flagged in error; sector 6 then written here");
                } else {
                    m.putByte(100, (byte) 0x77);
                    m.persist(100, 1);
                    System.out.println("dmg-z: byte 100 of the primary info block changed");
                }
                System.out.println(DAMAGED[i] + ": our check: " + BTT.check(m, parent, false).problems());
            }
        }
    }

    /** The damaged BTTs checked again, then dmg-y's log entries whose old map entry has the error flag. */
    static void recheck(CardImage card) throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Mapping m = card.map(DAMAGED_DPA[i], DAMAGED_SIZE[i])) {
                System.out.println("namespace " + i + ": our check: "
                        + BTT.check(m, u("c", (char) ('0' + i)), false).problems());
            }
        }
        try (Mapping m = card.map(DAMAGED_DPA[1], DAMAGED_SIZE[1])) {
            BttInfo info = BTT.readInfoBlock(m, BttVersion.V2_0).orElseThrow();
            // btt.h: a lane's log group is 4 entries of 16 bytes (lba, old_map, new_map, seq)
            for (int lane = 0; lane < info.nfree(); lane++) {
                for (int slot = 0; slot < 4; slot++) {
                    long at = info.logOff() + lane * 64L + slot * 16L;
                    int old = m.getInt(at + 4);
                    if ((old & 0x40000000) != 0) {
                        System.out.printf("lane %d slot %d lba %d old 0x%08x new %d seq %d%n", lane, slot,
                                m.getInt(at), old, m.getInt(at + 8), m.getInt(at + 12));
                    }
                }
            }
        }
    }
}
