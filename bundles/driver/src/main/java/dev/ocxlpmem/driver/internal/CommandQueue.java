package dev.ocxlpmem.driver.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.Queue;
import dev.ocxlpmem.scm.QueueDescriptor;
import dev.ocxlpmem.scm.Request;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.Status;

/**
 * One of the controller's command queues, host side (docs/scm-controller.md, "The command
 * queues"): one command at a time; the request written with a fresh id, the doorbell rung,
 * the response bit polled until the opcode's timeout, the id and the status checked, the data
 * read, the response acknowledged. A command that timed out leaves its id here, so that its late
 * response is recognised and skipped instead of being taken for the next command's.
 */
final class CommandQueue {
    /** Reads what a successful command left in the data buffer, while the queue is still held. */
    @FunctionalInterface
    interface DataReader<T> {
        T read(CommandQueue queue, Response response) throws OcxlException;
    }

    private static final int ABANDONED = 16;

    private final String location;
    private final Queue queue;
    private final QueueDescriptor descriptor;
    private final ControllerRegisters registers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Integer> abandoned = new ArrayDeque<>();
    private int lastId;

    CommandQueue(String location, Queue queue, QueueDescriptor descriptor, ControllerRegisters registers) {
        this.location = location;
        this.queue = queue;
        this.descriptor = descriptor;
        this.registers = registers;
    }

    QueueDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Runs one command and returns what {@code reader} makes of its answer.
     *
     * @param data written to the data buffer before the request, or null
     */
    <T> T run(int opcode, long[] parameters, byte[] data, Duration timeout, DataReader<T> reader)
            throws ControllerCommandException {
        lock.lock();
        try {
            int id = send(opcode, parameters, data);
            Response response = await(opcode, id, timeout);
            try {
                if (!response.isSuccess()) {
                    throw new ControllerCommandException(Reason.STATUS, opcode, response.status(),
                            String.format("ocxlpmem %s: %s %s id 0x%04x answered status %s", location, queue,
                                    ControllerCommandException.describe(opcode), id,
                                    Status.describe(response.status(), opcode)), null);
                }
                return reader.read(this, response);
            } catch (MalformedPayloadException e) {
                throw new ControllerCommandException(Reason.MALFORMED, opcode, -1, String.format(
                        "ocxlpmem %s: %s answered data that does not parse: %s", location,
                        ControllerCommandException.describe(opcode), e.getMessage()), e);
            } finally {
                acknowledge();
            }
        } catch (OcxlException e) {
            throw gone(opcode, e);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a command whose response comes much later; {@link #completion} collects it. */
    int start(int opcode, long[] parameters) throws ControllerCommandException {
        lock.lock();
        try {
            return send(opcode, parameters, null);
        } catch (OcxlException e) {
            throw gone(opcode, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The response to command {@code id} if it has come (acknowledged), null if not yet; waits
     * at most {@code wait} for it. A response with another id is refused.
     */
    Response completion(int opcode, int id, Duration wait) throws ControllerCommandException {
        lock.lock();
        try {
            if (!Backoff.await(() -> queue.responseAvailable().isSet(registers.chi()), wait)) {
                return null;
            }
            Response response = response(opcode, id);
            acknowledge();
            return response;
        } catch (OcxlException e) {
            throw gone(opcode, e);
        } finally {
            lock.unlock();
        }
    }

    private int send(int opcode, long[] parameters, byte[] data) throws ControllerCommandException, OcxlException {
        long chi = registers.chi();
        // In a fatal state the controller only gives out its dump, and takes a SMART injection: that
        // is how an injected fatal state is taken back.
        if ((chi & ChiBit.mask(ChiBit.CFFS, ChiBit.CHFS)) != 0 && opcode != Opcode.CONTROLLER_DUMP.code()
                && opcode != Opcode.INJECT_SMART.code()) {
            throw new ControllerCommandException(Reason.FATAL, opcode, String.format("ocxlpmem %s: %s not sent: the "
                    + "controller is in a fatal state (%s)", location, ControllerCommandException.describe(opcode),
                    registers.state()));
        }
        if (!ChiBit.CRDY.isSet(chi)) {
            throw new ControllerCommandException(Reason.NOT_READY, opcode, String.format("ocxlpmem %s: %s not sent: "
                    + "the controller is not ready (%s)", location, ControllerCommandException.describe(opcode),
                    registers.state()));
        }
        if (data != null) {
            if (data.length > descriptor.dataSize()) {
                throw new ControllerCommandException(Reason.INPUT, opcode, String.format("ocxlpmem %s: %s data of %d "
                        + "bytes does not fit the %d-byte %s data buffer", location,
                        ControllerCommandException.describe(opcode), data.length, descriptor.dataSize(), queue));
            }
            writeData(data);
        }
        lastId = lastId == 0xFFFF ? 1 : lastId + 1;
        long[] words = new Request(opcode, lastId, parameters).words();
        for (int i = Request.WORDS - 1; i >= 0; i--) {
            registers.write(descriptor.requestOffset() + 8L * i, words[i]);
        }
        registers.write(dev.ocxlpmem.scm.Registers.HCI, queue.doorbell().mask());
        return lastId;
    }

    private Response await(int opcode, int id, Duration timeout) throws ControllerCommandException, OcxlException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!Backoff.await(() -> queue.responseAvailable().isSet(registers.chi()), left)) {
                remember(id);
                throw new ControllerCommandException(Reason.TIMEOUT, opcode, String.format("ocxlpmem %s: %s %s id "
                        + "0x%04x: no response within %d ms (%s)", location, queue,
                        ControllerCommandException.describe(opcode), id, timeout.toMillis(), registers.state()));
            }
            long word0 = registers.read(descriptor.responseOffset());
            int answered = Response.idOf(word0);
            if (answered == id) {
                return response(opcode, id);
            }
            if (abandoned.remove(answered)) {
                acknowledge(); // a late answer to a command that timed out: skip it and keep waiting
                continue;
            }
            acknowledge();
            throw new ControllerCommandException(Reason.WRONG_ID, opcode, String.format("ocxlpmem %s: %s %s id 0x%04x "
                    + "was answered with id 0x%04x (status %s); the answer is discarded", location, queue,
                    ControllerCommandException.describe(opcode), id, answered,
                    Status.describe(Response.statusOf(word0), opcode)));
        }
    }

    private Response response(int opcode, int id) throws ControllerCommandException, OcxlException {
        long[] words = new long[Request.WORDS];
        for (int i = 0; i < Request.WORDS; i++) {
            words[i] = registers.read(descriptor.responseOffset() + 8L * i);
        }
        Response response = Response.decode(words);
        if (response.id() != id) {
            throw new ControllerCommandException(Reason.WRONG_ID, opcode, String.format("ocxlpmem %s: %s %s id 0x%04x "
                    + "was answered with id 0x%04x", location, queue, ControllerCommandException.describe(opcode), id,
                    response.id()));
        }
        return response;
    }

    private void remember(int id) {
        if (abandoned.size() == ABANDONED) {
            abandoned.removeFirst();
        }
        abandoned.addLast(id);
    }

    private void acknowledge() throws OcxlException {
        registers.write(dev.ocxlpmem.scm.Registers.CHIC, queue.responseAvailable().mask());
    }

    private void writeData(byte[] data) throws OcxlException {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(data, (data.length + 7) / 8 * 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < b.capacity(); i += 8) {
            registers.write(descriptor.dataOffset() + i, b.getLong(i));
        }
    }

    /** {@code length} bytes of the data buffer from {@code offset}; the caller checks they are inside it. */
    byte[] readData(long offset, int length) throws OcxlException {
        if (offset < 0 || length < 0 || offset + length > descriptor.dataSize()) {
            throw new MalformedPayloadException(String.format("%d bytes at %d do not fit the %d-byte %s data buffer",
                    length, offset, descriptor.dataSize(), queue));
        }
        int words = (length + 7) / 8;
        ByteBuffer b = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < words; i++) {
            b.putLong(registers.read(descriptor.dataOffset() + offset + 8L * i));
        }
        return Arrays.copyOf(b.array(), length);
    }

    /** A payload with its header word: the header first, then as many bytes as it announces. */
    byte[] readPayload() throws OcxlException {
        long length = dev.ocxlpmem.scm.PayloadHeader.decode(registers.read(descriptor.dataOffset())).length();
        if (length > descriptor.dataSize() - 8) {
            throw new MalformedPayloadException(String.format("the payload header announces %d bytes; the %s data "
                    + "buffer holds %d after it", length, queue, descriptor.dataSize() - 8));
        }
        return readData(0, 8 + (int) length);
    }

    private ControllerCommandException gone(int opcode, OcxlException e) {
        return new ControllerCommandException(Reason.GONE, opcode, -1, String.format("ocxlpmem %s: %s: global MMIO "
                + "failed: %s", location, ControllerCommandException.describe(opcode), e.getMessage()), e);
    }
}
