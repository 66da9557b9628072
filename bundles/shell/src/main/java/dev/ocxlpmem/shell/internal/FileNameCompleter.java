package dev.ocxlpmem.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.Role;

/**
 * Completes the names in the files directory, for the file options ({@link ServerFiles}); for
 * admins only, who alone may use them. Karaf's own file completer would list any of the server's
 * directories to anyone who may run the command.
 */
@Service
public final class FileNameCompleter implements Completer {
    @Reference
    Ndctl ndctl;

    @Reference
    ServerFiles files;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        try {
            ndctl.require(Role.ADMIN, "list the files directory");
        } catch (NotPermittedException e) {
            return -1;
        }
        StringsCompleter names = new StringsCompleter();
        try (Stream<Path> entries = Files.list(files.directory())) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
                    .forEach(names.getStrings()::add);
        } catch (IOException none) {
            return -1;
        }
        return names.complete(session, commandLine, candidates);
    }
}
