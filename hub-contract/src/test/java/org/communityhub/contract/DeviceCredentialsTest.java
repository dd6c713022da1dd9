package org.communityhub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The device login line that {@code ./hub device credentials} prints and the simulator reads. */
class DeviceCredentialsTest {

    @Test
    void aLineReadsBackToTheSameCredentials() {
        DeviceCredentials gate = new DeviceCredentials("g-1", "s3cr=t", "c-1", DeviceType.GATE, "b-1", null);
        assertThat(gate.line()).isEqualTo("username=g-1 password=s3cr=t community=c-1 type=gate building=b-1");
        assertThat(DeviceCredentials.parse(gate.line())).isEqualTo(gate);
        DeviceCredentials cam = new DeviceCredentials("cam-1", "p", "c-2", DeviceType.CAMERA, null, "q-1");
        assertThat(DeviceCredentials.parse("  " + cam.line() + "  ")).isEqualTo(cam);
    }

    @Test
    void topicsFollowTheGrammarAndPrintingLeavesThePasswordOut() {
        DeviceCredentials fb = new DeviceCredentials("fb-1", "hunter2", "c-1", DeviceType.FIRE_BUTTON, "b-1", null);
        assertThat(fb.eventTopic()).isEqualTo("hub/v1/c-1/fire_button/fb-1/event");
        assertThat(fb.statusTopic()).isEqualTo("hub/v1/c-1/fire_button/fb-1/status");
        assertThat(fb.toString()).doesNotContain("hunter2");
        assertThat(fb.place()).isEqualTo("building b-1");
    }

    @Test
    void aBadLineSaysWhatIsWrongWithoutThePassword() {
        assertThatThrownBy(() -> DeviceCredentials.parse("username=g-1 password=secret community=c-1 type=door"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown device type 'door'")
                .message().doesNotContain("secret");
        assertThatThrownBy(() -> DeviceCredentials.parse("username=g-1 password=p community=c-1"))
                .hasMessage("missing type= (gate, fire_button or camera)");
        assertThatThrownBy(() -> DeviceCredentials.parse("username=g-1 password=p community=c-1 type=gate x"))
                .hasMessage("expected key=value, found 'x'");
    }
}
