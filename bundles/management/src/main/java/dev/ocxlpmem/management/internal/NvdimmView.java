package dev.ocxlpmem.management.internal;

import javax.management.ObjectName;

import dev.ocxlpmem.management.NvdimmMXBean;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;

final class NvdimmView extends DescribedView implements NvdimmMXBean {
    private final Ndctl ndctl;

    NvdimmView(Ndctl ndctl) {
        super(NvdimmMXBean.class, ObjectNames.of(ObjectNames.NVDIMM), true, NvdimmEvent.Kind.values());
        this.ndctl = ndctl;
    }

    @Override
    public ObjectName[] getBuses() {
        return ndctl.buses().stream().map(b -> ObjectNames.of(ObjectNames.bus(b.dev()))).toArray(ObjectName[]::new);
    }

    @Override
    public ObjectName[] getDimms() {
        return ndctl.buses().stream().flatMap(b -> b.dimms().stream())
                .map(d -> ObjectNames.of(ObjectNames.dimm(d.dev()))).toArray(ObjectName[]::new);
    }

    @Override
    public ObjectName[] getRegions() {
        return ndctl.buses().stream().flatMap(b -> b.regions().stream())
                .map(r -> ObjectNames.of(ObjectNames.region(r.dev()))).toArray(ObjectName[]::new);
    }

    @Override
    public String list(String flags) {
        ListRequest request = ListRequest.parse(flags);
        if (request.help()) {
            throw new IllegalArgumentException("ndctl:list: the options are in this operation's description"
                    + " and in ndctl:list --help");
        }
        try {
            return ndctl.list(request).json();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }
}
