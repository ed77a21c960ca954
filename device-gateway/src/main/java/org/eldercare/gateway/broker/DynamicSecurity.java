package org.eldercare.gateway.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eldercare.mqtt.IncomingMessage;
import org.eldercare.mqtt.MqttConnection;
import org.eldercare.mqtt.PlatformMqtt;
import org.eldercare.web.ProblemException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives Mosquitto's dynamic-security plugin: commands are published to
 * {@code $CONTROL/dynamic-security/v1} and answered on its {@code /response} topic, matched by
 * correlation data. Every replica reads the responses on its own (not shared) subscription and
 * ignores those it did not ask for.
 */
@ApplicationScoped
public class DynamicSecurity {

    private static final Logger LOG = Logger.getLogger(DynamicSecurity.class);
    static final String COMMAND_TOPIC = "$CONTROL/dynamic-security/v1";
    static final String RESPONSE_TOPIC = COMMAND_TOPIC + "/response";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PlatformMqtt mqtt;
    private final ObjectMapper json;
    private final Map<String, UniEmitter<? super JsonNode>> pending = new ConcurrentHashMap<>();
    private volatile MqttConnection responses;

    private final boolean enabled;

    public DynamicSecurity(PlatformMqtt mqtt, ObjectMapper json,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "eldercare.broker.accounts", defaultValue = "dynsec") String accounts) {
        this.mqtt = mqtt;
        this.json = json;
        // "http": the broker asks the gateway for every login and topic (BrokerAuthResource), so
        // there are no broker-side accounts to keep in step (EMQX, the embedded broker).
        this.enabled = "dynsec".equals(accounts);
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        if (enabled) {
            responses = mqtt.consume("dynsec", Map.of(RESPONSE_TOPIC, 1), this::onResponse);
        }
    }

    /** Runs the commands in order; fails (503) if the broker does not answer or refuses one that matters. */
    public Uni<Void> execute(List<Map<String, Object>> commands) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        String correlation = UUID.randomUUID().toString();
        List<Map<String, Object>> tagged = new ArrayList<>();
        for (Map<String, Object> c : commands) {
            Map<String, Object> m = new HashMap<>(c);
            m.put("correlationData", correlation);
            tagged.add(m);
        }
        Uni<JsonNode> answer = Uni.createFrom().<JsonNode>emitter(em -> pending.put(correlation, em))
                .ifNoItem().after(TIMEOUT).failWith(() -> unavailable("the broker did not answer a dynamic-security command"))
                .onTermination().invoke(() -> pending.remove(correlation));
        return awaitConnected()
                .chain(() -> Uni.combine().all().unis(answer,
                                mqtt.publishJson(COMMAND_TOPIC, Map.of("commands", tagged))
                                        .onFailure().transform(e -> unavailable("cannot reach the broker: " + e.getMessage())))
                        .with((a, ignored) -> a))
                .invoke(a -> check(a, tagged))
                .replaceWithVoid();
    }

    private Uni<Void> awaitConnected() {
        // The response subscription must be live before a command goes out, or its answer is lost.
        return Uni.createFrom().item(() -> responses != null && responses.isConnected())
                .onItem().transformToUni(up -> up ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(unavailable("not connected to the broker")))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofMillis(500)).expireIn(5_000);
    }

    private void check(JsonNode answer, List<Map<String, Object>> commands) {
        for (JsonNode r : answer) {
            String command = r.path("command").asText();
            String error = r.hasNonNull("error") ? r.get("error").asText() : null;
            if (!BrokerAccessPolicy.harmless(command, error)) {
                throw unavailable("the broker refused " + command + ": " + error);
            }
        }
    }

    private Uni<Void> onResponse(IncomingMessage m) {
        try {
            JsonNode root = json.readTree(m.payload());
            JsonNode list = root.path("responses");
            String correlation = list.path(0).path("correlationData").asText(null);
            UniEmitter<? super JsonNode> em = correlation == null ? null : pending.remove(correlation);
            if (em != null) {
                em.complete(list);
            }
        } catch (IOException e) {
            LOG.warnf("unreadable dynamic-security response: %s", e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Broker unavailable", detail, null);
    }
}
