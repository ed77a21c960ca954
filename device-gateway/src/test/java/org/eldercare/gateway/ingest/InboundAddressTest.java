package org.eldercare.gateway.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class InboundAddressTest {

    @Test
    void protocolTopics() {
        assertEquals(new InboundAddress(InboundAddress.SenderKind.DEVICE, "w-1", InboundAddress.Endpoint.TELEMETRY),
                InboundAddress.parse("eldercare/v1/devices/w-1/telemetry"));
        assertEquals(InboundAddress.Endpoint.MOTION, InboundAddress.parse("eldercare/v1/devices/w_1/motion").endpoint());
        assertEquals(InboundAddress.Endpoint.EVENTS, InboundAddress.parse("eldercare/v1/devices/W1/events").endpoint());
        assertEquals(InboundAddress.Endpoint.STATUS, InboundAddress.parse("eldercare/v1/devices/w1/status").endpoint());
        assertEquals(new InboundAddress(InboundAddress.SenderKind.VISITOR, "v-1", InboundAddress.Endpoint.LOCATION),
                InboundAddress.parse("eldercare/v1/visitors/v-1/location"));
        assertEquals(InboundAddress.SenderKind.VISITOR, InboundAddress.parse("eldercare/v1/visitors/v-1/acks").senderKind());
        assertEquals(new InboundAddress(InboundAddress.SenderKind.USER, "u-1", InboundAddress.Endpoint.ACKS),
                InboundAddress.parse("eldercare/v1/users/u-1/acks"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eldercare/v2/devices/w/telemetry", "eldercare/v1/devices/w/bogus", "eldercare/v1/devices/w",
            "eldercare/v1/devices/w/telemetry/x", "eldercare/v1/devices/w w/telemetry", "eldercare/v1/users/u/notifications",
            "eldercare/v1/users/u/location", "eldercare/v1/visitors/v/notifications", "eldercare/v1/things/x/acks",
            "eldercare/v1/devices//telemetry", ""})
    void notProtocolTopics(String topic) {
        assertNull(InboundAddress.parse(topic));
    }

    @Test
    void senderOfAnUnparseableTopicIsStillNamedWhenItCanBe() {
        assertEquals("w-1", InboundAddress.senderOf("eldercare/v1/devices/w-1/bogus"));
        assertNull(InboundAddress.senderOf("other/topic"));
        assertEquals(64, "a".repeat(64).length());
        assertNotNull(InboundAddress.parse("eldercare/v1/devices/" + "a".repeat(64) + "/status"));
        assertNull(InboundAddress.parse("eldercare/v1/devices/" + "a".repeat(65) + "/status"));
    }
}
