package org.eldercare.localinfra.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicFiltersTest {

    @Test
    void singleLevelWildcardMatchesExactlyOneLevel() {
        assertTrue(TopicFilters.matches("eldercare/v1/devices/+/events", "eldercare/v1/devices/w-1/events"));
        assertFalse(TopicFilters.matches("eldercare/v1/devices/+/events", "eldercare/v1/devices/w-1/x/events"));
        assertFalse(TopicFilters.matches("eldercare/v1/devices/+/events", "eldercare/v1/devices/w-1"));
        assertTrue(TopicFilters.matches("a/+", "a/"));
    }

    @Test
    void multiLevelWildcardMatchesTheParentAndEverythingBelow() {
        assertTrue(TopicFilters.matches("eldercare/internal/#", "eldercare/internal"));
        assertTrue(TopicFilters.matches("eldercare/internal/#", "eldercare/internal/v1/events/FALL/e-1"));
        assertFalse(TopicFilters.matches("eldercare/internal/#", "eldercare/v1/devices/w-1/events"));
        assertTrue(TopicFilters.matches("#", "anything/at/all"));
    }

    @Test
    void literalFiltersMatchOnlyThemselves() {
        assertTrue(TopicFilters.matches("a/b", "a/b"));
        assertFalse(TopicFilters.matches("a/b", "a/b/c"));
        assertFalse(TopicFilters.matches("a/b/c", "a/b"));
    }

    @Test
    void wildcardsDoNotMatchSystemTopics() {
        assertFalse(TopicFilters.matches("#", "$SYS/broker/load"));
        assertFalse(TopicFilters.matches("+/broker/load", "$SYS/broker/load"));
        assertTrue(TopicFilters.matches("$SYS/#", "$SYS/broker/load"));
    }

    @Test
    void parsesSharedSubscriptions() {
        Optional<TopicFilters.SharedFilter> parsed = TopicFilters.parseShared("$share/alert-service/eldercare/v1/devices/+/events");
        assertEquals(Optional.of(new TopicFilters.SharedFilter("alert-service", "eldercare/v1/devices/+/events")), parsed);
        assertEquals("$share/alert-service/eldercare/v1/devices/w-1/events",
                parsed.orElseThrow().bridgedTopic("eldercare/v1/devices/w-1/events"));
        assertEquals("$share/alert-service/eldercare/v1/devices/+/events", parsed.orElseThrow().subscribedAs());
    }

    @Test
    void rejectsWhatIsNotASharedSubscription() {
        assertEquals(Optional.empty(), TopicFilters.parseShared("eldercare/v1/devices/+/events"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/group"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/group/"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share//a/b"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/+/a/b"));
        assertEquals(Optional.empty(), TopicFilters.parseShared(null));
    }
}
