package dev.ocxlpmem.ocxl;

import java.util.List;

/**
 * One PCI function of an OpenCAPI device, registered as an OSGi service by a backend with its PCI
 * identity as service properties, so that a driver binds to it with a target filter the way a
 * PCI driver matches its ID table.
 */
public interface OcxlFunction {

    /** Service property: PCI vendor ID (Integer). */
    String VENDOR = "ocxl.vendor";
    /** Service property: PCI device ID (Integer). */
    String DEVICE = "ocxl.device";
    /** Service property: PCI function number (Integer). */
    String FUNCTION = "ocxl.function";
    /** Service property: PCI location, {@code domain:bus:device.function} (String). */
    String LOCATION = "ocxl.location";
    /** Service property: device serial number (Long). */
    String SERIAL = "ocxl.serial";

    /** PCI location, e.g. {@code 0006:00:00.1}. */
    String location();

    int vendor();

    int device();

    int functionNumber();

    /** What the function's configuration space says, readable without opening it. */
    FunctionConfig config();

    /** The AFUs this function describes, from configuration space (may be empty). */
    List<AfuConfig> afus();

    /** Opens the function for a driver: {@code ocxl_function_open}. */
    OpenFunction open() throws OcxlException;
}
