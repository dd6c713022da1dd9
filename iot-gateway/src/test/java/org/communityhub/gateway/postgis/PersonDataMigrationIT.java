package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.HubApplication;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Migration V133 over rows an earlier version wrote: the payloads of personal-data rejects go, and
 * alarm-class events lose the person reference they should never have had; access events keep theirs.
 */
class PersonDataMigrationIT {

    private static final String SCRIPT = "/db/migration/gateway/V133__person_erasure_tombstone.sql";

    @Test
    void clearsPersonalPayloadsAndPersonsOnAlarmEvents() throws Exception {
        try (TestDatabase db = TestDatabase.create(HubApplication.MIGRATIONS);
             Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO rejected_message (received_at, topic, device_code, community_code, reason, detail, payload)
                    VALUES (now(), 't', 'g-1', 'c-1', 'personal_data', 'd', '{"person":"张三"}'),
                           (now(), 't', 'g-1', 'c-1', 'malformed_json', 'd', '{"id":"x",');
                    INSERT INTO event (device_code, event_id, event_time, received_at, community_code, device_type, type,
                                       event_class, person_ref, data)
                    VALUES ('fb-1', 'a-1', now(), now(), 'c-1', 'fire_button', 'fire.alarm', 'alarm', 'p-9',
                            '{"floor":2,"person":"p-9"}'),
                           ('g-1', 'g-1', now(), now(), 'c-1', 'gate', 'access.granted', 'access', 'p-9',
                            '{"direction":"in","method":"face","person":"p-9"}')""");
            String script;
            try (InputStream in = PersonDataMigrationIT.class.getResourceAsStream(SCRIPT)) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            s.execute(script);
            assertThat(rows(s, "SELECT reason || ': ' || payload FROM rejected_message ORDER BY reason")).containsExactly(
                    "malformed_json: {\"id\":\"x\",", "personal_data: (payload withheld: personal data)");
            assertThat(rows(s, "SELECT event_id || ' ' || coalesce(person_ref, '-') || ' ' || data::text FROM event "
                    + "ORDER BY event_id")).containsExactly("a-1 - {\"floor\": 2}",
                    "g-1 p-9 {\"method\": \"face\", \"person\": \"p-9\", \"direction\": \"in\"}");
        }
    }

    private static List<String> rows(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
