package org.eldercare.alert.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.contracts.Topics;
import org.eldercare.mqtt.PlatformMqtt;

import java.nio.charset.StandardCharsets;

/** The patrol and family apps: QoS 1 on {@code eldercare/v1/users/{userId}/notifications}; done on PUBACK. */
@ApplicationScoped
public class MqttAppChannel implements OutboundChannel {

    private final PlatformMqtt mqtt;

    public MqttAppChannel(PlatformMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public String name() {
        return "APP";
    }

    @Override
    public Uni<String> send(PendingNotification n) {
        // The stored payload is already the protocol's Notification JSON.
        return mqtt.publish(Topics.userNotifications(n.address()), n.payload().getBytes(StandardCharsets.UTF_8), 1, false)
                .replaceWith("PUBACK");
    }
}
