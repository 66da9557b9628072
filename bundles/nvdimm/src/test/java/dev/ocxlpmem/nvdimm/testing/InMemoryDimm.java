package dev.ocxlpmem.nvdimm.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.NdCommand;

/**
 * A DIMM as its provider sees it, for tests: answers the config-data commands from a label area in
 * a heap array or a real file mapping, refuses transfers larger than max_xfer or outside the area
 * (as a card does), answers {@code ND_CMD_CALL} by echoing its input, and can record every
 * persisted write in order or fail writes like a card with a media error.
 */
public final class InMemoryDimm implements CommandHandler {

    /** Where the area's bytes live. A write is durable when {@link #write} returns. */
    public interface Backing extends AutoCloseable {
        int size();

        void read(long offset, ByteBuffer dst);

        void write(long offset, ByteBuffer src);

        @Override
        default void close() {
        }
    }

    /** A write as it reached the media. */
    public record Write(long offset, byte[] data) {
    }

    private final int maxXfer;
    private volatile Backing backing;
    private List<Write> log;
    private final Map<NdCommand, Integer> seen = new EnumMap<>(NdCommand.class);
    private int reads;
    private int writes;
    private long bytesRead;
    private long bytesWritten;
    /** Writes still allowed before the card fails them (a media error); negative: no limit. */
    private int writesBeforeFailure = -1;

    public InMemoryDimm(Backing backing, int maxXfer) {
        this.backing = backing;
        this.maxXfer = maxXfer;
    }

    /** A label area in {@code area} itself (not copied). */
    public static InMemoryDimm inArray(byte[] area, int maxXfer) {
        return new InMemoryDimm(new ArrayBacking(area), maxXfer);
    }

    /** A label area of {@code size} zero bytes, 64 KiB transfers as the OpenCAPI driver has them. */
    public static InMemoryDimm blank(int size) {
        return inArray(new byte[size], 64 * 1024);
    }

    /** A label area in a file mapping: reads copy out, writes are copied in and persisted. Closes it on close. */
    public static InMemoryDimm onMapping(Mapping mapping, int maxXfer) {
        return new InMemoryDimm(new MappingBacking(mapping), maxXfer);
    }

    public int size() {
        return backing.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
        seen.merge(command.type(), 1, Integer::sum);
        if (command instanceof DimmCommand.GetConfigSize) {
            return (R) new ConfigSize(backing.size(), maxXfer);
        }
        if (command instanceof DimmCommand.GetConfigData get) {
            check(get.offset(), get.length());
            int length = get.length();
            backing.read(get.offset(), get.destination());
            reads++;
            bytesRead += length;
            return null;
        }
        if (command instanceof DimmCommand.SetConfigData set) {
            check(set.offset(), set.length());
            if (writesBeforeFailure == 0) {
                throw new CommandException("media error writing " + set.length() + " bytes at " + set.offset());
            }
            if (writesBeforeFailure > 0) {
                writesBeforeFailure--;
            }
            int length = set.length();
            if (log != null) {
                byte[] data = new byte[length];
                set.data().duplicate().get(data);
                log.add(new Write(set.offset(), data));
            }
            backing.write(set.offset(), set.data().duplicate()); // the card's own memory: no copy on the way
            writes++;
            bytesWritten += length;
            return null;
        }
        if (command instanceof DimmCommand.Call call) {
            return (R) call.input().clone();
        }
        throw new CommandException("the test card does not do " + command.type());
    }

    private void check(long offset, int length) throws CommandException {
        if (length > maxXfer) {
            throw new CommandException("transfer of " + length + " bytes exceeds max_xfer " + maxXfer);
        }
        if (offset < 0 || length < 0 || offset > backing.size() - length) {
            throw new CommandException("transfer of " + length + " at " + offset + " is outside the area");
        }
    }

    /** From now on, keep every persisted write. */
    public synchronized void record() {
        log = new ArrayList<>();
    }

    /** The writes since {@link #record()}, in order; the list is live: clear it between runs. */
    public synchronized List<Write> log() {
        return log;
    }

    /** After {@code n} more writes, every write fails as a media error; negative: never. */
    public synchronized void failWritesAfter(int n) {
        writesBeforeFailure = n;
    }

    /** How many commands of {@code type} reached this card (passed the bus's checks). */
    public synchronized int count(NdCommand type) {
        return seen.getOrDefault(type, 0);
    }

    public synchronized int reads() {
        return reads;
    }

    public synchronized int writes() {
        return writes;
    }

    public synchronized long bytesRead() {
        return bytesRead;
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    public synchronized void resetCounts() {
        reads = 0;
        writes = 0;
        bytesRead = 0;
        bytesWritten = 0;
        seen.clear();
    }

    /** A copy of the whole area as it is now. */
    public synchronized byte[] snapshot() {
        byte[] b = new byte[backing.size()];
        backing.read(0, ByteBuffer.wrap(b));
        return b;
    }

    /** Puts {@code area} (copied, same size or not) in place of the card's bytes, as a swapped card. */
    public synchronized void replace(byte[] area) {
        backing = new ArrayBacking(area.clone());
    }

    /** {@code image} with {@code writes} applied in order: the area after a crash past them. */
    public static byte[] apply(byte[] image, List<Write> writes) {
        byte[] b = Arrays.copyOf(image, image.length);
        for (Write w : writes) {
            System.arraycopy(w.data(), 0, b, (int) w.offset(), w.data().length);
        }
        return b;
    }

    /** Closes the backing (a file mapping). */
    public void close() {
        backing.close();
    }

    private static final class ArrayBacking implements Backing {
        private final byte[] area;

        ArrayBacking(byte[] area) {
            this.area = area;
        }

        @Override
        public int size() {
            return area.length;
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            dst.put(area, (int) offset, dst.remaining());
        }

        @Override
        public void write(long offset, ByteBuffer src) {
            src.get(area, (int) offset, src.remaining());
        }
    }

    private static final class MappingBacking implements Backing {
        private final Mapping mapping;

        MappingBacking(Mapping mapping) {
            this.mapping = mapping;
        }

        @Override
        public int size() {
            return (int) mapping.size();
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            mapping.get(offset, dst);
        }

        @Override
        public void write(long offset, ByteBuffer src) {
            int length = src.remaining();
            mapping.put(offset, src);
            mapping.persist(offset, length);
        }

        @Override
        public void close() {
            mapping.close();
        }
    }
}
