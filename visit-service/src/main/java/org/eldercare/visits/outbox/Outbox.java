package org.eldercare.visits.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Queues a message in the caller's transaction; {@link OutboxRelay} publishes it once committed.
 * So a change and its announcement are stored together or not at all, and a broker outage delays
 * the announcement instead of losing it.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> add(String topic, Object payload) {
        OutboxMessage m = new OutboxMessage();
        m.topic = topic;
        try {
            m.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        m.createdAt = Instant.now();
        return m.persist().replaceWithVoid();
    }
}
