package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SMART answer: the 'SM' header with the attributes' length, then 16 bytes per attribute. As
 * an {@code ND_CMD_CALL} package ({@link OcxlCommand#SMART}) it is the series' {@code struct
 * nd_ocxl_smart}: a count byte, 7 reserved bytes, then the attributes' words.
 */
public record SmartData(List<SmartAttribute> attributes) {

    public SmartData {
        attributes = List.copyOf(attributes);
        if (attributes.size() > 0xFF) {
            throw new IllegalArgumentException(attributes.size() + " SMART attributes; a package holds at most 255");
        }
    }

    public Optional<SmartAttribute> attribute(int id) {
        return attributes.stream().filter(a -> a.id() == id).findFirst();
    }

    /** The attribute, or a refusal naming it. */
    public SmartAttribute require(int id, String what) {
        return attribute(id).orElseThrow(() -> new MalformedPayloadException(
                String.format("SMART data has no attribute 0x%02x (%s)", id, what)));
    }

    public byte[] toDataBuffer() {
        ByteBuffer b = Le.allocate(8 + SmartAttribute.BYTES * attributes.size());
        b.putLong(new PayloadHeader(PayloadHeader.SMART, (long) SmartAttribute.BYTES * attributes.size()).encode());
        putAttributes(b);
        return b.array();
    }

    public static SmartData fromDataBuffer(byte[] data) {
        PayloadHeader header = PayloadHeader.read(data, PayloadHeader.SMART, "SMART data");
        if (header.length() % SmartAttribute.BYTES != 0) {
            throw new MalformedPayloadException("SMART data of " + header.length()
                    + " bytes is not a whole number of 16-byte attributes");
        }
        return new SmartData(attributes(Le.wrap(data), 8, (int) (header.length() / SmartAttribute.BYTES)));
    }

    public byte[] toPackage() {
        ByteBuffer b = Le.allocate(8 + SmartAttribute.BYTES * attributes.size());
        b.put((byte) attributes.size()).put(new byte[7]);
        putAttributes(b);
        return b.array();
    }

    public static SmartData fromPackage(byte[] data) {
        Le.atLeast(data, 8, "SMART package");
        int count = data[0] & 0xFF;
        Le.exactly(data, 8 + SmartAttribute.BYTES * count, "SMART package of " + count + " attributes");
        return new SmartData(attributes(Le.wrap(data), 8, count));
    }

    private void putAttributes(ByteBuffer b) {
        for (SmartAttribute a : attributes) {
            b.putLong(a.word0()).putLong(a.raw());
        }
    }

    private static List<SmartAttribute> attributes(ByteBuffer b, int at, int count) {
        List<SmartAttribute> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int offset = at + i * SmartAttribute.BYTES;
            list.add(SmartAttribute.decode(b.getLong(offset), b.getLong(offset + 8)));
        }
        return list;
    }
}
