package dev.ocxlpmem.jolokia.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What of Jolokia's answers {@link BoundedEcho} cuts short, and what it leaves whole. */
class BoundedEchoTest {
    private static final String CUT = "...(100 more characters)";

    private static String through(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BoundedEcho echo = new BoundedEcho(out)) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            echo.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRequestAndTheErrorAreCutTheValueIsNot() throws IOException {
        String x = "x".repeat(300);
        String json = "{\"request\":{\"mbean\":\"" + x + "\",\"type\":\"read\"},\"value\":\"" + x
                + "\",\"error\":\"" + x + "\",\"status\":404}";
        assertEquals("{\"request\":{\"mbean\":\"" + "x".repeat(200) + CUT + "\",\"type\":\"read\"},\"value\":\"" + x
                + "\",\"error\":\"" + "x".repeat(200) + CUT + "\",\"status\":404}", through(json));
    }

    @Test
    void aValueIsWholeAtAnyDepthAndAMemberNamedValueElsewhereIsNot() throws IOException {
        String z = "z".repeat(5000);
        String value = "{\"value\":{\"k\":[\"" + z + "\",{\"request\":\"" + z + "\"}]},\"status\":200}";
        assertEquals(value, through(value));
        String x = "x".repeat(300);
        assertEquals("{\"request\":{\"value\":\"" + "x".repeat(200) + CUT + "\"}}",
                through("{\"request\":{\"value\":\"" + x + "\"}}"));
    }

    @Test
    void eachResponseOfABulkAnswer() throws IOException {
        String x = "x".repeat(300);
        String json = "[{\"request\":{\"a\":\"" + x + "\"},\"value\":\"" + x + "\"},{\"error\":\"" + x + "\"}]";
        assertEquals("[{\"request\":{\"a\":\"" + "x".repeat(200) + CUT + "\"},\"value\":\"" + x + "\"},{\"error\":\""
                + "x".repeat(200) + CUT + "\"}]", through(json));
    }

    @Test
    void anEscapeIsOneCharacterAndIsNeverCutInTwo() throws IOException {
        String kept = "a".repeat(199) + "\\u00e9";
        assertEquals("{\"error\":\"" + kept + "...(10 more characters)\"}",
                through("{\"error\":\"" + kept + "b".repeat(10) + "\"}"));
        assertEquals("{\"error\":\"" + "a".repeat(200) + "...(2 more characters)\"}",
                through("{\"error\":\"" + "a".repeat(200) + "\\\"b\"}"));
    }

    @Test
    void charactersNotBytesAndNoCharacterCutInTwo() throws IOException {
        assertEquals("{\"error\":\"" + "é".repeat(200) + CUT + "\"}", through("{\"error\":\"" + "é".repeat(300) + "\"}"));
    }

    @Test
    void shortStringsNumbersAndLiteralsPassAsTheyAre() throws IOException {
        String json = "{\"request\":{\"type\":\"version\"},\"value\":{\"agent\":\"1.7.1\"},\"timestamp\":1,"
                + "\"status\":200,\"ok\":true,\"none\":null}";
        assertEquals(json, through(json));
    }
}
