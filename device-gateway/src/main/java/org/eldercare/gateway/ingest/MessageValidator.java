package org.eldercare.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eldercare.contracts.GeoPoint;

import java.io.IOException;
import java.util.Set;

/**
 * Checks a payload against device-protocol.md v1: size, JSON, schema (required fields and types),
 * physical ranges and the sender's clock. Knows nothing about devices or storage; pure and fast.
 */
public final class MessageValidator {

    private static final Set<String> ACK_ACTIONS = Set.of("RECEIVED", "ACCEPTED", "DECLINED", "ARRIVED", "RESOLVED");
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_TEXT_LENGTH = 2000;

    private final ObjectMapper json;
    private final IngestLimits limits;

    public MessageValidator(ObjectMapper json, IngestLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    /** Thrown inside the parsing of one message; never escapes {@link #validate}. */
    private static final class Refused extends RuntimeException {
        final RejectReason reason;

        Refused(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    public Validation validate(InboundAddress address, byte[] payload, long now) {
        int max = address.endpoint() == InboundAddress.Endpoint.MOTION ? limits.maxMotionBytes() : limits.maxPayloadBytes();
        if (payload.length > max) {
            return Validation.reject(RejectReason.OVERSIZED, payload.length + " bytes, at most " + max);
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JsonProcessingException e) {
            return Validation.reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return Validation.reject(RejectReason.MALFORMED_JSON, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return Validation.reject(RejectReason.SCHEMA, "payload must be a JSON object");
        }
        try {
            String sender = address.senderId();
            return Validation.ok(switch (address.endpoint()) {
                case TELEMETRY -> new Inbound.Telemetry(sender, id(root), ts(root, now),
                        integer(root, "hr", 20, 250), integer(root, "spo2", 50, 100),
                        integer(root, "steps", 0, 200_000), integer(root, "battery", 0, 100),
                        bool(root, "worn"), loc(root, "loc", false));
                case MOTION -> motion(sender, root, now);
                case EVENTS -> event(sender, root, now);
                case STATUS -> status(sender, root, now);
                case LOCATION -> new Inbound.VisitorLocation(sender, id(root), ts(root, now), loc(root, "loc", true),
                        bool(root, "onDuty"));
                case ACKS -> ack(sender, root, now);
            });
        } catch (Refused r) {
            return Validation.reject(r.reason, r.getMessage());
        }
    }

    private Inbound motion(String sender, JsonNode root, long now) {
        String id = id(root);
        long ts = ts(root, now);
        JsonNode hzNode = root.get("hz");
        if (hzNode == null || !hzNode.isNumber()) {
            throw new Refused(RejectReason.SCHEMA, "hz must be a number");
        }
        double hz = hzNode.asDouble();
        if (!(hz >= 1 && hz <= 200)) {
            throw new Refused(RejectReason.OUT_OF_RANGE, "hz " + hz + " outside 1-200");
        }
        JsonNode acc = root.get("acc");
        if (acc == null || !acc.isArray() || acc.isEmpty()) {
            throw new Refused(RejectReason.SCHEMA, "acc must be a non-empty array of [x,y,z]");
        }
        // 1-10 s per window by the protocol; a little slack for rounding of the rate
        int maxSamples = (int) Math.ceil(hz * 10) + 1;
        if (acc.size() > maxSamples) {
            throw new Refused(RejectReason.OUT_OF_RANGE, acc.size() + " samples, more than 10 s at " + hz + " Hz");
        }
        double[][] samples = new double[acc.size()][];
        for (int i = 0; i < acc.size(); i++) {
            JsonNode s = acc.get(i);
            if (!s.isArray() || s.size() != 3) {
                throw new Refused(RejectReason.SCHEMA, "acc[" + i + "] must be [x,y,z]");
            }
            double[] xyz = new double[3];
            for (int k = 0; k < 3; k++) {
                JsonNode v = s.get(k);
                if (!v.isNumber()) {
                    throw new Refused(RejectReason.SCHEMA, "acc[" + i + "] must hold numbers");
                }
                xyz[k] = v.asDouble();
                if (!(Math.abs(xyz[k]) <= 64)) {
                    throw new Refused(RejectReason.OUT_OF_RANGE, "acc[" + i + "] beyond 64 g");
                }
            }
            samples[i] = xyz;
        }
        return new Inbound.Motion(sender, id, ts, hz, samples);
    }

    private Inbound event(String sender, JsonNode root, long now) {
        String id = id(root);
        long ts = ts(root, now);
        String typeName = text(root, "type", true, 64);
        WatchEventType type = WatchEventType.parse(typeName);
        if (type == null) {
            throw new Refused(RejectReason.UNKNOWN_EVENT_TYPE, "type " + typeName);
        }
        String ref = text(root, "ref", type == WatchEventType.FALL_CANCELLED, MAX_ID_LENGTH);
        return new Inbound.DeviceEvent(sender, id, ts, type, loc(root, "loc", false), ref);
    }

    private Inbound status(String sender, JsonNode root, long now) {
        String state = text(root, "state", true, 16);
        boolean online = switch (state) {
            case "online" -> true;
            case "offline" -> false;
            default -> throw new Refused(RejectReason.SCHEMA, "state must be online or offline");
        };
        // The last will carries no ts: the platform's receive time stands in for it.
        long ts = root.hasNonNull("ts") ? ts(root, now) : now;
        return new Inbound.Status(sender, online, text(root, "fw", false, 64), ts);
    }

    private Inbound ack(String sender, JsonNode root, long now) {
        String id = id(root);
        long ts = ts(root, now);
        String notificationId = text(root, "notificationId", true, MAX_ID_LENGTH);
        String action = text(root, "action", true, 16);
        if (!ACK_ACTIONS.contains(action)) {
            throw new Refused(RejectReason.SCHEMA, "action must be one of " + ACK_ACTIONS);
        }
        return new Inbound.Ack(sender, id, ts, notificationId, action, text(root, "note", false, MAX_TEXT_LENGTH));
    }

    private static String id(JsonNode root) {
        return text(root, "id", true, MAX_ID_LENGTH);
    }

    private long ts(JsonNode root, long now) {
        JsonNode n = root.get("ts");
        if (n == null || n.isNull() || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new Refused(RejectReason.SCHEMA, "ts must be epoch milliseconds");
        }
        long ts = n.asLong();
        if (ts > now + limits.futureSkewMs()) {
            throw new Refused(RejectReason.TS_IN_FUTURE, "ts " + ts + " is " + (ts - now) + " ms ahead");
        }
        if (ts < now - limits.maxAgeMs()) {
            throw new Refused(RejectReason.TS_TOO_OLD, "ts " + ts + " is older than " + limits.maxAgeMs() + " ms");
        }
        return ts;
    }

    private static String text(JsonNode root, String field, boolean required, int maxLength) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new Refused(RejectReason.SCHEMA, field + " is required");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new Refused(RejectReason.SCHEMA, field + " must be a non-empty string");
        }
        if (n.asText().length() > maxLength) {
            throw new Refused(RejectReason.SCHEMA, field + " longer than " + maxLength);
        }
        return n.asText();
    }

    private static Integer integer(JsonNode root, String field, int min, int max) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new Refused(RejectReason.SCHEMA, field + " must be an integer");
        }
        int v = n.asInt();
        if (v < min || v > max) {
            throw new Refused(RejectReason.OUT_OF_RANGE, field + " " + v + " outside " + min + "-" + max);
        }
        return v;
    }

    private static Boolean bool(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new Refused(RejectReason.SCHEMA, field + " must be true or false");
        }
        return n.asBoolean();
    }

    private static GeoPoint loc(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new Refused(RejectReason.SCHEMA, field + " is required");
            }
            return null;
        }
        if (!n.isObject()) {
            throw new Refused(RejectReason.SCHEMA, field + " must be {lat, lon, acc}");
        }
        double lat = coordinate(n, "lat", 90);
        double lon = coordinate(n, "lon", 180);
        Double acc = null;
        JsonNode a = n.get("acc");
        if (a != null && !a.isNull()) {
            if (!a.isNumber()) {
                throw new Refused(RejectReason.SCHEMA, field + ".acc must be a number");
            }
            acc = a.asDouble();
            if (!(acc >= 0 && acc <= 100_000)) {
                throw new Refused(RejectReason.OUT_OF_RANGE, field + ".acc " + acc + " outside 0-100000 m");
            }
        }
        return new GeoPoint(lat, lon, acc);
    }

    private static double coordinate(JsonNode loc, String field, double bound) {
        JsonNode n = loc.get(field);
        if (n == null || !n.isNumber()) {
            throw new Refused(RejectReason.SCHEMA, "loc." + field + " must be a number");
        }
        double v = n.asDouble();
        if (!(v >= -bound && v <= bound)) {
            throw new Refused(RejectReason.OUT_OF_RANGE, "loc." + field + " " + v + " outside +-" + bound);
        }
        return v;
    }
}
