package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unacknowledged critical alert is escalated (level 1: all security staff, level 2: admins),
 * audited each time; an acknowledged one is not. Escalation after 1 s here.
 */
class EscalationIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_ESCALATE_AFTER_SECONDS", "1"));

    @Test
    void unacknowledgedFireAlarmsEscalateTwiceAndAcknowledgedOnesStay() throws Exception {
        hub.publish("ita-fb-1", TestDevice.payload("esc-1", "fire.alarm", "{}"));
        hub.publish("itb-fb-1", TestDevice.payload("esc-2", "fire.alarm", "{}"));
        HubFixture.await(Duration.ofSeconds(10), "two alerts", () -> count("SELECT count(*) FROM alert") == 2);
        hub.column("UPDATE alert SET status = 'acknowledged', acknowledged_by = 'x', acknowledged_at = now() "
                + "WHERE device_code = 'itb-fb-1' RETURNING id");
        HubFixture.await(Duration.ofSeconds(20), "escalation to admins", () ->
                count("SELECT escalation_level FROM alert WHERE device_code = 'ita-fb-1'") == 2);
        assertThat(hub.column("SELECT escalation_level FROM alert WHERE device_code = 'itb-fb-1'")).containsExactly(0);
        assertThat(hub.column("SELECT detail FROM audit_log WHERE action = 'alert.escalate' ORDER BY id"))
                .hasSize(2).allMatch(d -> d.toString().contains("escalated to level"));
    }

    private static long count(String sql) {
        try {
            return ((Number) hub.column(sql).get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
