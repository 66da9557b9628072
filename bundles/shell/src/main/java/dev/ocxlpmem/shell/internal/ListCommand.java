package dev.ocxlpmem.shell.internal;

import static org.apache.karaf.shell.support.ansi.SimpleAnsi.INTENSITY_BOLD;
import static org.apache.karaf.shell.support.ansi.SimpleAnsi.INTENSITY_NORMAL;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Listing;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * {@code ndctl list}: the console's face of {@link Ndctl#list}, which walks and prints as ndctl 76 does.
 *
 * <p>Operators type {@code ndctl list -BDR}, with the short flags clustered as getopt allows.
 * Karaf's action parser knows no clusters, so this is a console {@link Command} of its own with
 * getopt's rules ({@link ListRequest#parse}), registered in the console's registry so that it is
 * described in the {@code ndctl:<Tab>} listing, completes its flags and prints Karaf's help.
 */
@Component(immediate = true)
public final class ListCommand implements Command {
    static final String DESCRIPTION = "List nvdimm buses, DIMMs, regions and namespaces as ndctl JSON (ndctl list)";

    private final Ndctl ndctl;
    private final Registry registry;

    @Activate
    public ListCommand(@Reference Ndctl ndctl, @Reference SessionFactory sessions) {
        this.ndctl = ndctl;
        this.registry = sessions.getRegistry();
        registry.register(this);
        // ./start --background waits for this line: the product's console is up
        LoggerFactory.getLogger(ListCommand.class).info("ocxlpmem: ndctl commands ready");
    }

    /** Outside a console, for tests. */
    ListCommand(Ndctl ndctl) {
        this.ndctl = ndctl;
        this.registry = null;
    }

    @Deactivate
    void deactivate() {
        registry.unregister(this);
    }

    @Override
    public String getScope() {
        return "ndctl";
    }

    @Override
    public String getName() {
        return "list";
    }

    @Override
    public String getDescription() {
        return DESCRIPTION;
    }

    @Override
    public Completer getCompleter(boolean scoped) {
        return new ListCompleter(ndctl);
    }

    @Override
    public Parser getParser() {
        return null;
    }

    @Override
    public Object execute(Session session, List<Object> arguments) throws Exception {
        ListRequest request;
        try {
            request = ListRequest.parse(arguments.stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        if (request.help()) {
            help(System.out);
            return null;
        }
        try {
            Listing listing = ndctl.list(request);
            if (!listing.json().isEmpty()) {
                System.out.println(listing.json());
            } else if (!listing.hidden().isEmpty()) {
                System.err.println(hiddenNote(listing.hidden()));
            }
        } catch (NvdimmException e) {
            if (e.isFault()) {
                throw e;
            }
            throw new CommandException(e.getMessage());
        }
        SessionStreams.flush(session);
        return null;
    }

    /**
     * ndctl prints nothing for a listing whose devices are all disabled; here that is said on
     * standard error, so that an empty listing is not mistaken for no devices.
     */
    static String hiddenNote(List<String> hidden) {
        return String.join(", ", hidden) + (hidden.size() == 1 ? " is" : " are") + " disabled; use -i to list "
                + (hidden.size() == 1 ? "it" : "them");
    }

    /** Karaf's help layout ({@code DESCRIPTION}, {@code SYNTAX}, {@code OPTIONS}), as {@code --help} and {@code help ndctl:list} show it. */
    static void help(PrintStream out) {
        out.println(INTENSITY_BOLD + "DESCRIPTION" + INTENSITY_NORMAL);
        out.println("        ndctl:" + INTENSITY_BOLD + "list" + INTENSITY_NORMAL);
        out.println();
        out.println("\t" + DESCRIPTION);
        out.println();
        out.println(INTENSITY_BOLD + "SYNTAX" + INTENSITY_NORMAL);
        out.println("        ndctl:list [options]");
        out.println();
        out.println(INTENSITY_BOLD + "OPTIONS" + INTENSITY_NORMAL);
        for (ListRequest.Flag flag : ListRequest.FLAGS) {
            out.println("        " + INTENSITY_BOLD + flag.synopsis() + INTENSITY_NORMAL);
            out.println("                " + flag.description());
        }
        out.println();
        out.println(INTENSITY_BOLD + "DETAILS" + INTENSITY_NORMAL);
        out.println("        Short flags may be clustered, as with ndctl: -BDR, -Ri, -DRu. A filter alone lists");
        out.println("        that kind of object: -r region0 lists the region; with no kind and no filter the");
        out.println("        namespaces are listed. Names are device names, their numbers (-r 0, -n 0.1), a DIMM's");
        out.println("        id or a bus's provider name.");
    }
}
