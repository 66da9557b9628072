package dev.ocxlpmem.nvdimm;

/**
 * Where providers (drivers) register buses ({@code nvdimm_bus_register}). What a provider gets
 * back is a {@link BusRegistration}: the only handle that creates DIMMs and regions on the bus or
 * takes it down. Its {@link CommandHandler} is never visible to clients.
 */
public interface BusRegistry {

    /** A new bus named {@code ndbusN}, whose DIMM commands the bus hands to {@code handler}. */
    BusRegistration register(BusDescriptor descriptor, CommandHandler handler);
}
