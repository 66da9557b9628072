package dev.ocxlpmem.ndctl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.MappingInfo;
import dev.ocxlpmem.ndctl.NoSuchDeviceException;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;

/**
 * The core's buses, DIMMs and regions found by the names ndctl's filters take (ndctl 76
 * {@code util/filter.c}), and the service's records of them. An unknown name is refused, listing the known ones.
 */
final class Devices {
    private final Nvdimm nvdimm;

    Devices(Nvdimm nvdimm) {
        this.nvdimm = nvdimm;
    }

    List<Bus> buses() {
        return nvdimm.buses();
    }

    List<Dimm> dimms() {
        return nvdimm.buses().stream().flatMap(b -> b.dimms().stream()).toList();
    }

    List<Region> regions() {
        return nvdimm.buses().stream().flatMap(b -> b.regions().stream()).toList();
    }

    /** ndctl's {@code util_bus_filter}: {@code ndbusN}, N, or the provider's name. */
    Bus bus(String name) throws NoSuchDeviceException {
        for (Bus bus : nvdimm.buses()) {
            if (bus.dev().equals(name) || bus.provider().equals(name) || number(name, "ndbus", bus.dev())) {
                return bus;
            }
        }
        throw unknown("bus", name, nvdimm.buses().stream().map(Bus::dev).toList());
    }

    /** ndctl's {@code util_dimm_filter}: {@code nmemN}, N, or the DIMM's unique id. */
    Dimm dimm(String name) throws NoSuchDeviceException {
        List<Dimm> all = dimms();
        for (Dimm dimm : all) {
            if (dimm.dev().equals(name) || dimm.id().equals(name) || number(name, "nmem", dimm.dev())) {
                return dimm;
            }
        }
        throw unknown("DIMM", name, all.stream().map(Dimm::dev).toList());
    }

    /** ndctl's {@code util_region_filter}: {@code regionN} or N. */
    Region region(String name) throws NoSuchDeviceException {
        List<Region> all = regions();
        for (Region region : all) {
            if (region.dev().equals(name) || number(name, "region", region.dev())) {
                return region;
            }
        }
        throw unknown("region", name, all.stream().map(Region::dev).toList());
    }

    /** Whether {@code name} is the number of {@code dev} ({@code 0} for {@code nmem0}). */
    private static boolean number(String name, String prefix, String dev) {
        return !name.isEmpty() && name.length() <= 9 && name.chars().allMatch(Character::isDigit)
                && dev.equals(prefix + Integer.parseInt(name));
    }

    private static NoSuchDeviceException unknown(String kind, String name, List<String> known) {
        return new NoSuchDeviceException("no " + kind + " '" + name + "': "
                + (known.isEmpty() ? "there are none" : "there " + (known.size() == 1 ? "is " : "are ")
                        + String.join(", ", known)));
    }

    @FunctionalInterface
    interface Finder<T> {
        T find(String name) throws NoSuchDeviceException;
    }

    /** The devices {@code names} name, each once, in the order given; {@code all} for {@code all}. */
    static <T> List<T> select(List<String> names, List<T> all, Finder<T> find) throws NoSuchDeviceException {
        if (names.contains("all")) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String name : names) {
            T device = find.find(name);
            if (!out.contains(device)) {
                out.add(device);
            }
        }
        return out;
    }

    static BusInfo info(Bus bus) {
        return new BusInfo(bus.dev(), bus.provider(), bus.families(), bus.dimms().stream().map(Devices::info)
                .toList(), bus.regions().stream().map(Devices::info).toList());
    }

    static DimmInfo info(Dimm dimm) {
        long size;
        try {
            size = dimm.configSize().configSize();
        } catch (NvdimmException e) {
            size = -1;
        }
        return new DimmInfo(dimm.dev(), dimm.bus().dev(), dimm.id(), dimm.handle(), dimm.isEnabled(),
                dimm.isReadOnly(), dimm.inOverwrite(), dimm.flags(), dimm.commands(), dimm.families(), size);
    }

    static RegionInfo info(Region r) {
        Function<RegionMapping, MappingInfo> mapping = m -> new MappingInfo(m.dimm().dev(), m.start(), m.size(),
                m.position());
        return new RegionInfo(r.dev(), r.bus().dev(), r.size(), r.align(), r.availableSize(), r.maxAvailableExtent(),
                r.type(), r.interleaveSet().cookie1(), r.mappings().stream().map(mapping).toList(),
                r.persistenceDomain(), r.isEnabled(), r.isReadOnly(), r.start(), r.targetNode());
    }
}
