package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.LabelBackup;
import dev.ocxlpmem.ndctl.NdctlJson;

/** The label areas saved before a wholesale rewrite (zero-, write-, restore-labels, init-labels -f), newest first. */
@Service
@Command(scope = "ndctl", name = "list-label-backups",
        description = "List the label areas saved before they were rewritten (restore one with ndctl:restore-labels)")
public class ListLabelBackupsCommand extends DimmsCommand {

    @Option(name = "-j", aliases = "--json", description = "print JSON instead of a table")
    boolean json;

    private final List<Object> rows = new ArrayList<>();
    private final ShellTable table = new ShellTable();
    private int count;

    @Override
    void act(DimmInfo dimm) throws Exception {
        for (LabelBackup b : ndctl.labelBackups(dimm.dev())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dimm", dimm.dev());
            row.put("backup", b.name());
            row.put("saved", b.saved().toString());
            row.put("before", b.before());
            row.put("size", b.size());
            rows.add(row);
            count++;
        }
    }

    @Override
    void finish() {
        if (json) {
            System.out.println(NdctlJson.write(rows));
            return;
        }
        table.column("DIMM");
        table.column("Backup");
        table.column("Saved (UTC)");
        table.column("Before");
        table.column("Size").alignRight();
        for (Object r : rows) {
            Map<?, ?> row = (Map<?, ?>) r;
            table.addRow().addContent(row.get("dimm"), row.get("backup"), row.get("saved"), row.get("before"),
                    row.get("size"));
        }
        table.print(System.out);
    }

    @Override
    String summary(int done) {
        return count + " label backup" + (count == 1 ? "" : "s") + " of " + nmems(done);
    }
}
