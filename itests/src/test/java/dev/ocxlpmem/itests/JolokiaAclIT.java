package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Jolokia answers every MBean as JMX over RMI does: the same {@code jmx.acl} rules, argument rules
 * included, for every MBean domain registered in the running Karaf (enumerated, so that a new domain
 * is in the table without anyone adding it) and for every role: viewer (vera), manager (max), admin
 * (karaf) and a user without any role (nora); outside dev.ocxlpmem a manager may what a viewer may,
 * as on the console. Then the issue's exploits one by one, the kinds of
 * request (bulk, several attributes, search, list, version), cross-origin requests and error
 * replies. The table is printed in the test output.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class JolokiaAclIT extends OcxlpmemTestSupport {
    private static final String[][] USERS = {{"vera", "viewer"}, {"max", "manager"}, {"karaf", "admin"},
        {"nora", "no role"}};
    private static final String ALLOWED_ORIGIN = "http://allowed.example";
    private static final String EVIL_ORIGIN = "http://evil.example";
    private static final ObjectName MEMORY = name("java.lang:type=Memory");
    static final ObjectName CONFIG = name("org.apache.karaf:type=config,name=root");
    private static final ObjectName BUNDLES = name("org.apache.karaf:type=bundle,name=root");
    private static final ObjectName LOG = name("org.apache.karaf:type=log,name=root");
    private static final ObjectName HOTSPOT = name("com.sun.management:type=HotSpotDiagnostic");
    private static final String CARD_PID = CARD_FACTORY_PID + "~default";

    /** Operations the domain table never runs, whatever the role: they would end the test's Karaf. */
    private static final Pattern NEVER_RUN = Pattern.compile("(?i).*(halt|reboot|shutdown|restart|kill|exit).*");
    /** Parameter types the table can give a harmless value: a name that matches nothing, -1, false. */
    private static final Set<String> SIMPLE = Set.of("java.lang.String", "boolean", "int", "long",
            "java.lang.Boolean", "java.lang.Integer", "java.lang.Long");

    /** What was tried and what each path answered, for the table. */
    private static final Map<String, String> TABLE = new LinkedHashMap<>();

    @Inject
    protected BundleContext bundleContext;

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "max", "max,_g_:managergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "nora", "nora"));
        options.add(editConfigurationFilePut("etc/dev.ocxlpmem.jolokia.cfg", "allowedOrigins", ALLOWED_ORIGIN));
        // Jolokia's own registration on, as in an etc/ that ./start kept from before: the gate turns it off
        options.add(editConfigurationFilePut("etc/org.jolokia.osgi.cfg", "org.jolokia.listenForHttpService", "true"));
        // an attribute a viewer may not read, for the read of several attributes
        options.add(editConfigurationFilePut("etc/jmx.acl.java.lang.Memory.cfg", "isVerbose", "admin"));
        return options.toArray(new Option[0]);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    enum Answer {
        ALLOWED, REFUSED
    }

    /** An answer and what came with it (the value's type or the error), for the table. */
    record Outcome(Answer answer, String detail) {
        @Override
        public String toString() {
            return answer.name().toLowerCase() + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** One read, write or operation on one MBean, with the arguments both paths send. */
    record Probe(String kind, ObjectName mbean, String member, String[] signature, Object[] args) {
        String what() {
            return switch (kind) {
                case "read" -> "read " + mbean + " " + member;
                case "write" -> "write " + mbean + " " + member + " = " + args[0];
                default -> "exec " + mbean + " " + member + "(" + String.join(",", signature) + ")"
                        + Arrays.toString(args);
            };
        }

        String jolokia() {
            StringBuilder json = new StringBuilder("{\"mbean\":").append(JolokiaHttp.quote(mbean.toString()));
            switch (kind) {
                case "read" -> json.append(",\"type\":\"read\",\"attribute\":").append(JolokiaHttp.quote(member));
                case "write" -> json.append(",\"type\":\"write\",\"attribute\":").append(JolokiaHttp.quote(member))
                        .append(",\"value\":").append(JolokiaHttp.literal(args[0]));
                default -> json.append(",\"type\":\"exec\",\"operation\":")
                        .append(JolokiaHttp.quote(member + "(" + String.join(",", signature) + ")"))
                        .append(",\"arguments\":[").append(Arrays.stream(args).map(JolokiaHttp::literal)
                                .collect(Collectors.joining(","))).append(']');
            }
            return json.append('}').toString();
        }

        Object rmi(MBeanServerConnection mbs) throws Exception {
            return switch (kind) {
                case "read" -> mbs.getAttribute(mbean, member);
                case "write" -> {
                    mbs.setAttribute(mbean, new Attribute(member, args[0]));
                    yield null;
                }
                default -> mbs.invoke(mbean, member, args, signature);
            };
        }
    }

    private JolokiaHttp http() throws IOException {
        return new JolokiaHttp(String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null)
                .getProperties().get("org.osgi.service.http.port")));
    }

    /** Each user's RMI connection; none for a user the connector does not let in (no role). */
    private final class RmiUsers implements AutoCloseable {
        private final List<JMXConnector> opened = new ArrayList<>();
        private final Map<String, MBeanServerConnection> connections = new HashMap<>();

        RmiUsers() throws Exception {
            for (String[] user : USERS) {
                try {
                    JMXConnector connector = user[0].equals("nora")
                            ? JMXConnectorFactory.connect(new JMXServiceURL(jmxServiceUrl()),
                                    Map.of(JMXConnector.CREDENTIALS, new String[] {"nora", "nora"}))
                            : jmxConnect(user[0], user[0]);
                    opened.add(connector);
                    connections.put(user[0], connector.getMBeanServerConnection());
                } catch (SecurityException e) {
                    connections.put(user[0], null);
                }
            }
        }

        MBeanServerConnection get(String user) {
            return connections.get(user);
        }

        @Override
        public void close() throws IOException {
            for (JMXConnector c : opened) {
                c.close();
            }
        }
    }

    private static Outcome overRmi(MBeanServerConnection mbs, Probe probe) {
        if (mbs == null) {
            return new Outcome(Answer.REFUSED, "login refused");
        }
        try {
            Object value = probe.rmi(mbs);
            return new Outcome(Answer.ALLOWED, value == null ? "" : value.getClass().getSimpleName());
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SecurityException) {
                    return new Outcome(Answer.REFUSED, String.valueOf(t.getMessage()));
                }
            }
            return new Outcome(Answer.ALLOWED, "failed: " + e.getClass().getSimpleName());
        }
    }

    private static Outcome overJolokia(JolokiaHttp http, String user, String json) throws IOException {
        JolokiaHttp.Reply reply = http.post(user, json);
        if (reply.status() == 401 || reply.status() == 403) {
            return new Outcome(Answer.REFUSED, "HTTP " + reply.status());
        }
        assertEquals(reply.body(), 200, reply.status());
        Map<String, Object> answer = Json.object(Json.parse(reply.body()), reply.body());
        Object status = answer.get("status");
        if (Long.valueOf(403).equals(status)) {
            return new Outcome(Answer.REFUSED, String.valueOf(answer.get("error")));
        }
        if (Long.valueOf(200).equals(status)) {
            Object value = answer.get("value");
            return new Outcome(Answer.ALLOWED, value == null ? "" : value.getClass().getSimpleName());
        }
        return new Outcome(Answer.ALLOWED, "failed: " + answer.get("error_type"));
    }

    /** The first readable, writable (written back with its value) and runnable member of each domain. */
    private static List<Probe> probes(MBeanServerConnection admin, String domain) throws Exception {
        List<ObjectName> names = new ArrayList<>(admin.queryNames(new ObjectName(domain + ":*"), null));
        names.sort(Comparator.comparing(ObjectName::getCanonicalName));
        Probe read = null;
        Probe write = null;
        Probe operation = null;
        for (ObjectName mbean : names) {
            var info = admin.getMBeanInfo(mbean);
            MBeanAttributeInfo[] attributes = info.getAttributes().clone();
            Arrays.sort(attributes, Comparator.comparing(MBeanAttributeInfo::getName));
            for (MBeanAttributeInfo a : attributes) {
                boolean wanted = read == null || (write == null && a.isWritable());
                if (!wanted || !a.isReadable() || !SIMPLE.contains(a.getType())) {
                    continue;
                }
                Object value;
                try {
                    value = admin.getAttribute(mbean, a.getName());
                } catch (Exception e) {
                    continue; // unsupported here (a pool without a threshold): the next one
                }
                if (read == null) {
                    read = new Probe("read", mbean, a.getName(), null, null);
                }
                if (write == null && a.isWritable() && value != null) {
                    write = new Probe("write", mbean, a.getName(), new String[] {a.getType()}, new Object[] {value});
                }
            }
            MBeanOperationInfo[] operations = info.getOperations().clone();
            Arrays.sort(operations, Comparator.comparing((MBeanOperationInfo o) -> o.getName())
                    .thenComparing(o -> signature(o).toString()));
            for (MBeanOperationInfo o : operations) {
                List<String> signature = signature(o);
                if (operation == null && !signature.isEmpty() && SIMPLE.containsAll(signature)
                        && !NEVER_RUN.matcher(o.getName()).matches()) {
                    operation = new Probe("exec", mbean, o.getName(), signature.toArray(new String[0]),
                            signature.stream().map(JolokiaAclIT::harmless).toArray());
                }
            }
        }
        List<Probe> probes = new ArrayList<>();
        for (Probe p : new Probe[] {read, write, operation}) {
            if (p != null) {
                probes.add(p);
            }
        }
        return probes;
    }

    private static List<String> signature(MBeanOperationInfo o) {
        return Arrays.stream(o.getSignature()).map(MBeanParameterInfo::getType).collect(Collectors.toList());
    }

    private static Object harmless(String type) {
        return switch (type) {
            case "java.lang.String" -> "ocxlpmem-itest-none";
            case "boolean", "java.lang.Boolean" -> Boolean.FALSE;
            case "int", "java.lang.Integer" -> -1;
            default -> -1L;
        };
    }

    @Test
    public void a_everyDomainAnswersTheSameOverRmiAndJolokia() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        JolokiaHttp http = http();
        List<String> wrong = new ArrayList<>();
        try (RmiUsers rmi = new RmiUsers()) {
            MBeanServerConnection admin = rmi.get("karaf");
            Set<String> domains = new TreeSet<>(Arrays.asList(admin.getDomains()));
            for (String domain : domains) {
                List<Probe> probes = probes(admin, domain);
                if (probes.isEmpty()) {
                    TABLE.put(domain + " | (no readable, writable or runnable member of a simple type)", "");
                }
                for (Probe probe : probes) {
                    Answer viewers = null;
                    for (String[] user : USERS) {
                        Outcome overRmi = overRmi(rmi.get(user[0]), probe);
                        Outcome overJolokia = overJolokia(http, user[0], probe.jolokia());
                        TABLE.put(domain + " | " + probe.what() + " | " + user[1],
                                "RMI " + overRmi + " | Jolokia " + overJolokia);
                        if (overRmi.answer() != overJolokia.answer()) {
                            wrong.add(probe.what() + " as " + user[1] + ": RMI " + overRmi + ", Jolokia " + overJolokia);
                        }
                        if (user[0].equals("nora") && overJolokia.answer() != Answer.REFUSED) {
                            wrong.add(probe.what() + ": a user without a role got " + overJolokia);
                        }
                        if (probe.kind().equals("write") && user[0].equals("vera") && overJolokia.answer() != Answer.REFUSED) {
                            wrong.add(probe.what() + ": a viewer wrote an attribute");
                        }
                        if (user[0].equals("vera")) {
                            viewers = overRmi.answer();
                        }
                        // the console's model: a manager adds the dev.ocxlpmem operations to what a viewer may
                        if (user[0].equals("max") && !domain.equals("dev.ocxlpmem") && overRmi.answer() != viewers) {
                            wrong.add(probe.what() + ": a manager got " + overRmi + ", a viewer " + viewers);
                        }
                    }
                }
            }
            assertTrue("domains seen: " + domains, domains.containsAll(Set.of("dev.ocxlpmem", "java.lang",
                    "org.apache.karaf", "osgi.core", "osgi.compendium", "jolokia")));
        }
        assertTrue("RMI and Jolokia answered differently:\n  " + String.join("\n  ", wrong), wrong.isEmpty());
    }

    /** One row of the issue's list: the same refusal on both paths, for each role given. */
    private void exploit(JolokiaHttp http, RmiUsers rmi, List<String> wrong, Probe probe,
            Answer expected, String... users) throws IOException {
        for (String user : users) {
            Outcome overRmi = overRmi(rmi.get(user), probe);
            Outcome overJolokia = overJolokia(http, user, probe.jolokia());
            String role = Arrays.stream(USERS).filter(u -> u[0].equals(user)).findFirst().orElseThrow()[1];
            TABLE.put("exploit | " + probe.what() + " | " + role, "RMI " + overRmi + " | Jolokia " + overJolokia);
            if (overRmi.answer() != expected || overJolokia.answer() != expected) {
                wrong.add(probe.what() + " as " + role + ": expected " + expected + ", RMI " + overRmi + ", Jolokia "
                        + overJolokia);
            }
        }
    }

    @Test
    public void b_theIssuesExploitsAreRefusedOnBothPaths() throws Exception {
        JolokiaHttp http = http();
        List<String> wrong = new ArrayList<>();
        String[] string3 = {"java.lang.String", "java.lang.String", "java.lang.String"};
        try (RmiUsers rmi = new RmiUsers()) {
            MBeanServerConnection admin = rmi.get("karaf");
            ObjectName framework = admin.queryNames(new ObjectName("osgi.core:type=framework,*"), null).iterator().next();
            long memory = Arrays.stream(bundleContext.getBundles())
                    .filter(b -> "dev.ocxlpmem.memory".equals(b.getSymbolicName())).findFirst()
                    .map(Bundle::getBundleId).orElseThrow();
            String level = String.valueOf(admin.getAttribute(LOG, "Level"));

            exploit(http, rmi, wrong, new Probe("exec", CONFIG, "delete", new String[] {"java.lang.String"},
                    new Object[] {CARD_PID}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", CONFIG, "setProperty", string3,
                    new Object[] {"org.apache.karaf.command.acl.ndctl", "destroy-namespace", "viewer"}),
                    Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", framework, "stopBundle", new String[] {"long"},
                    new Object[] {memory}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", framework, "installBundle", new String[] {"java.lang.String"},
                    new Object[] {"file:/nonexistent/ocxlpmem-itest.jar"}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", BUNDLES, "stop", new String[] {"java.lang.String"},
                    new Object[] {String.valueOf(memory)}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("write", LOG, "Level", new String[] {"java.lang.String"},
                    new Object[] {level}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", LOG, "setLevel", new String[] {"java.lang.String",
                "java.lang.String"}, new Object[] {"ROOT", level}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("write", MEMORY, "Verbose", new String[] {"boolean"},
                    new Object[] {false}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", MEMORY, "gc", new String[0], new Object[0]),
                    Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", HOTSPOT, "setVMOption",
                    new String[] {"java.lang.String", "java.lang.String"},
                    new Object[] {"HeapDumpOnOutOfMemoryError", "false"}), Answer.REFUSED, "vera", "max", "nora");
            // a manager's operations are the dev.ocxlpmem ones (as on the console); Karaf's are admin's
            exploit(http, rmi, wrong, new Probe("exec", CONFIG, "setProperty", string3,
                    new Object[] {"ocxlpmem.itest.scratch", "key", "value"}), Answer.REFUSED, "vera", "max", "nora");
            exploit(http, rmi, wrong, new Probe("exec", MEMORY, "gc", new String[0], new Object[0]),
                    Answer.ALLOWED, "karaf");
            exploit(http, rmi, wrong, new Probe("exec", CONFIG, "setProperty", string3,
                    new Object[] {"ocxlpmem.itest.scratch", "key", "value"}), Answer.ALLOWED, "karaf");
            admin.invoke(CONFIG, "delete", new Object[] {"ocxlpmem.itest.scratch"}, new String[] {"java.lang.String"});
            assertTrue("exploits not refused as over RMI:\n  " + String.join("\n  ", wrong), wrong.isEmpty());
            assertNotNull("the card's configuration is still there",
                    configurationAdmin.listConfigurations("(service.pid=" + CARD_PID + ")"));
            assertEquals(Bundle.ACTIVE, bundleContext.getBundle(memory).getState());
        }
    }

    @Test
    public void c_everyKindOfRequest() throws Exception {
        JolokiaHttp http = http();
        for (String path : new String[] {"version", "search/java.lang:*", "list/java.lang/type=Memory",
            "read/java.lang:type=Memory/HeapMemoryUsage"}) {
            assertEquals(path, 200, http.get("vera", path).jolokiaStatus());
            JolokiaHttp.Reply none = http.get("nora", path);
            TABLE.put("kinds | GET " + path + " | no role", "HTTP " + none.status());
            assertEquals(path + " as a user without a role: " + none.body(), 403, none.status());
            assertEquals(path + " without credentials", 401, http.get(null, path).status());
        }
        // a bulk request: each request in it is judged on its own
        JolokiaHttp.Reply bulk = http.post("vera", "[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                + "\"attribute\":\"HeapMemoryUsage\"},{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\","
                + "\"operation\":\"gc\"},{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\","
                + "\"attribute\":\"Verbose\",\"value\":false}]");
        List<Object> answers = Json.array(Json.parse(bulk.body()), bulk.body());
        List<Object> statuses = answers.stream().map(a -> Json.object(a, bulk.body()).get("status")).toList();
        TABLE.put("kinds | bulk [read HeapMemoryUsage, exec gc, write Verbose] | viewer", "statuses " + statuses);
        assertEquals(bulk.body(), List.of(200L, 403L, 403L), statuses);

        // several attributes in one read: refused if one of them is (jmx.acl here: isVerbose = admin)
        String both = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":[\"HeapMemoryUsage\",";
        long readable = http.post("vera", both + "\"ObjectPendingFinalizationCount\"]}").jolokiaStatus();
        long oneRefused = http.post("vera", both + "\"Verbose\"]}").jolokiaStatus();
        long admin = http.post("karaf", both + "\"Verbose\"]}").jolokiaStatus();
        TABLE.put("kinds | read [HeapMemoryUsage, ObjectPendingFinalizationCount] | viewer", "status " + readable);
        TABLE.put("kinds | read [HeapMemoryUsage, Verbose] (isVerbose = admin) | viewer", "status " + oneRefused);
        TABLE.put("kinds | read [HeapMemoryUsage, Verbose] (isVerbose = admin) | admin", "status " + admin);
        assertEquals(200, readable);
        assertEquals(403, oneRefused);
        assertEquals(200, admin);
        try (RmiUsers rmi = new RmiUsers()) {
            MBeanServerConnection vera = rmi.get("vera");
            Outcome overRmi = overRmi(vera, new Probe("read", MEMORY, "Verbose", null, null));
            TABLE.put("kinds | read Verbose (isVerbose = admin) | viewer", "RMI " + overRmi + " | Jolokia "
                    + http.get("vera", "read/java.lang:type=Memory/Verbose").jolokiaStatus());
            assertEquals(Answer.REFUSED, overRmi.answer());
            assertEquals(403, http.get("vera", "read/java.lang:type=Memory/Verbose").jolokiaStatus());
        }
    }

    @Test
    public void d_crossOriginRequestsAreRefusedUnlessTheOriginIsAllowed() throws Exception {
        JolokiaHttp http = http();
        String port = String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port"));

        JolokiaHttp.Reply evil = http.get("vera", "version", "Origin", EVIL_ORIGIN);
        TABLE.put("cors | GET version, Origin " + EVIL_ORIGIN, "HTTP " + evil.status() + ", Access-Control-Allow-Origin "
                + evil.header("Access-Control-Allow-Origin"));
        assertEquals(evil.body(), 403, evil.status());
        assertNull(evil.header("Access-Control-Allow-Origin"));

        JolokiaHttp.Reply allowed = http.get("vera", "version", "Origin", ALLOWED_ORIGIN);
        TABLE.put("cors | GET version, Origin " + ALLOWED_ORIGIN + " (allowedOrigins)", "HTTP " + allowed.status()
                + ", Access-Control-Allow-Origin " + allowed.header("Access-Control-Allow-Origin"));
        assertEquals(200, allowed.jolokiaStatus());
        assertEquals(ALLOWED_ORIGIN, allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));

        JolokiaHttp.Reply same = http.get("vera", "version", "Origin", "http://localhost:" + port);
        assertEquals(same.body(), 200, same.jolokiaStatus());
        assertNull(same.header("Access-Control-Allow-Origin"));

        JolokiaHttp.Reply preflight = http.options("Origin", EVIL_ORIGIN, "Access-Control-Request-Method", "POST");
        TABLE.put("cors | OPTIONS preflight, Origin " + EVIL_ORIGIN, "HTTP " + preflight.status()
                + ", Access-Control-Allow-Origin " + preflight.header("Access-Control-Allow-Origin"));
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        JolokiaHttp.Reply allowedPreflight = http.options("Origin", ALLOWED_ORIGIN,
                "Access-Control-Request-Method", "POST");
        assertEquals(ALLOWED_ORIGIN, allowedPreflight.header("Access-Control-Allow-Origin"));

        // what a page elsewhere makes a browser send without an Origin: a Referer, Sec-Fetch-Site
        JolokiaHttp.Reply referer = http.get("vera", "exec/java.lang:type=Memory/gc", "Referer", EVIL_ORIGIN + "/page");
        JolokiaHttp.Reply crossSite = http.get("vera", "version", "Sec-Fetch-Site", "cross-site");
        TABLE.put("cors | GET, Referer " + EVIL_ORIGIN + "/page", "HTTP " + referer.status());
        TABLE.put("cors | GET, Sec-Fetch-Site cross-site", "HTTP " + crossSite.status());
        assertEquals(referer.body(), 403, referer.status());
        assertEquals(crossSite.body(), 403, crossSite.status());

        // JSONP reads across origins whatever CORS says: refused
        JolokiaHttp.Reply jsonp = http.get("vera", "version?callback=steal");
        TABLE.put("cors | GET version?callback=steal (JSONP)", "HTTP " + jsonp.status());
        assertEquals(jsonp.body(), 400, jsonp.status());
        assertFalse(jsonp.body(), jsonp.body().contains("steal("));
    }

    private static void boundedWithoutStackTrace(String what, JolokiaHttp.Reply reply) {
        TABLE.put("errors | " + what, "HTTP " + reply.status() + ", " + reply.body().length() + " characters: "
                + reply.body().substring(0, Math.min(160, reply.body().length())));
        assertFalse(what + ": " + reply.body(), reply.body().contains("stacktrace") || reply.body().contains("\tat "));
        assertTrue(what + ": a reply of " + reply.body().length() + " characters", reply.body().length() < 8192);
        assertTrue(what + ": " + reply.body(), reply.status() >= 400 || reply.jolokiaStatus() >= 400);
    }

    @Test
    public void e_errorRepliesCarryNoStackTraceAndEchoLittle() throws Exception {
        JolokiaHttp http = http();
        boundedWithoutStackTrace("invalid JSON", http.post("vera", "{\"type\":"));
        boundedWithoutStackTrace("unknown type", http.post("vera", "{\"type\":\"bogus\"}"));
        boundedWithoutStackTrace("malformed ObjectName (GET)", http.get("vera", "read/bad:::name/X"));
        boundedWithoutStackTrace("malformed ObjectName (POST)",
                http.post("vera", "{\"type\":\"read\",\"mbean\":\"bad:::name\",\"attribute\":\"X\"}"));
        boundedWithoutStackTrace("an array 5,000 deep", http.post("vera", "[".repeat(5000) + "]".repeat(5000)));
        String longName = "ocxlpmem.itest:name=" + "x".repeat(900 * 1024);
        boundedWithoutStackTrace("a read of an MBean whose name has 900 KiB",
                http.post("vera", "{\"type\":\"read\",\"mbean\":\"" + longName + "\",\"attribute\":\"X\"}"));
        String tooBig = http.statusOfAnnounced("vera", 2 * 1024 * 1024);
        TABLE.put("errors | a request of 2 MiB", tooBig);
        assertTrue(tooBig, tooBig.startsWith("HTTP/1.1 413 "));
    }

    /**
     * Over RMI only an admin unregisters MBeans (the connector bundle; ConnectorIT), and when an admin
     * takes the guard's holder away, Jolokia is not opened.
     */
    @Test
    public void f_unregisteringTheGuardedServerOverRmiDoesNotOpenJolokia() throws Exception {
        JolokiaHttp http = http();
        String gc = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}";
        ObjectName holder = new ObjectName("jolokia:type=MBeanServer");
        try (JMXConnector vera = jmxConnect("vera", "vera")) {
            vera.getMBeanServerConnection().unregisterMBean(holder);
            throw new AssertionError("a viewer unregistered " + holder + " over RMI");
        } catch (SecurityException e) {
            TABLE.put("guard | a viewer unregisters " + holder + " over RMI", "refused (" + e.getMessage() + ")");
        }
        try (JMXConnector karaf = jmxConnect()) {
            karaf.getMBeanServerConnection().unregisterMBean(holder);
        }
        long first = http.post("vera", gc).jolokiaStatus();
        long read = http.get("vera", "read/java.lang:type=Memory/HeapMemoryUsage").jolokiaStatus();
        long second = http.post("vera", gc).jolokiaStatus();
        TABLE.put("guard | an admin unregisters jolokia:type=MBeanServer over RMI, then a viewer over Jolokia: exec gc, read, exec gc",
                "statuses " + first + ", " + read + ", " + second);
        assertEquals("the first request after it is refused, and the holder put back", 403, first);
        assertEquals(200, read);
        assertEquals("jmx.acl again", 403, second);
    }

    @Test
    public void z_theTable() {
        StringBuilder table = new StringBuilder("Jolokia and RMI, role by role (what | role: answers):\n");
        TABLE.forEach((k, v) -> table.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.println(table);
    }
}
