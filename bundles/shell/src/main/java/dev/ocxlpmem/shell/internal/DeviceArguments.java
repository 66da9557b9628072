package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.Region;

/** Device names given on a command line, as ndctl takes them: names, or {@code all}. */
final class DeviceArguments {
    private DeviceArguments() {
    }

    static List<Dimm> dimms(Nvdimm nvdimm, List<String> names) throws NvdimmException {
        List<Dimm> all = nvdimm.buses().stream().flatMap(b -> b.dimms().stream()).toList();
        return select(names, all, nvdimm::dimm, "DIMM", Dimm::dev);
    }

    static List<Region> regions(Nvdimm nvdimm, List<String> names) throws NvdimmException {
        List<Region> all = new ArrayList<>();
        for (Bus bus : nvdimm.buses()) {
            all.addAll(bus.regions());
        }
        return select(names, all, nvdimm::region, "region", Region::dev);
    }

    private static <T> List<T> select(List<String> names, List<T> all, Function<String, Optional<T>> find,
            String kind, Function<T, String> dev) throws NvdimmException {
        if (names.contains("all")) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String name : names) {
            T device = find.apply(name).orElseThrow(() -> new NvdimmException("no " + kind + " '" + name + "': "
                    + (all.isEmpty() ? "there are none" : "known " + kind + "s are " + all.stream().map(dev).toList())));
            if (!out.contains(device)) {
                out.add(device);
            }
        }
        return out;
    }
}
