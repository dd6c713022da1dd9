package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.junit.jupiter.api.Test;

class CredentialsFileTest {

    @Test
    void parsesDevicesSkippingCommentsAndBlankLines() {
        List<DeviceCredentials> devices = CredentialsFile.parse("creds", List.of(
                "# written by ./hub device credentials --all",
                "",
                "username=g-0001 password=s3cr=t community=c-01 type=gate building=b-01",
                "  username=fb-0001 password=pw community=c-01 type=fire_button building=b-02   ",
                "username=cam-0001 password=pw community=c-02 type=camera compound=q-01"));
        assertThat(devices).hasSize(3);
        DeviceCredentials gate = devices.get(0);
        assertThat(gate.code()).isEqualTo("g-0001");
        assertThat(gate.password()).isEqualTo("s3cr=t");
        assertThat(gate.type()).isEqualTo(DeviceType.GATE);
        assertThat(gate.eventTopic()).isEqualTo("hub/v1/c-01/gate/g-0001/event");
        assertThat(gate.statusTopic()).isEqualTo("hub/v1/c-01/gate/g-0001/status");
        assertThat(devices.get(1).type()).isEqualTo(DeviceType.FIRE_BUTTON);
        assertThat(devices.get(2).compound()).isEqualTo("q-01");
        assertThat(devices.get(2).building()).isNull();
        assertThat(gate.toString()).doesNotContain("s3cr");
    }

    @Test
    void badLinesFailNamingTheLineAndTheProblem() {
        assertError("username=g-1 password=p community=c-1", "creds line 2: missing type=");
        assertError("username=g-1 password=p community=c-1 type=door", "creds line 2: unknown device type 'door'");
        assertError("username=G_1 password=p community=c-1 type=gate", "creds line 2: username 'G_1' is not a code");
        assertError("username=g-1 community=c-1 type=gate", "creds line 2: missing password=");
        assertError("username=g-1 password=p community=c-1 type=gate color=red", "creds line 2: unknown key 'color'");
        assertError("g-1 p c-1 gate", "creds line 2: expected key=value, found 'g-1'");
        assertError("username=g-1 password=p password=q community=c-1 type=gate", "creds line 2: key 'password' given twice");
    }

    @Test
    void aDeviceListedTwiceIsAnError() {
        String line = "username=g-1 password=p community=c-1 type=gate";
        assertThatThrownBy(() -> CredentialsFile.parse("creds", List.of(line, line)))
                .hasMessage("creds line 2: device g-1 is listed twice");
    }

    @Test
    void aMissingFileSaysHowToWriteOne() {
        assertThatThrownBy(() -> CredentialsFile.read(null)).hasMessageContaining("./hub device credentials --all");
        assertThatThrownBy(() -> CredentialsFile.read(Path.of("/nonexistent/creds.txt")))
                .hasMessageContaining("cannot read credentials file /nonexistent/creds.txt");
    }

    private static void assertError(String badLine, String message) {
        List<String> lines = List.of("username=ok-1 password=p community=c-1 type=gate", badLine);
        assertThatThrownBy(() -> CredentialsFile.parse("creds", lines))
                .isInstanceOf(CredentialsFile.CredentialsFileException.class).hasMessageStartingWith(message);
    }
}
