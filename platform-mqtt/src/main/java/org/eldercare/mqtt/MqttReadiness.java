package org.eldercare.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every connection to the broker is up. */
@Readiness
@ApplicationScoped
public class MqttReadiness implements HealthCheck {

    private final PlatformMqtt mqtt;

    public MqttReadiness(PlatformMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("MQTT broker").up();
        for (MqttConnection c : mqtt.connections()) {
            b.withData(c.clientId(), c.isConnected() ? "connected" : "down: " + c.lastError());
            if (!c.isConnected()) {
                b.down();
            }
        }
        return b.build();
    }
}
