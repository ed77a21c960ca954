package org.eldercare.mqtt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Against the project broker: a consumer whose handlers are slow holds at most about
 * {@code maxUnacknowledged} messages; the broker keeps the rest, and delivers them once the
 * handlers catch up, so nothing is lost.
 */
class MqttConnectionIntakeTest {

    private static final int BOUND = 20;
    /** One socket read may hold a few more: messages of 4 KiB, reads of at most 64 KiB. */
    private static final int READ_SLACK = 20;
    private static final int MESSAGES = 150;

    private Vertx vertx;
    private MqttConnection consumer;
    private MqttConnection publisher;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        if (consumer != null) {
            consumer.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void slowHandlersStopTheIntakeAndEveryMessageComesLater() {
        String topic = "eldercare/test/intake/" + UUID.randomUUID();
        List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();
        CompletableFuture<Void> open = new CompletableFuture<>();
        MessageHandler slow = m -> {
            CompletableFuture<Void> done = open.isDone() ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            if (!done.isDone()) {
                held.add(done);
            }
            return Uni.createFrom().completionStage(done).invoke(handled::incrementAndGet);
        };
        String id = "intake-test-" + UUID.randomUUID().toString().substring(0, 8);
        // A clean session: nothing of this test stays queued at the broker afterwards
        consumer = new MqttConnection(vertx, settings(), id, true, Map.of(topic, 1), slow, new SimpleMeterRegistry());
        publisher = new MqttConnection(vertx, settings(), id + "-pub", true, Map.of(), m -> Uni.createFrom().voidItem(),
                new SimpleMeterRegistry());
        consumer.start();
        publisher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.isConnected() && publisher.isConnected());

        byte[] payload = new byte[4096];
        for (int i = 0; i < MESSAGES; i++) {
            publisher.publish(topic, payload, 1, false).await().atMost(Duration.ofSeconds(10));
        }
        // The broker has all of them and would send them all (its window is 200): the consumer stops reading
        await().atMost(Duration.ofSeconds(10)).until(consumer::readingPaused);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> held.size() <= BOUND + READ_SLACK);

        open.complete(null);
        held.forEach(h -> h.complete(null));
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() >= MESSAGES);
        assertEquals(MESSAGES, handled.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.unacknowledged() == 0 && !consumer.readingPaused());
    }

    private static MqttSettings settings() {
        return new MqttSettings() {
            public String host() {
                return Optional.ofNullable(System.getenv("MQTT_HOST")).orElse("127.0.0.1");
            }

            public int port() {
                return Integer.parseInt(Optional.ofNullable(System.getenv("MQTT_PORT")).orElse("1884"));
            }

            public String username() {
                return Optional.ofNullable(System.getenv("MQTT_SERVICE_USER")).orElse("platform");
            }

            public String password() {
                return Optional.ofNullable(System.getenv("MQTT_SERVICE_PASSWORD")).orElse("platform-dev-secret");
            }

            public String instance() {
                return "test";
            }

            public int keepAliveSeconds() {
                return 30;
            }

            public int maxInflight() {
                return 4096;
            }

            public int maxMessageSize() {
                return 2_097_152;
            }

            public int publishWaitSeconds() {
                return 10;
            }

            public boolean ssl() {
                return false;
            }

            public int maxUnacknowledged() {
                return BOUND;
            }

            public int maxInProgress() {
                return 20_000;
            }

            public Optional<String> shareGroupSuffix() {
                return Optional.of("-test");
            }
        };
    }
}
