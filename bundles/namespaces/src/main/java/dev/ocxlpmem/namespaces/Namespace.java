package dev.ocxlpmem.namespaces;

import dev.ocxlpmem.btt.SectorDevice;
import dev.ocxlpmem.memory.Mapping;

/**
 * An enabled namespace, as an application uses it: an OSGi service with the
 * properties {@link #DEV}, {@link #UUID}, {@link #NAME}, {@link #MODE}, {@link #SIZE} and
 * {@link #REGION}, registered while the namespace is enabled. Find one with a filter such as
 * {@code (name=db)}.
 *
 * <p>When the namespace is disabled, destroyed or reconfigured, or its region or card goes away,
 * the service is withdrawn first and then every mapping {@link #data()} gave, and the
 * {@link #sectors()} of a sector namespace, are closed: an access in flight completes, and every
 * later one throws {@link dev.ocxlpmem.memory.MappingClosedException}. Nothing is written to the
 * namespace's metadata before that. (A sector write cut off there is one a crash would cut: its
 * sector reads old or new when the namespace is enabled again.)
 */
public interface Namespace {

    /** Service property: the device name, {@code namespaceR.M}. */
    String DEV = "dev";
    /** Service property: the uuid {@code ndctl list} shows (the info block's for fsdax and devdax). */
    String UUID = "uuid";
    /** Service property: the label's name, empty for none. */
    String NAME = "name";
    /** Service property: {@code raw}, {@code sector}, {@code fsdax} or {@code devdax}. */
    String MODE = "mode";
    /** Service property: bytes of data, a {@link Long}. */
    String SIZE = "size";
    /** Service property: the region's device name, {@code regionR}. */
    String REGION = "region";

    String dev();

    java.util.UUID uuid();

    String name();

    NamespaceMode mode();

    /** Bytes of data: what {@link #data()} maps, or what {@link #sectors()} holds. */
    long size();

    String region();

    /**
     * A mapping of exactly the namespace's data: after the info block and page metadata
     * ({@code dataoff}) for fsdax and devdax, the whole namespace for raw. Each call gives a new
     * mapping; closing it closes only that one. Writes are durable once {@code persist} (or
     * {@code copyAndPersist}) returns.
     *
     * @throws dev.ocxlpmem.memory.MappingClosedException once the namespace is no longer enabled
     * @throws UnsupportedOperationException for a sector namespace: its bytes are the BTT's, its
     *     data is {@link #sectors()}
     */
    Mapping data();

    /**
     * A sector namespace's sectors, through its BTT: whole-sector reads and writes, each sector
     * atomic under power failure and durable once {@code write} returns. The same device for every
     * call.
     *
     * @throws UnsupportedOperationException for raw, fsdax and devdax namespaces: their data is
     *     {@link #data()}
     */
    SectorDevice sectors();
}
