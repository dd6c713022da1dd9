package org.communityhub.gateway.responders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Untrusted names cannot add links, mentions, markup or lines to a robot message; the backoff doubles to its cap. */
class MarkdownTextTest {

    @Test
    void linksMentionsAndMarkupBecomeInertFullWidthText() {
        String hostile = "1号楼](https://evil.example)<@all> @13800000000 **x** <at user_id=\"all\">\n### boom";
        String safe = MarkdownText.escape(hostile);
        assertThat(safe).doesNotContain("[", "]", "(", ")", "<", ">", "@", "*", "#", "\n", "\"");
        assertThat(safe).startsWith("1号楼］（https:").contains("＜＠all＞", "＠13800000000", "＊＊x＊＊");
        assertThat(MarkdownText.escape("阳光花园 3栋")).isEqualTo("阳光花园 3栋");
        assertThat(MarkdownText.escape(null)).isEmpty();
    }

    @Test
    void retriesDoubleUpToTheCapWaitAMinuteWhenRateLimitedAndStopAfterTheLastAttempt() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(600), 12);
        assertThat(p.after(1, false)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.after(2, false)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.after(4, false)).isEqualTo(Duration.ofSeconds(40));
        assertThat(p.after(11, false)).isEqualTo(Duration.ofSeconds(600));
        assertThat(p.after(12, false)).isNull();
        assertThat(p.after(1, true)).isEqualTo(Duration.ofMinutes(1));
    }
}
