package org.eldercare.localinfra.mqtt;

import io.moquette.broker.Server;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moquette 0.17 has no shared subscriptions: it takes {@code $share/<group>/<filter>} as an
 * ordinary filter whose first level is the literal "$share". The platform's consumers subscribe
 * that way, so this bridge copies every message published on a topic matching such a filter to
 * {@code $share/<group>/<topic>}, which that literal filter does match. Every subscriber of the
 * group gets every message (no load splitting between replicas), and the copy is made after the
 * publisher's PUBACK, so a broker crash in between loses it for the group: good enough for a
 * single-replica fallback, not for production (see docs/infrastructure.md).
 */
final class SharedSubscriptionBridge extends AbstractInterceptHandler {

    private static final Logger LOG = Logger.getLogger(SharedSubscriptionBridge.class.getName());
    static final String BRIDGE_CLIENT_ID = "local-infra-shared-subscription-bridge";

    private final Server server;
    private final Path registry;
    private final Set<TopicFilters.SharedFilter> filters = ConcurrentHashMap.newKeySet();

    /**
     * @param registry file listing the shared filters seen so far: persistent sessions keep their
     *                 subscriptions across a broker restart without subscribing again
     */
    SharedSubscriptionBridge(Server server, Path registry) throws IOException {
        this.server = server;
        this.registry = registry;
        if (Files.exists(registry)) {
            for (String line : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
                TopicFilters.parseShared(line.strip()).ifPresent(filters::add);
            }
        }
    }

    @Override
    public String getID() {
        return BRIDGE_CLIENT_ID;
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        LOG.log(Level.WARNING, "Moquette session loop error", error);
    }

    @Override
    public void onSubscribe(InterceptSubscribeMessage message) {
        TopicFilters.parseShared(message.getTopicFilter()).ifPresent(filter -> {
            if (filters.add(filter)) {
                remember(filter);
            }
        });
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        ByteBuf payload = message.getPayload();
        try {
            String topic = message.getTopicName();
            if (topic.startsWith("$")) {
                return; // includes our own copies
            }
            for (TopicFilters.SharedFilter filter : filters) {
                if (TopicFilters.matches(filter.filter(), topic)) {
                    MqttPublishMessage copy = MqttMessageBuilders.publish()
                            .topicName(filter.bridgedTopic(topic))
                            .qos(message.getQos())
                            .retained(false)
                            .payload(Unpooled.copiedBuffer(payload.duplicate()))
                            .build();
                    server.internalPublish(copy, BRIDGE_CLIENT_ID);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not copy a message to its shared subscribers", e);
        } finally {
            payload.release();
        }
    }

    private synchronized void remember(TopicFilters.SharedFilter filter) {
        try {
            Files.createDirectories(registry.getParent());
            Files.writeString(registry, filter.subscribedAs() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
