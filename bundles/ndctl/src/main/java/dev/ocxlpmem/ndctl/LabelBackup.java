package dev.ocxlpmem.ndctl;

import java.time.Instant;

/**
 * A label area saved before it was replaced wholesale ({@code zero-labels}, {@code write-labels},
 * {@code init-labels -f}), under {@code ${karaf.data}/ocxlpmem/labels/<DIMM id>/}.
 *
 * @param name what {@code restore-labels -b} takes, e.g. {@code 20261201-203015.123}
 * @param saved when
 * @param size bytes
 * @param before the command it was saved before
 */
public record LabelBackup(String name, Instant saved, long size, String before) {
}
