package dev.ocxlpmem.management;

import java.util.List;

/** An nvdimm bus ({@code ndctl list -B}). */
public interface BusMXBean {
    String getDev();

    String getProvider();

    List<String> getDimms();

    List<String> getRegions();
}
