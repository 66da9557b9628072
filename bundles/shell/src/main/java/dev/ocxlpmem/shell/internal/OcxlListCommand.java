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
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ocxl.OcxlFunction;

/** {@code lsocxl}: the OpenCAPI functions present and their AFUs. */
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
        if (json) {
            List<Object> out = new ArrayList<>();
            for (OcxlFunction f : functions) {
                out.add(json(f));
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
        for (OcxlFunction f : functions) {
            String id = String.format("%04x:%04x", f.vendor(), f.device());
            String serial = String.format("%016x", f.config().serial());
            if (f.afus().isEmpty()) {
                table.addRow().addContent(f.location(), id, serial, "-", "-", "-", "-");
            }
            for (AfuConfig afu : f.afus()) {
                table.addRow().addContent(f.location(), id, serial, afu.index(), afu.name(),
                        afu.versionMajor() + "." + afu.versionMinor(), NdctlJson.size(afu.lpcMemorySize(), true));
            }
        }
        table.print(System.out);
        return null;
    }

    private List<OcxlFunction> functions() throws InvalidSyntaxException {
        Collection<ServiceReference<OcxlFunction>> refs = context.getServiceReferences(OcxlFunction.class, null);
        List<OcxlFunction> functions = new ArrayList<>();
        for (ServiceReference<OcxlFunction> ref : refs) {
            OcxlFunction f = context.getService(ref);
            if (f != null) {
                functions.add(f);
                context.ungetService(ref);
            }
        }
        functions.sort(Comparator.comparing(OcxlFunction::location));
        return functions;
    }

    private static Map<String, Object> json(OcxlFunction f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", f.location());
        out.put("vendor", String.format("%#06x", f.vendor()));
        out.put("device", String.format("%#06x", f.device()));
        out.put("function", f.functionNumber());
        out.put("serial", String.format("%#x", f.config().serial()));
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
