package dev.ocxlpmem.jolokia.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The gate's reading of a request: how deep its JSON nests, its query string, its credentials. */
class GateServletTest {

    private static int depth(String json) {
        return GateServlet.depth(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void depthCountsArraysAndObjectsNotBracketsInStrings() {
        assertEquals(0, depth("\"version\""));
        assertEquals(1, depth("{\"type\":\"version\"}"));
        assertEquals(3, depth("[{\"arguments\":[1,2]}]"));
        assertEquals(1, depth("[\"[[[{{{\"]"));
        assertEquals(1, depth("[\"\\\"[[[\"]"));
        assertEquals(5000, depth("[".repeat(5000) + "]".repeat(5000)));
    }

    @Test
    void queryParametersInOrderDecoded() {
        Map<String, String[]> p = GateRequest.query("a=1&b=x%20y&a=2&c&&ignoreErrors=true");
        assertArrayEquals(new String[] {"1", "2"}, p.get("a"));
        assertArrayEquals(new String[] {"x y"}, p.get("b"));
        assertArrayEquals(new String[] {""}, p.get("c"));
        assertArrayEquals(new String[] {"true"}, p.get("ignoreErrors"));
        assertEquals(0, GateRequest.query(null).size());
        assertThrows(IllegalArgumentException.class, () -> GateRequest.query("a=%zz"));
    }

    @Test
    void basicCredentials() {
        String header = "Basic " + Base64.getEncoder().encodeToString("vera:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"vera", "pa:ss"}, JaasLogin.credentials(header));
        assertArrayEquals(new String[] {"vera", "pa:ss"}, JaasLogin.credentials(header.replace("Basic", "basic")));
        assertNull(JaasLogin.credentials(null));
        assertNull(JaasLogin.credentials("Bearer abc"));
        assertNull(JaasLogin.credentials("Basic ***"));
        assertNull(JaasLogin.credentials("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())));
    }
}
