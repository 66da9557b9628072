package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivilegedExceptionAction;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.standalone.NamespaceLifecycle;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** The namespace operations of the service: names as ndctl takes them, roles, ndctl's JSON. */
class NamespacesTest {

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    @SuppressWarnings("removal")
    static void as(String user, String role, Call call) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Void>) () -> {
                call.run();
                return null;
            });
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /** A card with version 1.2 labels and the lifecycle attached to its region. */
    static Ndctl labeled(OneDimmBus t) throws Exception {
        LabelStore store = ConfigDataLabels.store();
        Ndctl ndctl = LibNdctl.over(t.core(), store, NamespaceLifecycle.attach(t.core(), store, LinuxBtt.driver()));
        ndctl.disableRegion("region0");
        ndctl.initLabels("nmem0", LabelVersion.V1_2, true);
        ndctl.enableRegion("region0");
        return ndctl;
    }

    @Test
    void viewersListManagersCreateAndDestroy() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = labeled(t);
            as("vera", "viewer", () -> {
                NotPermittedException e = assertThrows(NotPermittedException.class,
                        () -> ndctl.createNamespace(null, NamespaceArguments.none().withSize("64M")));
                assertEquals("to create a namespace needs the manager role; user 'vera' has the roles viewer",
                        e.getMessage());
                assertEquals(List.of(), ndctl.namespaces(false));
                assertEquals(1, ndctl.namespaces(true).size(), "the seed, with -i");
            });
            as("max", "manager", () -> {
                NamespaceInfo db = ndctl.createNamespace(null, NamespaceArguments.none().withSize("128M").withName("db"));
                assertEquals("namespace0.0", db.dev());
                assertEquals("region0", db.region());
                ndctl.disableNamespace("0.0");
                assertFalse(ndctl.namespace("namespace0.0").enabled());
                ndctl.enableNamespace("namespace0.0");
                assertThrows(NotPermittedException.class, () -> as("vera", "viewer",
                        () -> ndctl.destroyNamespace("0.0", true)));
                assertThrows(NotPermittedException.class, () -> as("vera", "viewer",
                        () -> ndctl.checkNamespace("0.0", true, false)));
                assertTrue(ndctl.destroyNamespace("namespace0.0", true));
            });
            assertEquals(t.region().size(), t.region().availableSize());
        }
    }

    @Test
    void namespacesAreNamedAsNdctlNamesThem() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = labeled(t);
            ndctl.createNamespace("0", NamespaceArguments.none().withMode("raw").withSize("64M"));
            ndctl.createNamespace("region0", NamespaceArguments.none().withMode("raw").withSize("64M"));
            assertEquals(List.of("namespace0.1", "namespace0.0"), ndctl.namespaces(List.of("0.1", "namespace0.0", "0.1"))
                    .stream().map(NamespaceInfo::dev).toList());
            assertEquals(List.of("namespace0.0", "namespace0.1"), ndctl.namespaces(List.of("all")).stream()
                    .map(NamespaceInfo::dev).toList(), "all: the configured ones, not the seed");
            NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class, () -> ndctl.namespace("0.7"));
            assertEquals("no namespace '0.7': there are namespace0.0, namespace0.1, namespace0.2", e.getMessage());
            assertThrows(NoSuchDeviceException.class, () -> ndctl.createNamespace("region3", NamespaceArguments.none()));
        }
    }

    /** What the console and the MBeans hand over as typed is read here, once, and reaches the lifecycle typed. */
    @Test
    void theServiceReadsWhatWasTyped() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = labeled(t);
            NamespaceInfo wal = ndctl.createNamespace(null, NamespaceArguments.none().withMode("safe")
                    .withSize("0x4000000").withSectorSize("512").withName("wal"));
            assertEquals(NamespaceMode.SECTOR, wal.mode());
            assertEquals(512, wal.listing().sectorSize());
            assertEquals(64L << 20, wal.rawSize());
            assertEquals("wal", wal.listing().name());
            List<NamespaceInfo> before = ndctl.namespaces(true);
            assertEquals("'--size=' must align to interleave-width: 1 and alignment: 1073741824; did you intend"
                    + " --size=1024M?", assertThrows(NamespaceException.class, () -> ndctl.createNamespace(null,
                            NamespaceArguments.none().withSize("512M").withAlign("1G"))).getMessage(),
                    "the advice is in the unit typed");
            assertEquals("invalid mode 'foo': use raw, sector, fsdax or devdax", assertThrows(NamespaceException.class,
                    () -> ndctl.createNamespace(null, NamespaceArguments.none().withMode("foo"))).getMessage());
            assertEquals("failed to parse uuid: 'x'", assertThrows(NamespaceException.class,
                    () -> ndctl.reconfigureNamespace("0.0", NamespaceArguments.none().withUuid("x").forced()))
                    .getMessage());
            assertEquals(before, ndctl.namespaces(true), "a refusal changes nothing");
            assertEquals(NamespaceMode.DEVDAX, ndctl.namespaceMode("dax"));
        }
    }

    @Test
    void theJsonIsNdctls() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = labeled(t);
            NamespaceInfo dax = ndctl.createNamespace(null, NamespaceArguments.none().withMode("devdax").withSize("64M")
                    .withName("dax"));
            String uuid = dax.listing().uuid().toString();
            // create-namespace prints the dax region (UTIL_JSON_DAX) but not raw_uuid
            assertEquals("""
                    {
                      "dev":"namespace0.0",
                      "mode":"devdax",
                      "map":"dev",
                      "size":65011712,
                      "uuid":"%s",
                      "daxregion":{
                        "id":0,
                        "size":65011712,
                        "align":2097152,
                        "devices":[
                          {
                            "chardev":"dax0.0",
                            "size":65011712,
                            "align":2097152,
                            "mode":"devdax"
                          }
                        ]
                      },
                      "align":2097152,
                      "name":"dax"
                    }""".formatted(uuid), NdctlJson.write(NdctlJson.namespace(dax, false, true, false)));
            // list -Nu
            assertEquals("""
                    {
                      "dev":"namespace0.0",
                      "mode":"devdax",
                      "map":"dev",
                      "size":"62.00 MiB (65.01 MB)",
                      "uuid":"%s",
                      "chardev":"dax0.0",
                      "align":2097152,
                      "name":"dax"
                    }""".formatted(uuid), NdctlJson.write(NdctlJson.namespace(ndctl.namespace("0.0"), false, false,
                    true)));
        }
    }
}
