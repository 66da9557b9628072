package dev.ocxlpmem.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.rmi.NoSuchObjectException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javax.inject.Inject;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the real ocxlpmem Karaf distribution (the tar.gz the reactor built) once per test class and
 * talks to it the way a user does: console commands through a shell session, Config Admin, and JMX
 * over the RMI connector with the karaf/karaf login. In the manner of Karaf's own
 * {@code KarafTestSupport}.
 */
public abstract class OcxlpmemTestSupport {

    /** How long a console command may take. */
    static final long COMMAND_TIMEOUT_MS = 30_000;

    /** How long the card may take to come up or go down after a configuration change. */
    static final long SETTLE_TIMEOUT_MS = 30_000;

    static final String CARD_FACTORY_PID = "dev.ocxlpmem.emulator.card";

    /** Roles of the stock admin user (etc/users.properties: karaf = karaf,_g_:admingroup). */
    protected static final String[] ADMIN_ROLES = {"admin", "manager", "viewer", "systembundles", "ssh"};

    /**
     * Runs console commands, so that one that hangs fails the test instead of blocking it. Daemon
     * threads and never shut down: inside the container Pax Exam runs each test method as a JUnit run
     * of its own, so an {@code @AfterClass} would run after every method.
     */
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "itest-console");
        thread.setDaemon(true);
        return thread;
    });

    /** Injected only once Karaf's boot features are installed: waiting for it is waiting for boot. */
    @Inject
    protected BootFinished bootFinished;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        String distribution = System.getProperty("ocxlpmem.distribution",
                "target/distribution/karaf-distribution.tar.gz");
        File archive = new File(distribution).getAbsoluteFile();
        if (!archive.isFile()) {
            throw new IllegalStateException("No distribution at " + archive
                    + ": run through Maven (mvn verify), which copies it there in pre-integration-test");
        }
        List<Option> options = new ArrayList<>();
        String localRepository = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        options.addAll(List.of(
            karafDistributionConfiguration()
                    .frameworkUrl(archive.toURI().toString())
                    .karafVersion(System.getProperty("ocxlpmem.karaf.version", "4.4.10"))
                    .name("ocxlpmem")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            // how long Pax Exam waits for the container: two boots of 120 s and more were seen with
            // the machine's load at 20 (two cores, several builds)
            systemTimeout(300_000),
            // Resolve Maven URLs (Pax Exam's own bundles) from the build's repository, never update snapshots.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.localRepository", localRepository),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.globalUpdatePolicy", "never"),
            // Free ports, so that a running Karaf (or a colleague's test) does not collide with this one.
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort())));
        if (Boolean.getBoolean("ocxlpmem.itest.keep")) {
            // -Docxlpmem.itest.keep=true keeps target/exam/<uuid>/ (data/log/karaf.log) for a post-mortem
            options.add(keepRuntimeFolder());
        }
        return options.toArray(new Option[0]);
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    // ----------------------------------------------------------------- console

    /**
     * Runs a console command as the admin user would and returns what it printed. A command that
     * fails (unknown command, exception) fails the test with what it printed so far.
     */
    protected String executeCommand(String command) {
        return executeCommand(command, ADMIN_ROLES);
    }

    /** Runs a console command as a user with {@code roles} would, through the console's ACLs. */
    protected String executeCommand(String command, String... roles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Callable<String> run = () -> {
            Object result = session.execute(command);
            if (result != null) {
                session.getConsole().println(result.toString());
            }
            out.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        };
        Subject subject = subject(roles);
        FutureTask<String> task = new FutureTask<>(
                () -> Subject.doAs(subject, (PrivilegedExceptionAction<String>) run::call));
        EXECUTOR.submit(task);
        try {
            return task.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.security.PrivilegedActionException p ? p.getCause() : e.getCause();
            // The cause goes into the message, not as the cause: Pax Exam reports the innermost
            // exception of a failure from the container, which would hide which command failed.
            StringBuilder where = new StringBuilder();
            StackTraceElement[] frames = cause.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                where.append("\n    at ").append(frames[i]);
            }
            throw new AssertionError("'" + command + "' failed: " + cause + where + "\noutput:\n"
                    + bytes.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new AssertionError("'" + command + "' did not finish within " + COMMAND_TIMEOUT_MS
                    + " ms; output so far:\n" + bytes.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running '" + command + "'");
        } finally {
            session.close();
        }
    }

    /** Fresh version 1.2 labels on the card, its region enabled again, as an operator gives them. */
    protected void initialiseLabels() {
        executeCommand("ndctl:disable-region region0");
        executeCommand("ndctl:init-labels -f -V 1.2 nmem0");
        executeCommand("ndctl:enable-region region0");
    }

    /** Runs a command that must fail, as the admin or a user with {@code roles}; returns what it printed and why. */
    protected String failure(String command, String... roles) {
        String out;
        try {
            out = executeCommand(command, roles.length == 0 ? ADMIN_ROLES : roles);
        } catch (AssertionError expected) {
            return expected.getMessage();
        }
        throw new AssertionError("'" + command + "' should have failed; it printed:\n" + out);
    }

    /** A logged-in user with {@code roles}, as the console's and JMX's ACLs see one. */
    protected static Subject subject(String... roles) {
        Subject subject = new Subject();
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }

    /**
     * Runs {@code command} until its output satisfies {@code condition}, for at most
     * {@code timeoutMs}; returns the last output. Fails with that output when time runs out.
     */
    protected String awaitCommand(String command, Predicate<String> condition, String what, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String output;
        while (true) {
            output = executeCommand(command);
            if (condition.test(output)) {
                return output;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeoutMs + " ms, '" + command + "' still does not show "
                        + what + "; it printed:\n" + output);
            }
            Thread.sleep(200);
        }
    }

    /** A condition {@link #awaitCondition} polls. */
    @FunctionalInterface
    protected interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} every 100 ms until it holds; fails naming {@code what} after {@link #SETTLE_TIMEOUT_MS}. */
    protected static void awaitCondition(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MS);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so after " + SETTLE_TIMEOUT_MS + " ms: " + what);
            }
            Thread.sleep(100);
        }
    }

    // --------------------------------------------------------------------- JMX

    protected static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The RMI connector URL, read from the management configuration Karaf runs with. */
    protected String jmxServiceUrl() throws IOException {
        Map<String, Object> cfg = new HashMap<>();
        var props = configurationAdmin.getConfiguration("org.apache.karaf.management", null).getProperties();
        if (props == null) {
            throw new AssertionError("no org.apache.karaf.management configuration: is the management feature installed?");
        }
        for (var keys = props.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            cfg.put(key, props.get(key));
        }
        String registry = String.valueOf(cfg.get("rmiRegistryPort"));
        String server = String.valueOf(cfg.get("rmiServerPort"));
        String name = System.getProperty("karaf.name", "root");
        return "service:jmx:rmi://localhost:" + server + "/jndi/rmi://localhost:" + registry + "/karaf-" + name;
    }

    /** Connects to the RMI connector as a JConsole user would, with karaf/karaf; retries while it starts. */
    protected JMXConnector jmxConnect() throws Exception {
        return jmxConnect("karaf", "karaf");
    }

    protected JMXConnector jmxConnect(String user, String password) throws Exception {
        JMXServiceURL url = new JMXServiceURL(jmxServiceUrl());
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return JMXConnectorFactory.connect(url, env);
            } catch (IOException e) {
                // the registry's stub of a connector Karaf has just replaced: NoSuchObjectException itself
                boolean starting = e instanceof java.rmi.ConnectException || e instanceof NoSuchObjectException
                        || e.getCause() instanceof NoSuchObjectException
                        || e.getCause() instanceof java.rmi.ConnectException
                        || e.getCause() instanceof javax.naming.ServiceUnavailableException
                        || e.getCause() instanceof javax.naming.NameNotFoundException;
                if (!starting || System.nanoTime() > deadline) {
                    throw new AssertionError("cannot connect to " + url + ": " + e, e);
                }
                Thread.sleep(300);
            }
        }
    }

    // ------------------------------------------------------------------ the batch client

    /** What {@code bin/client -b} printed (stdout and stderr, ANSI colours removed) and its exit status. */
    protected record ClientResult(int status, String output) {
    }

    /** Runs {@code command} through {@code bin/client -b} of this very Karaf as {@code user}, as a script would. */
    protected ClientResult client(String user, String password, String command) throws Exception {
        File home = new File(System.getProperty("karaf.home"));
        String port = String.valueOf(configurationAdmin.getConfiguration("org.apache.karaf.shell", null)
                .getProperties().get("sshPort"));
        ProcessBuilder builder = new ProcessBuilder(new File(home, "bin/client").getPath(), "-a", port, "-u", user,
                "-p", password, "-b").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try (java.io.OutputStream in = process.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.io.InputStream stream = process.getInputStream()) {
            stream.transferTo(out);
        }
        if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/client did not finish '" + command + "'");
        }
        String text = out.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        return new ClientResult(process.exitValue(), text);
    }
}
