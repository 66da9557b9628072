package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.DeviceProblem;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ocxl.OcxlFunction;

/** {@code lsocxl}: the OpenCAPI functions present and their AFUs, and the devices that did not come up, with why. */
@Service
@Command(scope = "ocxl", name = "list", description = "List OpenCAPI functions and their AFUs")
public class OcxlListCommand implements Action {

    @Reference
    BundleContext context;

    @Option(name = "--json", aliases = "-j", description = "print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws InvalidSyntaxException {
        List<OcxlFunction> functions = functions();
        List<DeviceProblem> problems = services(DeviceProblem.class);
        problems.sort(Comparator.comparing(DeviceProblem::location));
        if (json) {
            List<Object> out = new ArrayList<>();
            for (OcxlFunction f : functions) {
                out.add(json(f));
            }
            for (DeviceProblem p : problems) {
                out.add(json(p));
            }
            System.out.println(NdctlJson.write(out));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Location");
        table.column("Vendor:Device");
        table.column("Serial");
        table.column("AFU");
        table.column("Name");
        table.column("Version");
        table.column("LPC memory").alignRight();
        table.column("State");
        for (OcxlFunction f : functions) {
            String id = String.format("%04x:%04x", f.vendor(), f.device());
            String serial = String.format("%016x", f.config().serial());
            String state = problems.stream().anyMatch(p -> p.location().equals(f.location())) ? "failed" : "up";
            if (f.afus().isEmpty()) {
                table.addRow().addContent(f.location(), id, serial, "-", "-", "-", "-", state);
            }
            for (AfuConfig afu : f.afus()) {
                table.addRow().addContent(f.location(), id, serial, afu.index(), afu.name(),
                        afu.versionMajor() + "." + afu.versionMinor(), NdctlJson.size(afu.lpcMemorySize(), true), state);
            }
        }
        for (DeviceProblem p : problems) {
            if (functions.stream().noneMatch(f -> f.location().equals(p.location()))) {
                table.addRow().addContent(p.location(), "-", "-", "-", "-", "-", "-", "failed");
            }
        }
        table.print(System.out);
        for (DeviceProblem p : problems) {
            System.out.println(p.location() + ": " + p.source() + " failed at '" + p.step() + "': " + p.reason());
            System.out.println("    what to do: " + p.advice());
        }
        return null;
    }

    private static Map<String, Object> json(DeviceProblem p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", p.location());
        out.put("state", "failed");
        out.put("source", p.source());
        out.put("step", p.step());
        out.put("reason", p.reason());
        out.put("advice", p.advice());
        return out;
    }

    private List<OcxlFunction> functions() throws InvalidSyntaxException {
        List<OcxlFunction> functions = services(OcxlFunction.class);
        functions.sort(Comparator.comparing(OcxlFunction::location));
        return functions;
    }

    private <T> List<T> services(Class<T> type) throws InvalidSyntaxException {
        Collection<ServiceReference<T>> refs = context.getServiceReferences(type, null);
        List<T> found = new ArrayList<>();
        if (refs == null) {
            return found;
        }
        for (ServiceReference<T> ref : refs) {
            T service = context.getService(ref);
            if (service != null) {
                found.add(service);
                context.ungetService(ref);
            }
        }
        return found;
    }

    private static Map<String, Object> json(OcxlFunction f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", f.location());
        out.put("vendor", String.format("%#06x", f.vendor()));
        out.put("device", String.format("%#06x", f.device()));
        out.put("function", f.functionNumber());
        out.put("serial", String.format("%#x", f.config().serial()));
        out.put("state", "up");
        List<Object> afus = new ArrayList<>();
        for (AfuConfig afu : f.afus()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("index", afu.index());
            a.put("name", afu.name());
            a.put("version", afu.versionMajor() + "." + afu.versionMinor());
            a.put("lpc_mem_offset", afu.lpcMemoryOffset());
            a.put("lpc_mem_size", afu.lpcMemorySize());
            a.put("global_mmio_size", afu.globalMmioSize());
            afus.add(a);
        }
        out.put("afus", afus);
        return out;
    }
}
