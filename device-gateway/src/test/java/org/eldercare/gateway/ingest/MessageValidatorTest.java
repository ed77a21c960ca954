package org.eldercare.gateway.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class MessageValidatorTest {

    static final long NOW = 1_763_712_000_000L;
    final MessageValidator v = new MessageValidator(new ObjectMapper(),
            new IngestLimits(16_384, 131_072, 300_000, 7L * 86_400_000));

    Validation check(String endpoint, String json) {
        String topic = switch (endpoint) {
            case "location" -> "eldercare/v1/visitors/v-1/location";
            case "acks" -> "eldercare/v1/users/u-1/acks";
            default -> "eldercare/v1/devices/w-1/" + endpoint;
        };
        return v.validate(InboundAddress.parse(topic), json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void fullTelemetrySample() {
        Validation r = check("telemetry", "{\"id\":\"a\",\"ts\":" + NOW + ",\"hr\":72,\"spo2\":97,\"steps\":10,"
                + "\"battery\":80,\"worn\":true,\"loc\":{\"lat\":39.9,\"lon\":116.1,\"acc\":15}}");
        assertTrue(r.accepted(), r.detail());
        Inbound.Telemetry t = (Inbound.Telemetry) r.inbound();
        assertEquals("w-1", t.sender());
        assertEquals(72, t.hr());
        assertEquals(39.9, t.loc().lat());
        assertEquals(15.0, t.loc().acc());
    }

    @Test
    void onlyIdAndTsAreRequired() {
        Validation r = check("telemetry", "{\"id\":\"a\",\"ts\":" + NOW + ",\"hr\":null}");
        assertTrue(r.accepted());
        assertNull(((Inbound.Telemetry) r.inbound()).hr());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "telemetry|{nope|MALFORMED_JSON",
            "telemetry|[1,2]|SCHEMA",
            "telemetry|{\"ts\":1763712000000}|SCHEMA",
            "telemetry|{\"id\":\"a\"}|SCHEMA",
            "telemetry|{\"id\":7,\"ts\":1763712000000}|SCHEMA",
            "telemetry|{\"id\":\"\",\"ts\":1763712000000}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1.5}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"hr\":\"72\"}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"hr\":72.5}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"worn\":1}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"loc\":[1,2]}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"loc\":{\"lat\":1}}|SCHEMA",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"hr\":300}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"hr\":5}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"spo2\":101}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"battery\":140}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"battery\":-1}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"steps\":-3}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"loc\":{\"lat\":91,\"lon\":0}}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"loc\":{\"lat\":0,\"lon\":-181}}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712000000,\"loc\":{\"lat\":0,\"lon\":0,\"acc\":-1}}|OUT_OF_RANGE",
            "telemetry|{\"id\":\"a\",\"ts\":1763712400001}|TS_IN_FUTURE",
            "telemetry|{\"id\":\"a\",\"ts\":1763107199999}|TS_TOO_OLD",
            "events|{\"id\":\"a\",\"ts\":1763712000000,\"type\":\"PARTY\"}|UNKNOWN_EVENT_TYPE",
            "events|{\"id\":\"a\",\"ts\":1763712000000}|SCHEMA",
            "events|{\"id\":\"a\",\"ts\":1763712000000,\"type\":\"FALL_CANCELLED\"}|SCHEMA",
            "status|{\"state\":\"asleep\"}|SCHEMA",
            "status|{}|SCHEMA",
            "motion|{\"id\":\"a\",\"ts\":1763712000000,\"hz\":25}|SCHEMA",
            "motion|{\"id\":\"a\",\"ts\":1763712000000,\"hz\":25,\"acc\":[]}|SCHEMA",
            "motion|{\"id\":\"a\",\"ts\":1763712000000,\"hz\":25,\"acc\":[[1,2]]}|SCHEMA",
            "motion|{\"id\":\"a\",\"ts\":1763712000000,\"hz\":25,\"acc\":[[1,2,\"x\"]]}|SCHEMA",
            "motion|{\"id\":\"a\",\"ts\":1763712000000,\"hz\":0,\"acc\":[[1,2,3]]}|OUT_OF_RANGE",
            "motion|{\"id\":\"a\",\"ts\":1763712000000,\"hz\":25,\"acc\":[[1,2,300]]}|OUT_OF_RANGE",
            "location|{\"id\":\"a\",\"ts\":1763712000000}|SCHEMA",
            "location|{\"id\":\"a\",\"ts\":1763712000000,\"loc\":{\"lat\":1,\"lon\":1},\"onDuty\":\"yes\"}|SCHEMA",
            "acks|{\"id\":\"a\",\"ts\":1763712000000,\"action\":\"ACCEPTED\"}|SCHEMA",
            "acks|{\"id\":\"a\",\"ts\":1763712000000,\"notificationId\":\"n\",\"action\":\"MAYBE\"}|SCHEMA",
    })
    void refusals(String endpoint, String json, RejectReason reason) {
        Validation r = check(endpoint, json);
        assertFalse(r.accepted(), json);
        assertEquals(reason, r.reason(), r.detail());
        assertNotNull(r.detail());
    }

    @Test
    void oversizedBeforeParsing() {
        String big = "{\"id\":\"a\",\"ts\":" + NOW + ",\"x\":\"" + "y".repeat(17_000) + "\"}";
        assertEquals(RejectReason.OVERSIZED, check("telemetry", big).reason());
        // motion windows may be larger
        StringBuilder acc = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            acc.append(i == 0 ? "" : ",").append("[0.0123,-0.9876,0.1111]");
        }
        Validation m = check("motion", "{\"id\":\"a\",\"ts\":" + NOW + ",\"hz\":100,\"acc\":" + acc + "]}");
        assertTrue(m.accepted(), m.detail());
        assertEquals(1000, ((Inbound.Motion) m.inbound()).acc().length);
    }

    @Test
    void motionLongerThanTenSecondsIsOutOfRange() {
        StringBuilder acc = new StringBuilder("[");
        for (int i = 0; i < 260; i++) {
            acc.append(i == 0 ? "" : ",").append("[0,0,1]");
        }
        assertEquals(RejectReason.OUT_OF_RANGE, check("motion", "{\"id\":\"a\",\"ts\":" + NOW + ",\"hz\":25,\"acc\":" + acc + "]}").reason());
    }

    @Test
    void theLastWillHasNoTimestampAndTakesTheReceiveTime() {
        Inbound.Status s = (Inbound.Status) check("status", "{\"state\":\"offline\"}").inbound();
        assertFalse(s.online());
        assertEquals(NOW, s.ts());
        Inbound.Status on = (Inbound.Status) check("status", "{\"state\":\"online\",\"fw\":\"2.4.1\",\"ts\":" + (NOW - 5) + "}").inbound();
        assertTrue(on.online());
        assertEquals("2.4.1", on.firmware());
        assertEquals(NOW - 5, on.ts());
    }

    @Test
    void eventsAcksAndLocations() {
        Inbound.DeviceEvent e = (Inbound.DeviceEvent) check("events",
                "{\"id\":\"c\",\"ts\":" + NOW + ",\"type\":\"FALL_CANCELLED\",\"ref\":\"f\"}").inbound();
        assertEquals(WatchEventType.FALL_CANCELLED, e.type());
        assertEquals("f", e.ref());
        Inbound.Ack a = (Inbound.Ack) check("acks",
                "{\"id\":\"k\",\"ts\":" + NOW + ",\"notificationId\":\"n\",\"action\":\"RESOLVED\",\"note\":\"ok\"}").inbound();
        assertEquals("u-1", a.sender());
        assertEquals("ok", a.note());
        Inbound.VisitorLocation l = (Inbound.VisitorLocation) check("location",
                "{\"id\":\"l\",\"ts\":" + NOW + ",\"loc\":{\"lat\":1,\"lon\":2},\"onDuty\":false}").inbound();
        assertEquals(Boolean.FALSE, l.onDuty());
        assertNull(l.loc().acc());
    }
}
