package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: the page a phone gets is the build's (map-ui/build-ui.mjs), not the source modules: one content-hashed
 * entry script with its chunks named in {@code <link rel="modulepreload">} (fetched at once, not import level after
 * import level), one style sheet of its own, the staff views in a chunk loaded only after login, and a service worker
 * that caches exactly these files. Reads what map-ui put on the class path: index.html, sw.js, dist/ and the manifest
 * META-INF/hub-ui-bundle.json.
 */
class PageBundleTest {

    private static final String ROOT = "META-INF/resources/hub-ui/";
    private static final Pattern HASHED = Pattern.compile("dist/[\\w-]+-[A-Z0-9]{8}\\.(?:js|css)");
    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");
    /** A static import in esbuild's output, minified or not: import … from "./x.js" (or import "./x.js"). */
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?:\\bfrom|\\bimport)\\s*\"\\./([\\w.-]+\\.js)\"");
    private static final Pattern DYNAMIC_IMPORT = Pattern.compile("\\bimport\\(\\s*\"\\./([\\w.-]+\\.js)\"\\s*\\)");

    @Test
    void thePageLoadsTheBundleWithItsChunksPreloaded() throws IOException {
        JsonObject bundle = bundle();
        String html = read(ROOT + "index.html");
        Matcher entry = ENTRY.matcher(html);
        assertThat(entry.find()).as("index.html has a module script").isTrue();
        assertThat(entry.group(1)).isEqualTo(bundle.getString("entry")).matches(HASHED);
        assertThat(entry.find()).as("one module script").isFalse();

        List<String> preloaded = new ArrayList<>();
        Matcher m = PRELOAD.matcher(html);
        while (m.find()) {
            preloaded.add(m.group(1));
            assertThat(m.start()).as(m.group(1) + " is preloaded before the module script").isLessThan(html.indexOf(
                    bundle.getString("entry")));
        }
        assertThat(preloaded).as("the entry's static imports, transitively, each once")
                .containsExactlyInAnyOrderElementsOf(strings(bundle.getJsonArray("preload"))).doesNotHaveDuplicates();
        assertThat(staticImports(bundle.getString("entry"))).as("what the entry imports is preloaded")
                .allSatisfy(p -> assertThat(preloaded).contains(p));

        assertThat(html).contains("<link rel=\"stylesheet\" href=\"" + bundle.getString("css") + "\">");
        assertThat(bundle.getString("css")).matches(HASHED);
        assertThat(html).as("no source module or style sheet is left in the page")
                .doesNotContain("src=\"js/", "href=\"js/", "href=\"css/");
        assertThat(headText(html).strip()).as("nothing but the title as text in <head> (no stray characters)")
                .isEqualTo("社区地图");
    }

    @Test
    void theEarlyStartIsOneFileOfItsOwnLoadedAheadOfLeaflet() throws IOException {
        JsonObject bundle = bundle();
        String html = read(ROOT + "index.html");
        String early = bundle.getString("early");
        assertThat(early).as("the early start (js/firstview.js) is built").startsWith("dist/firstview-").matches(HASHED);
        String script = "<script type=\"module\" src=\"" + early + "\" async fetchpriority=\"high\"></script>";
        assertThat(html).as("loaded async with a high priority").containsOnlyOnce(script);
        assertThat(html.indexOf(script)).as("in <head>, ahead of Leaflet and the app")
                .isLessThan(html.indexOf("/webjars/leaflet/1.9.4/dist/leaflet.js\""))
                .isLessThan(html.indexOf("<script type=\"module\" src=\"" + bundle.getString("entry") + "\">"))
                .isLessThan(html.indexOf("</head>"));
        assertThat(staticImports(early)).as("it imports no chunk (nothing shared with the app to wait for)").isEmpty();
        assertThat(DYNAMIC_IMPORT.matcher(read(ROOT + early)).find()).as("nor loads one later").isFalse();
        assertThat(strings(bundle.getJsonArray("files"))).contains(early);
        assertThat(read(ROOT + "sw.js")).as("the service worker keeps it").contains("'/" + early + "'");
    }

    @Test
    void everyFileOfTheBundleIsThereAndTheStaffViewsAreLoadedLazily() throws IOException {
        JsonObject bundle = bundle();
        List<String> files = strings(bundle.getJsonArray("files"));
        assertThat(files).contains(bundle.getString("entry"), bundle.getString("css"))
                .containsAll(strings(bundle.getJsonArray("preload"))).containsAll(strings(bundle.getJsonArray("lazy")));
        for (String file : files) {
            assertThat(file).matches(HASHED);
            assertThat(read(ROOT + file)).as(file).isNotBlank();
            for (String imported : staticImports(file)) {
                assertThat(files).as(file + " imports " + imported).contains(imported);
            }
        }
        List<String> lazy = strings(bundle.getJsonArray("lazy"));
        assertThat(lazy).as("the staff views are split off").anyMatch(f -> f.startsWith("dist/staffviews-"));
        assertThat(lazy).as("the report view (form, one's reports) is split off").anyMatch(f -> f.startsWith("dist/reportview-"));
        List<String> firstSight = new ArrayList<>(strings(bundle.getJsonArray("preload")));
        firstSight.add(bundle.getString("entry"));
        assertThat(firstSight).as("the first sight does not fetch the staff views").noneMatch(lazy::contains);
        List<String> dynamic = new ArrayList<>();
        for (String file : firstSight) {
            Matcher m = DYNAMIC_IMPORT.matcher(read(ROOT + file));
            while (m.find()) {
                dynamic.add("dist/" + m.group(1));
            }
        }
        assertThat(dynamic).as("the staff views are imported dynamically by the first sight's code")
                .anyMatch(f -> f.startsWith("dist/staffviews-"));
        assertThat(dynamic).as("so is the report view").anyMatch(f -> f.startsWith("dist/reportview-"));
    }

    @Test
    void theStaffPanelsMarkupComesWithTheStaffViewsChunk() throws IOException {
        String html = read(ROOT + "index.html");
        JsonObject bundle = bundle();
        String staff = strings(bundle.getJsonArray("lazy")).stream().filter(f -> f.startsWith("dist/staffviews-"))
                .findFirst().orElseThrow();
        String chunk = read(ROOT + staff);
        for (String panel : List.of("cases", "console", "installer", "overview", "channels", "roster")) {
            assertThat(html).as("the page keeps the empty shell of #panel-" + panel + " (the tabs show and hide it)")
                    .containsPattern("<section id=\"panel-" + panel + "\" data-testid=\"panel-" + panel
                            + "\" hidden></section>");
        }
        for (String id : List.of("case-list", "case-report", "incident-card", "resolve-form", "alert-list",
                "device-list", "unregistered-list", "overview-list")) {
            assertThat(html).as("a resident's first document has no #" + id).doesNotContain("id=\"" + id + "\"");
            assertThat(chunk).as("the staff views' chunk brings #" + id).contains("id=\"" + id + "\"");
        }
        assertThat(html).as("the resident's panels stay in the page")
                .contains("id=\"panel-residents\"", "id=\"login-form\"", "id=\"report-form\"");
    }

    @Test
    void theFirstSightDoesNotLoadTheMarkerClusterPlugin() throws IOException {
        String html = read(ROOT + "index.html");
        assertThat(html).as("Leaflet is in the page").contains("/webjars/leaflet/1.9.4/dist/leaflet.js");
        assertThat(html).as("Leaflet.markercluster's script and style sheets come when first needed (cluster.js)")
                .doesNotContain("leaflet-markercluster");
        String loader = read(ROOT + "js/cluster.js");
        assertThat(loader).as("cluster.js names the plugin's files served by the hub")
                .contains("/webjars/leaflet-markercluster/1.4.1/", "'leaflet.markercluster.js'", "'MarkerCluster.css'",
                        "'MarkerCluster.Default.css'");
    }

    @Test
    void theServiceWorkerCachesTheBundle() throws IOException {
        JsonObject bundle = bundle();
        String worker = read(ROOT + "sw.js");
        assertThat(worker).as("a cache per build: an update drops the old files")
                .contains("const CACHE = 'hub-shell-" + bundle.getString("version") + "';");
        assertThat(worker).contains("'/" + bundle.getString("entry") + "'", "'/" + bundle.getString("css") + "'");
        for (Object p : bundle.getJsonArray("preload")) {
            assertThat(worker).contains("'/" + p + "'");
        }
        assertThat(worker).as("no source module is named").doesNotContain("'/js/", "'/css/");
    }

    private static List<String> staticImports(String file) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = STATIC_IMPORT.matcher(read(ROOT + file));
        while (m.find()) {
            out.add("dist/" + m.group(1));
        }
        return out;
    }

    /** The text of {@code <head>} outside tags and comments. */
    private static String headText(String html) {
        String head = html.substring(html.indexOf("<head>") + 6, html.indexOf("</head>"));
        return head.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<title>(.*?)</title>", "$1")
                .replaceAll("(?s)<[^>]+>", "");
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(String::valueOf).toList();
    }

    private static JsonObject bundle() throws IOException {
        return new JsonObject(read("META-INF/hub-ui-bundle.json"));
    }

    private static String read(String path) throws IOException {
        try (InputStream in = PageBundleTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path + " is on the class path (map-ui's build-ui.mjs writes it)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
