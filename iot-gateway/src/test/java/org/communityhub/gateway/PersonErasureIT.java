package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.postgis.PostgisPersonData;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;

/**
 * PIPL erasure reaches everything: the person's events, rejected messages and other events quoting
 * the reference, alert notes and the audit details that repeat them; the export lists them all first.
 * A message for the person still queued in the broker during the erasure is stored afterwards without
 * the reference (the tombstone), and the tombstone itself holds no reference in clear: after the
 * erasure no text column of the database contains the reference.
 */
class PersonErasureIT {

    private static final String PERSON = "p-erase-8086";
    private static final String OTHER = "p-stays-1234";

    @Test
    void afterAnErasureNoTextColumnHoldsTheReference() throws Exception {
        try (HubFixture hub = HubFixture.start()) {
            String admin = hub.login("root", Role.ADMIN, null);
            TestDevice gate = hub.device("ita-gate-1");
            gate.publishAll(hub.mqttUrl(), List.of(
                    TestDevice.payload("in-1", "access.granted", granted(PERSON)),
                    TestDevice.payload("in-2", "access.granted", granted(PERSON)),
                    TestDevice.payload("in-other", "access.granted", granted(OTHER)),
                    TestDevice.payload("denied-1", "access.denied",
                            "{\"direction\":\"in\",\"method\":\"card\",\"reason\":\"visitor of " + PERSON + "\"}"),
                    TestDevice.payload("bad-1", "access.granted",
                            "{\"direction\":\"sideways\",\"method\":\"face\",\"person\":\"" + PERSON + "\"}"),
                    TestDevice.payload("forced-1", "door.forced", "{}")));
            HubFixture.await(Duration.ofSeconds(15), () -> "events, the reject and the alert; " + hub.diagnostics(),
                    () -> count(hub, "SELECT count(*) FROM event") == 5 && count(hub, "SELECT count(*) FROM alert") == 1
                            && count(hub, "SELECT count(*) FROM rejected_message") == 1);
            long alert = (Long) hub.column("SELECT id FROM alert").get(0);
            HttpResponse<String> resolved = hub.post("/api/v1/alerts/" + alert + "/resolve", admin,
                    "{\"outcome\":\"false_alarm\",\"note\":\"resident " + PERSON + " forgot the key\"}");
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

            JsonObject export = new JsonObject(hub.get("/api/v1/admin/persons/" + PERSON, admin).body());
            assertThat(export.getJsonArray("events")).hasSize(2);
            assertThat(export.getJsonArray("mentions").stream().map(o -> ((JsonObject) o).getString("source")))
                    .contains("rejected_message", "alert.note", "audit_log", "event.data");

            hub.stopHub(); // a message about the person now waits in the broker for the hub's session
            gate.publishAll(hub.mqttUrl(), List.of(TestDevice.payload("late-1", "access.granted", granted(PERSON))));
            int erased = new PostgisPersonData(hub.dataSource()).erase(PERSON);
            assertThat(erased).as("two events by person_ref, one quoting it").isEqualTo(3);
            hub.startHub();
            HubFixture.await(Duration.ofSeconds(15), () -> "the queued event stored; " + hub.diagnostics(),
                    () -> count(hub, "SELECT count(*) FROM event WHERE event_id = 'late-1'") == 1);
            assertThat(hub.column("SELECT coalesce(person_ref, 'none') || ' ' || (data->>'person') FROM event "
                    + "WHERE event_id = 'late-1'")).containsExactly("none erased");

            HttpResponse<String> again = hub.http().send(HttpRequest.newBuilder(hub.uri("/api/v1/admin/persons/" + PERSON))
                    .header("Authorization", "Bearer " + admin).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("erasure is idempotent").isEqualTo(200);
            JsonObject after = new JsonObject(hub.get("/api/v1/admin/persons/" + PERSON, admin).body());
            assertThat(after.getJsonArray("events")).isEmpty();
            assertThat(after.getJsonArray("mentions")).isEmpty();
            assertThat(new JsonObject(hub.get("/api/v1/admin/audit?object_type=person&object_id=" + PERSON, admin).body())
                    .getJsonArray("entries").stream().map(o -> ((JsonObject) o).getString("action")))
                    .as("the audit finds the person's entries by the reference, filed under the pseudonym")
                    .contains("person.erase", "person.export");

            assertThat(columnsHolding(hub, PERSON)).as("text columns still holding the reference").isEmpty();
            assertThat(columnsHolding(hub, OTHER)).as("other people's data stays").contains("event.person_ref");
            assertThat(count(hub, "SELECT count(*) FROM erased_person")).isEqualTo(1);
        }
    }

    private static String granted(String person) {
        return "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"" + person + "\"}";
    }

    /** Every text, varchar, json(b) and array column of the hub's tables whose value contains {@code needle}. */
    private static List<String> columnsHolding(HubFixture hub, String needle) throws Exception {
        List<Map.Entry<String, String>> columns = new ArrayList<>();
        try (Connection c = hub.dataSource().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.table_name, c.column_name FROM information_schema.columns c
                  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                   AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')""")) {
            while (rs.next()) {
                columns.add(Map.entry(rs.getString(1), rs.getString(2)));
            }
        }
        assertThat(columns).as("the search covers the tables that held the reference").extracting(Map.Entry::getKey)
                .contains("event", "rejected_message", "alert", "audit_log");
        List<String> holding = new ArrayList<>();
        try (Connection c = hub.dataSource().getConnection()) {
            for (Map.Entry<String, String> col : columns) {
                String sql = "SELECT count(*) FROM \"" + col.getKey() + "\" WHERE strpos(\"" + col.getValue()
                        + "\"::text, ?) > 0";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, needle);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            holding.add(col.getKey() + "." + col.getValue());
                        }
                    }
                }
            }
        }
        return holding;
    }

    private static long count(HubFixture hub, String sql) {
        try {
            return (Long) hub.column(sql).get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
