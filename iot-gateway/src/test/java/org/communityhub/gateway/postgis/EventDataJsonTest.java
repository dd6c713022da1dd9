package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch's data array holds, in order, exactly what Vert.x's own encoder writes for each map, nothing carried between them. */
class EventDataJsonTest {

    @Test
    void writesEachMapAsVertxWouldInOneArray() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("floor", 7);
        nested.put("smoke", 0.125);
        nested.put("tags", List.of("a", "\"quoted\"", "水"));
        nested.put("none", null);
        nested.put("inner", Map.of("ok", true));
        List<Map<String, Object>> maps = new ArrayList<>();
        maps.add(Map.of());
        maps.add(Map.of("direction", "in", "method", "face", "person", "p-1"));
        maps.add(nested);
        maps.add(Map.of("note", "line\nbreak \\ back\u0001slash </script>"));
        maps.add(Map.of("big", 12345678901234L, "neg", -1.5e-7));
        StringBuilder expected = new StringBuilder("[");
        try (EventDataJson json = new EventDataJson()) {
            for (int round = 0; round < 2; round++) {
                for (Map<String, Object> m : maps) {
                    json.add(m);
                    expected.append(expected.length() > 1 ? "," : "").append(new JsonObject(m).encode());
                }
            }
            String array = json.array();
            assertThat(array).isEqualTo(expected.append(']').toString());
            JsonArray parsed = new JsonArray(array);
            assertThat(parsed.size()).isEqualTo(2 * maps.size());
            for (int i = 0; i < parsed.size(); i++) {
                assertThat(parsed.getJsonObject(i).getMap()).as("element %d", i)
                        .isEqualTo(new JsonObject(new JsonObject(maps.get(i % maps.size())).encode()).getMap());
            }
        }
    }
}
