package dev.ocxlpmem.management;

/** A device that did not come up, or stopped being usable, and why (as {@code ocxl:list} shows it). */
@Description("A card (OpenCAPI device) that did not come up or is no longer usable: the step, the reason, "
        + "and what the operator can do")
public interface CardMXBean {
    @Description("The PCI location, domain:bus:device or domain:bus:device.function")
    String getLocation();

    @Description("failed")
    String getState();

    @Description("Who found the problem: the emulator, or the ocxlpmem driver")
    String getSource();

    @Description("The step that failed")
    String getStep();

    @Description("What went wrong")
    String getReason();

    @Description("What the operator can do about it")
    String getAdvice();
}
