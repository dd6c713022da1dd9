package org.communityhub.gateway.ingest;

import java.util.ArrayList;
import java.util.List;
import org.communityhub.contract.DeviceTopic;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.Rejection;

/** Splits a batch the store refused, to isolate the message at fault. Stateless. */
final class BatchSplitter {

    private BatchSplitter() {
    }

    /** Two batches with the items of {@code batch} in order: first half, second half. */
    static List<IngestBatch> halves(IngestBatch batch) {
        List<Object> items = new ArrayList<>(batch.size());
        items.addAll(batch.events());
        items.addAll(batch.rejections());
        items.addAll(batch.statuses());
        int mid = items.size() / 2;
        return List.of(of(items.subList(0, mid)), of(items.subList(mid, items.size())));
    }

    /** The single event of {@code batch} turned into a rejection that says why it could not be stored. */
    static IngestBatch asRejection(IngestBatch batch, String why) {
        DeviceEvent e = batch.events().isEmpty() ? null : batch.events().get(0).event();
        if (e == null) {
            return new IngestBatch(List.of(), List.of(), List.of());
        }
        String topic = new DeviceTopic(e.device().community(), e.device().type(), e.device().code(),
                DeviceTopic.Channel.EVENT).topic();
        Rejection r = new Rejection(e.receivedAt(), topic, e.device().code(), e.device().community(),
                RejectReason.INVALID_FIELD, "the database cannot store event '" + e.id() + "' ("
                + e.type().code() + " at " + e.time() + "): " + why, withoutPerson(e.data()), e.id());
        return new IngestBatch(List.of(), List.of(r), List.of());
    }

    /** The event's data as text for the reject store, without the person reference. */
    private static String withoutPerson(java.util.Map<String, Object> data) {
        java.util.Map<String, Object> kept = new java.util.LinkedHashMap<>(data);
        kept.remove("person");
        return kept.toString();
    }

    private static IngestBatch of(List<Object> items) {
        IngestBatch b = new IngestBatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Object o : items) {
            if (o instanceof DecidedEvent e) {
                b.events().add(e);
            } else if (o instanceof Rejection r) {
                b.rejections().add(r);
            } else if (o instanceof StatusReport s) {
                b.statuses().add(s);
            }
        }
        return b;
    }
}
