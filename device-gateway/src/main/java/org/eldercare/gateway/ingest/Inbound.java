package org.eldercare.gateway.ingest;

import org.eldercare.contracts.GeoPoint;

/** A message from a watch or an app that passed validation, typed by what it is. */
public sealed interface Inbound {

    /** The device id or app user id the message came from (from the topic, which the broker ties to the login). */
    String sender();

    record Telemetry(String sender, String id, long ts, Integer hr, Integer spo2, Integer steps, Integer battery,
                     Boolean worn, GeoPoint loc) implements Inbound {
    }

    record Motion(String sender, String id, long ts, double hz, double[][] acc) implements Inbound {
    }

    record DeviceEvent(String sender, String id, long ts, WatchEventType type, GeoPoint loc, String ref)
            implements Inbound {
    }

    /** {@code ts} is the platform's receive time when the payload carries none (the last will). */
    record Status(String sender, boolean online, String firmware, long ts) implements Inbound {
    }

    record VisitorLocation(String sender, String id, long ts, GeoPoint loc, Boolean onDuty) implements Inbound {
    }

    record Ack(String sender, String id, long ts, String notificationId, String action, String note)
            implements Inbound {
    }
}
