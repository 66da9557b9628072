package dev.ocxlpmem.management;

import java.util.List;

/** A region ({@code ndctl list -R -M}). */
public interface RegionMXBean {
    String getDev();

    String getBus();

    String getType();

    long getSize();

    long getStart();

    boolean isEnabled();

    /** ndctl's {@code iset_id}: the interleave-set cookie. */
    long getIsetId();

    int getTargetNode();

    List<RegionMappingInfo> getMappings();
}
