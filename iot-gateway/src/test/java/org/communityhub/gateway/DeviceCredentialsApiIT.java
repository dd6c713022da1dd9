package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Device logins over the API (issue 18, CONTRACT §9) on the real private Mosquitto, whose password and ACL files the
 * hub renders itself from PostgreSQL and reloads by SIGHUP: an issued login works at once (the device's event is
 * stored), a rotated-out password is refused within 5 s, the provisioning QR code holds the same login once, and
 * another community's device is 404.
 */
class DeviceCredentialsApiIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(BrokerLogins::hubOwnedFiles);

    private static JsonObject issue(String token, String code, boolean rotate) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/devices/" + code + "/credentials" + (rotate ? "?rotate=true" : ""),
                token, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static boolean refused(TestDevice device) {
        try {
            MqttClient c = device.connect(hub.mqttUrl());
            c.disconnect();
            c.close();
            return false;
        } catch (MqttException e) {
            return true;
        }
    }

    @Test
    void anIssuedLoginWorksAtOnceAndARotatedOutPasswordIsRefusedWithinFiveSeconds() throws Exception {
        String installer = hub.login("inst-a", Role.INSTALLER, "ita");
        JsonObject first = issue(installer, "ita-cam-1", false);
        assertThat(first.getString("username")).isEqualTo("ita-cam-1");
        assertThat(first.getString("mqtt_url")).isEqualTo(hub.mqttUrl());
        assertThat(first.getString("topic_prefix")).isEqualTo("hub/v1/ita/camera/ita-cam-1");
        TestDevice old = new TestDevice("ita-cam-1", first.getString("password"), "ita", "camera");

        old.publishAll(hub.mqttUrl(), java.util.List.of(TestDevice.payload("cred-1", "heartbeat", "{}")));
        HubFixture.await(Duration.ofSeconds(20), "the device's event is stored", () -> {
            try {
                return hub.get("/api/v1/devices/ita-cam-1/events", installer).body().contains("cred-1");
            } catch (Exception e) {
                return false;
            }
        });

        JsonObject rotated = issue(installer, "ita-cam-1", true);
        assertThat(rotated.getString("password")).isNotEqualTo(first.getString("password"));
        HubFixture.await(Duration.ofSeconds(5), "the rotated-out password is refused", () -> refused(old));
        TestDevice current = new TestDevice("ita-cam-1", rotated.getString("password"), "ita", "camera");
        assertThat(refused(current)).isFalse();
        // Asking again without rotate keeps the login.
        assertThat(issue(installer, "ita-cam-1", false).getString("password")).isEqualTo(rotated.getString("password"));
    }

    @Test
    void theProvisioningQrCodeHoldsTheLoginOnceRightAfterIssuing() throws Exception {
        String installer = hub.login("inst-qr", Role.INSTALLER, "ita");
        assertThat(hub.get("/api/v1/devices/ita-fb-2/provisioning.png", installer).statusCode()).isEqualTo(410);
        JsonObject login = issue(installer, "ita-fb-2", false);
        HttpResponse<byte[]> png = hub.http().send(HttpRequest.newBuilder(hub.uri("/api/v1/devices/ita-fb-2/provisioning.png"))
                .header("Authorization", "Bearer " + installer).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        JsonObject payload = new JsonObject(new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
                Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
        assertThat(payload.getString("format")).isEqualTo("community-hub-device/1");
        assertThat(payload.getString("username")).isEqualTo("ita-fb-2");
        assertThat(payload.getString("password")).isEqualTo(login.getString("password"));
        assertThat(payload.getString("mqtt_url")).isEqualTo(login.getString("mqtt_url"));
        assertThat(payload.getString("topic_prefix")).isEqualTo("hub/v1/ita/fire_button/ita-fb-2");
        assertThat(hub.get("/api/v1/devices/ita-fb-2/provisioning.png", installer).statusCode()).isEqualTo(410);
    }

    @Test
    void anotherCommunitysDeviceIsNotFoundAndOtherRolesAreForbidden() throws Exception {
        String installerB = hub.login("inst-b", Role.INSTALLER, "itb");
        HttpResponse<String> r = hub.post("/api/v1/devices/ita-gate-1/credentials", installerB, "");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("not_found");
        assertThat(hub.get("/api/v1/devices/ita-gate-1/provisioning.png", installerB).statusCode()).isEqualTo(404);
        assertThat(hub.post("/api/v1/devices/nowhere/credentials", installerB, "").statusCode()).isEqualTo(404);
        String guard = hub.login("guard-a", Role.SECURITY, "ita");
        assertThat(hub.post("/api/v1/devices/ita-gate-1/credentials", guard, "").statusCode()).isEqualTo(403);
        String admin = hub.login("admin-x", Role.ADMIN, null);
        assertThat(hub.post("/api/v1/devices/itb-gate-1/credentials?rotate=maybe", admin, "").statusCode())
                .isEqualTo(400);
        assertThat(hub.post("/api/v1/devices/itb-gate-1/credentials", admin, "").statusCode()).isEqualTo(200);
    }
}
