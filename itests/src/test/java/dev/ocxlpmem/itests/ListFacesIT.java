package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

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
 * {@code ndctl:list} over ssh ({@code bin/client}), the Nvdimm MBean's {@code list} over JMX RMI and
 * over Jolokia give the same JSON for the same flags, to a viewer (vera), as issue 18 promises
 * script writers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ListFacesIT extends OcxlpmemTestSupport {
    private static final ObjectName NVDIMM = objectName("dev.ocxlpmem:type=Nvdimm");
    private static final String[] SIGNATURE = {"java.lang.String"};

    /** The flag sets compared, and a piece of what each must show, so that none passes on an empty listing. */
    private static final String[][] FLAGS = {
        {"-BDRNH", "\"health_state\":\"ok\""},
        {"-DRu", "\"size\":\"1024.00 MiB (1073.74 MB)\""},
        {"-r region0 -N", "\"name\":\"listed\""},
        {"-Ni", "\"mode\":\"raw\",\n    \"size\":0"},
        {"-d nmem0 -DFH", "\"firmware\":"},
        {"-n 0.0 -v", "\"raw_uuid\""},
        {"--mode=fsdax --human", "\"mode\":\"fsdax\""},
        {"-BDRNMiv", "\"name\":\"idle\""},
        {"", "\"dev\":\"namespace0.0\""}};

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        return options.toArray(new Option[0]);
    }

    private String jolokiaPort() throws Exception {
        return String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port"));
    }

    /** What {@code bin/client} printed, without the terminal's carriage returns and the final newline. */
    private String ssh(String flags) throws Exception {
        ClientResult result = client("vera", "vera", ("ndctl:list " + flags).trim());
        assertEquals("ndctl:list " + flags + " over ssh: " + result.output(), 0, result.status());
        return result.output().replace("\r\n", "\n").stripTrailing();
    }

    private static String jolokia(JolokiaHttp http, String flags) throws Exception {
        JolokiaHttp.Reply reply = http.post("vera", "{\"type\":\"exec\",\"mbean\":" + JolokiaHttp.quote(NVDIMM.toString())
                + ",\"operation\":\"list(java.lang.String)\",\"arguments\":[" + JolokiaHttp.quote(flags) + "]}");
        assertEquals("list " + flags + " over Jolokia: " + reply.body(), 200L, reply.jolokiaStatus());
        return (String) Json.object(Json.parse(reply.body()), "reply").get("value");
    }

    @Test
    public void a_namespacesToList() {
        initialiseLabels();
        executeCommand("ndctl:create-namespace -r region0 -m fsdax -s 64M -n listed");
        executeCommand("ndctl:create-namespace -r region0 -m raw -s 32M -n idle");
        executeCommand("ndctl:disable-namespace namespace0.1");
    }

    @Test
    public void b_sshJmxAndJolokiaPrintTheSameJson() throws Exception {
        JolokiaHttp http = new JolokiaHttp(jolokiaPort());
        try (JMXConnector connector = jmxConnect("vera", "vera")) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            for (String[] set : FLAGS) {
                String flags = set[0];
                String console = ssh(flags);
                assertTrue("ndctl:list " + flags + " shows " + set[1] + ":\n" + console, console.contains(set[1]));
                assertEquals("JMX RMI list(\"" + flags + "\")", console,
                        mbs.invoke(NVDIMM, "list", new Object[] {flags}, SIGNATURE));
                assertEquals("Jolokia list(\"" + flags + "\")", console, jolokia(http, flags));
            }
            assertNotEquals(ssh("-BDRNH"), ssh("-BDRN"));
        }
    }

    @Test
    public void c_mistakesAreTheSameClearErrorEverywhere() throws Exception {
        JolokiaHttp http = new JolokiaHttp(jolokiaPort());
        try (JMXConnector connector = jmxConnect("vera", "vera")) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            for (String[] mistake : new String[][] {{"-r region9", "no region 'region9': there is region0"},
                {"-BQ", "ndctl:list: unknown option -Q; see ndctl:list --help"}}) {
                ClientResult console = client("vera", "vera", "ndctl:list " + mistake[0]);
                assertEquals(console.output(), 1, console.status());
                assertTrue(console.output(), console.output().contains(mistake[1]));
                assertFalse(console.output(), console.output().contains("\tat "));
                try {
                    mbs.invoke(NVDIMM, "list", new Object[] {mistake[0]}, SIGNATURE);
                    throw new AssertionError("JMX list(\"" + mistake[0] + "\") should have failed");
                } catch (javax.management.RuntimeMBeanException e) {
                    assertEquals(mistake[1], e.getCause().getMessage());
                }
                JolokiaHttp.Reply reply = http.post("vera", "{\"type\":\"exec\",\"mbean\":"
                        + JolokiaHttp.quote(NVDIMM.toString()) + ",\"operation\":\"list\",\"arguments\":["
                        + JolokiaHttp.quote(mistake[0]) + "]}");
                Map<String, Object> answer = Json.object(Json.parse(reply.body()), "reply");
                assertTrue(reply.body(), String.valueOf(answer.get("error")).contains(mistake[1]));
            }
        }
    }
}
