package dev.ocxlpmem.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code ndctl:list}'s own part: Karaf's help and the note for what only {@code -i} shows (the walk is the ndctl service's). */
class ListCommandTest {

    @Test
    void helpLooksLikeKarafs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ListCommand.help(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String help = bytes.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        assertTrue(help.startsWith("DESCRIPTION\n        ndctl:list\n\n\tList nvdimm buses"), help);
        assertTrue(help.contains("\nSYNTAX\n        ndctl:list [options]\n"), help);
        assertTrue(help.contains("\n        -B, --buses\n                include bus info\n"), help);
        assertTrue(help.contains("-r, --region <region-id>"), help);
    }

    @Test
    void theHiddenNoteNamesWhatIsDisabled() {
        assertEquals("nmem0 is disabled; use -i to list it", ListCommand.hiddenNote(List.of("nmem0")));
        assertEquals("region0, region1 are disabled; use -i to list them",
                ListCommand.hiddenNote(List.of("region0", "region1")));
    }
}
