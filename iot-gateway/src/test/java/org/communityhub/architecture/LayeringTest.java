package org.communityhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.HubApplication;
import org.communityhub.geo.GeoImports;
import org.junit.jupiter.api.Test;

/**
 * The hub's ports-and-adapters layering, checked on the main classes of hub-contract, geo-service and iot-gateway
 * (device-sim is a black-box client and is not on this classpath):
 * <ul>
 *   <li>domain packages import no infrastructure library (Vert.x, JDBC, Jackson, Paho, HikariCP, Flyway,
 *       the PostgreSQL driver, picocli) and no adapter;</li>
 *   <li>adapters do not import each other: each adapter is used only by the wiring classes
 *       ({@code HubApplication}, {@code GeoImports}), with one named exception: the CLI commands open the
 *       PostGIS stores they need ({@code cli → postgis}); {@code gateway.web} is the plumbing that the two web
 *       adapters ({@code http} routes, {@code ws} stream) share, so neither imports the other;</li>
 *   <li>no package cycles (each package is its own slice);</li>
 *   <li>every package is classified here, so a new one cannot slip past the rules;</li>
 *   <li>one vocabulary: a class named like {@code DeviceType} or {@code RejectReason} lives only in hub-contract
 *       ({@code org.communityhub.contract}, read here too and counted as domain); device-sim, not on this
 *       classpath, has the same rule in its {@code VocabularyTest}.</li>
 *   <li>one clock: no main class asks the system for "now" ({@code Instant.now()}, {@code LocalDate.now()} and the
 *       other {@code java.time} {@code now} methods without a {@code Clock}, {@code System.currentTimeMillis()});
 *       every "now" comes from the injected {@code java.time.Clock} ({@code Clock.systemUTC()} where the hub is
 *       wired, a manual clock in tests). Elapsed times use {@code System.nanoTime()}, which is allowed.</li>
 * </ul>
 * {@code config} counts as domain: domain and adapters alike read it, so it keeps to the JDK. {@code geo.demo}
 * (the demo generator) keeps to the JDK and JTS too but may use Jackson for the GeoJSON files it writes.
 *
 * <p>That the rules bite is checked on every run by {@link #everyRuleCatchesAProbe}: three test-only
 * {@code LayeringProbe} classes (in {@code gateway.device}: Vert.x, an adapter, a cycle and a second
 * {@code DeviceType}; in
 * {@code geo.demo}: JDBC; in an unlisted package) break every rule, and each rule must report them. Besides,
 * while writing this, three temporary edits of main code each made this test fail with the offending
 * dependency named: {@code alert.AlertPolicy} using Vert.x's {@code JsonObject}, {@code RouteGroups}
 * referring to {@code ws.AlertStream} again, and {@code geo.http.GeoHttpApi} to {@code geo.postgis}.
 * Cost: one class-file import of the hub (a few seconds); the main classes are read once per run.
 */
class LayeringTest {

    private static final String CONTRACT = "org.communityhub.contract..";
    private static final String[] DOMAIN = {
        "org.communityhub.gateway.alert..", "org.communityhub.gateway.audit..", "org.communityhub.gateway.auth..",
        "org.communityhub.gateway.cases..", "org.communityhub.gateway.config..", "org.communityhub.gateway.device..",
        "org.communityhub.gateway.event..", "org.communityhub.gateway.ingest..", "org.communityhub.gateway.privacy..",
        "org.communityhub.gateway.stats..", "org.communityhub.gateway.change..", "org.communityhub.gateway.responders..",
        "org.communityhub.gateway.demo..",
        // geo.importer without its geojson subpackage (the GeoJSON decoder, an adapter)
        "org.communityhub.geo.importer", "org.communityhub.geo.crs..", "org.communityhub.geo.port..",
        "org.communityhub.geo.nearest..", "org.communityhub.geo.locate..", CONTRACT,
    };
    private static final String[] WIRING = {"org.communityhub.gateway", "org.communityhub.geo"};
    private static final String DEMO = "org.communityhub.geo.demo..";
    private static final String CLI = "org.communityhub.gateway.cli..";
    private static final String WEB = "org.communityhub.gateway.web..";
    private static final String[] HTTP = {"org.communityhub.gateway.http..", "org.communityhub.geo.http.."};
    private static final String WS = "org.communityhub.gateway.ws..";
    private static final String[] POSTGIS = {"org.communityhub.gateway.postgis..", "org.communityhub.geo.postgis.."};
    private static final String MQTT = "org.communityhub.gateway.mqtt..";
    private static final String IMAGING = "org.communityhub.gateway.imaging..";
    private static final String GEOJSON = "org.communityhub.geo.importer.geojson..";
    private static final String MBTILES = "org.communityhub.geo.mbtiles..";
    /** Library classes the hub replaces, in the library's own packages (Paho's CountingInputStream, LoggerFactory). */
    private static final String PATCHED_LIBRARY = "org.eclipse.paho.mqttv5.common.packet.util";
    private static final String PATCHED_LIBRARY_LOGGING = "org.eclipse.paho.mqttv5.client.logging";

    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String[] INFRASTRUCTURE_BUT_JACKSON = {
        "io.vertx..", "java.sql..", "javax.sql..", "org.eclipse.paho..", "com.zaxxer.hikari..", "org.flywaydb..",
        "org.postgresql..", "picocli..", "org.sqlite..",
    };

    static final ArchRule DOMAIN_WITHOUT_INFRASTRUCTURE = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(concat(INFRASTRUCTURE_BUT_JACKSON, JACKSON))
            .because("domain code is plain Java: ports are interfaces, adapters bring the libraries");

    static final ArchRule DEMO_WITHOUT_INFRASTRUCTURE = noClasses().that().resideInAPackage(DEMO)
            .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE_BUT_JACKSON)
            .because("the demo generator computes geometry and writes files; Jackson may write them");

    static final ArchRule ADAPTERS_APART = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Wiring").definedBy(WIRING)
            .layer("Demo").definedBy(DEMO)
            .layer("Cli").definedBy(CLI)
            .layer("Web").definedBy(WEB)
            .layer("Http").definedBy(HTTP)
            .layer("Stream").definedBy(WS)
            .layer("Postgis").definedBy(POSTGIS)
            .layer("Mqtt").definedBy(MQTT)
            .layer("Imaging").definedBy(IMAGING)
            .layer("GeoJson").definedBy(GEOJSON)
            .layer("Mbtiles").definedBy(MBTILES)
            .whereLayer("Domain").mayOnlyAccessLayers("Domain")
            .whereLayer("Demo").mayOnlyAccessLayers("Domain")
            .whereLayer("Web").mayOnlyAccessLayers("Domain")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Demo").mayOnlyBeAccessedByLayers("Cli", "Wiring")
            .whereLayer("Web").mayOnlyBeAccessedByLayers("Http", "Stream", "Wiring")
            .whereLayer("Http").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Stream").mayOnlyBeAccessedByLayers("Wiring")
            // the one exception: a CLI command opens the store (or renders the QR sheet) it needs, as the wiring does
            .whereLayer("Postgis").mayOnlyBeAccessedByLayers("Wiring", "Cli")
            .whereLayer("Mqtt").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Imaging").mayOnlyBeAccessedByLayers("Wiring", "Cli")
            .whereLayer("GeoJson").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Mbtiles").mayOnlyBeAccessedByLayers("Wiring");

    static final ArchRule NO_CYCLES = slices().matching("org.communityhub.(**)").should().beFreeOfCycles();

    static final ArchRule EVERY_PACKAGE_CLASSIFIED = classes().should().resideInAnyPackage(concat(DOMAIN, concat(WIRING,
            concat(HTTP, concat(POSTGIS, DEMO, CLI, WEB, WS, MQTT, IMAGING, GEOJSON, MBTILES, PATCHED_LIBRARY,
            PATCHED_LIBRARY_LOGGING)))))
            .because("a new package is domain, an adapter or wiring: add it to LayeringTest's lists");

    static final ArchRule ONE_VOCABULARY = classes().that().haveSimpleNameContaining("DeviceType")
            .or().haveSimpleNameContaining("RejectReason").should().resideInAPackage(CONTRACT)
            .because("device types and reject reasons are defined once, in hub-contract");

    static final ArchRule ONE_CLOCK = noClasses().should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now").orShould().callMethod(LocalDate.class, "now", ZoneId.class)
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("every \"now\" comes from the injected java.time.Clock, so tests can set the time");

    private static final List<ArchRule> RULES = List.of(DOMAIN_WITHOUT_INFRASTRUCTURE, DEMO_WITHOUT_INFRASTRUCTURE,
            ADAPTERS_APART, NO_CYCLES, EVERY_PACKAGE_CLASSIFIED, ONE_VOCABULARY, ONE_CLOCK);

    /** Where the main classes are (a class directory in the reactor, or a jar): nothing else is read. */
    private static final List<URL> MAIN_CODE = Stream.of(HubApplication.class, GeoImports.class, DeviceType.class)
            .map(c -> c.getProtectionDomain().getCodeSource().getLocation()).toList();
    private static final JavaClasses MAIN = new ClassFileImporter().importUrls(MAIN_CODE);

    @Test
    void domainImportsNoInfrastructure() {
        DOMAIN_WITHOUT_INFRASTRUCTURE.check(MAIN);
        DEMO_WITHOUT_INFRASTRUCTURE.check(MAIN);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        ADAPTERS_APART.check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void everyPackageIsClassified() {
        EVERY_PACKAGE_CLASSIFIED.check(MAIN);
    }

    @Test
    void eachWordOfTheVocabularyIsDefinedOnce() {
        ONE_VOCABULARY.check(MAIN);
    }

    @Test
    void everyNowComesFromTheInjectedClock() {
        ONE_CLOCK.check(MAIN);
    }

    @Test
    void allThreeModulesAreChecked() {
        assertThat(MAIN.containPackage("org.communityhub.gateway.http")).isTrue();
        assertThat(MAIN.containPackage("org.communityhub.geo.postgis")).isTrue();
        assertThat(MAIN.containPackage("org.communityhub.contract")).isTrue();
        assertThat(MAIN.stream().noneMatch(c -> c.getSimpleName().equals("LayeringProbe"))).isTrue();
    }

    /** The probes (test classes) break every rule; each rule must report them and nothing else. */
    @Test
    void everyRuleCatchesAProbe() {
        List<URL> withProbes = new ArrayList<>(MAIN_CODE);
        withProbes.add(LayeringTest.class.getProtectionDomain().getCodeSource().getLocation());
        JavaClasses withProbe = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") || location.contains("LayeringProbe"))
                .importUrls(withProbes);
        for (ArchRule rule : RULES) {
            EvaluationResult result = rule.evaluate(withProbe);
            assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
            assertThat(result.getFailureReport().getDetails()).as(rule.getDescription())
                    .allMatch(line -> line.contains("LayeringProbe"));
        }
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
