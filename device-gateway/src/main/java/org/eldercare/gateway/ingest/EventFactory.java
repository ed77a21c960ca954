package org.eldercare.gateway.ingest;

import org.eldercare.contracts.MotionWindow;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;

/**
 * Turns accepted messages into the platform's normalized events. The eventId is
 * {@code <sender>:<original id>}, so a resend yields the same eventId; events the gateway derives
 * from a message (a low battery seen in telemetry, say) append their type, so they never collide
 * with the message's own event.
 */
public final class EventFactory {

    private EventFactory() {
    }

    public static PlatformEvent vitals(Inbound.Telemetry t, String elderId, long receivedAt) {
        return new PlatformEvent(t.sender() + ":" + t.id(), PlatformEventType.VITALS, elderId, t.sender(), null, t.id(),
                t.ts(), receivedAt, t.loc(), null, t.hr(), t.spo2(), t.steps(), t.battery(), t.worn(), null, null, null,
                null, null);
    }

    /** An event the gateway concluded from a telemetry sample. */
    public static PlatformEvent derived(PlatformEventType type, Inbound.Telemetry t, String elderId, long receivedAt) {
        return new PlatformEvent(t.sender() + ":" + t.id() + ":" + type.name(), type, elderId, t.sender(), null, t.id(),
                t.ts(), receivedAt, t.loc(), null, null, null, null, t.battery(), t.worn(), null, null, null, null, null);
    }

    public static PlatformEvent deviceEvent(Inbound.DeviceEvent e, String elderId, long receivedAt) {
        return PlatformEvent.fromDevice(e.type().platformType(), e.sender(), elderId, e.id(), e.ts(), receivedAt, e.loc(),
                e.ref());
    }

    public static PlatformEvent connectivity(Inbound.Status s, String eventId, String elderId, long receivedAt) {
        PlatformEventType type = s.online() ? PlatformEventType.DEVICE_ONLINE : PlatformEventType.DEVICE_OFFLINE;
        String sourceId = eventId.substring(eventId.indexOf(':') + 1);
        return new PlatformEvent(eventId, type, elderId, s.sender(), null, sourceId, s.ts(), receivedAt, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    public static PlatformEvent visitorLocation(Inbound.VisitorLocation l, long receivedAt) {
        return new PlatformEvent(l.sender() + ":" + l.id(), PlatformEventType.VISITOR_LOCATION, null, null, l.sender(),
                l.id(), l.ts(), receivedAt, l.loc(), null, null, null, null, null, null, l.onDuty(), null, null, null, null);
    }

    public static PlatformEvent ack(Inbound.Ack a, long receivedAt) {
        return new PlatformEvent(a.sender() + ":" + a.id(), PlatformEventType.NOTIFICATION_ACK, null, null, a.sender(),
                a.id(), a.ts(), receivedAt, null, null, null, null, null, null, null, null, a.notificationId(), a.action(),
                a.note(), null);
    }

    public static MotionWindow motion(Inbound.Motion m, String elderId) {
        return new MotionWindow(m.sender() + ":" + m.id(), m.sender(), elderId, m.ts(), m.hz(), m.acc());
    }
}
