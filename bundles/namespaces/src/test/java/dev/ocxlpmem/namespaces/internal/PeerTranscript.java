package dev.ocxlpmem.namespaces.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transcript of the linux-peer harness (src/test/resources/linux-peer/): Linux 6.1 and ndctl 76
 * running commands, each as {@code $ command}, its stdout, {@code stderr: } lines and
 * {@code [exit status N]} when it failed.
 */
final class PeerTranscript {

    record Step(int index, String command, List<String> out, List<String> err, int exit) {
        boolean ok() {
            return exit == 0;
        }

        String stderr() {
            return String.join("\n", err);
        }

        /** The first {@code "key":value} in the JSON output, unquoted. */
        Optional<String> json(String key) {
            Pattern p = Pattern.compile("^\\s*\"" + Pattern.quote(key) + "\":\"?([^\",]*)\"?,?$");
            for (String line : out) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    return Optional.of(m.group(1));
                }
            }
            return Optional.empty();
        }

        long jsonLong(String key) {
            return Long.parseLong(json(key).orElseThrow(() -> new AssertionError("no " + key + " in " + command)));
        }

        /** The value after {@code option} on the command line, if given. */
        Optional<String> option(String option) {
            String[] words = command.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals(option)) {
                    return Optional.of(words[i + 1]);
                }
            }
            return Optional.empty();
        }

        boolean flag(String flag) {
            for (String w : command.trim().split("\\s+")) {
                if (w.equals(flag)) {
                    return true;
                }
            }
            return false;
        }
    }

    final List<Step> steps;

    private PeerTranscript(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    static PeerTranscript load(String name) throws IOException {
        try (InputStream in = PeerTranscript.class.getResourceAsStream("/linux-peer/" + name)) {
            if (in == null) {
                throw new IOException("no transcript " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static PeerTranscript parse(String text) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        int exit = 0;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ ") || line.startsWith("# END")) {
                if (command != null) {
                    steps.add(new Step(steps.size(), command, trim(out), err, exit));
                }
                command = line.startsWith("$ ") ? line.substring(2) : null;
                out = new ArrayList<>();
                err = new ArrayList<>();
                exit = 0;
            } else if (line.startsWith("stderr: ")) {
                err.add(line.substring("stderr: ".length()));
            } else if (line.startsWith("[exit status ")) {
                exit = Integer.parseInt(line.substring("[exit status ".length(), line.length() - 1));
            } else if (command != null) {
                out.add(line);
            }
        }
        return new PeerTranscript(steps);
    }

    private static List<String> trim(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        return List.copyOf(lines.subList(0, end));
    }
}
