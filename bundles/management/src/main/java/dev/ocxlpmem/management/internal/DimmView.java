package dev.ocxlpmem.management.internal;

import java.util.List;

import javax.management.StandardMBean;

import dev.ocxlpmem.management.DimmMXBean;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmException;

final class DimmView extends StandardMBean implements DimmMXBean {
    private final Dimm dimm;

    DimmView(Dimm dimm) {
        super(DimmMXBean.class, true);
        this.dimm = dimm;
    }

    @Override
    public String getDev() {
        return dimm.dev();
    }

    @Override
    public String getBus() {
        return dimm.bus().dev();
    }

    @Override
    public String getId() {
        return dimm.id();
    }

    @Override
    public int getHandle() {
        return dimm.handle();
    }

    @Override
    public List<String> getFlags() {
        return dimm.flags().stream().map(Enum::name).sorted().toList();
    }

    @Override
    public List<String> getCommands() {
        return dimm.commands().stream().sorted().map(NdCommand::ndName).toList();
    }

    @Override
    public long getLabelAreaSize() {
        try {
            return dimm.configSize().configSize();
        } catch (NvdimmException e) {
            // JMX clients show the message; the exception type stays a JDK one.
            throw new IllegalStateException(e.getMessage());
        }
    }
}
