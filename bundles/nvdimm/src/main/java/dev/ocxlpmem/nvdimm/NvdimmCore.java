package dev.ocxlpmem.nvdimm;

/**
 * The nvdimm core with both faces: {@link Nvdimm} for clients, {@link BusRegistry} for providers.
 * In OSGi it is a component that publishes each face as a service and its events through
 * EventAdmin; outside OSGi the {@code standalone} package makes one for tests, benchmarks and tools.
 */
public interface NvdimmCore extends Nvdimm, BusRegistry {

    /**
     * Attaches {@code driver} to every enabled region, now and as regions are enabled; in OSGi,
     * {@link RegionDriver} services are added this way.
     */
    void addRegionDriver(RegionDriver driver);

    /** Detaches {@code driver} from every region it is attached to. */
    void removeRegionDriver(RegionDriver driver);

    /**
     * {@code observer} is told of every {@link Bus#call} from now on; in OSGi, {@link CallObserver}
     * services are added this way.
     */
    void addCallObserver(CallObserver observer);

    void removeCallObserver(CallObserver observer);

    /**
     * The codec of {@code codec.family()}'s packages, which {@link Nvdimm#codec} then gives
     * consumers; in OSGi, {@link FamilyCodec} services are added this way. A later one of the same
     * family replaces it.
     */
    void addFamilyCodec(FamilyCodec codec);

    void removeFamilyCodec(FamilyCodec codec);

    /** Unregisters every bus, newest first, as when the core's bundle stops. */
    void shutdown();
}
