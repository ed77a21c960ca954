package org.eldercare.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {

    @Test
    void withoutAnEnvironmentInternalTopicsAreTheProductionOnes() {
        assertEquals("", Topics.environment(null, null));
        assertEquals("", Topics.environment(" ", ""));
        assertEquals("eldercare/internal/v1/", Topics.internalRoot(""));
    }

    @Test
    void anEnvironmentGetsItsOwnLevelUnderTheInternalRoot() {
        assertEquals("eldercare/internal/demo/v1/", Topics.internalRoot(Topics.environment(null, "demo")));
        assertEquals("eldercare/internal/console-it/v1/", Topics.internalRoot(Topics.environment("console-it", null)));
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariable() {
        assertEquals("test", Topics.environment("test", "demo"));
        assertEquals("demo", Topics.environment("", "demo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Demo", "demo/1", "#", "+", "de mo", "démo", "v1", "v2", "a-name-longer-than-thirty-two-chars"})
    void aNameThatIsNotOnePlainTopicLevelStopsTheStart(String name) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Topics.environment(null, name));
        assertTrue(e.getMessage().startsWith("ELDERCARE_ENVIRONMENT='" + name + "' is not a valid environment name"), e.getMessage());
        IllegalStateException p = assertThrows(IllegalStateException.class, () -> Topics.environment(name, null));
        assertTrue(p.getMessage().startsWith("eldercare.environment='" + name + "'"), p.getMessage());
    }

    @Test
    void everyInternalTopicSitsUnderThisProcesssRootAndDeviceTopicsNever() {
        String root = Topics.internalRoot(Topics.ENVIRONMENT);
        assertEquals(root, Topics.INTERNAL);
        assertEquals(root + "events/SOS/e-1", Topics.event(PlatformEventType.SOS, "e-1"));
        assertEquals(root + "motion/w-1", Topics.motion("w-1"));
        assertEquals(root + "vitals/device-gateway-0", Topics.vitals("device-gateway-0"));
        assertEquals(root + "care-circle/e-1", Topics.careCircle("e-1"));
        assertEquals(root + "visitors/u-1", Topics.visitor("u-1"));
        assertTrue(Topics.INTERNAL.startsWith("eldercare/internal/"), "the broker's access rules know only eldercare/internal/#");
        assertEquals("eldercare/v1/devices/w-1/telemetry", Topics.deviceTopic("w-1", "telemetry"));
        assertEquals("eldercare/v1/users/u-1/notifications", Topics.userNotifications("u-1"));
    }

    @Test
    void theBuildRunsUnitTestsInTheirOwnEnvironment() {
        // The parent pom sets it for every test JVM, so that tests never meet a demo on the shared broker
        assertEquals("test", Topics.ENVIRONMENT);
        assertEquals("eldercare/internal/test/v1/events/FALL/e-1", Topics.event(PlatformEventType.FALL, "e-1"));
    }
}
