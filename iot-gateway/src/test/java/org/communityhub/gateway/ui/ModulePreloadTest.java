package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: the map page names every module of its entry's static import graph in a
 * {@code <link rel="modulepreload">}, so a phone fetches them all at once instead of one import level
 * after another (each level a network round trip). This test walks the graph from the page's module
 * script in the served resources and fails, printing the lines to paste, when a module was added or
 * removed without updating index.html. Dynamic {@code import()} is left out on purpose (loaded later).
 */
class ModulePreloadTest {

    private static final String ROOT = "META-INF/resources/hub-ui/";
    /** Static imports and re-exports with a relative specifier, over several lines too. */
    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*(?:import|export)\\b[^;]*?\\bfrom\\s*['\"](\\.{1,2}/[^'\"]+)['\"]|^\\s*import\\s*['\"](\\.{1,2}/[^'\"]+)['\"]",
            Pattern.MULTILINE);
    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");

    @Test
    void thePagePreloadsExactlyItsEntryModulesStaticImportGraph() throws IOException {
        String html = read("index.html");
        Matcher entry = ENTRY.matcher(html);
        assertThat(entry.find()).as("index.html has a module script").isTrue();
        String main = entry.group(1);
        Set<String> graph = graph(main);
        assertThat(graph).as("the graph is walked (app.js imports many modules)").hasSizeGreaterThan(10);

        List<String> preloaded = new ArrayList<>();
        Matcher m = PRELOAD.matcher(html);
        while (m.find()) {
            preloaded.add(m.group(1));
            assertThat(m.start()).as(m.group(1) + " is preloaded before the module script starts").isLessThan(entry.start());
        }
        String wanted = graph.stream().filter(p -> !p.equals(main))
                .map(p -> "  <link rel=\"modulepreload\" href=\"" + p + "\">").collect(Collectors.joining("\n"));
        assertThat(new LinkedHashSet<>(preloaded)).as("index.html's modulepreload links; they should be:\n" + wanted)
                .hasSameElementsAs(graph.stream().filter(p -> !p.equals(main)).toList());
        assertThat(preloaded).as("each module once").doesNotHaveDuplicates();
    }

    /** Every module reachable from {@code entry} by static imports, entry first, breadth first. */
    private static Set<String> graph(String entry) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(entry));
        seen.add(entry);
        while (!todo.isEmpty()) {
            String module = todo.removeFirst();
            Matcher m = IMPORT.matcher(read(module));
            while (m.find()) {
                String specifier = m.group(1) != null ? m.group(1) : m.group(2);
                String resolved = URI.create("/" + module).resolve(specifier).getPath().substring(1);
                if (seen.add(resolved)) {
                    todo.addLast(resolved);
                }
            }
        }
        return seen;
    }

    private static String read(String path) throws IOException {
        try (InputStream in = ModulePreloadTest.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertThat(in).as(ROOT + path + " is on the class path (imported, so it must exist)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
