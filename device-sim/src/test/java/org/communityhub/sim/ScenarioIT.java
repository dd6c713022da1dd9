package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.communityhub.contract.DeviceType;
import org.communityhub.sim.ScenarioPlan.Publish;
import org.communityhub.sim.testing.HubSubscriber;
import org.communityhub.sim.testing.HubSubscriber.Received;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.sim.testing.TestDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plays each scenario against the real Mosquitto and checks what a hub subscriber receives. */
class ScenarioIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestDevices devices;

    private final Scenarios scenarios = new Scenarios(new EventFactory(EventIds.newRun("it"), Clock.systemUTC(), new Random()));
    private HubSubscriber hub;

    @BeforeAll
    static void createLogins() throws Exception {
        devices = new TestDevices();
    }

    @AfterAll
    static void removeLogins() {
        devices.remove();
    }

    @BeforeEach
    void subscribe() throws Exception {
        hub = new HubSubscriber(devices.filter());
    }

    @AfterEach
    void unsubscribe() throws Exception {
        hub.close();
    }

    @Test
    void fireSendsAnAlarmThenAResetOnTheFireButtonsTopic() throws Exception {
        ScenarioPlan plan = scenarios.plan("fire", devices.all(), new Scenarios.Options(null, "b-1", 5, 200, 3));
        ScenarioRunner.Result result = ScenarioCommand.play(plan, HubTestServices.mqttUrl(), null);
        assertThat(result.allAcked()).isTrue();
        List<Received> events = hub.await(r -> r.topic().equals(devices.fireButton.eventTopic()), 2, WAIT);
        assertThat(events).hasSize(2);
        JsonNode alarm = PayloadContract.assertValid(events.get(0).payload(), DeviceType.FIRE_BUTTON);
        assertThat(alarm.get("type").asText()).isEqualTo("fire.alarm");
        assertThat(alarm.at("/data/floor").asInt()).isEqualTo(5);
        assertThat(PayloadContract.assertValid(events.get(1).payload(), DeviceType.FIRE_BUTTON).get("type").asText())
                .isEqualTo("fire.reset");
        assertThat(hub.await(r -> r.topic().equals(devices.fireButton.statusTopic()) && r.text().equals("online"), 1, WAIT))
                .isNotEmpty();
    }

    @Test
    void intrusionAndTailgatingSendExactlyTheirEvents() throws Exception {
        ScenarioCommand.play(scenarios.plan("intrusion", devices.all(), new Scenarios.Options(null, null, 3, 0, 3)),
                HubTestServices.mqttUrl(), null);
        ScenarioCommand.play(scenarios.plan("tailgating", devices.all(), new Scenarios.Options(devices.gate2.code(), null, 3, 0,
                4)),
                HubTestServices.mqttUrl(), null);
        List<Received> climbs = hub.await(r -> r.topic().equals(devices.camera.eventTopic()), 1, WAIT);
        assertThat(PayloadContract.assertValid(climbs.get(0).payload(), DeviceType.CAMERA).get("type").asText())
                .isEqualTo("camera.climb");
        List<Received> tailgating = hub.await(r -> r.topic().equals(devices.gate2.eventTopic()), 4, WAIT);
        assertThat(tailgating).hasSize(4);
        for (Received r : tailgating) {
            assertThat(PayloadContract.assertValid(r.payload(),
                    DeviceType.GATE).get("type").asText()).isEqualTo("access.tailgating");
        }
        assertThat(climbs).hasSize(1);
    }

    @Test
    void malformedSendsEachRejectClassOnceBetweenValidEvents() throws Exception {
        ScenarioPlan plan = scenarios.plan("malformed", devices.all(), new Scenarios.Options(devices.gate.code(), null, 3, 0, 3));
        ScenarioRunner.Result result = ScenarioCommand.play(plan, HubTestServices.mqttUrl(), null);
        assertThat(result.allAcked()).as("the broker accepts every message; rejecting is the hub's job").isTrue();
        List<Publish> planned = plan.steps().stream().filter(s -> s instanceof Publish).map(s -> (Publish) s).toList();
        int n = planned.size();
        List<Received> received = hub.await(r -> r.topic().endsWith("/" + devices.gate.code() + "/event"), n, WAIT);
        assertThat(received).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(received.get(i).topic()).isEqualTo(planned.get(i).topic());
            assertThat(received.get(i).payload()).isEqualTo(planned.get(i).payload());
        }
        assertThat(received).allMatch(r -> r.topic().equals(devices.gate.eventTopic()));
        assertThat(received).filteredOn(r -> r.payload().length > Scenarios.MAX_PAYLOAD_BYTES).hasSize(1);
        PayloadContract.assertValid(received.get(0).payload(), DeviceType.GATE);
        PayloadContract.assertValid(received.get(n - 1).payload(), DeviceType.GATE);
    }

    @Test
    void duplicatesResendEveryIdOnce() throws Exception {
        ScenarioPlan plan = scenarios.plan("duplicates", devices.all(), new Scenarios.Options(devices.gate2.code(), null, 3, 0,
                3));
        ScenarioCommand.play(plan, HubTestServices.mqttUrl(), null);
        List<Received> received = hub.await(r -> r.topic().equals(devices.gate2.eventTopic()), 6, WAIT);
        assertThat(received).hasSize(6);
        List<String> ids = received.stream().map(r -> id(r)).toList();
        assertThat(ids.subList(3, 6)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(ids.subList(0, 3)).doesNotHaveDuplicates();
    }

    @Test
    void offlineMakesTheBrokerPublishTheLastWillWithinOneAndAHalfKeepAlives() throws Exception {
        ScenarioPlan plan = scenarios.plan("offline", devices.all(), new Scenarios.Options(devices.camera.code(), null, 3, 0, 3));
        long start = System.nanoTime();
        ScenarioRunner.Result result = ScenarioCommand.play(plan, HubTestServices.mqttUrl(), null);
        assertThat(result.dropped()).isTrue();
        Duration left = Duration.ofSeconds(15).minusNanos(System.nanoTime() - start);
        List<Received> offline = hub.await(r -> r.topic().equals(devices.camera.statusTopic()) && r.text().equals("offline")
                && !r.retained(), 1, left.isNegative() ? Duration.ZERO : left);
        assertThat(offline).as("the last will within 15 s of the start").hasSize(1);
    }

    private static String id(Received r) {
        try {
            return EventJson.MAPPER.readTree(r.payload()).get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
