package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.scm.ErrorLogEntry;

/**
 * The card controller's error log, as the driver has read it (the series' "Read Error Log"):
 * each entry's id, type, program reference code, recommended actions, when, and its text; a
 * data-loss entry also names the unreadable media.
 */
@Service
@Command(scope = "ocxl", name = "error-log", description = "Show the error log of DIMMs' SCM controllers")
public class OcxlErrorLogCommand extends DimmsCommand {

    @Option(name = "-j", aliases = "--json", description = "print JSON")
    boolean json;

    private final List<Object> logs = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    void act(DimmInfo dimm) throws Exception {
        List<ErrorLogEntry> entries = ndctl.errorLog(dimm.dev());
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dev", dimm.dev());
            j.put("error_log", entries.stream().map(NdctlJson::errorLogEntry).toList());
            logs.add(j);
            return;
        }
        text.append(dimm.dev()).append(": ").append(entries.size()).append(" error log entr")
                .append(entries.size() == 1 ? "y" : "ies").append('\n');
        for (ErrorLogEntry e : entries) {
            text.append(String.format("  %4d  %-20s PRC 0x%08x  %6d s  %s%s%s%n", e.logId(), e.type().text(),
                    e.programReferenceCode(), e.powerOnSeconds(),
                    e.actions().isEmpty() ? "" : "actions " + e.actions() + "  ",
                    e.mediaError().map(m -> m + ": ").orElse(""), e.additionalText()));
        }
    }

    @Override
    void finish() {
        System.out.print(json ? NdctlJson.write(logs) + "\n" : text);
    }

    @Override
    String summary(int done) {
        return null;
    }
}
