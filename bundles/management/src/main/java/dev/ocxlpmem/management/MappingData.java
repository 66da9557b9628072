package dev.ocxlpmem.management;

import java.beans.ConstructorProperties;

/** A region's extent on one DIMM, as an open-type composite ({@code ndctl list -RD} mappings). */
public final class MappingData {
    private final String dimm;
    private final long offset;
    private final long length;
    private final int position;

    @ConstructorProperties({"dimm", "offset", "length", "position"})
    public MappingData(String dimm, long offset, long length, int position) {
        this.dimm = dimm;
        this.offset = offset;
        this.length = length;
        this.position = position;
    }

    public String getDimm() {
        return dimm;
    }

    public long getOffset() {
        return offset;
    }

    public long getLength() {
        return length;
    }

    public int getPosition() {
        return position;
    }
}
