package dev.ocxlpmem.namespaces.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * The whole lifecycle on a card image: labels through the label store on the region driver's view
 * of the DIMM, info blocks on the region's memory, the region's own {@code available_size} and
 * {@code max_available_extent} as the driver told them.
 */
final class CardSubject implements ReplaySubject {
    final ImageCard card;

    /** With labels written first through the label store, their slots as the store picks them. */
    CardSubject(Path dir, long size, LabelVersion version, List<NamespaceLabel> initial) throws Exception {
        card = new ImageCard(ImageCard.blank(dir, 128 << 10, size), Regions.COOKIE, 128 << 10, SectorProbe.NONE);
        if (version != null) {
            card.region().disable();
            card.labels.init(card.dimm(), version, true);
            for (NamespaceLabel l : initial) {
                card.labels.create(card.dimm(), new NamespaceSpec(l.uuid(), l.name(), l.dpa(), l.rawSize(), l.lbaSize(),
                        l.abstraction().orElse(Abstraction.NONE)));
            }
            card.region().enable();
        }
    }

    private static String dev(int id) {
        return "namespace0." + id;
    }

    /** A refusal is what it is; anything else is a failure of the test. */
    private static NamespaceException refusal(NvdimmException e) {
        if (e instanceof NamespaceException n) {
            return n;
        }
        throw new AssertionError(e);
    }

    @Override
    public NamespaceListing create(NamespaceOptions options) throws NamespaceException {
        try {
            return card.driver.create("region0", options).listing();
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public NamespaceListing reconfigure(int id, NamespaceOptions options) throws NamespaceException {
        try {
            return card.driver.reconfigure(dev(id), options).listing();
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public void destroy(int id, boolean force) throws NamespaceException {
        try {
            card.driver.destroy(dev(id), force);
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public void disable(int id) throws NamespaceException {
        try {
            card.driver.disable(dev(id));
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public void enable(int id) throws NamespaceException {
        try {
            card.driver.enable(dev(id));
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public void enableRegion() throws NamespaceException {
        try {
            card.region().disable();
            card.region().enable();
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public void initLabels() throws NamespaceException {
        try {
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
        } catch (NvdimmException e) {
            throw refusal(e);
        }
    }

    @Override
    public boolean labelLess() {
        List<NamespaceInfo> all = card.driver.namespaces();
        return all.size() == 1 && all.get(0).configured() && all.get(0).labelUuid() == null;
    }

    @Override
    public long availableSize() {
        return card.region().availableSize();
    }

    @Override
    public long maxAvailableExtent() {
        return card.region().maxAvailableExtent();
    }

    @Override
    public int seed() {
        return -1;
    }

    @Override
    public List<Row> namespaces() {
        List<Row> rows = new ArrayList<>();
        for (NamespaceInfo i : card.driver.namespaces()) {
            NamespaceMode m = i.mode();
            String kernel = m == NamespaceMode.FSDAX ? "memory" : m == NamespaceMode.DEVDAX ? "dax"
                    : m == NamespaceMode.SECTOR ? "safe" : "raw";
            rows.add(new Row(LinuxReplay.id(i.dev()), i.dpa(), i.rawSize(), i.listing().name(), kernel));
        }
        return rows;
    }

    @Override
    public NamespaceListing listing(int id) throws NamespaceException {
        return card.driver.namespace(dev(id)).listing();
    }

    @Override
    public UUID labelUuid(int id) throws NamespaceException {
        return card.driver.namespace(dev(id)).labelUuid();
    }

    @Override
    public void close() {
        card.close();
    }
}
