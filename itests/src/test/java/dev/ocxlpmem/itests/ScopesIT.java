package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.security.auth.Subject;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Session;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every command scope of the running Karaf against a viewer (vera), a manager (max), an admin
 * (karaf) and a user with no role (nora, who may only log in over ssh). Deny by default: {@link #TABLE}
 * names what a viewer and a manager may run, everything else is admin's. The commands are read
 * from Karaf's command registry, not from a list: a scope that appears without a row here fails,
 * so that a new feature's commands get their rule (in etc/org.apache.karaf.command.acl.*.cfg,
 * or none: then karaf.secured.command.compulsory.roles makes them admin's).
 *
 * <p>Every command is tried with {@code --help} in a console session with no role, as a viewer and
 * as a manager (the ACL refuses a command before it runs); a representative command line of each
 * scope (the exploits of issue 17 among them) runs over ssh as each of the four users, the admin
 * included; the viewer's exploits also go through {@code bin/client -b} as a script sends them.
 * The tables go to the test's output.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ScopesIT extends OcxlpmemTestSupport {

    /**
     * Per scope: the commands a viewer may run (and so a manager and an admin), then those a manager
     * may run besides. The rest of the scope is admin's.
     */
    private static final String[][] TABLE = {
        {"*", "help", ""},
        {"bundle", "capabilities classes diag find-class headers id info list requirements services status tree-show", ""},
        {"cm", "", ""},
        {"config", "", ""},
        {"dev", "", ""},
        {"event", "display tail", ""},
        {"feature", "info list regions repo-list requirement-list status version-list", ""},
        {"http", "proxy-balancing-list proxy-list", ""},
        {"instance", "list status", ""},
        {"jaas", "whoami", ""},
        {"kar", "list", ""},
        {"log", "display exception-display get tail", ""},
        {"ndctl", "check-labels check-namespace list list-label-backups read-infoblock read-labels",
            "create-namespace destroy-namespace disable-dimm disable-namespace disable-region enable-dimm enable-namespace enable-region monitor"},
        {"ocxl", "error-log list stats", ""},
        {"package", "exports imports", ""},
        {"scr", "config info list", ""},
        {"service", "list wait", ""},
        {"shell", "clear complete completion date echo format if info keymap logout printf setopt sleep threads ttop "
            + "unsetopt", ""},
        {"ssh", "", ""},
        {"system", "version", ""},
    };

    private enum Role {
        NONE, VIEWER, MANAGER, ADMIN
    }

    /** The users of the ssh rows, by role; each one's password is its name. */
    private static final Map<Role, String> USERS = Map.of(Role.NONE, "nora", Role.VIEWER, "vera",
            Role.MANAGER, "max", Role.ADMIN, "karaf");

    /** The roles of each user's groups in etc/users.properties. */
    private static final Map<Role, String[]> ROLES = Map.of(Role.NONE, new String[] {"ssh"},
            Role.VIEWER, new String[] {"viewer", "ssh"}, Role.MANAGER, new String[] {"manager", "viewer", "ssh"},
            Role.ADMIN, ADMIN_ROLES);

    /**
     * A command line over ssh and the least role that may run it. An admin's run is followed by
     * {@code undo}; {@code adminRuns} false keeps an admin's run out (it would move the card: see
     * CardProblemsIT for what an admin meets there).
     */
    private record Row(String command, Role least, String undo, boolean adminRuns) {
        Row(String command, Role least) {
            this(command, least, null, true);
        }
    }

    private static final List<Row> ROWS = List.of(
        new Row("*:help ndctl:list", Role.VIEWER),
        new Row("bundle:list", Role.VIEWER),
        new Row("bundle:start dev.ocxlpmem.memory", Role.ADMIN),
        // not cm:getConfiguration, which binds the configuration to the cm commands' bundle: the ssh server
        // it configures would then restart on its default port
        new Row("cm:listConfigurations \"(service.pid=org.apache.karaf.shell)\"", Role.ADMIN),
        // not config:property-get -p, which saves the configuration it reads: the ssh server would restart
        new Row("config:list \"(service.pid=org.apache.karaf.shell)\"", Role.ADMIN),
        new Row("config:property-set -p dev.ocxlpmem.emulator.card~default image /tmp/scopes-card.img", Role.ADMIN,
                null, false),
        new Row("config:property-set -p dev.ocxlpmem.scopes probe 1", Role.ADMIN, "config:delete dev.ocxlpmem.scopes",
                true),
        new Row("dev:dump-create --no-heap-dump data/tmp/scopes-dump.zip", Role.ADMIN),
        new Row("event:display", Role.VIEWER),
        new Row("event:send dev/ocxlpmem/namespaces/Namespace/DESTROYED dev=namespace9.9 region=region0", Role.ADMIN),
        new Row("feature:list -i", Role.VIEWER),
        new Row("http:proxy-list", Role.VIEWER),
        new Row("instance:list", Role.VIEWER),
        new Row("jaas:whoami", Role.VIEWER),
        new Row("jaas:realm-list", Role.ADMIN),
        new Row("kar:list", Role.VIEWER),
        new Row("log:get", Role.VIEWER),
        new Row("log:set INFO", Role.ADMIN),
        new Row("ndctl:list -R", Role.VIEWER),
        new Row("ndctl:enable-region region0", Role.MANAGER),
        new Row("ocxl:list", Role.VIEWER),
        new Row("package:exports", Role.VIEWER),
        new Row("scr:list", Role.VIEWER),
        new Row("scr:disable dev.ocxlpmem.management.internal.NvdimmMBeans", Role.ADMIN,
                "scr:enable dev.ocxlpmem.management.internal.NvdimmMBeans", true),
        new Row("service:list dev.ocxlpmem.ndctl.Ndctl", Role.VIEWER),
        new Row("shell:echo scopes", Role.VIEWER),
        new Row("ndctl:list -R | more", Role.VIEWER),
        new Row("shell:cat etc/users.properties", Role.ADMIN),
        new Row("more etc/users.properties", Role.ADMIN),
        new Row("shell:grep -i karaf etc/users.properties", Role.ADMIN),
        new Row("echo scopes > data/tmp/scopes-redirect.txt", Role.ADMIN),
        new Row("$.context getBundle 0", Role.ADMIN),
        new Row("shell:exec true", Role.ADMIN),
        new Row("ssh:ssh --help", Role.ADMIN),
        new Row("system:version", Role.VIEWER),
        new Row("system:property karaf.name", Role.ADMIN));

    /** The viewer's exploits of issue 17, as a script sends them. */
    private static final List<String> EXPLOITS = List.of(
        "dev:dump-create data/ocxlpmem/card0.img",
        "shell:cat etc/users.properties",
        "event:send dev/ocxlpmem/namespaces/Namespace/DESTROYED dev=namespace0.1 region=region0",
        "scr:disable dev.ocxlpmem.management.internal.NvdimmMBeans",
        "log:set DEBUG");

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "max", "max,_g_:managergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "nora", "nora,ssh"));
        return options.toArray(new Option[0]);
    }

    /**
     * scope to command names, as Karaf's registry has them now. The registry lists only what the
     * calling subject may see, so an admin asks.
     */
    private Map<String, Set<String>> registered() throws Exception {
        Map<String, Set<String>> scopes = new TreeMap<>();
        List<Command> commands = Subject.doAs(subject(ADMIN_ROLES),
                (PrivilegedExceptionAction<List<Command>>) () -> sessionFactory.getRegistry().getCommands());
        for (Command command : commands) {
            scopes.computeIfAbsent(command.getScope(), s -> new TreeSet<>()).add(command.getName());
        }
        return scopes;
    }

    private static Role least(String scope, String name) {
        for (String[] row : TABLE) {
            if (row[0].equals(scope)) {
                if (Arrays.asList(row[1].split(" ")).contains(name)) {
                    return Role.VIEWER;
                }
                return Arrays.asList(row[2].split(" ")).contains(name) ? Role.MANAGER : Role.ADMIN;
            }
        }
        throw new AssertionError("scope " + scope + " has no row");
    }

    @Test
    public void a_everyScopeHasARowAndEveryRowNamesRealCommands() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        Map<String, Set<String>> registered = registered();
        Set<String> rows = new TreeSet<>();
        for (String[] row : TABLE) {
            rows.add(row[0]);
            for (String name : (row[1] + " " + row[2]).trim().split(" +")) {
                assertTrue(row[0] + ":" + name + " is in the table but not registered: " + registered.get(row[0]),
                        name.isEmpty() || registered.getOrDefault(row[0], Set.of()).contains(name));
            }
        }
        Set<String> without = new TreeSet<>(registered.keySet());
        without.removeAll(rows);
        assertEquals("command scopes without a row in ScopesIT.TABLE (and perhaps without "
                + "etc/org.apache.karaf.command.acl.<scope>.cfg)", Set.of(), without);
        Set<String> represented = new TreeSet<>();
        for (Row row : ROWS) {
            represented.add(scopeOf(row.command()));
        }
        Set<String> unrepresented = new TreeSet<>(registered.keySet());
        unrepresented.removeAll(represented);
        assertEquals("command scopes without a representative row in ScopesIT.ROWS", Set.of(), unrepresented);
    }

    private static String scopeOf(String commandLine) {
        String first = commandLine.split(" ")[0];
        if (first.startsWith("$") || !first.contains(":")) {
            return "shell"; // method calls, redirections and the init script's aliases (more) are the shell's
        }
        return first.substring(0, first.indexOf(':'));
    }

    /**
     * Each registered command with {@code --help}, as a user with no role, a viewer and a manager: the
     * ACL check comes before the command, so a refused one does nothing, and an allowed one only reads.
     */
    @Test
    public void b_everyCommandAsEachRole() throws Exception {
        Map<String, Set<String>> registered = registered();
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("every command scope, by the least role that may run a command"
                + " (a user with no role runs none):\n");
        for (Map.Entry<String, Set<String>> scope : registered.entrySet()) {
            Map<Role, List<String>> byRole = new TreeMap<>();
            for (String name : scope.getValue()) {
                Role least = least(scope.getKey(), name);
                byRole.computeIfAbsent(least, r -> new ArrayList<>()).add(name);
                String line = scope.getKey() + ":" + name + " --help";
                for (Role role : List.of(Role.NONE, Role.VIEWER, Role.MANAGER)) {
                    boolean allowed = probe(line, ROLES.get(role));
                    if (allowed != role.compareTo(least) >= 0) {
                        wrong.add(role + " " + (allowed ? "may" : "may not") + " run " + line + " (the table says "
                                + least + " and up)");
                    }
                }
            }
            table.append("  ").append(scope.getKey()).append('\n');
            for (Role role : List.of(Role.VIEWER, Role.MANAGER, Role.ADMIN)) {
                if (byRole.containsKey(role)) {
                    table.append(String.format("    %-8s %s%n", role.name().toLowerCase() + ":",
                            String.join(" ", byRole.get(role))));
                }
            }
        }
        System.out.println(table);
        assertEquals("commands whose ACL differs from ScopesIT.TABLE", List.of(), wrong);
    }

    /**
     * Whether a console session of a user with {@code roles} runs {@code line}: false when Karaf's
     * command ACL refuses it (an invisible command is not found, a visible one lacks credentials).
     * Each probe runs in a thread of its own, as each ssh session does: Karaf caches which commands
     * a thread may see (SecuredSessionFactoryImpl.isVisible), whoever asks.
     */
    private boolean probe(String line, String... roles) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        Subject subject = subject(roles);
        FutureTask<Throwable> run = new FutureTask<>(() -> {
            try {
                Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(line));
                return null;
            } catch (PrivilegedActionException e) {
                return e.getCause();
            } catch (Exception | Error e) {
                return e;
            }
        });
        Thread thread = new Thread(run, "itest-scope-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return !refusal(run.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("'" + line + "' as " + Arrays.toString(roles) + " did not finish within "
                    + COMMAND_TIMEOUT_MS + " ms: " + bytes.toString(StandardCharsets.UTF_8));
        } finally {
            session.close();
        }
    }

    private static boolean refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SecurityException || t.getClass().getName().endsWith(".CommandNotFoundException")) {
                return true;
            }
        }
        return false;
    }

    /** The representative command lines over ssh, as each of the four users. */
    @Test
    public void c_representativeCommandsOverSsh() throws Exception {
        Map<String, String> results = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        try (Ssh ssh = new Ssh()) {
            for (Row row : ROWS) {
                StringBuilder cells = new StringBuilder();
                for (Role role : Role.values()) {
                    String cell;
                    if (role == Role.ADMIN && !row.adminRuns()) {
                        cell = "(not run)";
                    } else {
                        Ssh.Result r = ssh.exec(USERS.get(role), row.command());
                        boolean refused = r.status() != 0 && (r.output().contains("Command not found")
                                || r.output().contains("Insufficient credentials"));
                        if (r.status() != 0 && !refused) {
                            wrong.add(row.command() + " as " + role + " failed otherwise (" + r.status() + "): "
                                    + r.output());
                        }
                        if (refused == role.compareTo(row.least()) >= 0) {
                            wrong.add(row.command() + " as " + role + ": " + (refused ? "refused" : "allowed")
                                    + ", the table says " + row.least() + " and up; it printed: " + r.output());
                        }
                        cell = refused ? "refused" : "allowed";
                        if (role == Role.ADMIN && row.undo() != null) {
                            Ssh.Result undone = ssh.exec(USERS.get(role), row.undo());
                            assertEquals(row.undo() + ": " + undone.output(), 0, undone.status());
                        }
                    }
                    cells.append(String.format("%-10s", cell));
                }
                results.put(row.command(), cells.toString());
            }
        }
        StringBuilder table = new StringBuilder("representative commands over ssh, as users of each role:\n");
        table.append(String.format("  %-95s %-10s%-10s%-10s%-10s%n", "command", "none", "viewer", "manager", "admin"));
        results.forEach((command, cells) -> table.append(String.format("  %-95s %s%n", command, cells)));
        System.out.println(table);
        assertEquals("representative commands whose outcome differs from ScopesIT.ROWS", List.of(), wrong);
    }

    /** The viewer's exploits of issue 17 through bin/client -b, as a script sends them. */
    @Test
    public void d_theViewersExploitsThroughTheBatchClient() throws Exception {
        StringBuilder table = new StringBuilder("the viewer's exploits of issue 17 through bin/client -b:\n");
        for (String exploit : EXPLOITS) {
            ClientResult r = client("vera", "vera", exploit);
            table.append(String.format("  %-95s exit %d: %s%n", exploit, r.status(), r.output().trim()));
            assertEquals(exploit + ": " + r.output(), 1, r.status());
            assertTrue(exploit + ": " + r.output(), r.output().contains("Command not found")
                    || r.output().contains("Insufficient credentials"));
        }
        System.out.println(table);
        assertTrue("the card's image is whole", executeCommand("ndctl:list -R").contains("\"size\":1073741824"));
    }

    /**
     * The configuration over JMX RMI, as on the console: changing a dev.ocxlpmem PID (a card's image,
     * size or location) and reading any configuration are admin's. The admin's change of the card
     * itself is not made here (CardProblemsIT: the card refuses an image outside its directories).
     */
    @Test
    public void e_configurationOverJmx() throws Exception {
        ObjectName config = new ObjectName("org.apache.karaf:type=config,name=" + System.getProperty("karaf.name", "root"));
        String card = "dev.ocxlpmem.emulator.card~default";
        String[] three = {String.class.getName(), String.class.getName(), String.class.getName()};
        String[] two = {String.class.getName(), String.class.getName()};
        String[] one = {String.class.getName()};
        Map<String, String> results = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Role role : List.of(Role.VIEWER, Role.MANAGER, Role.ADMIN)) {
            try (JMXConnector connector = jmxConnect(USERS.get(role), USERS.get(role))) {
                MBeanServerConnection mbs = connector.getMBeanServerConnection();
                ObjectName cm = mbs.queryNames(new ObjectName("osgi.compendium:service=cm,*"), null).iterator().next();
                Map<String, JmxCall> calls = new LinkedHashMap<>();
                if (role != Role.ADMIN) {
                    calls.put("config setProperty(" + card + ", image, /tmp/scopes-card.img)", () -> mbs.invoke(config,
                            "setProperty", new Object[] {card, "image", "/tmp/scopes-card.img"}, three));
                    calls.put("config setProperty(" + card + ", image, a value with a line break)", () -> mbs.invoke(
                            config, "setProperty", new Object[] {card, "image", "/tmp/scopes\ncard.img"}, three));
                    calls.put("config delete(" + card + ")",
                            () -> mbs.invoke(config, "delete", new Object[] {card}, one));
                    calls.put("cm delete(" + card + ")", () -> mbs.invoke(cm, "delete", new Object[] {card}, one));
                    calls.put("cm createFactoryConfiguration(dev.ocxlpmem.emulator.card)", () -> mbs.invoke(cm,
                            "createFactoryConfiguration", new Object[] {"dev.ocxlpmem.emulator.card"}, one));
                }
                calls.put("config setProperty(dev.ocxlpmem.scopes, probe, 1) and delete it", () -> {
                    mbs.invoke(config, "setProperty", new Object[] {"dev.ocxlpmem.scopes", "probe", "1"}, three);
                    return mbs.invoke(config, "delete", new Object[] {"dev.ocxlpmem.scopes"}, one);
                });
                calls.put("cm createFactoryConfiguration(dev.ocxlpmem.scopes) and delete it", () -> {
                    Object pid = mbs.invoke(cm, "createFactoryConfiguration", new Object[] {"dev.ocxlpmem.scopes"}, one);
                    return mbs.invoke(cm, "delete", new Object[] {pid}, one);
                });
                calls.put("config getProperty(org.apache.karaf.shell, sshPort)", () -> mbs.invoke(config,
                        "getProperty", new Object[] {"org.apache.karaf.shell", "sshPort"}, two));
                calls.put("cm getProperties(org.apache.karaf.shell)",
                        () -> mbs.invoke(cm, "getProperties", new Object[] {"org.apache.karaf.shell"}, one));
                for (Map.Entry<String, JmxCall> call : calls.entrySet()) {
                    String outcome;
                    try {
                        call.getValue().run();
                        outcome = "allowed";
                    } catch (SecurityException e) {
                        outcome = "refused";
                    }
                    results.merge(call.getKey(), String.format("%-10s", outcome), String::concat);
                    if (outcome.equals("allowed") != (role == Role.ADMIN)) {
                        wrong.add(role + ": " + call.getKey() + " " + outcome);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("configuration over JMX RMI (viewer, manager, admin):\n");
        results.forEach((call, cells) -> table.append(String.format("  %-80s %s%n", call, cells)));
        System.out.println(table);
        assertEquals("JMX configuration calls whose outcome is not admin's alone", List.of(), wrong);
        assertTrue("the card is still configured as before", executeCommand("ndctl:list -R").contains("region0"));
    }

    @FunctionalInterface
    private interface JmxCall {
        Object run() throws Exception;
    }

    /**
     * Command lines over ssh, each in a login of its own as bin/client and OpenSSH send one: Karaf's
     * exec channel runs the init scripts and the command as that user, then closes the session.
     */
    private final class Ssh implements AutoCloseable {
        /** A session's login and init scripts, then the command: slow beside other builds (seen above 30 s). */
        private static final Duration TIMEOUT = Duration.ofSeconds(120);
        private final SshClient client = SshClient.setUpDefaultClient();
        private final int port;

        record Result(int status, String output) {
        }

        Ssh() throws Exception {
            client.start();
            port = Integer.parseInt(String.valueOf(configurationAdmin.getConfiguration("org.apache.karaf.shell", null)
                    .getProperties().get("sshPort")));
        }

        /** Runs {@code command} as {@code user}, whose password is the user's name. */
        Result exec(String user, String command) throws Exception {
            try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession()) {
                session.addPasswordIdentity(user);
                session.auth().verify(TIMEOUT);
                try (ChannelExec channel = session.createExecChannel(command + "\n")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    channel.setOut(out);
                    channel.setErr(out);
                    channel.open().verify(TIMEOUT);
                    Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
                    if (!events.contains(ClientChannelEvent.CLOSED)) {
                        fail("'" + command + "' as " + user + " did not end within " + TIMEOUT);
                    }
                    Integer status = channel.getExitStatus();
                    assertNotNull("'" + command + "' as " + user + ": no exit status", status);
                    return new Result(status,
                            out.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "").trim());
                }
            }
        }

        @Override
        public void close() {
            client.stop();
        }
    }
}
