package dev.ocxlpmem.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.standalone.NamespaceLifecycle;
import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * The namespace commands and {@code ndctl:list -N} on a real one-DIMM bus with the lifecycle, run
 * as the console runs them: JSON on standard output, ndctl's summaries on standard error, refusals
 * as {@link CommandException}.
 */
class NamespaceCommandsTest {
    private final OneDimmBus card = OneDimmBus.blank(131072, 0x12345);
    private Ndctl ndctl;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void labeledCard() throws Exception {
        LabelStore store = ConfigDataLabels.store();
        ndctl = LibNdctl.over(card.core(), store, NamespaceLifecycle.attach(card.core(), store, LinuxBtt.driver()));
        ndctl.disableRegion("region0");
        ndctl.initLabels("nmem0", LabelVersion.V1_2, true);
        ndctl.enableRegion("region0");
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        System.setOut(stdout);
        System.setErr(stderr);
        card.close();
    }

    private String list(String... args) throws NvdimmException {
        return ndctl.list(ListRequest.parse(List.of(args))).json();
    }

    /** Runs a command; returns its standard output, and leaves its standard error in {@link #err}. */
    private String run(Object command) throws Exception {
        out.reset();
        err.reset();
        ((org.apache.karaf.shell.api.action.Action) command).execute();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Standard error without the log's lines (the test's SLF4J logger writes there too). */
    private String errors() {
        return err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("[main] "))
                .map(l -> l + "\n").reduce("", String::concat);
    }

    private CreateNamespaceCommand create(String mode, String size, String name) {
        CreateNamespaceCommand c = new CreateNamespaceCommand();
        c.ndctl = ndctl;
        c.mode = mode;
        c.size = size;
        c.name = name;
        return c;
    }

    private <T extends NamespacesCommand> T over(T command, String... names) {
        command.ndctl = ndctl;
        command.names = List.of(names);
        return command;
    }

    @Test
    void theSessionOfTheIssueAsTheConsolePrintsIt() throws Exception {
        String db = run(create("fsdax", "128M", "db"));
        NamespaceInfo made = ndctl.namespace("0.0");
        assertEquals("""
                {
                  "dev":"namespace0.0",
                  "mode":"fsdax",
                  "map":"dev",
                  "size":130023424,
                  "uuid":"%s",
                  "sector_size":512,
                  "align":2097152,
                  "blockdev":"pmem0",
                  "name":"db"
                }
                """.formatted(made.listing().uuid()), db);
        run(create("devdax", "64M", null));
        run(create("raw", "32M", "scratch"));
        assertEquals(List.of("namespace0.0", "namespace0.1", "namespace0.2"),
                ndctl.namespaces(false).stream().map(NamespaceInfo::dev).toList());

        CreateNamespaceCommand reconfigure = create("fsdax", null, null);
        reconfigure.reconfigure = "namespace0.2";
        CommandException refused = assertThrows(CommandException.class, () -> run(reconfigure));
        assertEquals("failed to reconfigure namespace: namespace0.2 is active, specify --force for re-configuration",
                refused.getMessage());
        reconfigure.force = true;
        assertTrue(run(reconfigure).contains("\"mode\":\"fsdax\""));

        run(over(new DisableNamespaceCommand(), "namespace0.1"));
        assertEquals("disabled 1 namespace\n", errors());
        DestroyNamespaceCommand destroy = over(new DestroyNamespaceCommand(), "namespace0.1");
        destroy.force = true;
        run(destroy);
        assertEquals("destroyed 1 namespace\n", errors());

        run(over(new DisableNamespaceCommand(), "0.0"));
        ReadInfoblockCommand read = over(new ReadInfoblockCommand(), "namespace0.0");
        read.json = true;
        String block = run(read);
        assertTrue(block.startsWith("[\n  {\n    \"dev\":\"namespace0.0\",\n    \"signature\":\"NVDIMM_PFN_INFO\","), block);
        assertTrue(block.contains("\"dataoff\":4194304,"), block);
        assertEquals("read 1 infoblock\n", errors());
        run(over(new CheckNamespaceCommand(), "namespace0.0"));
        assertTrue(errors().startsWith("namespace0.0: NVDIMM_PFN_INFO (fsdax) valid"), errors());
        assertTrue(errors().endsWith("checked 1 namespace\n"), errors());
        run(over(new EnableNamespaceCommand(), "all"));
        assertEquals("enabled 2 namespaces\n", errors());
    }

    @Test
    void refusalsSayWhy() throws Exception {
        CommandException e = assertThrows(CommandException.class, () -> run(create("fsdax", "20M", null)));
        assertTrue(e.getMessage().startsWith("failed to create namespace: region0: align setting is 0x1000000 size "
                + "0x1400000 is misaligned"), e.getMessage());
        e = assertThrows(CommandException.class, () -> run(create("foo", "16M", null)));
        assertEquals("failed to create namespace: invalid mode 'foo': use raw, sector, fsdax or devdax", e.getMessage());
        e = assertThrows(CommandException.class, () -> run(over(new DisableNamespaceCommand(), "namespace0.5")));
        assertTrue(e.getMessage().startsWith("no namespace 'namespace0.5'"), e.getMessage());
        assertEquals("", errors(), "an unknown name fails before anything is done");
        run(create("raw", "16M", null));
        e = assertThrows(CommandException.class, () -> run(over(new DestroyNamespaceCommand(), "0.0")));
        assertEquals("namespace0.0 is active, specify --force for re-configuration", e.getMessage());
        assertEquals("destroyed 0 namespaces\n", errors());
        e = assertThrows(CommandException.class, () -> run(over(new ReadInfoblockCommand(), "0.0")));
        assertTrue(e.getMessage().contains("namespace0.0 is enabled"), e.getMessage());
    }

    @Test
    void listShowsNamespacesAsNdctlDoes() throws Exception {
        assertEquals("", list(), "no namespace enabled: nothing");
        String region = list("-R");
        assertEquals(region, list("-RN"), "regions without namespaces are a plain array");
        run(create("raw", "64M", "A"));
        run(create("fsdax", "16M", null));
        NamespaceInfo a = ndctl.namespace("0.0");
        String rawA = """
                  {
                    "dev":"namespace0.0",
                    "mode":"raw",
                    "size":67108864,
                    "uuid":"%s",
                    "sector_size":512,
                    "blockdev":"pmem0",
                    "name":"A"
                  }""".formatted(a.labelUuid());
        String listed = list();
        assertEquals(listed, list("-N"), "namespaces by default");
        assertTrue(listed.startsWith("[\n" + rawA.indent(2).stripTrailing() + ",\n  {\n    \"dev\":\"namespace0.1\",\n"
                + "    \"mode\":\"fsdax\","), listed);
        String rn = list("-RN");
        assertTrue(rn.startsWith("{\n  \"regions\":[\n    {\n      \"dev\":\"region0\","), rn);
        assertTrue(rn.contains("\"persistence_domain\":\"unknown\",\n      \"namespaces\":[\n        {\n"
                + "          \"dev\":\"namespace0.0\","), rn);
        assertTrue(list("-Ni").contains("\"dev\":\"namespace0.2\",\n    \"mode\":\"raw\",\n    \"size\":0,\n"
                + "    \"uuid\":\"00000000-0000-0000-0000-000000000000\",\n    \"sector_size\":512,\n"
                + "    \"state\":\"disabled\""), "the seed with -i:\n" + list("-Ni"));
        assertEquals(rawA.replace("\"size\":67108864", "\"size\":\"64.00 MiB (67.11 MB)\""), list("-Nun", "0.0"),
                "a lone one with -u: no array");
        assertTrue(list("-m", "fsdax").contains("namespace0.1") && !list("-m", "fsdax").contains("namespace0.0"));
        assertTrue(list("-v").contains("\"raw_uuid\":\"" + ndctl.namespace("0.1").labelUuid() + "\""));
        String dn = list("-DN");
        assertTrue(dn.startsWith("{\n  \"dimms\":[") && dn.contains("\n  \"namespaces\":[\n"), dn);
        String bn = list("-BN");
        assertTrue(bn.contains("\"dev\":\"ndbus0\",\n    \"namespaces\":[\n"), bn);
        ndctl.disableNamespace("0.1");
        assertTrue(!list().contains("namespace0.1"), "disabled ones need -i");
        assertThrows(NvdimmException.class, () -> list("-n", "0.9"));
        assertThrows(NvdimmException.class, () -> list("-m", "foo"));
    }
}
