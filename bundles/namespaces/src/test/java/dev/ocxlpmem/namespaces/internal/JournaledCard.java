package dev.ocxlpmem.namespaces.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * A card whose persisted writes, to the label area (config-data commands) and to the region's
 * memory alike, go into one journal in the order they reach the media: what a crash could leave is
 * a prefix of it, the next write torn. The label area is an array; the region a real file mapping.
 * The namespace driver runs on it as on any card.
 */
final class JournaledCard implements AutoCloseable {

    /** One persisted write: to the label area or to the region, at an offset. */
    record Write(boolean label, long offset, byte[] data) {
    }

    final List<Write> journal = new ArrayList<>();
    final byte[] area;
    final Path file;
    final Mapping file0;
    final Mapping memory;
    final NvdimmCore core = LibNvdimm.core();
    final LabelStore labels = ConfigDataLabels.store();
    final NamespaceDriver driver;
    final BusRegistration registration;
    final Dimm dimm;
    final Region region;

    JournaledCard(Path dir, int areaSize, long regionSize, long cookie) throws Exception {
        area = new byte[areaSize];
        InMemoryDimm card = InMemoryDimm.inArray(area, 64 * 1024);
        CommandHandler journaled = new CommandHandler() {
            @Override
            public <R> R execute(Dimm d, DimmCommand<R> command) throws CommandException {
                R r = card.execute(d, command);
                if (command instanceof DimmCommand.SetConfigData set) {
                    byte[] data = new byte[set.length()];
                    set.data().duplicate().get(data);
                    record(new Write(true, set.offset(), data));
                }
                return r;
            }
        };
        file = Files.createTempFile(dir, "region", ".img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(regionSize);
        }
        file0 = MmapMemory.provider().map(file, 0, regionSize);
        memory = new JournalMapping(file0);
        driver = new NamespaceDriver(labels, ImageCard.BTT, e -> { }, new BttProbe(ImageCard.BTT));
        core.addRegionDriver(driver);
        registration = core.register(new BusDescriptor("ocxlpmem", Set.of()), journaled);
        dimm = registration.createDimm(new DimmDescriptor("0x1014-crash", Set.of(DimmFlag.LABELING),
                OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
        region = registration.createRegion(new RegionDescriptor(0, memory, List.of(new RegionMapping(dimm, 0,
                regionSize, 0)), new InterleaveSet(cookie, cookie), RegionDescriptor.DEFAULT_ALIGN,
                PersistenceDomain.UNKNOWN, -1));
    }

    synchronized void record(Write w) {
        journal.add(w);
    }

    @Override
    public void close() throws IOException {
        registration.unregister();
        file0.close();
        Files.deleteIfExists(file);
    }

    /**
     * The region's memory with every write journaled. The lifecycle writes metadata only with
     * {@code copyAndPersist}; any other write would escape the journal, so it is refused.
     */
    private final class JournalMapping implements Mapping {
        private final Mapping m;

        JournalMapping(Mapping m) {
            this.m = m;
        }

        @Override
        public void copyAndPersist(long offset, byte[] src, int srcOffset, int length) {
            m.copyAndPersist(offset, src, srcOffset, length);
            byte[] data = new byte[length];
            System.arraycopy(src, srcOffset, data, 0, length);
            record(new Write(false, offset, data));
        }

        private UnsupportedOperationException unjournaled() {
            return new UnsupportedOperationException("a write the crash journal would not see");
        }

        @Override
        public long size() {
            return m.size();
        }

        @Override
        public boolean isPersistentMemory() {
            return m.isPersistentMemory();
        }

        @Override
        public byte getByte(long offset) {
            return m.getByte(offset);
        }

        @Override
        public void putByte(long offset, byte value) {
            throw unjournaled();
        }

        @Override
        public short getShort(long offset) {
            return m.getShort(offset);
        }

        @Override
        public void putShort(long offset, short value) {
            throw unjournaled();
        }

        @Override
        public int getInt(long offset) {
            return m.getInt(offset);
        }

        @Override
        public void putInt(long offset, int value) {
            throw unjournaled();
        }

        @Override
        public long getLong(long offset) {
            return m.getLong(offset);
        }

        @Override
        public void putLong(long offset, long value) {
            throw unjournaled();
        }

        @Override
        public void get(long offset, byte[] dst, int dstOffset, int length) {
            m.get(offset, dst, dstOffset, length);
        }

        @Override
        public void put(long offset, byte[] src, int srcOffset, int length) {
            throw unjournaled();
        }

        @Override
        public void get(long offset, ByteBuffer dst) {
            m.get(offset, dst);
        }

        @Override
        public void put(long offset, ByteBuffer src) {
            throw unjournaled();
        }

        @Override
        public void fill(long offset, long length, byte value) {
            throw unjournaled();
        }

        /** The lifecycle's windows: the default window over this mapping, so their writes are journaled too. */
        @Override
        public Mapping slice(long offset, long length) {
            return mapAgain(offset, length, "a window of the journaled card");
        }

        @Override
        public void persist(long offset, long length) {
            m.persist(offset, length);
        }

        @Override
        public void close() {
            // the file mapping is the test's to close
        }
    }
}
