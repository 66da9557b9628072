package dev.ocxlpmem.client;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * {@code bin/batch-client}: runs the console commands on standard input over ssh, as
 * {@code bin/client -b} does, and exits with their status. Karaf's client exits 0 when the
 * connection ends before the command does (org.apache.karaf.client.Main keeps its status of 0 when
 * the channel closes without an exit status, which is what a server killed or stopped under a
 * command leaves); this one says so and exits 255, as OpenSSH's ssh does, so that a script can tell
 * a lost server from a command that ran.
 */
public final class BatchClient {
    /** Exit status when the command did not run to its end on the server, or not at all. */
    static final int LOST = 255;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private BatchClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String host = null;
        String port = null;
        String user = "karaf";
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-b")) {
                continue; // always batch; accepted so that bin/client's command lines work unchanged
            }
            if (i + 1 == args.length || !option.matches("-[ahup]")) {
                err.println("batch-client: usage: batch-client [-h host] [-a port] [-u user] -p password "
                        + "< commands (unknown or incomplete option '" + option + "')");
                return 2;
            }
            String value = args[++i];
            switch (option) {
                case "-h" -> host = value;
                case "-a" -> port = value;
                case "-u" -> user = value;
                default -> password = value;
            }
        }
        if (password == null) {
            err.println("batch-client: give the password with -p");
            return 2;
        }
        Properties shell = shellConfiguration();
        host = host != null ? host : shell.getProperty("sshHost", "localhost").replace("0.0.0.0", "localhost");
        port = port != null ? port : shell.getProperty("sshPort", "8101").trim();
        if (!port.matches("[0-9]{1,5}")) {
            err.println("batch-client: '" + port + "' is not a port");
            return 2;
        }
        String commands;
        try {
            commands = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("batch-client: cannot read the commands from standard input: " + e.getMessage());
            return 2;
        }
        try (SshClient client = SshClient.setUpDefaultClient()) {
            // a server that vanishes without closing the connection (a host gone) is noticed within a minute
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(15));
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 4);
            client.start();
            return exec(client, host, Integer.parseInt(port), user, password, commands, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("batch-client: " + host + ":" + port + ": " + e.getMessage());
            return LOST;
        }
    }

    private static int exec(SshClient client, String host, int port, String user, String password, String commands,
            PrintStream out, PrintStream err) throws IOException {
        ClientSession connected;
        try {
            connected = client.connect(user, host, port).verify(CONNECT_TIMEOUT).getSession();
        } catch (IOException e) {
            throw new IOException("cannot connect: " + cause(e).getMessage(), e);
        }
        try (ClientSession session = connected) {
            session.addPasswordIdentity(password);
            try {
                session.auth().verify(CONNECT_TIMEOUT);
            } catch (IOException e) {
                throw new IOException("login as " + user + " refused (wrong user or password?): "
                        + cause(e).getMessage(), e);
            }
            try (ChannelExec channel = session.createExecChannel(commands + "\n")) {
                channel.setOut(unclosed(out));
                channel.setErr(unclosed(err));
                channel.open().verify(CONNECT_TIMEOUT);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0);
                Integer status = channel.getExitStatus();
                if (status == null) {
                    out.flush();
                    err.println("batch-client: the connection to " + host + ":" + port
                            + " ended before the command did (Karaf stopped or died?)");
                    return LOST;
                }
                return status;
            }
        }
    }

    private static Throwable cause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The ssh server's address as etc/org.apache.karaf.shell.cfg sets it, as bin/client reads it. */
    private static Properties shellConfiguration() {
        Properties properties = new Properties();
        String etc = System.getProperty("karaf.etc");
        if (etc != null) {
            try (InputStream cfg = new FileInputStream(Path.of(etc, "org.apache.karaf.shell.cfg").toFile())) {
                properties.load(cfg);
            } catch (IOException e) {
                // no file: the defaults, as bin/client
            }
        }
        return properties;
    }

    /** The channel closes its streams when it ends; standard output and error stay open. */
    private static OutputStream unclosed(PrintStream stream) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                stream.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                stream.write(b, off, len);
            }

            @Override
            public void flush() {
                stream.flush();
            }
        };
    }
}
