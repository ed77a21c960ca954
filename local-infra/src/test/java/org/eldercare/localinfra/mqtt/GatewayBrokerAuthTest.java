package org.eldercare.localinfra.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.subscriptions.Topic;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eldercare.localinfra.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayBrokerAuthTest {

    private BrokerAuthEndpoints gateway;
    private GatewayBrokerAuth auth;

    @BeforeEach
    void start() throws Exception {
        gateway = new BrokerAuthEndpoints(Map.of("w-1", "right-secret"));
        auth = new GatewayBrokerAuth(gateway.baseUrl(), "platform", "platform-dev-secret", Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theServiceAccountIsCheckedWithoutTheGateway() {
        assertTrue(auth.checkValid("alert-service-test-events", "platform", bytes("platform-dev-secret")));
        assertFalse(auth.checkValid("alert-service-test-events", "platform", bytes("guess")));
        assertTrue(auth.canWrite(Topic.asTopic("eldercare/v1/users/u-1/notifications"), "platform", "any"));
        assertTrue(auth.canRead(Topic.asTopic("$share/alert-service/eldercare/v1/devices/+/events"), "platform", "any"));
        assertEquals(0, gateway.authenticateCalls.get() + gateway.authorizeCalls.get());
    }

    @Test
    void devicesAreDecidedByTheGatewayAndDecisionsAreCached() {
        assertTrue(auth.checkValid("w-1", "w-1", bytes("right-secret")));
        assertTrue(auth.checkValid("w-1", "w-1", bytes("right-secret")));
        assertEquals(1, gateway.authenticateCalls.get());
        assertFalse(auth.checkValid("w-1", "w-1", bytes("wrong-secret")));
        assertEquals(2, gateway.authenticateCalls.get());

        assertTrue(auth.canWrite(Topic.asTopic("eldercare/v1/devices/w-1/events"), "w-1", "w-1"));
        assertTrue(auth.canWrite(Topic.asTopic("eldercare/v1/devices/w-1/events"), "w-1", "w-1"));
        assertFalse(auth.canWrite(Topic.asTopic("eldercare/v1/devices/w-2/events"), "w-1", "w-1"));
        assertFalse(auth.canRead(Topic.asTopic("eldercare/v1/devices/w-2/commands"), "w-1", "w-1"));
        assertEquals(3, gateway.authorizeCalls.get());
    }

    @Test
    void clientsWithoutCredentialsAreRefusedOutright() {
        assertFalse(auth.checkValid("w-1", null, null));
        assertFalse(auth.canWrite(Topic.asTopic("eldercare/v1/devices/w-1/events"), null, "w-1"));
        assertEquals(0, gateway.authenticateCalls.get() + gateway.authorizeCalls.get());
    }

    @Test
    void theSharedSecretTravelsInAHeaderAndWithoutItTheGatewayRefuses() throws Exception {
        try (BrokerAuthEndpoints guarded = new BrokerAuthEndpoints(Map.of("w-1", "right-secret"), "broker-only")) {
            GatewayBrokerAuth withSecret = new GatewayBrokerAuth(guarded.baseUrl(), "platform", "platform-dev-secret",
                    "broker-only", Duration.ofSeconds(30), Duration.ofSeconds(5));
            GatewayBrokerAuth withoutSecret = new GatewayBrokerAuth(guarded.baseUrl(), "platform",
                    "platform-dev-secret", Duration.ofSeconds(30), Duration.ofSeconds(5));
            assertTrue(withSecret.checkValid("w-1", "w-1", bytes("right-secret")));
            assertFalse(withoutSecret.checkValid("w-1", "w-1", bytes("right-secret")));
        }
    }

    @Test
    void everyoneButTheServiceAccountIsDeniedWhenTheGatewayIsUnreachable() {
        GatewayBrokerAuth offline = new GatewayBrokerAuth(URI.create("http://127.0.0.1:" + FreePorts.next()),
                "platform", "platform-dev-secret", Duration.ofSeconds(30), Duration.ofSeconds(5));
        assertFalse(offline.checkValid("w-1", "w-1", bytes("right-secret")));
        assertFalse(offline.canWrite(Topic.asTopic("eldercare/v1/devices/w-1/events"), "w-1", "w-1"));
        assertTrue(offline.checkValid("gateway", "platform", bytes("platform-dev-secret")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
