package org.eldercare.gateway.ingest;

import java.util.regex.Pattern;

/**
 * A protocol topic parsed once: who sent it and to which endpoint. Anything that is not a topic of
 * device-protocol.md v1 yields null.
 */
public record InboundAddress(SenderKind senderKind, String senderId, Endpoint endpoint) {

    public enum SenderKind { DEVICE, VISITOR, USER }

    public enum Endpoint { TELEMETRY, MOTION, EVENTS, STATUS, LOCATION, ACKS }

    /** Device ids and app user ids: 1-64 of {@code [A-Za-z0-9_-]}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String PREFIX = "eldercare/v1/";

    public static InboundAddress parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = topic.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3 || !ID.matcher(parts[1]).matches()) {
            return null;
        }
        SenderKind kind;
        Endpoint endpoint;
        switch (parts[0]) {
            case "devices" -> {
                kind = SenderKind.DEVICE;
                endpoint = switch (parts[2]) {
                    case "telemetry" -> Endpoint.TELEMETRY;
                    case "motion" -> Endpoint.MOTION;
                    case "events" -> Endpoint.EVENTS;
                    case "status" -> Endpoint.STATUS;
                    default -> null;
                };
            }
            case "visitors" -> {
                kind = SenderKind.VISITOR;
                endpoint = switch (parts[2]) {
                    case "location" -> Endpoint.LOCATION;
                    case "acks" -> Endpoint.ACKS;
                    default -> null;
                };
            }
            case "users" -> {
                kind = SenderKind.USER;
                endpoint = "acks".equals(parts[2]) ? Endpoint.ACKS : null;
            }
            default -> {
                return null;
            }
        }
        return endpoint == null ? null : new InboundAddress(kind, parts[1], endpoint);
    }

    /** The sender id as it appears in the topic, best effort, for quarantine rows of unparseable topics. */
    public static String senderOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = topic.substring(PREFIX.length()).split("/", -1);
        return parts.length >= 2 && ID.matcher(parts[1]).matches() ? parts[1] : null;
    }
}
