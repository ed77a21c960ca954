package org.eldercare.localinfra.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicFiltersTest {

    @Test
    void parsesSharedSubscriptions() {
        assertEquals(Optional.of(new TopicFilters.SharedFilter("alert-service", "eldercare/v1/devices/+/events")),
                TopicFilters.parseShared("$share/alert-service/eldercare/v1/devices/+/events"));
        assertEquals(Optional.of(new TopicFilters.SharedFilter("g", "#")), TopicFilters.parseShared("$share/g/#"));
    }

    @Test
    void rejectsWhatIsNotASharedSubscription() {
        assertEquals(Optional.empty(), TopicFilters.parseShared("eldercare/v1/devices/+/events"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$SYS/broker/load"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/group"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/group/"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share//a/b"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/+/a/b"));
        assertEquals(Optional.empty(), TopicFilters.parseShared("$share/#/a/b"));
        assertEquals(Optional.empty(), TopicFilters.parseShared(null));
    }
}
