package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code hub.jar} as {@code ./hub} runs it: exit 0 on success, non-zero with a
 * one-line reason on failure; the start command refuses missing secrets.
 */
class CliIT {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.create(HubApplication.MIGRATIONS);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void importReportsAndExitsNonZeroWhenAFeatureIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fixture = Path.of("src/test/resources/fixtures/two-communities.geojson");
        Result ok = hub(Map.of(), "import", fixture.toString());
        assertThat(ok.code()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("Loaded 26 feature(s)");

        Path broken = dir.resolve("broken.geojson");
        Files.writeString(broken, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + "{\"type\":\"Point\",\"coordinates\":[114.05,22.54]},\"properties\":{\"layer\":\"facility\","
                + "\"code\":\"f-1\",\"name\":\"x\"}}]}");
        Result rejected = hub(Map.of(), "import", broken.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.output()).contains("category");

        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "hello");
        Result bad = hub(Map.of(), "import", notJson.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.output()).contains("hub: ").contains("not.json");
        assertThat(hub(Map.of(), "import", dir.resolve("missing.json").toString()).output()).contains("no such file");
    }

    @Test
    void userAndCredentialCommandsValidateTheirInput() throws Exception {
        hub(Map.of(), "import", Path.of("src/test/resources/fixtures/two-communities.geojson").toString());
        Result noCommunity = hub(Map.of("HUB_PASSWORD", "long-enough-password"), "user", "add", "guard", "--role",
                "security");
        assertThat(noCommunity.code()).isNotZero();
        assertThat(noCommunity.output()).contains("--community");
        Result shortPassword = hub(Map.of("HUB_PASSWORD", "short"), "user", "add", "guard", "--role", "admin");
        assertThat(shortPassword.output()).contains("at least 10");
        Result ok = hub(Map.of("HUB_PASSWORD", "long-enough-password"), "user", "add", "guard", "--role", "security",
                "--community", "ita");
        assertThat(ok.code()).as(ok.output()).isZero();

        Result cred = hub(Map.of(), "device", "credentials", "ita-fb-1");
        assertThat(cred.code()).isZero();
        assertThat(cred.output()).containsPattern("username=ita-fb-1 password=[A-Za-z0-9_-]{24}");
        assertThat(hub(Map.of(), "device", "credentials", "ita-fb-1").output()).as("stable until rotated")
                .isEqualTo(cred.output());
        assertThat(hub(Map.of(), "device", "credentials", "ita-fb-1", "--rotate").output()).isNotEqualTo(cred.output());
        assertThat(hub(Map.of(), "device", "credentials", "nobody").output()).contains("not registered");
    }

    @Test
    void userAddTakesGridsForGridWorkersAndNoCommunityForASubdistrictDispatcher(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        hub(Map.of(), "import", Path.of("src/test/resources/fixtures/two-communities.geojson").toString());
        Path grids = dir.resolve("grids.geojson");
        Files.writeString(grids, org.communityhub.gateway.testing.CaseRequests.gridsGeoJson());
        assertThat(hub(Map.of(), "import", grids.toString()).code()).isZero();
        Map<String, String> pw = Map.of("HUB_PASSWORD", "long-enough-password");
        Result worker = hub(pw, "user", "add", "w1", "--role", "grid_worker", "--grid", "ita-g2", "--grid", "ita-g1");
        assertThat(worker.code()).as(worker.output()).isZero();
        assertThat(worker.output()).contains("community ita").contains("grids ita-g1,ita-g2");
        Result unknown = hub(pw, "user", "add", "w2", "--role", "grid_worker", "--grid", "nowhere");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.output()).contains("nowhere");
        assertThat(hub(pw, "user", "add", "w2", "--role", "grid_worker", "--grid", "ita-g1", "--grid", "itb-g1").output())
                .contains("several communities");
        Result wide = hub(pw, "user", "add", "d1", "--role", "dispatcher");
        assertThat(wide.code()).as(wide.output()).isZero();
        assertThat(wide.output()).contains("all communities");
        assertThat(hub(pw, "user", "add", "d2", "--role", "dispatcher", "--community", "itb").output())
                .contains("community itb");

        Path sheet = dir.resolve("sheet.html");
        Result qr = hub(Map.of(), "grids", "qr-sheet", sheet.toString(), "--url", "https://hub.example.org/");
        assertThat(qr.code()).as(qr.output()).isZero();
        assertThat(qr.output()).contains("3 grid QR code(s)");
        assertThat(Files.readString(sheet)).contains("甲一网格").contains("<svg").contains("itb-g1");
        assertThat(hub(Map.of(), "grids", "qr-sheet", sheet.toString(), "--url", "javascript:alert(1)").code())
                .isNotZero();
    }

    @Test
    void startRefusesMissingSecretsOutsideDemoMode() throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HUB_DB_PASSWORD", "");
        env.put("HUB_MQTT_PASSWORD", "");
        Result r = hub(env, "start");
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains("HUB_DB_PASSWORD is required").contains("HUB_MQTT_PASSWORD is required");
    }

    @Test
    void startRefusesABadCaseTimeLimitInOneLineNamingTheVariableAndTheEntry() throws Exception {
        Result r = hub(Map.of("HUB_CASE_DEADLINE_HOURS", "environment=24,noise=0"), "start");
        assertThat(r.code()).isNotZero();
        assertThat(r.output().lines().filter(l -> l.contains("HUB_CASE_DEADLINE_HOURS"))).as(r.output())
                .singleElement().asString().contains("bad entry 'noise=0'").doesNotContain("environment=24'");
    }

    record Result(int code, String output) {
    }

    private static Result hub(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", Path.of("target/hub.jar").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("HUB_"));
        env.putAll(HubEnv.of(db.jdbcUrl(), db.name()));
        env.putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hub " + String.join(" ", args) + " did not finish: " + out);
        }
        return new Result(p.exitValue(), out.lines().filter(l -> !l.contains(" INFO ") && !l.contains(" WARN "))
                .reduce("", (a, b) -> a + b + "\n").strip());
    }
}
