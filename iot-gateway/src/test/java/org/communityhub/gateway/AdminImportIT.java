package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin import on a running hub: a broken file is refused with a specific message and the hub
 * keeps serving; a file with some bad features loads the good ones and reports the rest; a device
 * imported while the hub runs can publish at once (the registry cache is refreshed).
 */
class AdminImportIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        admin = hub.login("root", Role.ADMIN, null);
    }

    @Test
    void aFileThatIsNotGeoJsonIsRefusedAndTheHubKeepsRunning() throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/admin/import", admin, "{\"type\":\"Feature\",\"features\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("bad_import_file");
        assertThat(hub.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(hub.post("/api/v1/admin/import?crs=mars", admin, "{}").body()).contains("crs");
        String guard = hub.login("guard", Role.SECURITY, "ita");
        assertThat(hub.post("/api/v1/admin/import", guard, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void goodFeaturesLoadBesideRejectedOnesAndANewDeviceCanPublishAtOnce() throws Exception {
        String file = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[114.0522,22.5422]},
                  "properties":{"layer":"device","code":"ita-fb-9","name":"新按钮","type":"fire_button","building":"ita-b1"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[114.0522,22.5422]},
                  "properties":{"layer":"device","code":"ita-fb-x","name":"坏按钮","type":"fire_button","building":"nope"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[114.0522,22.5422]},
                  "properties":{"layer":"facility","code":"BAD CODE","name":"x","category":"aed"}}
                ]}""";
        HttpResponse<String> r = hub.post("/api/v1/admin/import", admin, file);
        assertThat(r.statusCode()).isEqualTo(422);
        JsonObject report = new JsonObject(r.body());
        assertThat(report.getInteger("loaded_total")).isEqualTo(1);
        assertThat(report.getJsonArray("rejected")).hasSize(2);
        assertThat(report.getString("report")).contains("nope");

        var ds = hub.dataSource();
        var cred = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(InstallationSecrets.DEVICE_KEY))
                .get("ita-fb-9", false).orElseThrow();
        BrokerLogins.add(cred.code(), cred.password(), cred.community(), cred.type().code());
        TestDevice fresh = new TestDevice(cred.code(), cred.password(), cred.community(), cred.type().code());
        MqttClient c = fresh.connect(hub.mqttUrl());
        try {
            fresh.publish(c, TestDevice.payload("new-1", "fire.alarm", "{}"));
        } finally {
            c.disconnect();
            c.close();
        }
        HubFixture.await(Duration.ofSeconds(10), () -> "the new device's alarm; " + hub.diagnostics(), () -> {
            try {
                return hub.get("/api/v1/alerts", admin).body().contains("ita-fb-9");
            } catch (Exception e) {
                return false;
            }
        });
    }
}
