package dev.ocxlpmem.audit.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The scripts Karaf's console runs as each session starts ({@code karaf.shell.init.script},
 * {@code karaf.exec.init.script}: file names under {@code karaf.etc}, globs allowed, as Karaf's
 * FilesStream reads them). Karaf reports their runs as commands of the session's user, after its
 * parser has reworked spacing and comments; they are told apart by their text without comment lines
 * and whitespace. A user's command that equals one of them does no more than the script does.
 */
final class InitScripts {
    private InitScripts() {
    }

    /** Whether {@code command} is the text of one of the init scripts as they are now. */
    static boolean isOne(String command) {
        String text = essence(command);
        for (String names : new String[] {System.getProperty("karaf.shell.init.script"),
            System.getProperty("karaf.exec.init.script")}) {
            for (Path script : files(names)) {
                try {
                    if (essence(Files.readString(script)).equals(text)) {
                        return true;
                    }
                } catch (IOException e) {
                    // gone: not this one
                }
            }
        }
        return false;
    }

    /** The text without comment lines ({@code //}, {@code #}) and without whitespace. */
    static String essence(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("//") && !l.startsWith("#")) {
                out.append(l.replaceAll("\\s+", ""));
            }
        }
        return out.toString();
    }

    private static Set<Path> files(String names) {
        Set<Path> files = new HashSet<>();
        String etc = System.getProperty("karaf.etc");
        if (names == null || etc == null) {
            return files;
        }
        for (String name : names.split(",")) {
            Path path = Path.of(etc).resolve(name.strip());
            if (!name.contains("*") && !name.contains("?")) {
                files.add(path);
                continue;
            }
            try (DirectoryStream<Path> matches = Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
                matches.forEach(files::add);
            } catch (IOException e) {
                // no such folder
            }
        }
        return files;
    }
}
