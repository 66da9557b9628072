package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
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
 * The product without a backend: a Karaf that boots feature {@code ocxlpmem} alone resolves and
 * starts every bundle and lists no device (empty, as ndctl 76 prints on a machine without one); installing {@code ocxlpmem-emulator} then brings the
 * configured emulated card, which the driver finds as it would any card (issue 18).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class CoreFeatureIT extends OcxlpmemTestSupport {

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected FeaturesService features;

    /** The distribution's boot features (one stage; EventAdmin starts from startup.properties), less {@code ocxlpmem-emulator}. */
    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                "instance, package, log, ssh, framework, system, feature, shell, management, service, jaas, deployer, "
                        + "diagnostic, wrap, bundle, config, kar, http, jolokia, ocxlpmem"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void a_theCoreFeatureAloneStartsEveryBundleAndListsNothing() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("ocxlpmem")));
        assertTrue(!features.isInstalled(features.getFeature("ocxlpmem-emulator")));
        List<String> notStarted = new ArrayList<>();
        Set<String> ours = new TreeSet<>();
        for (Bundle b : bundleContext.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (b.getState() != (fragment ? Bundle.RESOLVED : Bundle.ACTIVE)) {
                notStarted.add(b.getSymbolicName() + " in state " + b.getState());
            }
            if (b.getSymbolicName().startsWith("dev.ocxlpmem.")) {
                ours.add(b.getSymbolicName().substring("dev.ocxlpmem.".length()));
            }
        }
        assertEquals("every bundle resolved and started", List.of(), notStarted);
        assertEquals(new TreeSet<>(List.of("audit", "btt", "connector", "driver", "jolokia", "labels", "management",
                "memory", "metrics", "namespaces", "ndctl", "nvdimm", "ocxl", "scm", "shell")), ours);
        // ndctl 76 prints nothing when it finds no device (ndctl/list.c list_display prints only a
        // non-empty array), and so does ndctl:list
        assertEquals("", executeCommand("ndctl:list").trim());
        assertEquals("", executeCommand("ndctl:list -BDRNi").trim());
    }

    @Test
    public void b_installingTheEmulatorBringsTheConfiguredCard() throws Exception {
        // as an operator would, with Karaf's refresh: nothing running is refreshed (JNA is a startup
        // bundle, so jline's optional import of it is wired from the first boot), and the session
        // that runs this command lives on
        executeCommand("feature:install ocxlpmem-emulator");
        String regions = awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0",
                SETTLE_TIMEOUT_MS);
        assertTrue(regions, regions.contains("\"dev\":\"region0\""));
        String inject = executeCommand("ocxl:inject nmem0 status");
        assertTrue(inject, inject.startsWith("0006:00:00: SMART "));
    }
}
