package dev.ocxlpmem.labels.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;

/**
 * A test provider: answers the three config-data commands from a label area held in a file or an
 * array, refuses transfers larger than max_xfer or outside the area (as a card would), and can
 * record every persisted write in order.
 */
final class LabelAreaProvider implements CommandHandler {

    /** Where the area's bytes live. A write is durable when {@link #write} returns. */
    interface Backing extends AutoCloseable {
        int size();

        void read(long offset, byte[] dst);

        void write(long offset, byte[] src);

        @Override
        default void close() {
        }
    }

    /** A write as it reached the media. */
    record Write(long offset, byte[] data) {
    }

    static final class ArrayBacking implements Backing {
        byte[] area;

        ArrayBacking(byte[] area) {
            this.area = area;
        }

        @Override
        public int size() {
            return area.length;
        }

        @Override
        public void read(long offset, byte[] dst) {
            System.arraycopy(area, (int) offset, dst, 0, dst.length);
        }

        @Override
        public void write(long offset, byte[] src) {
            System.arraycopy(src, 0, area, (int) offset, src.length);
        }
    }

    /** A file mapping of the memory bundle: reads copy out, writes are copied in and persisted. */
    static final class MappingBacking implements Backing {
        private final dev.ocxlpmem.memory.Mapping mapping;

        MappingBacking(dev.ocxlpmem.memory.Mapping mapping) {
            this.mapping = mapping;
        }

        @Override
        public int size() {
            return (int) mapping.size();
        }

        @Override
        public void read(long offset, byte[] dst) {
            mapping.get(offset, dst, 0, dst.length);
        }

        @Override
        public void write(long offset, byte[] src) {
            mapping.copyAndPersist(offset, src, 0, src.length);
        }

        @Override
        public void close() {
            mapping.close();
        }
    }

    /** A real file; each write is forced to the device before it returns. */
    static final class FileBacking implements Backing {
        private final FileChannel channel;
        private final int size;

        FileBacking(Path file, int size) {
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                if (channel.size() < size) {
                    channel.write(ByteBuffer.wrap(new byte[] {0}), size - 1);
                }
                this.size = size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void read(long offset, byte[] dst) {
            try {
                ByteBuffer b = ByteBuffer.wrap(dst);
                while (b.hasRemaining()) {
                    if (channel.read(b, offset + b.position()) < 0) {
                        throw new IOException("end of file at " + (offset + b.position()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(long offset, byte[] src) {
            try {
                ByteBuffer b = ByteBuffer.wrap(src);
                while (b.hasRemaining()) {
                    channel.write(b, offset + b.position());
                }
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final Backing backing;
    final int maxXfer;
    private List<Write> log;
    int reads;
    int writes;
    long bytesRead;
    long bytesWritten;
    /** Writes still allowed before the card fails them (a media error); negative: no limit. */
    int writesBeforeFailure = -1;

    LabelAreaProvider(Backing backing, int maxXfer) {
        this.backing = backing;
        this.maxXfer = maxXfer;
    }

    /** From now on, keep every persisted write. */
    void record() {
        log = new ArrayList<>();
    }

    List<Write> log() {
        return log;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
        if (command instanceof DimmCommand.GetConfigSize) {
            return (R) new ConfigSize(backing.size(), maxXfer);
        }
        if (command instanceof DimmCommand.GetConfigData get) {
            check(get.offset(), get.length());
            byte[] data = new byte[get.length()];
            backing.read(get.offset(), data);
            reads++;
            bytesRead += data.length;
            return (R) data;
        }
        if (command instanceof DimmCommand.SetConfigData set) {
            check(set.offset(), set.data().length);
            if (writesBeforeFailure == 0) {
                throw new CommandException("media error writing " + set.data().length + " bytes at " + set.offset());
            }
            if (writesBeforeFailure > 0) {
                writesBeforeFailure--;
            }
            byte[] data = set.data().clone();
            backing.write(set.offset(), data);
            writes++;
            bytesWritten += data.length;
            if (log != null) {
                log.add(new Write(set.offset(), data));
            }
            return null;
        }
        throw new CommandException("the test card does not do " + command.type());
    }

    private void check(long offset, int length) throws CommandException {
        if (length > maxXfer) {
            throw new CommandException("transfer of " + length + " bytes exceeds max_xfer " + maxXfer);
        }
        if (offset < 0 || length < 0 || offset + length > backing.size()) {
            throw new CommandException("transfer of " + length + " at " + offset + " is outside the area");
        }
    }

    void resetCounts() {
        reads = 0;
        writes = 0;
        bytesRead = 0;
        bytesWritten = 0;
    }

    byte[] snapshot() {
        byte[] b = new byte[backing.size()];
        backing.read(0, b);
        return b;
    }

    static byte[] apply(byte[] image, List<Write> writes) {
        byte[] b = Arrays.copyOf(image, image.length);
        for (Write w : writes) {
            System.arraycopy(w.data(), 0, b, (int) w.offset(), w.data().length);
        }
        return b;
    }
}
