package org.communityhub.gateway.http.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.communityhub.gateway.responders.Notice;
import org.communityhub.gateway.responders.OnDuty;
import org.junit.jupiter.api.Test;

/** The duty roster's mentions in each robot's format, and the messages without anyone to mention unchanged. */
class RobotMessagesTest {

    private static final Notice PLAIN = new Notice("case_overdue", 0, "【案件超期】#7 噪声扰民", List.of("期限：2030-01-01 08:00"),
            "https://hub.example.cn/#cases", null);
    private static final Notice PAGING = PLAIN.paging(List.of(new OnDuty("guard1", "13800000001"),
            new OnDuty("guard2", null)));

    @Test
    void theOnDutyAreNamedAndTheirNumbersMentionedWhereTheRobotCan() {
        assertThat(PAGING.lines()).last().isEqualTo("值班（0级）：guard1、guard2");
        assertThat(PAGING.phones()).containsExactly("13800000001");

        JsonObject wecom = RobotMessages.wecom(PAGING);
        assertThat(wecom.getString("msgtype")).isEqualTo("text");
        assertThat(wecom.getJsonObject("text").getJsonArray("mentioned_mobile_list")).containsExactly("13800000001");
        assertThat(wecom.getJsonObject("text").getString("content")).contains("＃7", "guard1、guard2", "#cases");

        JsonObject ding = RobotMessages.dingtalk(PAGING);
        assertThat(ding.getJsonObject("at").getJsonArray("atMobiles")).containsExactly("13800000001");
        assertThat(ding.getJsonObject("at").getBoolean("isAtAll")).isFalse();
        assertThat(ding.getJsonObject("markdown").getString("text")).endsWith("@13800000001");

        JsonObject hook = RobotMessages.webhook(PAGING);
        assertThat(hook.getJsonArray("on_duty")).containsExactly(new JsonObject().put("user", "guard1")
                .put("phone", "13800000001"), new JsonObject().put("user", "guard2").putNull("phone"));
        assertThat(RobotMessages.feishu(PAGING).getJsonObject("content").getString("text")).contains("guard1、guard2")
                .doesNotContain("13800000001");
    }

    @Test
    void withNobodyToMentionTheFormatsStayAsTheyWere() {
        assertThat(PLAIN.paging(List.of())).isSameAs(PLAIN);
        assertThat(RobotMessages.wecom(PLAIN).getString("msgtype")).isEqualTo("markdown");
        assertThat(RobotMessages.dingtalk(PLAIN).containsKey("at")).isFalse();
        assertThat(RobotMessages.webhook(PLAIN).containsKey("on_duty")).isFalse();
        assertThat(RobotMessages.webhook(PLAIN).getString("kind")).isEqualTo("case_overdue");
        assertThat(RobotMessages.webhook(PLAIN).containsKey("alert")).isFalse();
    }
}
