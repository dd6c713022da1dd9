package org.communityhub.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which notice reaches whom, with small recording fakes of the five targets: the device cache, the
 * facility index, the hierarchy cache, the locate index and the live stream.
 */
class ChangeDispatcherTest {

    private final List<String> calls = new ArrayList<>();
    private final ChangeDispatcher dispatcher = new ChangeDispatcher(() -> calls.add("devices.drop"),
            () -> calls.add("facilities.rebuild"), () -> calls.add("hierarchy.drop"), () -> calls.add("areas.rebuild"),
            new RecordingStream(calls));

    @Test
    void anAlertChangeGoesToTheStreamOnly() {
        dispatcher.accept(new ChangeNotice.AlertChanged(7));
        assertThat(calls).containsExactly("stream.alert 7");
    }

    @Test
    void aDeviceStatusChangeReachesTheStreamAndLeavesTheDeviceCache() {
        dispatcher.accept(new ChangeNotice.DeviceChanged("fb-1"));
        assertThat(calls).as("a status change is no registry change: every device's next message would wait for the"
                + " database").containsExactly("stream.device fb-1");
    }

    @Test
    void aRegistryChangeDropsTheDeviceCacheOnly() {
        dispatcher.accept(new ChangeNotice.DevicesChanged());
        assertThat(calls).containsExactly("devices.drop");
    }

    @Test
    void aFacilityChangeRebuildsTheIndexOnly() {
        dispatcher.accept(new ChangeNotice.FacilitiesChanged());
        assertThat(calls).containsExactly("facilities.rebuild");
    }

    @Test
    void aHierarchyChangeDropsTheHierarchyAndRebuildsTheLocateIndex() {
        dispatcher.accept(new ChangeNotice.HierarchyChanged());
        assertThat(calls).containsExactly("hierarchy.drop", "areas.rebuild");
    }

    @Test
    void aGridChangeRebuildsTheLocateIndexOnly() {
        dispatcher.accept(new ChangeNotice.GridsChanged());
        assertThat(calls).containsExactly("areas.rebuild");
    }

    @Test
    void aNotificationGoesToTheStreamOnly() {
        dispatcher.accept(new ChangeNotice.NotificationAdded(3, "wa1"));
        assertThat(calls).containsExactly("stream.notification 3 wa1");
    }

    @Test
    void aResyncDropsTheCachesRebuildsTheIndexAndLetsTheStreamCatchUp() {
        dispatcher.accept(new ChangeNotice.Resync());
        assertThat(calls).containsExactly("devices.drop", "facilities.rebuild", "hierarchy.drop", "areas.rebuild",
                "stream.resync");
    }

    @Test
    void aFailingTargetNeitherStopsTheOthersNorReachesTheCaller() {
        ChangeDispatcher failing = new ChangeDispatcher(() -> {
            throw new IllegalStateException("cache broken");
        }, () -> calls.add("facilities.rebuild"), () -> {
            throw new IllegalStateException("hierarchy broken");
        }, () -> calls.add("areas.rebuild"), new RecordingStream(calls));
        assertThatCode(() -> failing.accept(new ChangeNotice.DeviceChanged("fb-2"))).doesNotThrowAnyException();
        assertThatCode(() -> failing.accept(new ChangeNotice.Resync())).doesNotThrowAnyException();
        assertThat(calls).containsExactly("stream.device fb-2", "facilities.rebuild", "areas.rebuild", "stream.resync");
    }

    private record RecordingStream(List<String> calls) implements ChangeDispatcher.LiveChanges {
        @Override
        public void alertChanged(long id) {
            calls.add("stream.alert " + id);
        }

        @Override
        public void deviceChanged(String code) {
            calls.add("stream.device " + code);
        }

        @Override
        public void notificationAdded(long id, String recipient) {
            calls.add("stream.notification " + id + " " + recipient);
        }

        @Override
        public void resync() {
            calls.add("stream.resync");
        }
    }
}
