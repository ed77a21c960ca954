package org.eldercare.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A normalized event as published on the internal topics. Fields that do not apply to a type are
 * null. {@code eventId} is derived from the sender and its message id, so a resend of the same
 * message yields the same eventId and consumers can drop the repeat.
 *
 * @param eventId         platform-wide unique id: {@code <sender>:<original id>}
 * @param type            what happened
 * @param elderId         the elder it concerns (null for visitor locations and acks)
 * @param deviceId        the watch it came from, if any
 * @param actorId         the patrol visitor or family user for app messages
 * @param sourceMessageId the {@code id} the sender gave the message
 * @param ts              when it happened by the sender's clock, epoch ms UTC
 * @param receivedTs      when the platform received it, epoch ms UTC
 * @param ref             for FALL_CANCELLED the original id of the cancelled FALL
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformEvent(
        String eventId,
        PlatformEventType type,
        String elderId,
        String deviceId,
        String actorId,
        String sourceMessageId,
        long ts,
        long receivedTs,
        GeoPoint loc,
        String ref,
        Integer hr,
        Integer spo2,
        Integer steps,
        Integer battery,
        Boolean worn,
        Boolean onDuty,
        String notificationId,
        String action,
        String note,
        String visitId) {

    /** An event from a watch with only the common fields set. */
    public static PlatformEvent fromDevice(PlatformEventType type, String deviceId, String elderId, String messageId,
                                           long ts, long receivedTs, GeoPoint loc, String ref) {
        return new PlatformEvent(deviceId + ":" + messageId, type, elderId, deviceId, null, messageId, ts, receivedTs,
                loc, ref, null, null, null, null, null, null, null, null, null, null);
    }
}
