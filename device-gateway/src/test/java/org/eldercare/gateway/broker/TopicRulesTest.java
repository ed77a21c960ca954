package org.eldercare.gateway.broker;

import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRulesTest {

    @Test
    void aWatchPublishesOnlyOnItsOwnDeviceTopics() {
        assertTrue(TopicRules.allowed(true, "w-1", "eldercare/v1/devices/w-1/events", "publish"));
        assertTrue(TopicRules.allowed(true, "w-1", "eldercare/v1/devices/w-1/telemetry", "publish"));
        assertFalse(TopicRules.allowed(true, "w-1", "eldercare/v1/devices/w-2/events", "publish"));
        assertFalse(TopicRules.allowed(true, "w-1", "eldercare/v1/devices/w-1/whatever", "publish"));
        assertFalse(TopicRules.allowed(true, "w-1", "eldercare/internal/v1/events/SOS/E1", "publish"));
        assertFalse(TopicRules.allowed(true, "w-1", "eldercare/internal/demo/v1/events/SOS/E1", "publish"));
        assertFalse(TopicRules.allowed(true, "w-1", Topics.event(PlatformEventType.SOS, "E1"), "publish"));
        assertFalse(TopicRules.allowed(true, "w-1", "eldercare/v1/devices/+/events", "subscribe"));
    }

    @Test
    void anAppUsesOnlyItsOwnUserAndVisitorTopics() {
        assertTrue(TopicRules.allowed(false, "V1", "eldercare/v1/visitors/V1/acks", "publish"));
        assertTrue(TopicRules.allowed(false, "V1", "eldercare/v1/visitors/V1/location", "publish"));
        assertTrue(TopicRules.allowed(false, "u-9", "eldercare/v1/users/u-9/acks", "publish"));
        assertTrue(TopicRules.allowed(false, "u-9", "eldercare/v1/users/u-9/notifications", "subscribe"));
        assertFalse(TopicRules.allowed(false, "u-9", "eldercare/v1/users/u-8/notifications", "subscribe"));
        assertFalse(TopicRules.allowed(false, "u-9", "eldercare/v1/users/+/notifications", "subscribe"));
        assertFalse(TopicRules.allowed(false, "u-9", "eldercare/v1/users/u-9/notifications", "publish"));
        assertFalse(TopicRules.allowed(false, "u-9", "eldercare/v1/devices/u-9/events", "publish"));
    }
}
