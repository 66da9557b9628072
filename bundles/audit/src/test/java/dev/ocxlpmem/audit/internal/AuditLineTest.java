package dev.ocxlpmem.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A line of the trail is one line, splits back into its six fields, and is bounded. */
class AuditLineTest {

    @Test
    void timeInUtcToTheMillisecondAndSixFields() {
        AuditLine line = new AuditLine(0L, "vera", "jmx (127.0.0.1)", "gc()", "java.lang:type=Memory", "ok");
        assertEquals("1970-01-01T00:00:00.000Z | vera | jmx (127.0.0.1) | gc() | java.lang:type=Memory | ok",
                line.toString());
    }

    @Test
    void separatorsBackslashesAndControlCharactersAreEscaped() {
        String text = "a|b\\c\nd\re\tf\u0007g\u007f";
        String line = new AuditLine(1L, "u", "p", text, "t", "o").toString();
        assertEquals(1, line.lines().count());
        assertEquals("a\\|b\\\\c\\nd\\re\\tf\\x07g\\x7f", AuditLine.field(text));
        assertEquals(6, line.split(" \\| ").length);
    }

    @Test
    void aFieldIsCutAfterAThousandCharacters() {
        assertEquals("x".repeat(1000) + "...(500 more characters)", AuditLine.field("x".repeat(1500)));
    }
}
